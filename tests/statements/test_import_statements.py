"""The JSON import: checking everything first, idempotency, and the command."""

import copy
import datetime
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from statements.exchange.importers import (
    ImportResult,
    ImportValidationError,
    import_statements,
    load_file,
)
from statements.models import (
    Commemoration,
    Person,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
)
from tests.factories import make_person, make_statement, make_version

BAKU = datetime.timezone(datetime.timedelta(hours=4))
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def write_image(path, color=(180, 30, 40), image_format="PNG", size=(12, 8)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, image_format)
    return path


def write_pdf(path, content=PDF):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def folder(tmp_path):
    """The folder of the JSON file, with the image and PDF the data names."""
    folder = tmp_path / "import"
    write_image(folder / "images" / "baku-1990.png")
    write_pdf(folder / "files" / "statement-signed.pdf")
    return folder


@pytest.fixture
def existing(db):
    """A statement already on the site, which the valid data updates."""
    statement = make_statement(
        slug="existing",
        issued_by=make_person(key="old-person"),
        reference_number=7,
        reference_year=2024,
    )
    return statement


def valid_data():
    """A file that imports cleanly; each bad-input test spoils one thing in it."""
    return {
        "people": [
            {
                "key": "commissioner",
                "name": {"en": "Sabina Aliyeva", "az": "Səbinə Əliyeva"},
                "role": {"en": "Commissioner for Human Rights"},
            }
        ],
        "topics": [{"key": "detention", "name": {"en": "Detention", "az": "Həbs"}}],
        "commemorations": [
            {
                "key": "20-january",
                "date": "1990-01-20",
                "name": {"en": "Tragedy of 20 January"},
                "figures": [{"label": {"en": "killed"}, "value": 150}],
            }
        ],
        "statements": [
            {
                "slug": "thirty-fifth-anniversary",
                "kind": "anniversary",
                "issued_by": "commissioner",
                "publish_at": "2025-01-19T10:00:00+04:00",
                "commemoration": "20-january",
                "anniversary_year": 2025,
                "topics": ["detention"],
                "original_language": "en",
                "coverage": [
                    {
                        "outlet": "Report News Agency",
                        "url": "https://report.az/en/",
                        "date": "2025-01-19",
                        "language": "en",
                        "reporter": "A. Reporter",
                    }
                ],
                "sent_to": [{"recipient": {"en": "United Nations"}}],
                "required_languages": ["en", "az"],
                "hero_image": {
                    "file": "images/baku-1990.png",
                    "alt": {"en": "Baku, January 1990", "az": "Bakı, 1990"},
                },
                "attachments": [
                    {"file": "files/statement-signed.pdf", "title": {"en": "Signed"}}
                ],
                "related": ["existing"],
                "versions": {
                    "en": {
                        "title": "35th anniversary of 20 January",
                        "body": "<p>Remembered.</p>",
                        "status": "published",
                    },
                    "az": {"title": "20 Yanvarın 35-ci ildönümü", "status": "review"},
                },
            },
            {
                "slug": "existing",
                "kind": "statement",
                "issued_by": "commissioner",
                "original_language": "en",
                "versions": {"en": {"title": "Changed by the import"}},
            },
        ],
    }


def snapshot(media_root):
    """Everything an import could change: row counts, a statement, stored files."""
    counts = {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("statements").get_models()
    }
    statement = Statement.objects.get(slug="existing")
    fields = {f.attname: getattr(statement, f.attname) for f in Statement._meta.fields}
    versions = list(StatementVersion.objects.filter(statement=statement).values())
    files = sorted(str(p) for p in Path(media_root).rglob("*") if p.is_file())
    return counts, fields, versions, files


@pytest.fixture
def assert_rejected(existing, folder, settings):
    """Import ``data``; expect exactly ``messages`` and no change at all."""

    def check(data, *messages):
        before = snapshot(settings.MEDIA_ROOT)
        with pytest.raises(ImportValidationError) as caught:
            import_statements(data, folder)
        assert caught.value.errors == list(messages)
        assert snapshot(settings.MEDIA_ROOT) == before

    return check


def test_valid_data_imports(existing, folder):
    """The data the bad-input tests spoil is itself accepted."""
    result = import_statements(valid_data(), folder)

    assert result.summary() == (
        "Created 4, updated 1, unchanged 0 "
        "(people 1/0/0, topics 1/0/0, commemorations 1/0/0, statements 1/1/0)"
    )


