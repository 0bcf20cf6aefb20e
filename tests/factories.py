"""Small builders with sensible defaults: ``make_statement(**overrides)``."""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from statements.models import (
    Commemoration,
    CommemorationFigure,
    Person,
    Statement,
    StatementKind,
    StatementVersion,
    Topic,
    VersionStatus,
)

_sequence = itertools.count(1)

TITLES = {
    "az": "Ombudsmanın bəyanatı",
    "en": "Statement by the Ombudsman",
    "ru": "Заявление Омбудсмена",
}


def make_person(**overrides):
    number = next(_sequence)
    values = {
        "key": f"person-{number}",
        "name": {"en": f"Person {number}", "az": f"Şəxs {number}"},
        "role": {"en": "Commissioner for Human Rights"},
    }
    values.update(overrides)
    return Person.objects.create(**values)


def make_topic(**overrides):
    number = next(_sequence)
    values = {"key": f"topic-{number}", "name": {"en": f"Topic {number}"}}
    values.update(overrides)
    return Topic.objects.create(**values)


def make_commemoration(figures=(), **overrides):
    number = next(_sequence)
    values = {
        "key": f"commemoration-{number}",
        "date": datetime.date(1990, 1, 20),
        "name": {"en": "Tragedy of 20 January", "az": "20 Yanvar faciəsi"},
        "description": {"en": "Remembered every year."},
    }
    values.update(overrides)
    commemoration = Commemoration.objects.create(**values)
    for position, (label, value) in enumerate(figures):
        CommemorationFigure.objects.create(
            commemoration=commemoration, label=label, value=value, position=position
        )
    return commemoration


def make_statement(languages=("en",), status=VersionStatus.PUBLISHED, **overrides):
    """A statement with a version in each of ``languages`` (the first is original).

    By default it was issued an hour ago and every version is published, so it is
    public; pass ``status`` or ``publish_at`` to make it otherwise.
    """
    number = next(_sequence)
    values = {
        "slug": f"statement-{number}",
        "kind": StatementKind.STATEMENT,
        "issued_by": overrides.pop("issued_by", None) or make_person(),
        "publish_at": timezone.now() - datetime.timedelta(hours=1),
        "original_language": languages[0] if languages else "en",
    }
    values.update(overrides)
    topics = values.pop("topics", [])
    statement = Statement.objects.create(**values)
    statement.topics.set(topics)
    for language in languages:
        make_version(statement, language, status=status)
    return statement


def make_version(statement, language, status=VersionStatus.PUBLISHED, **overrides):
    values = {
        "statement": statement,
        "language": language,
        "title": f"{TITLES.get(language, 'Statement')} {statement.pk}",
        "summary": "A short lead.",
        "body": "<p>The body of the statement.</p>",
        "status": status,
    }
    values.update(overrides)
    return StatementVersion.objects.create(**values)


def make_user(username=None, password="correct horse battery", **overrides):
    username = username or f"user{next(_sequence)}"
    user = get_user_model().objects.create_user(
        username=username, password=password, **overrides
    )
    return user


def make_superuser(username="admin", password="correct horse battery"):
    return get_user_model().objects.create_superuser(
        username=username, password=password, email=f"{username}@example.org"
    )


def image_bytes(image_format="PNG", size=(64, 48), color=(40, 60, 90)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


def image_upload(name="photo.png", image_format="PNG", **kwargs):
    content_type = f"image/{image_format.lower()}"
    return SimpleUploadedFile(name, image_bytes(image_format, **kwargs), content_type)


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="signed.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


def make_staff(role, username=None, languages=(), **overrides):
    """A staff member in the role's group; translators get their ``languages``."""
    from django.contrib.auth.models import Group

    from statements.models import StaffProfile

    if not Group.objects.filter(name=role).exists():
        # A transactional test before this one flushed the migration's groups.
        from django.apps import apps

        from accounts.roles import sync_role_permissions

        sync_role_permissions(apps)
    user = make_user(username=username, is_staff=True, **overrides)
    user.groups.add(Group.objects.get(name=role))
    if languages:
        StaffProfile.objects.create(user=user, languages=list(languages))
    return user
