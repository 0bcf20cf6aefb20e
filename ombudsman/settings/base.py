"""Settings shared by every environment; the others override a screen's worth."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ombudsman.settings.cache import parse_cache_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "ckeditor",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "statements",
    "readers",
    # After django_otp: accounts replaces the device admin that it registers.
    "accounts",
]

# Security headers are set outside the page cache, so a page served from the
# cache carries them exactly like a freshly rendered one.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every transaction: removes the files of saves that failed.
    "ombudsman.storage.UploadCleanupMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside everything below: a hit costs no session, locale, auth or
    # database work, and a stored page keeps the headers added below it.
    "statements.public.cache.PublicPageCacheMiddleware",
    "ombudsman.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ombudsman.middleware.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reversion.middleware.RevisionMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ombudsman.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "readers.context_processors.complaint",
            ],
            # capfirst with Azerbaijani capitals (i -> İ), in every template.
            "builtins": ["statements.templatetags.wording_builtins"],
        },
    },
]

# Widgets render with the project's templates too (templates/admin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "ombudsman.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# The public site's hottest queries are prepared once per PostgreSQL session
# (statements/public/compiled.py); "false" behind a pooler in transaction mode.
PREPARED_STATEMENTS = os.environ.get("PREPARED_STATEMENTS", "true") == "true"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let a reader and a writer share the file instead
    # of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# A read replica, when there is one, serves anonymous readers' public pages.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["REPLICA_DATABASE_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ombudsman.routers.PublicReadsToReplicaRouter"]

# The public address, for links in e-mails sent outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Where "Submit a complaint" leads: the office's complaint form. Empty, it
# leads to the "How to complain" part of the contact page.
COMPLAINT_URL = os.environ.get("COMPLAINT_URL", "")

CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL", "locmem://"))}
# How long the application keeps a rendered public page (0 turns it off) and
# how long a front cache or browser may keep one: the bound on staleness.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
FRONT_CACHE_SECONDS = int(os.environ.get("FRONT_CACHE_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# The public site's languages, listed once. The first is the default and the
# one a reader lands in when their browser asks for none of these. Adding a
# language here (and running makemigrations, since the language columns carry
# it as a constraint) is all an office needs to publish in it.
LANGUAGE_CODE = "az"
LANGUAGES = [
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Django's storages, made to fail cleanly (ombudsman/storage.py).
    "default": {"BACKEND": "ombudsman.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Media on object storage (S3-compatible, through django-storages) once the
# site runs on more than one machine; a local folder otherwise.
if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "ombudsman.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "admin:login"

# Sign-in: django-axes counts failures per account and per address (either
# locks), before Django's own backend checks the password. See SECURITY.md.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["password", "csrfmiddlewaretoken", "token"]
# How many reverse proxies (nginx) stand in front of the app and append to
# X-Forwarded-For. 0 trusts only the connection's address, so a client cannot
# choose the address its failures are counted against.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Two-factor authentication (TOTP apps such as FreeOTP or Google
# Authenticator); which roles must use it is set in the admin.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Ombudsman statements")

# Staff sessions last a working day, not Django's two weeks.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Headers: Django's SecurityMiddleware sends nosniff, Referrer-Policy and
# Cross-Origin-Opener-Policy; XFrameOptionsMiddleware denies framing.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). The public site runs no inline script
# or style at all; JSON-LD is a data block, which CSP does not execute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The admin: scripts only from this site, never inline; inline styles, which
# the admin's widgets and CKEditor set, are allowed.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Pages that show the rich-text editor, and only those, also allow inline
# script: CKEditor 4 builds its toolbar with inline event handlers and boots
# its editing and upload frames with inline scripts whose text changes from
# page to page, so neither a hash nor a nonce can name them. Scripts still
# come from nowhere but this site, nothing is eval'ed, and connections, images
# and forms stay on this site, so an injected script could not send data away.
EDITOR_CONTENT_SECURITY_POLICY_UPDATE = {"script-src": ["'unsafe-inline'"]}
ADMIN_URL_PREFIX = "/admin/"

# Upload limits, checked against the file's content, not its name.
UPLOAD_IMAGE_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_IMAGE_MAX_PIXELS = 40_000_000
# A banner may be wide, but a 20000 × 1 "image" is no picture: refused.
UPLOAD_IMAGE_MAX_ASPECT_RATIO = 10
UPLOAD_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
# /healthz reports the media disk "full" below this much free space.
MEDIA_MIN_FREE_BYTES = int(
    os.environ.get("MEDIA_MIN_FREE_BYTES", str(UPLOAD_ATTACHMENT_MAX_BYTES))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The admin's largest forms (a statement with its versions and inlines) stay
# well below these; a request past them is answered 400 before it is read.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Any request body larger than this is refused (400) before it is read: the
# largest attachment plus room for the rest of the form.
MAX_REQUEST_BODY_BYTES = UPLOAD_ATTACHMENT_MAX_BYTES + 5 * 1024 * 1024
# Media is served by the front web server in production; only development
# serves it from Django (with its real type and nosniff, like nginx).
SERVE_MEDIA = False
FILE_UPLOAD_PERMISSIONS = 0o644

CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Statement",
        "toolbar_Statement": [
            ["Format"],
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image"],
            ["Undo", "Redo"],
            # No "Source": editors work in the formatted text only, so no
            # one pastes markup the sanitiser would silently drop.
            ["RemoveFormat"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "uploadimage",
        "removePlugins": "exportpdf",
        "height": 360,
        "width": "100%",
        # Only what the server-side sanitiser keeps may be typed, so what an
        # editor sees in the editor is what a reader will see. data-widget is
        # the uploadimage plugin's marker on a pasted or dropped image while it
        # uploads (the editor never outputs it); without it the image stays an
        # inline data: URI and is never uploaded.
        "allowedContent": (
            "p h2 h3 h4 strong em b i ul ol li blockquote br;"
            "a[!href,title];"
            "img[!src,alt,width,height,data-widget]"
        ),
        "uploadUrl": "/admin/editor-upload/",
        "filebrowserUploadUrl": "/admin/editor-upload/",
        "filebrowserUploadMethod": "xhr",
        "image_prefillDimensions": False,
        # CKEditor's own styles, then ours: an image fits the editor's width
        # however narrow the column (a translation page, a phone).
        "contentsCss": [
            f"{STATIC_URL}ckeditor/ckeditor/contents.css",
            f"{STATIC_URL}css/editor-contents.css",
        ],
    }
}

# django-ckeditor warns that CKEditor 4 no longer receives free security
# updates. It is acceptable here because only signed-in staff load the editor
# and every body is sanitised with nh3 on the server before it is stored, so
# nothing the editor lets through reaches a reader. The replacement, when the
# project moves on, is a CKEditor 5 or ProseMirror-based widget behind the
# same sanitiser.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

FORMAT_MODULE_PATH = ["ombudsman.formats"]

# Days before a commemoration on which editors (and translators of missing
# languages) are reminded that this year's statement is not yet published.
ANNIVERSARY_REMINDER_DAYS = [
    int(days) for days in env_list("ANNIVERSARY_REMINDER_DAYS", "21,7")
]
# Public pages of a translation whose source changed since say so.
SHOW_OUTDATED_TRANSLATION_NOTE = (
    os.environ.get("SHOW_OUTDATED_TRANSLATION_NOTE", "true") == "true"
)