# Bad input: every test names the item and field, and nothing changes.


def test_malformed_json_reports_line_and_column(existing, tmp_path, settings):
    """Malformed JSON is reported with its line and column; nothing is written."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "people": [\n    {"key": "a",}\n  ]\n}\n', encoding="utf-8")
    before = snapshot(settings.MEDIA_ROOT)

    with pytest.raises(ImportValidationError) as caught:
        load_file(path)

    assert caught.value.errors == [
        f"{path}: line 3, column 17: malformed JSON: "
        "Expecting property name enclosed in double quotes"
    ]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_missing_json_file(tmp_path):
    """A JSON file that is not there is reported as such."""
    path = tmp_path / "nowhere.json"
    with pytest.raises(ImportValidationError) as caught:
        load_file(path)
    assert caught.value.errors == [f"{path}: no such file"]


def test_top_level_must_be_an_object(assert_rejected):
    """A list at the top level is refused."""
    assert_rejected(
        [valid_data()],
        "top level: expected an object with people, topics, commemorations or "
        "statements, got a list",
    )


def test_top_level_not_an_object_in_file(tmp_path):
    """load_file refuses a file whose top level is not an object."""
    path = tmp_path / "list.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ImportValidationError) as caught:
        load_file(path)
    assert caught.value.errors == [
        "top level: expected an object with people, topics, commemorations or "
        "statements, got a list"
    ]


def test_unknown_top_level_key(assert_rejected):
    """A top-level key the format does not have is refused, not ignored."""
    data = valid_data()
    data["statement"] = []
    assert_rejected(
        data,
        "top level: statement: unknown key; expected people, topics, "
        "commemorations or statements",
    )


def test_unknown_field_in_an_item(assert_rejected):
    """A misspelt field is refused rather than silently dropped."""
    data = valid_data()
    data["statements"][1]["publish_on"] = "2025-01-19T10:00:00+04:00"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): publish_on: unknown field; expected '
        "slug, kind, issued_by, publish_at, commemoration, anniversary_year, "
        "topics, original_language, coverage, sent_to, required_languages, "
        "reference, hero_image, attachments, related, withdrawn or versions",
    )


def test_unknown_language_as_text_key(assert_rejected):
    """A translated text keyed by an unknown language names the key."""
    data = valid_data()
    data["people"][0]["name"]["fr"] = "Sabina Aliyeva"
    assert_rejected(
        data,
        'people[0] (key "commissioner"): name.fr: unknown language code "fr"; '
        "expected az, en or ru",
    )


def test_unknown_language_as_version_key(assert_rejected):
    """A version in an unknown language is refused."""
    data = valid_data()
    data["statements"][0]["versions"]["de"] = {"title": "Jahrestag"}
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): versions.de: unknown '
        'language code "de"; expected az, en or ru',
    )


def test_unknown_original_language(assert_rejected):
    """original_language must be one of the site's languages."""
    data = valid_data()
    data["statements"][1]["original_language"] = "english"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): original_language: unknown value '
        '"english"; expected az, en or ru',
    )


def test_unknown_required_language(assert_rejected):
    """Each required language must be one of the site's languages."""
    data = valid_data()
    data["statements"][0]["required_languages"] = ["en", "tr"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): required_languages: '
        'unknown language code "tr"; expected az, en or ru',
    )


def test_unknown_coverage_language(assert_rejected):
    """A coverage item's language must be one of the site's languages."""
    data = valid_data()
    data["statements"][0]["coverage"][0]["language"] = "EN"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): coverage[0].language: '
        'unknown value "EN"; expected az, en or ru',
    )


def test_unknown_person(assert_rejected):
    """issued_by must name a person in the file or in the database."""
    data = valid_data()
    data["statements"][1]["issued_by"] = "ombudsman"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): issued_by: unknown person "ombudsman" '
        "(not in the file nor in the database)",
    )


def test_person_from_the_database_is_known(existing, folder):
    """issued_by may name a person who is only in the database."""
    data = valid_data()
    data["statements"][1]["issued_by"] = "old-person"
    import_statements(data, folder)
    assert Statement.objects.get(slug="existing").issued_by.key == "old-person"


def test_unknown_topic(assert_rejected):
    """Each topic must be in the file or in the database."""
    data = valid_data()
    data["statements"][0]["topics"] = ["detention", "torture"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): topics: unknown topic '
        '"torture" (not in the file nor in the database)',
    )


