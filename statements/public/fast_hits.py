"""Page-cache hits answered before Django's request handling.

A hit through the full stack pays for what it does not use: the request
signals (which look at every database connection), four middleware layers
and the handler's response plumbing: measured, that was over a third of a
hit's time. This WSGI wrapper answers a plain public GET whose current page is
stored, with the same response the full stack would send, and hands every
other request (and any hit that would need work: a block to build, a session
to check, a cache that does not answer) to Django unchanged.

The same response: the stored page carries the headers the inner middleware
gave it (CSP, framing, Vary, language); the security middleware's headers and
its HTTPS redirect, and conditional GET (304), are applied by Django's own
middleware classes, as the full stack would. A request with a session cookie
goes to Django, which decides whether it belongs to a signed-in person. The
page's address (scheme, host, path) is worked out by Django's request class,
and an address whose host is not allowed is handed to Django (which answers
400); no page is ever stored under such an address in the first place.

Ready answers. Even so, a hit unpickled the whole page from the cache,
stitched its "More on this topic" block in, hashed the result for its ETag
and rebuilt the response and its headers: at a few hundred microseconds, most
of a statement page's hit. So each process keeps the answers it last sent
(``ReadyAnswers``): the bytes and headers, keyed by the request's raw
address, with what the answer was checked against (the site's and sections'
generations, and the block's) and how long it is fresh. The next request for
the same address reads only those generations, small numbers, in one round
trip to the cache, and sends the same bytes while they are all unchanged;
the one header that depends on the time, Cache-Control's max-age, is made
afresh. A change anywhere moves a generation as before, so the next request
finds it moved and is answered the long way. A request with a conditional
header or a session cookie always takes the long way, as does any address
the long way has not answered itself.
"""

import logging
import re
import threading
import time

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.middleware.http import ConditionalGetMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils import timezone

from statements.public.cache import (
    _is_public_path,
    cache_health,
    seconds_left,
    stored_response,
)

logger = logging.getLogger("statements.cache")

# Everything of a request that Django reads to work out a page's address
# (scheme, host, script name, path and query), whatever the settings, with
# the header SECURE_PROXY_SSL_HEADER names: two requests alike in all of
# these are for the same page.
ADDRESS_VARIABLES = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "PATH_INFO",
    "QUERY_STRING",
)
# Answered by ConditionalGetMiddleware (304 or 412), never from a ready answer.
CONDITIONAL_VARIABLES = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# What patch_cache_control(public=True, max_age=...) writes on a hit; an
# answer whose header is anything else is not kept ready.
HIT_CACHE_CONTROL = re.compile(r"public, max-age=\d+")
# Per process, the bodies kept ready at most: the hottest pages, well inside
# the workers' memory budget (docs/deployment.md).
READY_BYTES = 8 * 1024 * 1024


def _never_called(request):  # pragma: no cover - the classes are used for their hooks
    raise AssertionError("only process_request/process_response are used")


class ReadyAnswer:
    """An answer as it was sent, with the cache entries it was checked
    against (``checks``: key -> value), until when it is fresh and the
    release that cuts its max-age short."""

    __slots__ = (
        "status",
        "headers",
        "cache_control_at",
        "body",
        "checks",
        "fresh_until",
        "release",
    )

    def __init__(self, status, headers, body, checks, fresh_until, release):
        self.status = status
        self.headers = headers
        self.cache_control_at = next(
            index
            for index, (name, _value) in enumerate(headers)
            if name == "Cache-Control"
        )
        self.body = body
        self.checks = checks
        self.fresh_until = fresh_until
        self.release = release


class ReadyAnswers:
    """The answers last sent, by address, up to READY_BYTES of bodies; the
    least recently sent are let go first (cachetools' LRUCache). Shared by a
    worker's threads (gunicorn's gthread workers), hence the lock."""

    def __init__(self, limit=READY_BYTES):
        self.answers = LRUCache(maxsize=limit, getsizeof=lambda a: len(a.body))
        self.lock = threading.Lock()

    def get(self, address):
        with self.lock:
            return self.answers.get(address)

    def keep(self, address, answer):
        with self.lock:
            self.answers.pop(address, None)
            if self.answers.getsizeof(answer) <= self.answers.maxsize:
                self.answers[address] = answer

    def forget(self, address):
        with self.lock:
            self.answers.pop(address, None)


class PageCacheHits:
    """WSGI middleware: ``application = PageCacheHits(get_wsgi_application())``."""

    def __init__(self, application):
        self.application = application
        self.security = SecurityMiddleware(_never_called)
        self.conditional = ConditionalGetMiddleware(_never_called)
        self.ready = ReadyAnswers()

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and settings.PAGE_CACHE_SECONDS:
            address = _plain_address(environ)
            if address is not None:
                answer, headers = self._ready(address)
                if answer is not None:
                    start_response(answer.status, headers)
                    return [answer.body]
            try:
                response = self._hit(environ)
            except DisallowedHost:
                response = None
            except Exception:
                # The full stack answers, and handles the error its own way.
                logger.exception("The fast path for cached pages failed.")
                response = None
            if response is not None:
                status = f"{response.status_code} {response.reason_phrase}"
                headers = list(response.items())
                if address is not None:
                    # A copy: wsgiref (runserver) adds its Date and Server
                    # headers to the very list it is given.
                    self._keep_ready(address, response, status, headers.copy())
                start_response(status, headers)
                return [response.content]
        return self.application(environ, start_response)

    def _ready(self, address):
        """The ready answer for ``address`` and the headers to send with it
        if it is still current, else (None, None)."""
        answer = self.ready.get(address)
        if answer is None or not cache_health.usable():
            return None, None
        now = time.time()
        if (
            now >= answer.fresh_until
            or cache.get_many(answer.checks.keys()) != answer.checks
        ):
            self.ready.forget(address)
            return None, None
        headers = answer.headers.copy()
        max_age = seconds_left(answer.release, now, settings.FRONT_CACHE_SECONDS)
        headers[answer.cache_control_at] = (
            "Cache-Control",
            f"public, max-age={max_age}",
        )
        return answer, headers

    def _keep_ready(self, address, response, status, headers):
        checks = getattr(response, "page_cache_checks", None)
        if (
            checks is None
            or response.status_code != 200
            or response.get("X-Page-Cache") != "hit"
            or response.get("X-Page-Cache-Fragment") not in (None, "hit")
            or not HIT_CACHE_CONTROL.fullmatch(response.get("Cache-Control", ""))
        ):
            return
        self.ready.keep(
            address,
            ReadyAnswer(
                status,
                headers,
                response.content,
                checks,
                response.page_cache_fresh_until,
                response.page_cache_release,
            ),
        )

    def _hit(self, environ):
        request = WSGIRequest(environ)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if not _is_public_path(request.path):
            return None
        if self.security.process_request(request) is not None:
            return None  # the HTTPS redirect
        response = stored_response(request, timezone.now())
        if response is None or response.cookies:
            return None
        response = self.security.process_response(request, response)
        return self.conditional.process_response(request, response)


def _plain_address(environ):
    """The request's address if a ready answer may be sent for it: None for a
    conditional request or one with what may be a session cookie."""
    if any(name in environ for name in CONDITIONAL_VARIABLES):
        return None
    if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
        return None
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    return (
        environ.get(proxy_header[0]) if proxy_header else None,
        *(environ.get(name) for name in ADDRESS_VARIABLES),
    )
