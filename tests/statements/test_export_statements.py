"""The JSON export: the import format, stable, and a lossless round trip."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from statements.content.uploads import validate_image
from statements.exchange.exporters import dumps, export_statements
from statements.exchange.importers import import_statements
from statements.models import (
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Person,
    Statement,
    StatementKind,
    Topic,
    VersionStatus,
)
from tests.factories import make_person, make_statement, make_topic, make_version

BAKU = datetime.timezone(datetime.timedelta(hours=4))
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
STATEMENT_KEYS = [
    "slug",
    "kind",
    "issued_by",
    "publish_at",
    "commemoration",
    "anniversary_year",
    "topics",
    "original_language",
    "coverage",
    "sent_to",
    "required_languages",
    "reference",
    "hero_image",
    "attachments",
    "related",
    "withdrawn",
    "versions",
]


def jpeg_upload():
    """A checked JPEG with enough detail that re-encoding it changes its bytes."""
    image = Image.new("RGB", (32, 24))
    image.putdata(
        [
            ((x * 37 + y * 11) % 256, (x * x + y * 5) % 256, (x * y * 7) % 256)
            for y in range(24)
            for x in range(32)
        ]
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return validate_image(SimpleUploadedFile("photo.jpg", buffer.getvalue()))


def make_rich_statement():
    """A statement with every field of the format filled, made through the models."""
    person = make_person(
        key="commissioner",
        name={"az": "Səbinə Əliyeva", "en": "Sabina Aliyeva", "ru": "Сабина Алиева"},
        role={"az": "Ombudsman", "en": "Commissioner", "ru": "Омбудсмен"},
    )
    topics = [
        make_topic(key="detention", name={"en": "Detention", "ru": "Задержание"}),
        make_topic(key="memory", name={"az": "Yaddaş", "en": "Memory"}),
    ]
    commemoration = Commemoration.objects.create(
        key="20-january",
        date=datetime.date(1990, 1, 20),
        name={"az": "20 Yanvar", "en": "20 January", "ru": "20 Января"},
        description={"en": "The night of 19 to 20 January 1990."},
    )
    for position, (label, value) in enumerate(
        [("killed", 150), ("injured", 744), ("detained", 841), ("missing", 0)]
    ):
        CommemorationFigure.objects.create(
            commemoration=commemoration,
            label={"en": label},
            value=value,
            position=position,
        )
    # Published, so it has a reference: the import would give it one otherwise.
    other = make_statement(
        slug="an-earlier-statement",
        issued_by=person,
        reference_number=3,
        reference_year=2025,
    )
    statement = Statement.objects.create(
        slug="thirty-fifth-anniversary",
        kind=StatementKind.ANNIVERSARY,
        issued_by=person,
        publish_at=datetime.datetime(2025, 1, 19, 10, 0, 0, 250000, tzinfo=BAKU),
        commemoration=commemoration,
        anniversary_year=2025,
        original_language="en",
        required_languages=["en", "az", "ru"],
        reference_number=12,
        reference_year=2025,
        hero_image_alt={"az": "Bakı", "en": "Baku", "ru": "Баку"},
        hero_image_caption={"en": "Baku, January 1990"},
        withdrawn_at=datetime.datetime(2025, 2, 1, 12, tzinfo=datetime.UTC),
        withdrawal_reason={"en": "Superseded.", "az": "Əvəz olunub."},
    )
    statement.hero_image.save("photo.jpg", jpeg_upload())
    statement.topics.set(topics)
    statement.related.set([other])
    Coverage.objects.create(
        statement=statement,
        outlet="Report News Agency",
        url="https://report.az/en/human-rights/",
        date=datetime.date(2025, 1, 19),
        language="en",
        reporter="A. Reporter",
    )
    Coverage.objects.create(statement=statement, outlet="Radio Baku")
    Distribution.objects.create(
        statement=statement,
        recipient={"en": "United Nations", "ru": "ООН"},
        date=datetime.date(2025, 1, 19),
    )
    Distribution.objects.create(statement=statement, recipient={"en": "OSCE"})
    for position, title in enumerate(["Signed copy", "Annex"]):
        attachment = Attachment(
            statement=statement, title={"en": title}, position=position
        )
        attachment.file.save("x.pdf", ContentFile(PDF + title.encode()), save=False)
        attachment.save()
    for language, status in [
        ("en", VersionStatus.PUBLISHED),
        ("az", VersionStatus.PUBLISHED),
        ("ru", VersionStatus.REVIEW),
    ]:
        version = make_version(
            statement,
            language,
            status=status,
            title=f"Title in {language} «35»",
            summary=f"Lead in {language}.",
            body=f'<p>Body in {language} with <a href="https://example.org">a link'
            "</a>.</p>",
        )
        Correction.objects.create(
            version=version,
            at=datetime.datetime(2025, 1, 20, 9, tzinfo=BAKU),
            note=f"Figures corrected ({language}).",
        )
    return statement


def files_under(folder):
    return sorted(
        str(path.relative_to(folder))
        for path in Path(folder).rglob("*")
        if path.is_file() and path.suffix != ".json"
    )


def empty_the_database():
    Statement.objects.all().delete()
    for model in (Person, Topic, Commemoration):
        model.objects.all().delete()


@pytest.mark.django_db
def test_round_trip_loses_nothing(tmp_path):
    """Export, import into an empty database, export: the same JSON and files."""
    make_rich_statement()
    first = tmp_path / "first"
    second = tmp_path / "second"
    first_text = dumps(export_statements(first))
    (first / "statements.json").write_text(first_text, encoding="utf-8")

    empty_the_database()
    result = import_statements(json.loads(first_text), first)
    second_text = dumps(export_statements(second))

    assert result.created == 6
    assert second_text == first_text
    assert (
        files_under(second)
        == files_under(first)
        == [
            "files/thirty-fifth-anniversary-1.pdf",
            "files/thirty-fifth-anniversary-2.pdf",
            "images/thirty-fifth-anniversary.jpg",
        ]
    )
    for name in files_under(first):
        if name.endswith(".pdf"):
            assert (second / name).read_bytes() == (first / name).read_bytes()


@pytest.mark.django_db
def test_rich_statement_is_exported_whole(tmp_path):
    """Every field of the rich statement appears, in the format's key order."""
    make_rich_statement()

    data = export_statements(tmp_path)

    statement = data["statements"][1]
    assert list(statement) == STATEMENT_KEYS
    assert statement["publish_at"] == "2025-01-19T10:00:00.250000+04:00"
    assert statement["withdrawn"] == {
        "at": "2025-02-01T16:00:00+04:00",
        "reason": {"az": "Əvəz olunub.", "en": "Superseded."},
    }
    assert statement["coverage"] == [
        {
            "outlet": "Report News Agency",
            "url": "https://report.az/en/human-rights/",
            "date": "2025-01-19",
            "language": "en",
            "reporter": "A. Reporter",
        },
        {"outlet": "Radio Baku"},
    ]
    assert statement["versions"]["en"]["corrections"] == [
        {"at": "2025-01-20T09:00:00+04:00", "note": "Figures corrected (en)."}
    ]
    assert data["commemorations"][0]["figures"][3] == {
        "label": {"en": "missing"},
        "value": 0,
    }