def test_unknown_commemoration(assert_rejected):
    """commemoration must be in the file or in the database."""
    data = valid_data()
    data["statements"][0]["commemoration"] = "khojaly"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): commemoration: unknown '
        'commemoration "khojaly" (not in the file nor in the database)',
    )


def test_unknown_related_slug(assert_rejected):
    """A related slug must be a statement in the file or in the database."""
    data = valid_data()
    data["statements"][0]["related"] = ["existing", "never-written"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): related: unknown '
        'statement "never-written" (not in the file nor in the database)',
    )


def test_missing_title_of_original_version(assert_rejected):
    """The original language's version needs a title."""
    data = valid_data()
    data["statements"][1]["versions"]["en"]["title"] = "   "
    assert_rejected(
        data,
        'statements[1] (slug "existing"): versions.en.title: required for the '
        "original language",
    )


def test_missing_title_of_a_translation(assert_rejected):
    """Every version needs a title, not only the original."""
    data = valid_data()
    del data["statements"][0]["versions"]["az"]["title"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): versions.az.title: required',
    )


def test_original_language_without_version(assert_rejected):
    """A statement needs a version in its original language."""
    data = valid_data()
    data["statements"][1]["original_language"] = "az"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): versions: no version in the original '
        'language "az"',
    )


def test_duplicated_slug(assert_rejected):
    """Two statements in one file cannot share a slug."""
    data = valid_data()
    data["statements"].append(copy.deepcopy(data["statements"][1]))
    assert_rejected(
        data,
        'statements[2] (slug "existing"): slug: "existing" is also used by '
        'statements[1] (slug "existing")',
    )


def test_duplicated_keys(assert_rejected):
    """People, topics and commemorations each need keys unique in the file."""
    data = valid_data()
    for section in ("people", "topics", "commemorations"):
        data[section].append(copy.deepcopy(data[section][0]))
    assert_rejected(
        data,
        'people[1] (key "commissioner"): key: "commissioner" is also used by '
        'people[0] (key "commissioner")',
        'topics[1] (key "detention"): key: "detention" is also used by '
        'topics[0] (key "detention")',
        'commemorations[1] (key "20-january"): key: "20-january" is also used by '
        'commemorations[0] (key "20-january")',
    )


def test_invalid_slug(assert_rejected):
    """A slug must be ASCII letters, digits, hyphens and underscores."""
    data = valid_data()
    data["statements"][0]["related"] = []
    data["statements"][1]["slug"] = "bəyanat 2025"
    assert_rejected(
        data,
        'statements[1] (slug "bəyanat 2025"): slug: "bəyanat 2025" is not a '
        "valid slug: use only ASCII letters, digits, hyphens and underscores",
    )


def test_missing_slug(assert_rejected):
    """A statement without a slug is refused (the import is keyed by it)."""
    data = valid_data()
    data["statements"][0]["related"] = []
    del data["statements"][1]["slug"]
    assert_rejected(data, "statements[1]: slug: required")


def test_anniversary_without_commemoration(assert_rejected):
    """An anniversary statement must name its commemoration."""
    data = valid_data()
    del data["statements"][0]["commemoration"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): commemoration: '
        "An anniversary statement must name the commemoration it marks.",
    )


def test_anniversary_without_year(assert_rejected):
    """An anniversary statement must give the year it marks."""
    data = valid_data()
    del data["statements"][0]["anniversary_year"]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): anniversary_year: '
        "An anniversary statement needs the year it marks.",
    )


def test_anniversary_year_before_the_event(assert_rejected):
    """The anniversary year cannot be earlier than the event's year."""
    data = valid_data()
    data["statements"][0]["anniversary_year"] = 1989
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): anniversary_year: '
        "The year 1989 is before the event itself (1990).",
    )


def test_wrong_date_format(assert_rejected):
    """Dates must be YYYY-MM-DD."""
    data = valid_data()
    data["commemorations"][0]["date"] = "20.01.1990"
    assert_rejected(
        data,
        'commemorations[0] (key "20-january"): date: "20.01.1990" is not a '
        "date; expected YYYY-MM-DD",
    )


def test_impossible_date(assert_rejected):
    """A well-formed but impossible date is refused."""
    data = valid_data()
    data["statements"][0]["coverage"][0]["date"] = "2025-02-30"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): coverage[0].date: '
        '"2025-02-30" is not a date; expected YYYY-MM-DD',
    )


