"""Checks uploads by what they contain, and stores them under generated names.

Images are opened and re-encoded with Pillow, which drops anything appended
after the image data and metadata such as GPS positions; attachments must be
real PDFs. The uploaded file name is never used for storage.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Format Pillow detects -> (extension, content type). SVG is never an option:
# it can carry script.
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}


def generated_name(prefix, extension):
    today = timezone.now()
    return f"{prefix}/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def hero_image_path(instance, filename):
    return generated_name("images", _extension_of(filename, "jpg"))


def attachment_path(instance, filename):
    return generated_name("files", "pdf")


def editor_image_path(extension):
    return generated_name("editor", extension)


def _extension_of(filename, default):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    known = {ext for ext, _type in IMAGE_FORMATS.values()} | {"pdf"}
    return extension if extension in known else default


def _size_of(upload):
    return upload.size if upload.size is not None else len(upload.read())


def validate_image(upload):
    """Return a re-encoded copy of ``upload``, or raise ValidationError."""
    size = _size_of(upload)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.UPLOAD_IMAGE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    data = upload.read()
    if b"<svg" in data[:4096].lower():
        raise ValidationError(
            _("SVG images are not accepted (they can carry scripts); use PNG or JPEG."),
            code="svg",
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            pixels = probe.width * probe.height * getattr(probe, "n_frames", 1)
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG, GIF and WebP images are accepted."),
                    code="format",
                )
            if pixels > settings.UPLOAD_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image is too large: at most %(limit)s megapixels."),
                    code="too_many_pixels",
                    params={"limit": settings.UPLOAD_IMAGE_MAX_PIXELS // 1_000_000},
                )
            ratio = settings.UPLOAD_IMAGE_MAX_ASPECT_RATIO
            if max(probe.width, probe.height) > ratio * max(
                min(probe.width, probe.height), 1
            ):
                raise ValidationError(
                    _(
                        "The image is %(width)s × %(height)s pixels: one side may be "
                        "at most %(ratio)s times the other. Crop it, then upload it "
                        "again."
                    ),
                    code="aspect_ratio",
                    params={
                        "width": probe.width,
                        "height": probe.height,
                        "ratio": ratio,
                    },
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            reencoded = _reencode(image, image_format)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image is too large: at most %(limit)s megapixels."),
            code="too_many_pixels",
            params={"limit": settings.UPLOAD_IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            _("The file is not a valid image (or it is damaged)."), code="invalid"
        ) from None
    extension, content_type = IMAGE_FORMATS[image_format]
    return SimpleUploadedFile(f"image.{extension}", reencoded, content_type)


def _reencode(image, image_format):
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=88, optimize=True)
    elif image_format == "GIF" and getattr(image, "n_frames", 1) > 1:
        image.save(output, "GIF", save_all=True)
    else:
        image.save(output, image_format)
    return output.getvalue()


def validate_pdf(upload):
    """Accept ``upload`` only if it is a PDF within the size limit."""
    size = _size_of(upload)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.UPLOAD_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("Only PDF files can be attached."), code="format")
    upload.seek(max(size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise ValidationError(
            _("The PDF is incomplete (it may have been cut off)."), code="truncated"
        )
    return upload
