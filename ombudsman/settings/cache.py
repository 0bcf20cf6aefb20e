"""Turns a cache URL into a CACHES entry, so one variable picks the backend."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Redis is an accelerator, never a dependency: a Redis that is down, restarting
# or hung must cost a reader a fraction of a second, not the page. Redis on the
# same network answers in well under a millisecond, so these bounds are ample.
REDIS_CONNECT_TIMEOUT = float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.25"))
REDIS_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "0.5"))


def parse_cache_url(url):
    """Return the CACHES entry for ``locmem://``, ``dummy://`` or ``redis://``."""
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme in {"redis", "rediss", "unix"}:
        return redis_cache(url)
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not understood: use locmem://, dummy:// or "
        "redis://host:port/db."
    )


def redis_cache(url, key_prefix="ombudsman"):
    """django-redis, which keeps one client per server and, told to ignore
    connection errors, answers a failed read with "not found" and a failed
    write with nothing, so that the site is served uncached meanwhile."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        },
    }