def test_wrong_datetime_format(assert_rejected):
    """Datetimes must be ISO 8601."""
    data = valid_data()
    data["statements"][0]["publish_at"] = "19/01/2025 10:00"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): publish_at: '
        '"19/01/2025 10:00" is not a date and time; expected ISO 8601, e.g. '
        "2025-01-19T10:00:00+04:00",
    )


def test_date_without_time_is_not_a_datetime(assert_rejected):
    """A bare date is refused where a moment is needed, not read as midnight."""
    data = valid_data()
    data["statements"][0]["versions"]["en"]["corrections"] = [
        {"at": "2025-01-20", "note": "Figures corrected."}
    ]
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): '
        'versions.en.corrections[0].at: "2025-01-20" is not a date and time; '
        "expected ISO 8601, e.g. 2025-01-19T10:00:00+04:00",
    )


def test_unknown_kind(assert_rejected):
    """kind must be one of the statement kinds."""
    data = valid_data()
    data["statements"][1]["kind"] = "news"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): kind: unknown value "news"; expected '
        "press_release, statement or anniversary",
    )


def test_unknown_status(assert_rejected):
    """A version's status must be draft, review or published."""
    data = valid_data()
    data["statements"][1]["versions"]["en"]["status"] = "approved"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): versions.en.status: unknown value '
        '"approved"; expected draft, review or published',
    )


def test_bad_reference_format(assert_rejected):
    """A reference must look like 12/2025."""
    data = valid_data()
    data["statements"][1]["reference"] = "No. 12-2025"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): reference: "No. 12-2025" is not of the '
        "form number/year, e.g. 12/2025",
    )


def test_reference_used_by_another_statement(assert_rejected):
    """A reference already held by another statement in the database is refused."""
    data = valid_data()
    data["statements"][0]["reference"] = "7/2024"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): reference: 7/2024 is '
        'already used by statement "existing"',
    )


def test_reference_given_twice_in_the_file(assert_rejected):
    """Two statements in the file cannot be given the same reference."""
    data = valid_data()
    data["statements"][0]["reference"] = "3/2025"
    data["statements"][1]["reference"] = "3/2025"
    assert_rejected(
        data,
        'statements[1] (slug "existing"): reference: 3/2025 is also given to '
        'statements[0] (slug "thirty-fifth-anniversary")',
        'statements[1] (slug "existing"): reference: 7/2024 was given to this '
        "statement and a reference number never changes; give it in the file or "
        "leave it out",
    )


def test_missing_file(assert_rejected):
    """A hero image that is not there is reported with its path."""
    data = valid_data()
    data["statements"][0]["hero_image"]["file"] = "images/missing.jpg"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): hero_image.file: no '
        'file at "images/missing.jpg" (relative to the JSON file)',
    )


def test_file_outside_the_folder(assert_rejected, folder):
    """A path may not climb out of the JSON file's folder."""
    write_image(folder.parent / "elsewhere.png")
    data = valid_data()
    data["statements"][0]["hero_image"]["file"] = "../elsewhere.png"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): hero_image.file: '
        '"../elsewhere.png" is outside the folder of the JSON file',
    )


def test_not_a_real_image(assert_rejected, folder):
    """A hero image is checked by content, not by its name."""
    (folder / "images" / "fake.jpg").write_text("<svg onload=alert(1)>")
    data = valid_data()
    data["statements"][0]["hero_image"]["file"] = "images/fake.jpg"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): hero_image.file: '
        '"images/fake.jpg" is not accepted: SVG images are not accepted (they can '
        "carry scripts); use PNG or JPEG.",
    )


def test_not_a_pdf(assert_rejected, folder):
    """An attachment must be a PDF, whatever its name says."""
    write_image(folder / "files" / "scan.pdf")
    data = valid_data()
    data["statements"][0]["attachments"][0]["file"] = "files/scan.pdf"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): attachments[0].file: '
        '"files/scan.pdf" is not accepted: Only PDF files can be attached.',
    )


def test_published_version_needs_hero_alt(assert_rejected):
    """A published version needs the hero image's text alternative in its language."""
    data = valid_data()
    data["statements"][0]["versions"]["az"]["status"] = "published"
    data["statements"][0]["hero_image"]["alt"] = {"en": "Baku, January 1990"}
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): hero_image.alt.az: '
        "required: the az version is published and the statement has a hero image",
    )


