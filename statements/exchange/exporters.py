"""Writes the site's content in the format of docs/import-format.md.

The output is meant to be diffed and re-imported: keys come in a fixed order,
items are sorted by key or slug, empty optional fields are left out, and
datetimes are written in the office's time zone with their offset. Images and
attachments get stable names derived from the statement's slug, so exporting
twice gives the same files.
"""

import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from statements.i18n.languages import language_codes
from statements.models import Commemoration, Person, Statement, Topic

# Statements are read in batches of this many, with their parts prefetched.
BATCH = 500


def export_statements(destination_dir=None):
    """All people, topics, commemorations and statements, as the import reads them.

    With ``destination_dir``, each hero image and attachment is copied there
    under the relative name the data gives it (``images/<slug>.<ext>``,
    ``files/<slug>-<n>.pdf``); without it, the names are given but nothing is
    written. A stored file that has gone missing raises FileNotFoundError.
    """
    files = _Files(Path(destination_dir) if destination_dir else None)
    commemorations = Commemoration.objects.order_by("key").prefetch_related("figures")
    statements = (
        Statement.objects.order_by("slug")
        .select_related("issued_by", "commemoration")
        .prefetch_related(
            "topics",
            "related",
            "coverage",
            "sent_to",
            "attachments",
            "versions__corrections",
        )
    )
    return {
        "people": [_person(person) for person in Person.objects.order_by("key")],
        "topics": [_topic(topic) for topic in Topic.objects.order_by("key")],
        "commemorations": [_commemoration(c) for c in commemorations],
        "statements": [
            _statement(statement, files)
            for statement in statements.iterator(chunk_size=BATCH)
        ],
    }


def dumps(data):
    """``data`` as the export writes it: UTF-8, indented, with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def file_paths(data):
    """The relative paths of every file ``data`` names."""
    paths = []
    for statement in data.get("statements", []):
        if "hero_image" in statement:
            paths.append(statement["hero_image"]["file"])
        paths.extend(
            attachment["file"] for attachment in statement.get("attachments", [])
        )
    return paths


class _Files:
    def __init__(self, destination):
        self.destination = destination

    def copy(self, field_file, relative):
        if self.destination is not None:
            target = self.destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with field_file.storage.open(field_file.name, "rb") as source:
                with target.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
        return relative


def _compact(values):
    """``values`` without the entries that are empty (but keeping zeros)."""
    return {
        name: value
        for name, value in values.items()
        if value is not None and value != "" and value != [] and value != {}
    }


def _texts(values):
    """Language-keyed texts in the site's language order, empty ones left out."""
    values = values or {}
    codes = language_codes()
    ordered = [code for code in codes if code in values]
    ordered += sorted(code for code in values if code not in codes)
    return {code: values[code] for code in ordered if values[code]}


def _datetime(value):
    if value is None:
        return None
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE)).isoformat()


def _date(value):
    return value.isoformat() if value else None


def _in_given_order(rows):
    """Child rows in the order they were given (the import keeps the file's order)."""
    return sorted(rows, key=lambda row: (getattr(row, "position", 0), row.pk))


def _person(person):
    return _compact(
        {"key": person.key, "name": _texts(person.name), "role": _texts(person.role)}
    )


def _topic(topic):
    return _compact({"key": topic.key, "name": _texts(topic.name)})


def _commemoration(commemoration):
    figures = [
        {"label": _texts(figure.label), "value": figure.value}
        for figure in _in_given_order(commemoration.figures.all())
    ]
    return _compact(
        {
            "key": commemoration.key,
            "date": _date(commemoration.date),
            "name": _texts(commemoration.name),
            "description": _texts(commemoration.description),
            "figures": figures,
        }
    )


def _statement(statement, files):
    commemoration = statement.commemoration
    return _compact(
        {
            "slug": statement.slug,
            "kind": statement.kind,
            "issued_by": statement.issued_by.key,
            "publish_at": _datetime(statement.publish_at),
            "commemoration": commemoration.key if commemoration else None,
            "anniversary_year": statement.anniversary_year,
            "topics": sorted(topic.key for topic in statement.topics.all()),
            "original_language": statement.original_language,
            "coverage": [
                _coverage(row) for row in _in_given_order(statement.coverage.all())
            ],
            "sent_to": [
                _compact({"recipient": _texts(row.recipient), "date": _date(row.date)})
                for row in _in_given_order(statement.sent_to.all())
            ],
            "required_languages": list(statement.required_languages),
            "reference": statement.reference,
            "hero_image": _hero_image(statement, files),
            "attachments": _attachments(statement, files),
            "related": sorted(other.slug for other in statement.related.all()),
            "withdrawn": _withdrawn(statement),
            "versions": _versions(statement),
        }
    )


def _coverage(row):
    return _compact(
        {
            "outlet": row.outlet,
            "url": row.url,
            "date": _date(row.date),
            "language": row.language,
            "reporter": row.reporter,
        }
    )


def _hero_image(statement, files):
    if not statement.hero_image:
        return None
    extension = Path(statement.hero_image.name).suffix.lower() or ".jpg"
    relative = f"images/{statement.slug}{extension}"
    return _compact(
        {
            "file": files.copy(statement.hero_image, relative),
            "alt": _texts(statement.hero_image_alt),
            "caption": _texts(statement.hero_image_caption),
        }
    )


def _attachments(statement, files):
    return [
        _compact(
            {
                "file": files.copy(
                    attachment.file, f"files/{statement.slug}-{number}.pdf"
                ),
                "title": _texts(attachment.title),
            }
        )
        for number, attachment in enumerate(
            _in_given_order(statement.attachments.all()), start=1
        )
    ]


def _withdrawn(statement):
    # A reason without a date is not a withdrawal; the import needs the date.
    if statement.withdrawn_at is None:
        return None
    return _compact(
        {
            "at": _datetime(statement.withdrawn_at),
            "reason": _texts(statement.withdrawal_reason),
        }
    )


def _versions(statement):
    order = {code: index for index, code in enumerate(language_codes())}
    versions = sorted(
        statement.versions.all(), key=lambda v: (order.get(v.language, 99), v.language)
    )
    return {
        version.language: _compact(
            {
                "title": version.title,
                "summary": version.summary,
                "body": version.body,
                "status": version.status,
                "corrections": [
                    {"at": _datetime(correction.at), "note": correction.note}
                    for correction in _in_given_order(version.corrections.all())
                ],
            }
        )
        for version in versions
    }
