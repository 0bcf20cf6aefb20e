"""Error pages that need no database, and development's media view.

Each page here is rendered from a template alone, without the request's
context processors (which would read the session and the user from the
database), in the language the address asks for.
"""

import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.static import serve

logger = logging.getLogger("ombudsman.errors")

# What a database that is down, restarting or unreachable raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def request_language(request):
    """The language the address (then the cookie, then the browser) asks for.

    Reads no session: the session lives in the database, which may be down.
    """
    if request is None:
        return settings.LANGUAGE_CODE
    try:
        return translation.get_language_from_request(request, check_path=True)
    except Exception:  # a request too broken to read stays in the default
        return settings.LANGUAGE_CODE


def _page(request, template_name, status):
    language = request_language(request)
    with translation.override(language):
        body = loader.render_to_string(template_name, {"LANGUAGE_CODE": language})
    response = HttpResponse(body, status=status)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


def database_unavailable(request):
    """503 with Retry-After: the page readers see while the database is down."""
    response = _page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception):
    return _page(request, "400.html", 400)


def permission_denied(request, exception):
    return _page(request, "403.html", 403)


def server_error(request):
    """500, or 503 when what failed was the database (it will be back)."""
    import sys

    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return _page(request, "500.html", 500)


def serve_media(request, path):
    """Uploads from MEDIA_ROOT, in development only (nginx serves them in
    production). The type comes from the generated name's extension, which was
    chosen from the checked content; SecurityMiddleware adds nosniff."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
