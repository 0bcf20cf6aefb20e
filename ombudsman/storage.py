"""Media storage that fails cleanly: a message for the person, no file left.

- A write that fails (disk full, read-only, object storage not answering)
  removes what it had written and raises MediaStorageError, whose text says
  what happened in words an editor can act on.
- During a request, every file stored is remembered together with the
  transaction it was stored in: if that transaction is rolled back (the save
  failed after the upload was stored, a unique race, a database error), the
  file is deleted when the request ends (UploadCleanupMiddleware). Files
  stored outside a transaction, or in one that commits, are kept.
"""

import errno
import logging
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("ombudsman.storage")

# Files stored during the current request: {(storage, name): the callback
# that on_commit will run, or None once it has run}.
_stored = ContextVar("stored_uploads", default=None)


class MediaStorageError(Exception):
    """The file could not be stored; str() is the message for the editor."""


def storage_error_message(error):
    number = getattr(error, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "The file could not be stored: the server's disk for uploads is "
            "full. Nothing was saved; your text is still below. Tell the site's "
            "administrator, then save again."
        )
    if number in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _(
            "The file could not be stored: the server's storage for uploads "
            "cannot be written to. Nothing was saved; your text is still "
            "below. Tell the site's administrator, then save again."
        )
    return _(
        "The file could not be stored: the server's storage for uploads did "
        "not answer. Nothing was saved; your text is still below. Try again "
        "in a moment."
    )


class CleanFailureMixin:
    def _save(self, name, content):
        try:
            stored = super()._save(name, content)
        except MediaStorageError:
            raise
        except Exception as error:  # any failure of the storage itself
            self._remove_partial(name)
            logger.warning("Storing %s failed: %r", name, error)
            raise MediaStorageError(storage_error_message(error)) from error
        _remember(self, stored)
        return stored

    def _remove_partial(self, name):
        try:
            if self.exists(name):
                self.delete(name)
        except Exception:  # the storage is failing; there is nothing more to do
            logger.warning("Could not remove the partial file %s", name)


class MediaStorage(CleanFailureMixin, FileSystemStorage):
    """Uploads on a local or shared disk (MEDIA_ROOT). Storage.save() has
    just chosen a name nothing is stored under, so a file found there after a
    failed write is that write's remainder."""


def _s3_class():
    from storages.backends.s3 import S3Storage

    class S3MediaStorage(CleanFailureMixin, S3Storage):
        """Uploads on S3-compatible object storage."""

    return S3MediaStorage


def __getattr__(name):
    # Imported only when the settings name it: boto3 need not load otherwise.
    if name == "S3MediaStorage":
        return _s3_class()
    raise AttributeError(name)


def _remember(storage, name):
    stored = _stored.get()
    if stored is None:
        return
    key = (storage, name)

    def committed():
        stored[key] = None

    stored[key] = committed
    # Dropped by Django if the transaction (or savepoint) is rolled back.
    transaction.on_commit(committed)


def _rolled_back(callback):
    """Neither run (committed) nor still waiting for an outer transaction."""
    if callback is None:
        return False
    pending = transaction.get_connection().run_on_commit
    return not any(waiting is callback for _sids, waiting, _robust in pending)


class UploadCleanupMiddleware:
    """Deletes, at the end of a request, the files its rolled-back saves stored.

    Outside every transaction of the request, so that by the time it looks,
    each transaction has either committed (and said so) or been rolled back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stored = {}
        token = _stored.set(stored)
        try:
            return self.get_response(request)
        finally:
            _stored.reset(token)
            for (storage, name), callback in stored.items():
                if _rolled_back(callback):
                    try:
                        storage.delete(name)
                    except Exception:
                        logger.warning("Could not remove %s of a failed save", name)
