"""``manage.py clear_page_cache``: run after a deploy that changed templates or code.

Content changes clear the page cache by themselves; a new release of the
site does not, because nothing in the database changed. Pages already cached
then stay as the old code rendered them until they expire.
"""

from django.core.management.base import BaseCommand

from statements.public.cache import bump_generation


class Command(BaseCommand):
    help = "Makes every page in the public page cache stale (run after a deploy)."

    def handle(self, *args, **options):
        # Every page is stored under the generation it was rendered in.
        bump_generation()
        self.stdout.write("Public page cache cleared: pages are rendered afresh.")
