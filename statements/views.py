from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from statements.uploads import editor_image_path, validate_image


@require_GET
def home(request):
    """A plain front page that links the admin until the public site exists."""
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request):
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@staff_member_required
@require_POST
def editor_upload(request):
    """Receives images dropped or uploaded into CKEditor, answering in its JSON.

    Unlike django-ckeditor's own uploader this view keeps CSRF protection (the
    editor sends the token in a header, see static/js/editor-csrf.js), checks
    the image by its content and stores it under a generated name.
    """
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error(_("No file was received."))
    try:
        image = validate_image(upload)
    except ValidationError as error:
        return _upload_error(" ".join(error.messages))
    extension = image.name.rsplit(".", 1)[-1]
    stored_name = default_storage.save(editor_image_path(extension), image)
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
