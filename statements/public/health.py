"""What /healthz reports: each part a reader or an editor depends on.

Only the database decides whether readers can be served: without the cache
pages are rendered afresh, and without writable media storage readers still
read; the report says so ("degraded") while the answer stays 200.
"""

import errno
import os
import shutil
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

OK = "ok"
UNAVAILABLE = "unavailable"


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return UNAVAILABLE
    return OK


def cache_state():
    """ "ok" when a value written to the cache reads back; "off" for none."""
    if isinstance(cache, DummyCache):
        return "off"
    token = time.time_ns()
    key = f"healthz:{os.getpid()}"
    try:
        cache.set(key, token, timeout=30)
        answered = cache.get(key) == token
    except Exception:  # a cache that raises is as unavailable as one that hides it
        answered = False
    return OK if answered else UNAVAILABLE


def media_state():
    """ "ok", "full", "read-only" or "unavailable" for uploads on local disk;
    object storage is not probed ("not checked")."""
    if not isinstance(default_storage, FileSystemStorage):
        return "not checked"
    root = settings.MEDIA_ROOT
    try:
        os.makedirs(root, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-") as probe:
            probe.write(b"1")
            probe.flush()
        if shutil.disk_usage(root).free < settings.MEDIA_MIN_FREE_BYTES:
            return "full"
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read-only"
        return UNAVAILABLE
    return OK


def report():
    """(status code, body) for /healthz."""
    parts = {
        "database": database_state(),
        "cache": cache_state(),
        "media": media_state(),
    }
    if parts["database"] != OK:
        status, code = UNAVAILABLE, 503
    elif parts["cache"] in (OK, "off") and parts["media"] in (OK, "not checked"):
        status, code = OK, 200
    else:
        status, code = "degraded", 200
    return code, {"status": status, **parts}
