"""Uploads attacked through the real endpoints: the editor's uploader, the
statement form's hero image and attachments, and the media they end up as.

statements.content.uploads' checks are unit-tested in tests/statements/test_uploads.py;
here every hostile file goes through an HTTP request as a browser (or a
script) would send it, and what is stored on disk is inspected.
"""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from statements.models import Attachment, Statement, StatementKind
from tests.factories import PDF_BYTES, image_bytes, make_person, make_superuser
from tests.security.helpers import form_data

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/editor-upload/"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def stored_files():
    root = settings.MEDIA_ROOT
    if not root.exists():
        return []
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
    )


def outside_media(tmp_path):
    """Files written anywhere under the test's folder but outside MEDIA_ROOT."""
    media = settings.MEDIA_ROOT.resolve()
    return [
        path
        for path in tmp_path.rglob("*")
        if path.is_file() and media not in path.resolve().parents
    ]


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def editor_upload(client, name, content, content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type)
    response = client.post(UPLOAD_URL, {"upload": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.json()


def bomb_png():
    buffer = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buffer, "PNG")
    return buffer.getvalue()


def many_frames_gif(frames, size=(200, 200)):
    images = [
        Image.new("RGB", size, (index * 4 % 255, index, 0)) for index in range(frames)
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def gps_jpeg():
    image = Image.new("RGB", (32, 32), (10, 20, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (40.0, 22.0, 0.0), 3: "E", 4: (49.0, 52.0, 0.0)}
    exif[0x010F] = "SecretCameraMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


REFUSED = [
    ("drawing.svg", SVG_WITH_SCRIPT, "image/svg+xml", "SVG images are not accepted"),
    ("photo.png", SVG_WITH_SCRIPT, "image/png", "SVG images are not accepted"),
    ("photo.jpg", HTML_PAGE, "image/jpeg", "not a valid image"),
    ("photo.png", b"", "image/png", "The file is empty."),
    ("photo.png", image_bytes("PNG")[:40], "image/png", "not a valid image"),
    ("bomb.png", bomb_png(), "image/png", "too large"),
    ("frames.gif", many_frames_gif(60), "image/gif", "too large"),
    ("photo.pdf", PDF_BYTES, "application/pdf", "not a valid image"),
    ("gifar.gif", b"GIF89a/*\x00\x00*/=alert(1)//;", "image/gif", "not a valid image"),
]


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    REFUSED,
    ids=[
        "svg",
        "svg-named-png",
        "html-named-jpg",
        "empty",
        "truncated",
        "decompression-bomb",
        "too-many-frames",
        "pdf-as-image",
        "gif-javascript-polyglot",
    ],
)
def test_editor_uploader_refuses_what_is_not_a_safe_image(
    admin_client, settings, name, content, content_type, message
):
    """Each hostile file answers uploaded=0 with a clear message; nothing is
    stored."""
    settings.UPLOAD_IMAGE_MAX_PIXELS = 2_000_000
    payload = editor_upload(admin_client, name, content, content_type)
    assert payload["uploaded"] == 0
    assert message in payload["error"]["message"]
    assert stored_files() == []


def test_editor_uploader_refuses_a_file_over_the_size_limit(admin_client, settings):
    """A file over UPLOAD_IMAGE_MAX_BYTES is refused with both sizes named."""
    settings.UPLOAD_IMAGE_MAX_BYTES = 1024
    payload = editor_upload(admin_client, "big.png", image_bytes(size=(400, 400)))
    assert payload["uploaded"] == 0
    assert "the limit is 1.0\xa0KB" in payload["error"]["message"]
    assert stored_files() == []


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/cron.d/evil.png",
        "..\\..\\windows\\system32\\evil.png",
        "/etc/passwd.png",
        "evil\x00.php.png",
        "x" * 1000 + ".png",
        "фото отчёт 2025.png",
        "şəkil.png",
        "<script>alert(1)</script>.png",
        ".htaccess",
        "shell.php",
    ],
    ids=[
        "traversal",
        "windows-traversal",
        "absolute",
        "nul-byte",
        "very-long",
        "cyrillic",
        "azerbaijani",
        "markup",
        "dotfile",
        "php",
    ],
)
def test_uploaded_names_never_become_stored_names(admin_client, tmp_path, name):
    """Whatever the uploaded name, the image is stored as editor/YYYY/MM/<hex>.png
    inside MEDIA_ROOT and nowhere else."""
    payload = editor_upload(admin_client, name, image_bytes("PNG"))
    assert payload["uploaded"] == 1
    files = stored_files()
    assert len(files) == 1
    stored = files[0]
    parts = stored.split("/")
    assert parts[0] == "editor" and len(parts) == 4
    assert len(parts[3]) == 36 and parts[3].endswith(".png")
    assert stored.isascii()
    assert outside_media(tmp_path) == []


