"""The rich-text editor's image upload endpoint (CKEditor's JSON protocol)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ombudsman.storage import MediaStorageError
from statements.content.uploads import editor_image_path, validate_image


@never_cache
@staff_member_required
@require_POST
def editor_upload(request):
    """Receives images dropped or uploaded into CKEditor, answering in its JSON.

    Unlike django-ckeditor's own uploader this view keeps CSRF protection (the
    editor sends the token in a header, see static/js/editor-csrf.js), checks
    the image by its content and stores it under a generated name.
    """
    if not request.user.has_perm("statements.change_statementversion"):
        # Staff who may not write text have nothing to put an image in.
        raise PermissionDenied
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error(_("No file was received."))
    try:
        image = validate_image(upload)
    except ValidationError as error:
        return _upload_error(" ".join(error.messages))
    extension = image.name.rsplit(".", 1)[-1]
    try:
        stored_name = default_storage.save(editor_image_path(extension), image)
    except MediaStorageError as error:
        return _upload_error(str(error))
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": stored_name.rsplit("/", 1)[-1],
            "url": default_storage.url(stored_name),
        }
    )


def _upload_error(message):
    # CKEditor shows error.message to the person who uploaded; the status stays
    # 200 because the editor reads only successful responses' bodies.
    return JsonResponse({"uploaded": 0, "error": {"message": message}})