def test_string_where_a_list_is_expected(assert_rejected):
    """A single topic given as a string is refused, not split into letters."""
    data = valid_data()
    data["statements"][0]["topics"] = "detention"
    assert_rejected(
        data,
        'statements[0] (slug "thirty-fifth-anniversary"): topics: expected a '
        "list, got a string",
    )


def test_wrong_types(assert_rejected):
    """Wrong JSON types are named with the type found."""
    data = valid_data()
    data["topics"] = {"detention": "Detention"}
    data["commemorations"][0]["figures"][0]["value"] = "150"
    data["statements"][0]["related"] = []
    data["statements"][1]["versions"] = [{"title": "A list"}]
    assert_rejected(
        data,
        "top level: topics: expected a list, got an object",
        'commemorations[0] (key "20-january"): figures[0].value: expected a whole '
        "number, got a string",
        'statements[0] (slug "thirty-fifth-anniversary"): topics: unknown topic '
        '"detention" (not in the file nor in the database)',
        'statements[1] (slug "existing"): versions: expected an object keyed by '
        "language code, got a list",
    )


def test_every_error_is_reported_in_file_order(assert_rejected):
    """All problems come out at once, item by item in the order of the file."""
    data = valid_data()
    data["statements"][1]["kind"] = "news"
    data["statements"][0]["slug"] = "Thirty Fifth"
    data["people"][0]["role"] = "Commissioner"
    assert_rejected(
        data,
        'people[0] (key "commissioner"): role: expected an object keyed by '
        "language code, got a string",
        'statements[0] (slug "Thirty Fifth"): slug: "Thirty Fifth" is not a '
        "valid slug: use only ASCII letters, digits, hyphens and underscores",
        'statements[1] (slug "existing"): kind: unknown value "news"; expected '
        "press_release, statement or anniversary",
    )


# What a good file does.


@pytest.mark.django_db
def test_import_creates_everything(folder, existing):
    """Each field of the format lands in its place."""
    import_statements(valid_data(), folder)

    person = Person.objects.get(key="commissioner")
    assert person.name == {"en": "Sabina Aliyeva", "az": "Səbinə Əliyeva"}
    assert Topic.objects.get(key="detention").name == {"en": "Detention", "az": "Həbs"}
    commemoration = Commemoration.objects.get(key="20-january")
    assert commemoration.date == datetime.date(1990, 1, 20)
    assert [(f.label, f.value) for f in commemoration.figures.all()] == [
        ({"en": "killed"}, 150)
    ]
    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    assert statement.kind == "anniversary"
    assert statement.issued_by == person
    assert statement.publish_at == datetime.datetime(2025, 1, 19, 10, tzinfo=BAKU)
    assert statement.commemoration == commemoration
    assert statement.anniversary_year == 2025
    assert [t.key for t in statement.topics.all()] == ["detention"]
    assert statement.required_languages == ["az", "en"]
    assert statement.reference == "1/2025"
    assert statement.hero_image_alt == {"en": "Baku, January 1990", "az": "Bakı, 1990"}
    assert (statement.hero_image_width, statement.hero_image_height) == (12, 8)
    assert [s.slug for s in statement.related.all()] == ["existing"]
    coverage = statement.coverage.get()
    assert (coverage.outlet, coverage.date, coverage.reporter) == (
        "Report News Agency",
        datetime.date(2025, 1, 19),
        "A. Reporter",
    )
    assert statement.sent_to.get().recipient == {"en": "United Nations"}
    attachment = statement.attachments.get()
    assert attachment.file.read() == PDF
    assert attachment.size == len(PDF)
    english = statement.versions.get(language="en")
    assert (english.title, english.body, english.status) == (
        "35th anniversary of 20 January",
        "<p>Remembered.</p>",
        VersionStatus.PUBLISHED,
    )
    assert statement.versions.get(language="az").status == VersionStatus.REVIEW
    updated = Statement.objects.get(slug="existing")
    # Its live text stays; the file's text waits for review as a draft.
    assert updated.title() != "Changed by the import"
    assert updated.version_in("en").working_draft.title == "Changed by the import"
    assert updated.reference == "7/2024"


