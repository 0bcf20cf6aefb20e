"""Local development: debug on, an embedded SQLite database, local hosts only."""

import os

from ombudsman.settings.base import *  # noqa: F403

DEBUG = True
# Development only: a fixed key keeps sessions across restarts of runserver.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# load_demo creates accounts with published passwords: only here.
DEMO_ALLOWED = True
# Uploads are served by runserver here; nginx serves them in production.
SERVE_MEDIA = True
# Password-reset mail is printed in the terminal.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
