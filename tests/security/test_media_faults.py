"""The media disk full or read-only, and saves that fail after the upload.

MEDIA_ROOT is a real, tiny tmpfs mounted by the test (root only; CI is
root): filled up, or remounted read-only. The editor gets a form error that
keeps the typed text, and no file, whole or partial, is left behind. A save
that fails after its upload was stored leaves no file either, and an image
of an extreme shape is refused before anything is stored.
"""

import io
import os
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from statements.models import Statement
from tests.factories import image_bytes, make_superuser
from tests.security.test_faults import FAULT_TITLE, install_fault, remove_fault
from tests.security.test_uploads import statement_post

pytestmark = pytest.mark.django_db(transaction=True)


def files_under(root):
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and not path.name.startswith("filler")
    )


def noisy_png(size=(200, 200)):
    """A PNG that does not compress: about 120 KB."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def small_disk(tmp_path, settings):
    """MEDIA_ROOT on a 512 KiB tmpfs of its own."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a tmpfs in CI: {mounted.stderr!r}")
        pytest.skip("needs root to mount a small tmpfs as MEDIA_ROOT")
    settings.MEDIA_ROOT = mount_point
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def fill(root, leave_bytes):
    """Fill the disk until only about ``leave_bytes`` are free."""
    free = os.statvfs(root).f_bavail * os.statvfs(root).f_frsize
    (root / "filler").write_bytes(b"\0" * max(free - leave_bytes, 0))


@pytest.fixture
def editor():
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_superuser())
    return client


def hero(content):
    return {"hero_image": SimpleUploadedFile("hero.png", content, "image/png")}


def test_a_full_media_disk_is_a_form_error_and_leaves_no_file(small_disk, editor):
    fill(small_disk, 16 * 1024)
    response = statement_post(
        editor, "disk-full", hero(noisy_png()), **{"versions-0-title": "Typed text"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "disk for uploads is full" in page
    assert "Typed text" in page
    assert not Statement.objects.filter(slug="disk-full").exists()
    assert files_under(small_disk) == []


def test_a_read_only_media_disk_is_a_form_error(small_disk, editor):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    response = statement_post(
        editor, "read-only", hero(image_bytes("PNG")), **{"versions-0-title": "Kept"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be written to" in page
    assert "Kept" in page
    assert not Statement.objects.filter(slug="read-only").exists()
    health = editor.get("/healthz").json()
    assert health["media"] == "read-only"
    assert health["status"] == "degraded"


def test_healthz_says_when_the_media_disk_is_full(small_disk, client, settings):
    settings.MEDIA_MIN_FREE_BYTES = 64 * 1024
    fill(small_disk, 16 * 1024)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["media"] == "full"


def test_the_editor_uploader_on_a_full_disk_says_so(small_disk, editor):
    fill(small_disk, 16 * 1024)
    response = editor.post(
        "/admin/editor-upload/",
        {"upload": SimpleUploadedFile("big.png", noisy_png(), "image/png")},
    )
    assert response.status_code == 200
    assert response.json()["uploaded"] == 0
    assert "disk for uploads is full" in response.json()["error"]["message"]
    assert files_under(small_disk) == []


def test_a_save_that_fails_after_its_upload_was_stored_leaves_no_file(editor, settings):
    """The hero image and its renditions are written, then the database
    refuses a version: the statement is not saved, and neither are files."""
    install_fault()
    try:
        response = statement_post(
            editor,
            "fails-late",
            hero(image_bytes("PNG", size=(600, 400))),
            **{"versions-0-title": FAULT_TITLE},
        )
    finally:
        remove_fault()
    assert response.status_code in (500, 503)
    assert not Statement.objects.filter(slug="fails-late").exists()
    root = settings.MEDIA_ROOT
    assert not root.exists() or files_under(root) == []


def test_a_successful_save_keeps_its_files(editor, settings):
    response = statement_post(editor, "kept", hero(image_bytes("PNG", size=(600, 400))))
    assert response.status_code == 302
    statement = Statement.objects.get(slug="kept")
    assert (settings.MEDIA_ROOT / statement.hero_image.name).is_file()
    assert len(files_under(settings.MEDIA_ROOT)) > 1  # with its renditions


@pytest.mark.parametrize("size", [(20000, 1), (1, 20000), (3000, 200)])
def test_an_image_of_an_extreme_shape_is_refused(editor, settings, size):
    response = statement_post(editor, "thin", hero(image_bytes("PNG", size=size)))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{size[0]} × {size[1]} pixels" in page
    assert "Crop it" in page
    assert not Statement.objects.filter(slug="thin").exists()
    root = settings.MEDIA_ROOT
    assert not root.exists() or files_under(root) == []