@pytest.mark.django_db
def test_export_format_of_a_plain_statement():
    """Empty optional fields are left out; texts follow the site's language order."""
    person = make_person(
        key="commissioner", name={"en": "Ombudsman", "az": "Ombudsman"}
    )
    statement = make_statement(
        slug="plain",
        issued_by=person,
        publish_at=datetime.datetime(2025, 3, 1, 6, tzinfo=datetime.UTC),
        languages=("az",),
        status=VersionStatus.DRAFT,
    )
    statement.versions.update(summary="", body="")

    data = export_statements(None)

    assert data == {
        "people": [
            {
                "key": "commissioner",
                "name": {"az": "Ombudsman", "en": "Ombudsman"},
                "role": {"en": "Commissioner for Human Rights"},
            }
        ],
        "topics": [],
        "commemorations": [],
        "statements": [
            {
                "slug": "plain",
                "kind": "statement",
                "issued_by": "commissioner",
                "publish_at": "2025-03-01T10:00:00+04:00",
                "original_language": "az",
                "versions": {
                    "az": {
                        "title": f"Ombudsmanın bəyanatı {statement.pk}",
                        "status": "draft",
                    }
                },
            }
        ],
    }
    assert list(data["people"][0]["name"]) == ["az", "en"]


@pytest.mark.django_db
def test_items_are_sorted():
    """People, topics and commemorations by key, statements by slug."""
    person = make_person(key="b-person")
    make_person(key="a-person")
    make_topic(key="zeta")
    make_topic(key="alpha")
    for slug in ["gamma", "alpha", "beta"]:
        make_statement(slug=slug, issued_by=person)

    data = export_statements(None)

    assert [p["key"] for p in data["people"]] == ["a-person", "b-person"]
    assert [t["key"] for t in data["topics"]] == ["alpha", "zeta"]
    assert [s["slug"] for s in data["statements"]] == ["alpha", "beta", "gamma"]


