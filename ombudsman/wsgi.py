"""WSGI entry point; production settings unless the environment says otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ombudsman.settings.prod")

# Django is set up by get_wsgi_application() before the page cache is imported.
_django = get_wsgi_application()

from statements.public.fast_hits import PageCacheHits  # noqa: E402

# Stored public pages are answered before Django's request handling.
application = PageCacheHits(_django)
