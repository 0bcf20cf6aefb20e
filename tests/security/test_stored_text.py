"""What is stored: one text hygiene rule at every entrance, and output that
cannot fail on what is already there.

- A vertical tab (as word processors paste it) or a bidirectional override in
  a title saved through the admin is removed; feeds of odd text stored before
  this rule still answer 200.
- Every text field has a maximum, enforced by the form with the text kept,
  the same on SQLite and PostgreSQL.
- The importer answers NUL, unpaired surrogates, bad paths, deep nesting and
  huge numbers with its "N problems found; nothing was imported" report.
- Hypothesis fuzzes the rule, the importer and the public URLs.
"""

import io
import json
import string

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings, strategies

from statements.content.text import clean_text, text_problem, xml_safe
from statements.exchange.importers import (
    ImportValidationError,
    import_statements,
    load_file,
)
from statements.models import (
    BODY_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Statement,
    StatementVersion,
    VersionStatus,
)
from tests.factories import make_statement, make_superuser
from tests.security.helpers import form_data

FEEDS = ["/en/statements/feed/", "/en/statements/feed/atom/"]


@pytest.fixture
def editor(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_superuser())
    return client


def version_form(client, version):
    url = f"/admin/statements/statementversion/{version.pk}/change/"
    return url, form_data(client.get(url).content.decode(), "statementversion_form")


@pytest.mark.django_db
def test_a_vertical_tab_in_a_title_is_removed_and_feeds_answer(editor):
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = statement.versions.get()
    url, data = version_form(editor, version)
    data["title"] = "Pasted\x0bfrom a word processor\x0c"
    data["summary"] = "Line one\x0bline two\r\nthree\x07"
    assert editor.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.title == "Pasted from a word processor"
    assert version.summary == "Line one\nline two\nthree"
    version.status = VersionStatus.PUBLISHED
    version.save()
    for feed in FEEDS:
        assert Client().get(feed).status_code == 200


@pytest.mark.django_db
def test_feeds_answer_whatever_was_stored_before(client):
    """Text stored before the rule (written past the model) cannot break a feed."""
    statement = make_statement(languages=["en"])
    odd = "Old\x0b title\x1b with controls"
    if connection.vendor == "sqlite":
        odd += "\x00 and a NUL"  # PostgreSQL cannot store one at all
    StatementVersion.objects.filter(statement=statement).update(title=odd, summary=odd)
    for feed in FEEDS:
        response = client.get(feed)
        assert response.status_code == 200
        assert "Old title with controls" in response.content.decode()
    assert client.get("/sitemap-statements.xml").status_code == 200
    assert client.get(f"/en/statements/{statement.slug}/").status_code == 200


@pytest.mark.django_db
def test_bidirectional_overrides_are_removed_from_titles(editor):
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = statement.versions.get()
    url, data = version_form(editor, version)
    data["title"] = "Invoice \u202egnp.exe\u202c and \u2066isolate\u2069"
    assert editor.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.title == "Invoice gnp.exe and isolate"


@pytest.mark.django_db
def test_translated_texts_follow_the_rule(db):
    statement = make_statement(languages=["en"])
    statement.hero_image_alt = {"en": "Alt\u202e text\x0b here"}
    statement.withdrawal_reason = {"en": "Line\x0bbreak\x00"}
    statement.save()
    statement.refresh_from_db()
    assert statement.hero_image_alt == {"en": "Alt text  here"}
    assert statement.withdrawal_reason == {"en": "Line\nbreak"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "limit"),
    [("summary", SUMMARY_MAX_LENGTH), ("body", BODY_MAX_LENGTH), ("title", 300)],
)
def test_too_long_text_is_a_form_error_that_keeps_it(editor, field, limit):
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = statement.versions.get()
    url, data = version_form(editor, version)
    typed = "<p>" + "x" * limit + "</p>" if field == "body" else "y" * (limit + 1)
    data[field] = typed
    response = editor.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"at most {limit:,} characters".replace(",", "") in page.replace(",", "")
    assert "x" * 1000 in page or "y" * (limit + 1) in page


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["hero_image_alt", "hero_image_caption"])
def test_alt_text_and_caption_have_a_limit(editor, field):
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    url = f"/admin/statements/statement/{statement.pk}/change/"
    data = form_data(editor.get(url).content.decode(), "statement_form")
    data[f"{field}_en"] = "z" * 501
    response = editor.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 500 characters" in page
    assert "z" * 501 in page


# The importer -----------------------------------------------------------------


def minimal(title="A title", **version):
    return {
        "people": [{"key": "p", "name": {"en": "P"}}],
        "statements": [
            {
                "slug": "imported",
                "kind": "statement",
                "issued_by": "p",
                "original_language": "en",
                "versions": {"en": {"title": title, **version}},
            }
        ],
    }