def test_data_hidden_after_an_image_does_not_reach_the_stored_file(admin_client):
    """A PNG with a script appended is stored re-encoded, without the script."""
    content = image_bytes("PNG") + b"<?php system($_GET['c']); ?><script>x</script>"
    payload = editor_upload(admin_client, "photo.png", content)
    assert payload["uploaded"] == 1
    stored = (settings.MEDIA_ROOT / stored_files()[0]).read_bytes()
    assert b"<?php" not in stored and b"<script>" not in stored


def test_gps_position_is_removed_from_an_uploaded_photo(admin_client):
    """A photo's EXIF (GPS position, camera) is not in the stored copy."""
    payload = editor_upload(admin_client, "photo.jpg", gps_jpeg(), "image/jpeg")
    assert payload["uploaded"] == 1
    stored = (settings.MEDIA_ROOT / stored_files()[0]).read_bytes()
    assert b"SecretCameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


# The statement form: hero image and attachments ------------------------------


def statement_post(client, slug, files=None, **fields):
    url = reverse("admin:statements_statement_add")
    data = form_data(client.get(url).content.decode(), "statement_form")
    data.update(
        {
            "kind": StatementKind.STATEMENT,
            "issued_by": str(make_person().pk),
            "original_language": "en",
            "slug": slug,
            "versions-0-language": "en",
            "versions-0-title": "Uploads",
            "versions-0-status": "draft",
        }
    )
    data.update(fields)
    data.update(files or {})
    return client.post(url, data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SVG_WITH_SCRIPT, "SVG images are not accepted"),
        (HTML_PAGE, "not a valid image"),
        (b"", "The file is empty."),
    ],
    ids=["svg", "html", "empty"],
)
def test_hero_image_is_checked_by_content(admin_client, content, message):
    """A hero image that is not a real image is refused on the form; the
    statement is not saved and nothing is stored."""
    response = statement_post(
        admin_client,
        "hero",
        {"hero_image": SimpleUploadedFile("hero.jpg", content, "image/jpeg")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Statement.objects.filter(slug="hero").exists()
    assert stored_files() == []


def test_hero_image_is_re_encoded_under_a_generated_name(admin_client):
    """A good hero image with a script appended and a hostile name is stored
    re-encoded, under images/YYYY/MM/<hex>.jpg."""
    content = gps_jpeg() + b"<script>alert(1)</script>"
    response = statement_post(
        admin_client,
        "hero-ok",
        {"hero_image": SimpleUploadedFile("../../x.jpg", content, "image/jpeg")},
    )
    assert response.status_code == 302
    statement = Statement.objects.get(slug="hero-ok")
    name = statement.hero_image.name
    assert name.startswith("images/") and name.endswith(".jpg") and ".." not in name
    stored = (settings.MEDIA_ROOT / name).read_bytes()
    assert b"<script>" not in stored and b"SecretCameraMaker" not in stored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (image_bytes("PNG"), "Only PDF files can be attached."),
        (HTML_PAGE, "Only PDF files can be attached."),
        (b"", "The file is empty."),
        (PDF_BYTES[:50], "The PDF is incomplete"),
    ],
    ids=["png-named-pdf", "html-named-pdf", "empty", "truncated"],
)
def test_attachments_must_be_real_pdfs(admin_client, content, message):
    """Only a complete PDF is attached; anything else is refused on the form."""
    response = statement_post(
        admin_client,
        "attached",
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile(
                "signed.pdf", content, "application/pdf"
            ),
            "attachments-0-title_1": "Signed",
            "attachments-0-position": "0",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_over_the_size_limit_is_refused(admin_client, settings):
    """A PDF over UPLOAD_ATTACHMENT_MAX_BYTES is refused."""
    settings.UPLOAD_ATTACHMENT_MAX_BYTES = 100
    response = statement_post(
        admin_client,
        "big-pdf",
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile(
                "signed.pdf", PDF_BYTES, "application/pdf"
            ),
            "attachments-0-title_1": "Signed",
            "attachments-0-position": "0",
        },
    )
    assert response.status_code == 200
    assert "the limit is 100\xa0bytes" in response.content.decode()
    assert not Attachment.objects.exists()


# Serving what was stored ---------------------------------------------------


def test_media_is_served_with_its_real_type_and_nosniff(admin_client, settings):
    """A stored upload is served as the type its content was checked to be,
    with X-Content-Type-Options: nosniff, and no traversal out of MEDIA_ROOT."""
    settings.SERVE_MEDIA = True
    png = editor_upload(admin_client, "photo.jpg", image_bytes("PNG"))["url"]
    jpeg = editor_upload(admin_client, "photo.png", image_bytes("JPEG"), "image/png")
    for url, content_type in ((png, "image/png"), (jpeg["url"], "image/jpeg")):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
    for path in ("/media/../settings.py", "/media/%2e%2e/%2e%2e/etc/passwd"):
        assert admin_client.get(path).status_code in (400, 404)


def test_media_is_not_served_by_django_in_production(client, settings):
    """Without SERVE_MEDIA (production: nginx serves it) /media/ is a 404."""
    settings.SERVE_MEDIA = False
    assert client.get("/media/editor/2025/01/x.png").status_code == 404