@pytest.mark.django_db
def test_second_run_changes_nothing(folder, existing):
    """Importing the same file again writes nothing and reports all unchanged."""
    import_statements(valid_data(), folder)
    stamps = {
        "statements": dict(Statement.objects.values_list("slug", "updated_at")),
        "versions": list(StatementVersion.objects.values_list("pk", "updated_at")),
        "files": [
            (s.hero_image.name, [a.file.name for a in s.attachments.all()])
            for s in Statement.objects.order_by("slug")
        ],
    }

    with CaptureQueriesContext(connection) as queries:
        result = import_statements(valid_data(), folder)

    assert result.summary() == (
        "Created 0, updated 0, unchanged 5 "
        "(people 0/0/1, topics 0/0/1, commemorations 0/0/1, statements 0/0/2)"
    )
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    assert stamps == {
        "statements": dict(Statement.objects.values_list("slug", "updated_at")),
        "versions": list(StatementVersion.objects.values_list("pk", "updated_at")),
        "files": [
            (s.hero_image.name, [a.file.name for a in s.attachments.all()])
            for s in Statement.objects.order_by("slug")
        ],
    }


@pytest.mark.django_db
def test_a_change_updates_only_what_differs(folder, existing):
    """A changed title saves that version; its statement counts as updated."""
    import_statements(valid_data(), folder)
    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    az_before = statement.versions.get(language="az").updated_at
    statement_before = statement.updated_at
    data = valid_data()
    data["statements"][0]["versions"]["en"]["title"] = "Thirty-five years on"

    result = import_statements(data, folder)

    assert (result.statements.updated, result.statements.unchanged) == (1, 1)
    statement.refresh_from_db()
    # Published, so the new title is a working draft until approved.
    assert statement.title("en") == "35th anniversary of 20 January"
    english = statement.versions.get(language="en")
    assert english.working_draft.title == "Thirty-five years on"
    assert statement.versions.get(language="az").updated_at == az_before
    assert statement.updated_at == statement_before


@pytest.mark.django_db
def test_child_lists_are_replaced_when_they_differ(folder, existing):
    """Coverage, figures and corrections follow the file, in the file's order."""
    import_statements(valid_data(), folder)
    data = valid_data()
    data["commemorations"][0]["figures"] = [
        {"label": {"en": "injured"}, "value": 744},
        {"label": {"en": "killed"}, "value": 150},
    ]
    data["statements"][0]["coverage"] = [
        {"outlet": "Later outlet", "date": "2025-01-21"},
        {"outlet": "Earlier outlet", "date": "2025-01-19"},
    ]
    data["statements"][0]["versions"]["en"]["corrections"] = [
        {"at": "2025-01-20T09:00:00+04:00", "note": "The figures were corrected."}
    ]

    result = import_statements(data, folder)

    assert str(result.commemorations) == "0/1/0"
    commemoration = Commemoration.objects.get()
    assert [f.value for f in commemoration.figures.all()] == [744, 150]
    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    outlets = [c.outlet for c in statement.coverage.order_by("pk")]
    assert outlets == ["Later outlet", "Earlier outlet"]
    # Correction notes are what readers see: on a published version they come
    # with an approved draft, never straight from a file.
    assert not statement.versions.get(language="en").corrections.exists()
    assert import_statements(data, folder).updated == 0


@pytest.mark.django_db
def test_absent_optional_fields_are_emptied(folder, existing):
    """The file describes an item whole: leaving a field out clears it."""
    import_statements(valid_data(), folder)
    data = valid_data()
    statement_data = data["statements"][0]
    for name in ("topics", "coverage", "sent_to", "attachments", "hero_image"):
        del statement_data[name]
    del statement_data["publish_at"]

    import_statements(data, folder)

    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    assert statement.publish_at is None
    assert not statement.hero_image
    assert statement.hero_image_alt == {}
    assert statement.topics.count() == 0
    assert statement.coverage.count() == 0
    assert statement.sent_to.count() == 0
    assert statement.attachments.count() == 0
    assert statement.reference == "1/2025"


@pytest.mark.django_db
def test_versions_not_in_the_file_are_kept(folder, existing):
    """A translation added on the site survives re-importing the old file."""
    make_version(existing, "ru", title="Перевод", status=VersionStatus.DRAFT)

    import_statements(valid_data(), folder)

    assert existing.versions.get(language="ru").title == "Перевод"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_hostile_body_is_sanitised(folder, existing, language):
    """Script, handlers and javascript: links never reach the database."""
    data = valid_data()
    data["statements"][1]["original_language"] = language
    data["statements"][1]["versions"] = {
        language: {
            "title": "Hostile",
            "summary": "Lead",
            "body": '<p onclick="steal()">Text<script>alert(1)</script>'
            '<a href="javascript:alert(2)">link</a></p><iframe src="x"></iframe>'
            "<style>p{}</style>",
        }
    }

    import_statements(data, folder)

    version = StatementVersion.objects.get(statement=existing, language=language)
    # The existing (published) English version takes the file as a draft.
    text = version.working_draft if language == "en" else version
    assert text.body == '<p>Text<a rel="noopener noreferrer">link</a></p>'
    assert import_statements(data, folder).statements.unchanged == 2


