"""``manage.py restore_site FILE.tar.gz``: see statements/exchange/backups.py."""

import sys

from django.core.management.base import BaseCommand, CommandError

from statements.exchange.backups import BackupError, restore_backup
from statements.models import Statement


class Command(BaseCommand):
    help = (
        "Replace the database's content and the uploaded files with a backup "
        "made by backup_site. The backup is checked first; the database is "
        "replaced in one transaction and checked again, or left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup (.tar.gz) to restore.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask before replacing a database that has content.",
        )
        parser.add_argument(
            "--no-media", action="store_true", help="Restore the database only."
        )

    # Tests pass their own standard input, as with createsuperuser.
    stealth_options = ("stdin",)

    def execute(self, *args, **options):
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)

    def handle(self, *args, file, yes, no_media, **options):
        if not yes and Statement.objects.exists():
            if (
                not self.stdin.isatty()
                or input(
                    "This replaces every statement, account and revision in the "
                    "database with the backup's. Type 'yes' to go on: "
                )
                != "yes"
            ):
                raise CommandError(
                    "The database has content; nothing was restored "
                    "(--yes replaces it without asking)."
                )
        try:
            manifest = restore_backup(file, include_media=not no_media)
        except BackupError as error:
            raise CommandError(f"{error}. Nothing was restored.") from None
        except OSError as error:
            raise CommandError(str(error)) from None
        rows = sum(model["count"] for model in manifest["models"].values())
        files = 0 if no_media else len(manifest["files"])
        self.stdout.write(f"Restored {rows} rows and {files} files from {file}")
