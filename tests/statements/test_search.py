"""Search over public statements in one language, on SQLite and PostgreSQL."""

import pytest

from statements.models import VersionStatus
from tests.factories import make_statement, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    statement = make_statement(languages=[], original_language="az", slug="visit")
    make_version(
        statement,
        "az",
        title="İstintaq təcridxanasına baş çəkildi",
        body="<p>Müvəkkil Şəki şəhərindəki təcridxanada məhbuslarla görüşdü.</p>",
    )
    make_version(
        statement,
        "ru",
        title="Посещение следственного изолятора",
        body="<p>Омбудсмен посетила следственный изолятор и встретилась с "
        "задержанными.</p>",
    )
    make_version(
        statement,
        "en",
        title="Visit to a pre-trial detention centre",
        body="<p>The Commissioner met detainees and inspected their conditions.</p>",
    )
    other = make_statement(languages=["en"], slug="children")
    other.versions.update(title="Children's rights week")
    hidden = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    hidden.versions.update(title="Detainees draft")
    return statement


def titles(response):
    return [r["version"].title for r in response.context["results"]]


def test_finds_azerbaijani_words(client, corpus):
    """An Azerbaijani word finds the Azerbaijani version."""
    response = client.get("/az/search/?q=Şəki")
    assert titles(response) == ["İstintaq təcridxanasına baş çəkildi"]
    assert "<mark>Şəki</mark>" in response.content.decode()


def test_finds_russian_words_case_insensitively(client, corpus):
    """A capitalised Russian word finds the lower-case text."""
    response = client.get("/ru/search/?q=Изолятор")
    assert titles(response) == ["Посещение следственного изолятора"]


def test_finds_english_and_never_a_draft(client, corpus):
    """English search finds the public version, not the draft with the same word."""
    response = client.get("/en/search/?q=detainees")
    assert titles(response) == ["Visit to a pre-trial detention centre"]
    assert "<mark>detainees</mark>" in response.content.decode()


def test_search_is_per_language(client, corpus):
    """A Russian word searched on the English site finds nothing."""
    response = client.get("/en/search/?q=изолятор")
    assert titles(response) == []
    assert "Nothing was found." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "'; DROP TABLE statements_statement; --",
        "<script>alert(1)</script>",
        "a" * 5000,
        "!!! & | ( ) :* <->",
        "%00%ff",
        "\x00\x01",
        '"unterminated',
    ],
)
def test_hostile_or_empty_queries_get_a_calm_page(client, corpus, query):
    """Anything typed gives a 200 page, never an error, never raw markup."""
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_snippet_escapes_the_text_around_marks(client, corpus):
    """Text in the snippet is escaped; only <mark> is markup."""
    statement = make_statement(languages=["en"])
    statement.versions.update(
        body="<p>Rights &lt;b&gt;matter&lt;/b&gt; for detainees.</p>",
        search_document="rights <b>matter</b> for detainees.",
    )
    content = client.get("/en/search/?q=matter").content.decode()
    assert "&lt;b&gt;<mark>matter</mark>&lt;/b&gt;" in content
