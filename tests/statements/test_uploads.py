"""Uploads are judged by their content: real images and PDFs only, within limits."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from statements.content.uploads import (
    attachment_path,
    hero_image_path,
    validate_image,
    validate_pdf,
)
from tests.factories import PDF_BYTES, image_bytes

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(content, name="file.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type)


def rejection(validator, file):
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value.messages


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "GIF", "WEBP"])
def test_real_images_are_accepted_and_re_encoded(image_format):
    """JPEG, PNG, GIF and WebP pass, and come back in the same format."""
    cleaned = validate_image(upload(image_bytes(image_format), name="x.bin"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == image_format
        assert image.size == (64, 48)


def test_svg_is_refused():
    """SVG can carry script, so it is refused even when named .png."""
    assert rejection(validate_image, upload(SVG, "logo.png", "image/png")) == [
        "SVG images are not accepted (they can carry scripts); use PNG or JPEG."
    ]


def test_text_named_as_image_is_refused():
    """A text file with a .jpg name is not an image."""
    assert rejection(validate_image, upload(b"hello, world " * 20)) == [
        "The file is not a valid image (or it is damaged)."
    ]


def test_empty_file_is_refused():
    """A zero-byte upload is refused with its own message."""
    assert rejection(validate_image, upload(b"")) == ["The file is empty."]
    assert rejection(validate_pdf, upload(b"", "a.pdf", "application/pdf")) == [
        "The file is empty."
    ]


def test_truncated_image_is_refused():
    """Half a PNG is damaged, not accepted."""
    data = image_bytes("PNG", size=(400, 300))
    assert rejection(validate_image, upload(data[: len(data) // 2], "a.png")) == [
        "The file is not a valid image (or it is damaged)."
    ]


def test_oversized_file_is_refused(settings):
    """A file over the byte limit is refused before it is decoded."""
    settings.UPLOAD_IMAGE_MAX_BYTES = 1024
    data = image_bytes("PNG", size=(300, 300))
    data += b"\0" * 2048
    size = len(data)
    with translation.override("en"):
        messages = rejection(validate_image, upload(data, "a.png"))
    assert messages == [
        f"The image is {size / 1024:.1f}\xa0KB; the limit is 1.0\xa0KB."
    ]


def test_too_many_pixels_is_refused(settings):
    """Pixel count (width × height × frames) is limited, whatever the file size."""
    settings.UPLOAD_IMAGE_MAX_PIXELS = 1_000_000
    data = image_bytes("PNG", size=(1001, 1000))
    assert rejection(validate_image, upload(data, "a.png")) == [
        "The image is too large: at most 1 megapixels."
    ]


def test_decompression_bomb_is_refused():
    """A tiny file that decodes to a huge image is refused, not decoded."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1_000_000
    assert rejection(validate_image, upload(buffer.getvalue(), "bomb.png")) == [
        "The image is too large: at most 40 megapixels."
    ]


def test_data_hidden_after_the_image_is_dropped():
    """Anything appended after the image data does not survive re-encoding."""
    data = image_bytes("PNG") + b"<script>alert(1)</script>"
    cleaned = validate_image(upload(data, "a.png")).read()
    assert b"<script>" not in cleaned


def test_photo_metadata_is_stripped():
    """EXIF such as a GPS position is removed from photos."""
    image = Image.new("RGB", (32, 32), (10, 20, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (40.0, 22.0, 0.0)}
    exif[0x010F] = "CameraMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert b"CameraMaker" in buffer.getvalue()
    cleaned = validate_image(upload(buffer.getvalue())).read()
    assert b"CameraMaker" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as reopened:
        assert not reopened.getexif()


def test_pdf_is_accepted():
    """A real PDF passes as an attachment."""
    assert validate_pdf(upload(PDF_BYTES, "signed.pdf", "application/pdf"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (image_bytes("PNG"), "Only PDF files can be attached."),
        (b"MZ\x90\x00 executable", "Only PDF files can be attached."),
        (PDF_BYTES[:60], "The PDF is incomplete (it may have been cut off)."),
    ],
)
def test_non_pdf_attachments_are_refused(content, message):
    """An image, an executable or a cut-off PDF named .pdf is refused."""
    assert rejection(validate_pdf, upload(content, "a.pdf", "application/pdf")) == [
        message
    ]


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.jpg", "a\0b.png", "ş" * 300 + ".png", "фото.jpg"]
)
def test_stored_names_are_generated(name):
    """The uploaded name never becomes the stored path."""
    for path in (hero_image_path(None, name), attachment_path(None, name)):
        assert ".." not in path
        assert "\0" not in path
        assert path.isascii()
        assert len(path) < 80
