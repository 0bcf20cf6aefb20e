"""Media go through Django's storage API only, so object storage works as well
as a local folder: here with Django's in-memory storage."""

import pytest
from django.core.files.storage import default_storage

from statements.models import Attachment
from tests.factories import image_upload, make_statement, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_memory_media(settings):
    # Django's setting_changed handler swaps default_storage for the new one.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_hero_image_and_attachment_without_a_local_folder(client, in_memory_media):
    """Upload, renditions, the page and the attachment all work in memory."""
    statement = make_statement(languages=["en"])
    statement.hero_image = image_upload(size=(1000, 600))
    statement.hero_image_alt = {"en": "Memorial"}
    statement.save()
    Attachment.objects.create(
        statement=statement, file=pdf_upload(), title={"en": "Signed"}
    )
    statement.refresh_from_db()
    assert default_storage.__class__.__name__ == "InMemoryStorage"
    assert default_storage.exists(statement.hero_image.name)
    for rendition in statement.hero_image_renditions["files"]:
        assert default_storage.exists(rendition["name"])
    page = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert 'alt="Memorial"' in page
    assert "(PDF, " in page


def test_s3_settings_come_from_the_environment(monkeypatch):
    """MEDIA_STORAGE=s3 selects django-storages' S3 backend (made to fail
    cleanly, ombudsman.storage) with env options."""
    import importlib

    import ombudsman.settings.base as base

    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "ombudsman-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.org")
    try:
        reloaded = importlib.reload(base)
        storage = reloaded.STORAGES["default"]
        assert storage["BACKEND"] == "ombudsman.storage.S3MediaStorage"
        assert storage["OPTIONS"]["bucket_name"] == "ombudsman-media"
        assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
        from django.utils.module_loading import import_string
        from storages.backends.s3 import S3Storage

        backend = import_string(storage["BACKEND"])
        assert issubclass(backend, S3Storage)
        assert backend(**storage["OPTIONS"]).bucket_name == "ombudsman-media"
    finally:
        monkeypatch.delenv("MEDIA_STORAGE")
        importlib.reload(base)