@pytest.mark.django_db
def test_datetimes_with_z_or_without_offset(folder, existing):
    """Z means UTC; a datetime without an offset is office (Baku) time."""
    data = valid_data()
    data["statements"][0]["publish_at"] = "2025-01-19T06:00:00Z"
    data["statements"][1]["publish_at"] = "2025-01-19T10:00:00"

    import_statements(data, folder)

    moments = dict(Statement.objects.values_list("slug", "publish_at"))
    expected = datetime.datetime(2025, 1, 19, 10, tzinfo=BAKU)
    assert moments["thirty-fifth-anniversary"] == expected
    assert moments["existing"] == expected


def reference_statement(slug, publish_at, status="published"):
    return {
        "slug": slug,
        "kind": "statement",
        "issued_by": "commissioner",
        "original_language": "en",
        **({"publish_at": publish_at} if publish_at else {}),
        "versions": {"en": {"title": slug, "status": status}},
    }


@pytest.mark.django_db
def test_references_given_in_publish_at_order(folder):
    """Absent references go to published, scheduled statements, year by year."""
    make_statement(slug="on-site", reference_number=4, reference_year=2025)
    data = {
        "people": valid_data()["people"],
        "statements": [
            reference_statement("march", "2025-03-01T10:00:00+04:00"),
            reference_statement("january", "2025-01-10T10:00:00+04:00"),
            # 31 December 22:00 UTC is already 1 January in Baku.
            reference_statement("new-year", "2025-12-31T22:00:00Z"),
            reference_statement("given", "2025-02-01T10:00:00+04:00"),
            reference_statement("draft", "2025-01-01T10:00:00+04:00", "draft"),
            reference_statement("unscheduled", None),
        ],
    }
    data["statements"][3]["reference"] = "9/2025"

    import_statements(data, folder)

    references = {s.slug: s.reference for s in Statement.objects.all()}
    assert references == {
        "on-site": "4/2025",
        "january": "10/2025",
        "march": "11/2025",
        "new-year": "1/2026",
        "given": "9/2025",
        "draft": "",
        "unscheduled": "",
    }


@pytest.mark.django_db
def test_references_never_change(folder, settings):
    """A reference once given stays: an import that moves one is refused whole."""
    make_statement(slug="a", reference_number=1, reference_year=2025)
    make_statement(slug="b", reference_number=2, reference_year=2025)
    data = {
        "people": valid_data()["people"],
        "statements": [
            {**reference_statement("a", None), "reference": "2/2025"},
            {**reference_statement("b", None), "reference": "1/2025"},
        ],
    }

    with pytest.raises(ImportValidationError) as caught:
        import_statements(data, folder)

    assert any("a reference number never changes" in e for e in caught.value.errors)
    references = dict(Statement.objects.values_list("slug", "reference_number"))
    assert references == {"a": 1, "b": 2}


@pytest.mark.django_db
def test_related_may_point_forward(folder):
    """A statement may be related to one that comes later in the file."""
    data = {
        "people": valid_data()["people"],
        "statements": [
            {**reference_statement("first", None), "related": ["second"]},
            {**reference_statement("second", None), "related": ["first"]},
        ],
    }

    import_statements(data, folder)

    first = Statement.objects.get(slug="first")
    assert [s.slug for s in first.related.all()] == ["second"]
    assert [s.slug for s in first.related_from.all()] == ["second"]


@pytest.mark.django_db
def test_files_are_stored_under_generated_names(folder, existing, settings):
    """Stored names never come from the file, and images are re-encoded."""
    hero = folder / "images" / "baku-1990.png"
    hero.write_bytes(hero.read_bytes() + b"<script>trailing junk</script>")

    import_statements(valid_data(), folder)

    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    assert statement.hero_image.name.startswith("images/")
    assert "baku" not in statement.hero_image.name
    assert statement.hero_image.name.endswith(".png")
    with statement.hero_image.open("rb") as stored:
        assert b"trailing junk" not in stored.read()
    attachment = statement.attachments.get()
    assert attachment.file.name.startswith("files/")
    assert "signed" not in attachment.file.name


