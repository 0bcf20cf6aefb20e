"""The client address sign-in failures are counted against."""

from django.conf import settings


def client_ip(request):
    """The connection's address, or the one the trusted proxies recorded.

    With TRUSTED_PROXY_COUNT proxies in front, each appending to
    X-Forwarded-For, the entry that many from the right is the one the first
    trusted proxy saw; anything left of it was written by the client and is
    ignored. With no proxy the header is ignored entirely, so a client cannot
    spread its failures over made-up addresses.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
