"""The public page cache: fast, and never showing what a reader should not see.

Pages are cached per URL (which carries the language) under a content
*generation*. Any change to what a page can show bumps the generation, so the
next request renders afresh; old entries are simply never read again and
expire on their own. Because the generation lives in the shared cache
(Redis in production), a change made on one app server is seen by all.

A scheduled statement must appear at its time although nothing is saved then,
so no entry outlives the next scheduled publication. Requests that carry a
session (staff), previews and anything not a plain public GET are never
cached, here or by a front cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from ombudsman.routers import public_read

GENERATION_KEY = "content-generation"
NEXT_RELEASE_KEY = "next-release:{generation}"
# Pages are keyed by URL alone and remember the generation they were built
# under, so that a hit is one round trip to the cache: the generation and the
# page fetched together.
PAGE_KEY = "page:{digest}"
NO_RELEASE = "none"
# Paths that are public and the same for every reader.
CACHEABLE_PREFIXES = ("/sitemap", "/robots.txt")


def _new_generation():
    # Starting from the clock keeps a restarted or flushed cache from
    # reusing numbers that entries written before were keyed by.
    generation = time.time_ns()
    cache.add(GENERATION_KEY, generation, timeout=None)
    return cache.get(GENERATION_KEY, generation)


def current_generation():
    generation = cache.get(GENERATION_KEY)
    return _new_generation() if generation is None else generation


def bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def content_changed():
    """Call after changing anything a public page shows; effective on commit."""
    transaction.on_commit(bump_generation)


def next_release(generation, now):
    """The next time a statement is scheduled to be issued, or None."""
    key = NEXT_RELEASE_KEY.format(generation=generation)
    stored = cache.get(key)
    if stored is not None and (stored == NO_RELEASE or stored > now.timestamp()):
        return None if stored == NO_RELEASE else stored
    from statements.models import Statement

    upcoming = (
        Statement.objects.filter(publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    value = upcoming.timestamp() if upcoming else NO_RELEASE
    cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS or 300)
    return None if value == NO_RELEASE else value


def _seconds_until(release, now, limit):
    """``limit``, cut short by a release at timestamp ``release`` (or None)."""
    if release is None:
        return limit
    return max(0, min(limit, int(release - now.timestamp())))


def _is_public_path(path):
    if path.startswith(CACHEABLE_PREFIXES):
        return True
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return path.startswith(prefixes) and not path.rstrip("/").endswith("/preview")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _is_public_path(request.path)
    )


def _page_key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return PAGE_KEY.format(digest=digest)


class PublicPageCacheMiddleware:
    """Serves public pages from the cache and tells front caches how long to keep.

    Placed just inside the security and conditional-GET middleware, before the
    session, locale and auth middleware and the headers' middleware: a hit is
    one round trip to the cache and no database query, and the page is stored
    with the headers (CSP, framing) the inner middleware gave it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            self._never_store(request, response)
            return response
        token = public_read.set(True)
        try:
            return self._public_response(request)
        finally:
            public_read.reset(token)

    def _public_response(self, request):
        app_seconds = settings.PAGE_CACHE_SECONDS
        front_seconds = settings.FRONT_CACHE_SECONDS
        now = timezone.now()
        key = _page_key(request)
        if app_seconds:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = _new_generation()
            stored = found.get(key)
            if (
                stored is not None
                and stored["generation"] == generation
                and stored["fresh_until"] > now.timestamp()
            ):
                response = _rebuild(stored)
                max_age = _seconds_until(stored["release"], now, front_seconds)
                patch_cache_control(response, public=True, max_age=max_age)
                response["X-Page-Cache"] = "hit"
                return response
        else:
            generation = current_generation()
        response = self.get_response(request)
        if not self._storable(response):
            self._never_store(request, response)
            return response
        try:
            release = next_release(generation, now)
        except DatabaseError:
            # The page was rendered but the database has gone since: serve it
            # once, keep it nowhere.
            self._never_store(request, response)
            return response
        response["Last-Modified"] = http_date(now.timestamp())
        if not response.has_header("ETag"):
            set_response_etag(response)
        if app_seconds:
            keep = _seconds_until(release, now, app_seconds)
            if keep > 0:
                entry = _freeze(response, generation, now, keep, release)
                cache.set(key, entry, timeout=keep)
            response["X-Page-Cache"] = "miss"
        max_age = _seconds_until(release, now, front_seconds)
        patch_cache_control(response, public=True, max_age=max_age)
        return response

    @staticmethod
    def _storable(response):
        vary = {
            name.strip().lower()
            for name in response.get("Vary", "").split(",")
            if name.strip()
        }
        # Vary: Cookie means the session was read: the page is someone's own.
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
            and vary <= {"accept-language"}
        )

    @staticmethod
    def _never_store(request, response):
        if "Cache-Control" in response:
            return
        if request.method not in ("GET", "HEAD") or _is_public_path(request.path):
            # A public URL that was not cached here (a session, an error, a
            # preview) must not be kept by a front cache either.
            patch_cache_control(
                response, private=True, no_cache=True, no_store=True, max_age=0
            )


def _freeze(response, generation, now, keep, release):
    headers = {
        name: value
        for name, value in response.items()
        if name not in ("Cache-Control", "X-Page-Cache")
    }
    return {
        "generation": generation,
        "fresh_until": now.timestamp() + keep,
        "release": release,
        "status": response.status_code,
        "headers": headers,
        "content": response.content,
    }


def _rebuild(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response