@pytest.mark.django_db
def test_a_changed_image_replaces_the_stored_one(folder, existing):
    """A different image is stored anew; the statement counts as updated."""
    import_statements(valid_data(), folder)
    before = Statement.objects.get(slug="thirty-fifth-anniversary").hero_image.name
    write_image(folder / "images" / "baku-1990.png", color=(0, 0, 0))

    result = import_statements(valid_data(), folder)

    after = Statement.objects.get(slug="thirty-fifth-anniversary").hero_image.name
    assert after != before
    assert (result.statements.updated, result.statements.unchanged) == (1, 1)


@pytest.mark.django_db
def test_same_attachment_keeps_its_stored_file(folder, existing):
    """A new attachment title keeps the stored PDF rather than storing a copy."""
    import_statements(valid_data(), folder)
    statement = Statement.objects.get(slug="thirty-fifth-anniversary")
    stored = statement.attachments.get().file.name
    data = valid_data()
    data["statements"][0]["attachments"][0]["title"] = {"en": "Signed copy"}

    import_statements(data, folder)

    attachment = statement.attachments.get()
    assert (attachment.file.name, attachment.title) == (stored, {"en": "Signed copy"})


def test_import_result_summary():
    """The summary line totals each outcome, then gives each kind's counts."""
    result = ImportResult()
    result.people.created = 1
    result.topics.unchanged = 2
    result.statements.updated = 3
    result.statements.unchanged = 4
    assert result.summary() == (
        "Created 1, updated 3, unchanged 6 "
        "(people 1/0/0, topics 0/0/2, commemorations 0/0/0, statements 0/3/4)"
    )


# The command.


def write_json(folder, data):
    path = folder / "statements.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_command_prints_the_summary(folder, existing):
    """The command imports the file and ends with the summary line."""
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command(
        "import_statements",
        str(write_json(folder, valid_data())),
        stdout=stdout,
        stderr=stderr,
    )

    assert stdout.getvalue() == (
        "Created 4, updated 1, unchanged 0 "
        "(people 1/0/0, topics 1/0/0, commemorations 1/0/0, statements 1/1/0)\n"
    )
    assert stderr.getvalue() == ""


@pytest.mark.django_db
def test_command_shows_progress_when_asked(folder, existing):
    """--progress draws the bars on standard error."""
    stderr = io.StringIO()

    call_command(
        "import_statements",
        str(write_json(folder, valid_data())),
        "--progress",
        stdout=io.StringIO(),
        stderr=stderr,
    )

    assert "Checking: 100%" in stderr.getvalue()
    assert "Writing: 100%" in stderr.getvalue()


@pytest.mark.django_db
def test_command_lists_every_error_and_writes_nothing(folder, existing, settings):
    """A bad file: each error on its own line, CommandError, nothing written."""
    data = valid_data()
    data["statements"][0]["kind"] = "news"
    data["statements"][1]["issued_by"] = "nobody"
    path = write_json(folder, data)
    stderr = io.StringIO()
    before = snapshot(settings.MEDIA_ROOT)

    with pytest.raises(CommandError) as caught:
        call_command(
            "import_statements", str(path), stdout=io.StringIO(), stderr=stderr
        )

    assert str(caught.value) == f"{path}: 2 problems found; nothing was imported."
    assert stderr.getvalue().splitlines() == [
        'statements[0] (slug "thirty-fifth-anniversary"): kind: unknown value '
        '"news"; expected press_release, statement or anniversary',
        'statements[1] (slug "existing"): issued_by: unknown person "nobody" '
        "(not in the file nor in the database)",
    ]
    assert snapshot(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
def test_command_reports_malformed_json(tmp_path, existing, settings):
    """Malformed JSON through the command: one line with the position."""
    path = tmp_path / "broken.json"
    path.write_text('{"statements": [}', encoding="utf-8")
    stderr = io.StringIO()
    before = snapshot(settings.MEDIA_ROOT)

    with pytest.raises(CommandError):
        call_command(
            "import_statements", str(path), stdout=io.StringIO(), stderr=stderr
        )

    assert stderr.getvalue() == (
        f"{path}: line 1, column 17: malformed JSON: Expecting value\n"
    )
    assert snapshot(settings.MEDIA_ROOT) == before
