"""Turns a cache URL into a CACHES entry, so one variable picks the backend."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def parse_cache_url(url):
    """Return the CACHES entry for ``locmem://``, ``dummy://`` or ``redis://``."""
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme in {"redis", "rediss", "unix"}:
        return {
            "BACKEND": "ombudsman.redis_cache.SharedClientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ombudsman",
        }
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not understood: use locmem://, dummy:// or "
        "redis://host:port/db."
    )