def run_command(path):
    stderr = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_statements", str(path), stdout=io.StringIO(), stderr=stderr
        )
    assert "nothing was imported" in str(caught.value)
    return stderr.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: d["statements"][0]["versions"]["en"].update(title="a\x00b"), "NUL"),
        (
            lambda d: d["statements"][0]["versions"]["en"].update(title="a\ud800b"),
            "unpaired surrogate",
        ),
        (
            lambda d: d["people"][0]["name"].update(en="\udfffx"),
            "unpaired surrogate",
        ),
        (
            lambda d: d["statements"][0].update(hero_image={"file": "a\x00.png"}),
            "NUL",
        ),
        (
            lambda d: d["statements"][0].update(hero_image={"file": "../../etc/x"}),
            "outside the folder",
        ),
        (
            lambda d: d["statements"][0].update(anniversary_year=10**4000),
            "out of range",
        ),
        (
            lambda d: d["statements"][0]["versions"]["en"].update(
                summary="s" * (SUMMARY_MAX_LENGTH + 1)
            ),
            "longer than",
        ),
        (
            lambda d: d["statements"][0].update(
                hero_image={"file": "x.png", "alt": {"en": "a" * 501}}
            ),
            "longer than 500",
        ),
    ],
    ids=[
        "nul-title",
        "surrogate-title",
        "surrogate-name",
        "nul-path",
        "path-outside",
        "huge-year",
        "long-summary",
        "long-alt",
    ],
)
def test_the_importer_reports_damaged_text(tmp_path, spoil, message):
    data = minimal()
    spoil(data)
    path = tmp_path / "bad.json"
    # ensure_ascii: the surrogates travel as \\u escapes, as in a real file.
    path.write_text(json.dumps(data), encoding="utf-8")
    report = run_command(path)
    assert message in report
    report.encode("utf-8")  # printable: no lone surrogate reaches the terminal
    assert not Statement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"people": [{"key": "p", "x": ' + "9" * 5000 + "}]}", "cannot be read"),
        ('{"people": "\\ud800"}', "expected a list"),
    ],
    ids=["deep", "huge-number", "surrogate-section"],
)
def test_the_importer_reports_unreadable_files(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert message in run_command(path) + str(_load_error(path))


def _load_error(path):
    try:
        load_file(path)
    except ImportValidationError as error:
        return error
    return ""


@pytest.mark.django_db
def test_the_importer_reports_a_file_name_with_a_nul(tmp_path):
    with pytest.raises(ImportValidationError, match="no such file"):
        load_file(str(tmp_path / "a\x00b.json"))


# Hypothesis -------------------------------------------------------------------

FORBIDDEN_IN_A_LINE = set("\x00\x0b\x0c\r\n\t\u202e\u202d\u2066\u2069\u200f")


@given(strategies.text())
@settings(max_examples=300)
def test_clean_text_leaves_nothing_forbidden_and_is_stable(value):
    line = clean_text(value, multiline=False)
    assert not FORBIDDEN_IN_A_LINE & set(line)
    assert text_problem(line) is None
    assert clean_text(line, multiline=False) == line
    block = clean_text(value)
    assert "\x00" not in block and "\x0b" not in block and "\r" not in block
    assert clean_text(block) == block
    xml_safe(value).encode("utf-8")


JSON_VALUES = strategies.recursive(
    strategies.none()
    | strategies.booleans()
    | strategies.integers()
    | strategies.floats(allow_nan=False)
    | strategies.text(),
    lambda children: (
        strategies.lists(children, max_size=4)
        | strategies.dictionaries(strategies.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = strategies.sampled_from(
    ["key", "name", "slug", "kind", "versions", "title", "body", "issued_by", "x"]
)


@pytest.mark.django_db
@given(
    data=strategies.dictionaries(
        strategies.sampled_from(["people", "topics", "commemorations", "statements"]),
        strategies.lists(
            strategies.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6), max_size=3
        )
        | JSON_VALUES,
        max_size=4,
    )
)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_the_importer_never_ends_in_a_traceback(tmp_path, data):
    try:
        import_statements(data, tmp_path)
    except ImportValidationError as error:
        assert error.errors
        "\n".join(error.errors).encode("utf-8")


PATH_TEXT = strategies.text(
    alphabet=strategies.characters(blacklist_categories=["Cs"]), max_size=30
)


@pytest.mark.django_db
@given(
    language=strategies.sampled_from(["az", "en", "ru", "xx"]),
    section=strategies.sampled_from(
        ["", "statements/", "search/", "topics/", "people/", "statements/feed/"]
    ),
    tail=PATH_TEXT,
    query=strategies.dictionaries(
        strategies.sampled_from(["q", "page", "kind", "year", "topic", "person"]),
        PATH_TEXT,
        max_size=3,
    ),
)
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_public_urls_never_answer_500(client, language, section, tail, query):
    from urllib.parse import quote

    path = f"/{language}/{section}{quote(tail, safe=string.ascii_letters + '/')}"
    response = Client(raise_request_exception=False).get(path, query)
    assert response.status_code < 500, (path, query)
