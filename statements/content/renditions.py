"""Responsive copies of hero images, made once when the image is saved.

Readers get a WebP or JPEG at a width that suits their screen instead of the
full upload; the page lists them in ``srcset`` without touching storage.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image

WIDTHS = (480, 960, 1600)
FORMATS = (("webp", "WEBP", "image/webp"), ("jpg", "JPEG", "image/jpeg"))


def rendition_name(source_name, width, extension):
    stem = source_name.rsplit(".", 1)[0]
    return f"{stem}-{width}w.{extension}"


def make_renditions(field_file):
    """Write the renditions of ``field_file`` and describe them for templates."""
    storage = field_file.storage
    with field_file.open("rb") as handle, Image.open(handle) as image:
        image.load()
        source = image.convert("RGB")
    made = []
    widths = [w for w in WIDTHS if w < source.width] + [min(source.width, WIDTHS[-1])]
    for width in sorted(set(widths)):
        height = round(source.height * width / source.width)
        resized = source.resize((width, height), Image.Resampling.LANCZOS)
        for extension, pillow_format, content_type in FORMATS:
            buffer = io.BytesIO()
            resized.save(buffer, pillow_format, quality=82, optimize=True)
            name = rendition_name(field_file.name, width, extension)
            if storage.exists(name):
                storage.delete(name)
            stored = storage.save(name, ContentFile(buffer.getvalue()))
            made.append(
                {
                    "name": stored,
                    "width": width,
                    "height": height,
                    "type": content_type,
                }
            )
    return {"source": field_file.name, "files": made}


def srcset(renditions, content_type, url):
    return ", ".join(
        f"{url(item['name'])} {item['width']}w"
        for item in renditions.get("files", [])
        if item["type"] == content_type
    )
