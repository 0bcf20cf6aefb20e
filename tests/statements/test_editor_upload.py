"""Images uploaded into the rich-text editor: staff only, CSRF kept, checked."""

import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import AUTHOR
from tests.factories import image_bytes, make_staff, make_superuser, make_user

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/editor-upload/"
GENERATED_URL = re.compile(r"^/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.(png|jpg)$")


def png(name="holiday photo.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), "image/png")


def stored_files():
    """Every file under MEDIA_ROOT/editor, as storage names."""
    root = settings.MEDIA_ROOT / "editor"
    if not root.exists():
        return []
    return sorted(
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in root.rglob("*")
        if path.is_file()
    )


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff(AUTHOR))
    return client


def test_upload_url_is_the_named_route():
    """CKEditor's configured upload URL is the project's own view."""
    assert reverse("editor_upload") == UPLOAD_URL
    assert settings.CKEDITOR_CONFIGS["default"]["uploadUrl"] == UPLOAD_URL
    assert settings.CKEDITOR_CONFIGS["default"]["filebrowserUploadUrl"] == UPLOAD_URL


def test_anonymous_upload_is_sent_to_the_login_page(client):
    """Someone not signed in is redirected to log in and nothing is stored."""
    response = client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={UPLOAD_URL}"
    assert stored_files() == []


def test_signed_in_non_staff_cannot_upload(client):
    """A signed-in user who is not staff is refused and nothing is stored."""
    client.force_login(make_user())
    response = client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert stored_files() == []


def test_staff_upload_of_a_real_image_is_stored_under_a_generated_name(staff_client):
    """A real PNG answers uploaded=1 with a /media/editor/ URL and a new name."""
    response = staff_client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 200
    payload = response.json()
    assert payload["uploaded"] == 1
    assert GENERATED_URL.match(payload["url"]), payload["url"]
    assert payload["url"].endswith("/" + payload["fileName"])
    assert "holiday" not in payload["url"]
    name = payload["url"].removeprefix(settings.MEDIA_URL)
    assert stored_files() == [name]
    assert default_storage.exists(name)


def test_jpeg_keeps_its_format(staff_client):
    """A JPEG is stored as .jpg whatever the name it was sent with."""
    upload = SimpleUploadedFile("scan.png", image_bytes("JPEG"), "image/png")
    payload = staff_client.post(UPLOAD_URL, {"upload": upload}).json()
    assert payload["uploaded"] == 1
    assert payload["url"].endswith(".jpg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "drawing.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                "image/svg+xml",
            ),
            "SVG images are not accepted (they can carry scripts); use PNG or JPEG.",
        ),
        (
            SimpleUploadedFile("photo.jpg", b"\x00garbage\xff" * 50, "image/jpeg"),
            "The file is not a valid image (or it is damaged).",
        ),
        (SimpleUploadedFile("empty.png", b"", "image/png"), "The file is empty."),
    ],
    ids=["svg", "garbage", "empty"],
)
def test_upload_that_is_not_an_image_is_refused(staff_client, upload, message):
    """Anything but a real image answers uploaded=0 with a message to show."""
    response = staff_client.post(
        UPLOAD_URL, {"upload": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.json() == {"uploaded": 0, "error": {"message": message}}
    assert stored_files() == []


def test_upload_without_a_file_is_refused(staff_client):
    """A request with no file answers uploaded=0."""
    payload = staff_client.post(UPLOAD_URL, HTTP_ACCEPT_LANGUAGE="en").json()
    assert payload == {"uploaded": 0, "error": {"message": "No file was received."}}


def test_get_is_not_allowed(staff_client):
    """Only POST uploads."""
    assert staff_client.get(UPLOAD_URL).status_code == 405


def _csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_superuser())
    # Any admin page sets the CSRF cookie, as the statement form does for the
    # editor.
    client.get("/admin/")
    return client


def test_upload_without_csrf_token_is_forbidden():
    """The upload view is not CSRF-exempt: no token, 403, nothing stored."""
    client = _csrf_client()
    response = client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 403
    assert stored_files() == []


def test_upload_with_csrf_header_is_accepted():
    """With the X-CSRFToken header that editor-csrf.js adds, the upload works."""
    client = _csrf_client()
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(UPLOAD_URL, {"upload": png()}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["uploaded"] == 1


def test_staff_who_may_not_write_cannot_upload(client):
    """A staff account with no role has no text to put an image in: 403, and
    nothing is stored on the site's disk."""
    client.force_login(make_user(is_staff=True))
    response = client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 403
    assert stored_files() == []