def test_dumps_writes_readable_utf8():
    """Non-ASCII text stays as it is, indented by two, with a final newline."""
    assert (
        dumps({"name": {"az": "Bakı"}}) == '{\n  "name": {\n    "az": "Bakı"\n  }\n}\n'
    )


@pytest.mark.django_db
def test_export_without_destination_writes_no_files(tmp_path, monkeypatch):
    """Without a destination the names are given, but nothing is written."""
    make_rich_statement()
    working_dir = tmp_path / "working"
    working_dir.mkdir()
    monkeypatch.chdir(working_dir)

    data = export_statements(None)

    assert data["statements"][1]["hero_image"]["file"] == (
        "images/thirty-fifth-anniversary.jpg"
    )
    assert list(working_dir.iterdir()) == []


@pytest.mark.django_db
def test_reimporting_an_export_changes_nothing(tmp_path):
    """An exported JPEG matches its stored copy, though re-encoding would differ."""
    statement = make_rich_statement()
    data = export_statements(tmp_path)
    exported = (tmp_path / data["statements"][1]["hero_image"]["file"]).read_bytes()
    reencoded = validate_image(SimpleUploadedFile("again.jpg", exported)).read()
    assert reencoded != exported

    result = import_statements(data, tmp_path)

    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == 6
    stored_name = statement.hero_image.name
    statement.refresh_from_db()
    assert statement.hero_image.name == stored_name


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_statements():
    """The export makes the same number of queries for 1 or 20 statements."""
    person = make_person()

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            export_statements(None)
        return len(queries)

    make_statement(issued_by=person, languages=("az", "en", "ru"))
    one = count_queries()
    for _ in range(19):
        make_statement(issued_by=person, languages=("az", "en", "ru"))

    assert count_queries() == one


@pytest.mark.django_db
def test_command_writes_json_and_files_beside_it(tmp_path):
    """export_statements FILE writes the JSON and the files next to it."""
    make_rich_statement()
    path = tmp_path / "out" / "statements.json"
    stdout = io.StringIO()

    call_command("export_statements", str(path), stdout=stdout)

    assert path.read_text(encoding="utf-8") == dumps(export_statements(None))
    assert files_under(path.parent) == [
        "files/thirty-fifth-anniversary-1.pdf",
        "files/thirty-fifth-anniversary-2.pdf",
        "images/thirty-fifth-anniversary.jpg",
    ]
    assert stdout.getvalue() == (
        f"Wrote 2 statements to {path}, with 3 images and attachments beside it.\n"
    )


@pytest.mark.django_db
def test_command_without_file_prints_json_and_warns_about_files():
    """Without FILE, JSON goes to stdout and a warning says files were not written."""
    make_rich_statement()
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("export_statements", stdout=stdout, stderr=stderr)

    assert stdout.getvalue() == dumps(export_statements(None))
    assert stderr.getvalue() == (
        "Warning: 3 images and attachments were not written; give a FILE to write "
        "them beside it.\n"
    )


@pytest.mark.django_db
def test_command_without_file_is_quiet_when_there_are_no_files():
    """No images or attachments: no warning."""
    make_statement()
    stderr = io.StringIO()

    call_command("export_statements", stdout=io.StringIO(), stderr=stderr)

    assert stderr.getvalue() == ""


@pytest.mark.django_db
def test_command_reports_a_missing_stored_file(tmp_path):
    """A hero image gone from storage stops the export with a clear error."""
    statement = make_rich_statement()
    statement.hero_image.storage.delete(statement.hero_image.name)

    with pytest.raises(CommandError) as caught:
        call_command("export_statements", str(tmp_path / "out.json"))

    assert str(caught.value).startswith("A stored file is missing: ")
    assert statement.hero_image.name in str(caught.value)
    assert not (tmp_path / "out.json").exists()
