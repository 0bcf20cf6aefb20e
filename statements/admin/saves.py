"""Saves that fail after the form was valid come back as form errors.

The admin validates a form, then saves it in one transaction. Two things can
still go wrong between the two, and neither may cost the editor a 500 page
and their typed text:

- Someone else created the same thing at the same moment (the same address,
  the same language version of a statement): the unique constraint refuses
  the second insert. The transaction is rolled back and the form validated
  again, which now finds the other row and says so in the form.
- The media storage refuses the file (disk full, read-only, not answering):
  the form is shown again, with everything typed, and the storage's message.

Either way the uploads of the failed save are deleted by
ombudsman.storage.UploadCleanupMiddleware.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ombudsman.storage import MediaStorageError

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


def is_unique_violation(error):
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(error)


class SaveFailuresAsFormErrorsMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MediaStorageError as error:
            request._save_failure = str(error)
        except IntegrityError as error:
            if not is_unique_violation(error) or getattr(request, "_save_retry", False):
                raise
        # The admin's transaction has been rolled back: validate again.
        request._save_retry = True
        _rewind_files(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        failure = getattr(request, "_save_failure", None)
        if failure is None:
            return form

        def clean(self):
            super(failing, self).clean()
            raise ValidationError(failure, code="storage")

        failing = type(form.__name__, (form,), {"clean": clean})
        return failing


def _rewind_files(request):
    for upload in request.FILES.values():
        try:
            upload.seek(0)
        except (OSError, ValueError):
            pass
