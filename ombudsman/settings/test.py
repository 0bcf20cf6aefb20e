"""Tests: fast hashing, a private cache and a throw-away media folder."""

import tempfile
from pathlib import Path

from ombudsman.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ombudsman-test-media-"))
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that exercise the page cache turn it on themselves.
PAGE_CACHE_SECONDS = 0
# load_demo creates accounts with published passwords: only here.
DEMO_ALLOWED = True
