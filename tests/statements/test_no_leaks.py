"""Nothing unpublished reaches a reader, on any page, feed, sitemap or search."""

import datetime

import pytest
from django.utils import timezone

from statements.models import VersionStatus
from tests.factories import make_statement, make_topic, make_version

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "en", "ru"]
# Every text of a hidden statement carries this word; no URL does.
MARKER = "zzhidden"


def hidden_statements(topic):
    """One statement for each way of not being public, its texts marked."""
    future = timezone.now() + datetime.timedelta(days=2)
    cases = {
        "draft": {"status": VersionStatus.DRAFT},
        "review": {"status": VersionStatus.REVIEW},
        "future": {"publish_at": future},
        "unscheduled": {"publish_at": None},
    }
    made = {}
    for name, overrides in cases.items():
        made[name] = make_statement(
            languages=LANGUAGES, slug=f"secret-{name}", topics=[topic], **overrides
        )
    # The original (az) is still a draft while en and ru are approved.
    original_draft = make_statement(
        languages=[],
        slug="secret-original-draft",
        topics=[topic],
        original_language="az",
    )
    make_version(original_draft, "az", status=VersionStatus.DRAFT)
    make_version(original_draft, "en")
    make_version(original_draft, "ru")
    made["original-draft"] = original_draft
    # Russian is required but only in review: nothing may go out yet.
    waiting = make_statement(
        languages=["az", "en"],
        slug="secret-missing-required",
        topics=[topic],
        required_languages=["az", "en", "ru"],
    )
    make_version(waiting, "ru", status=VersionStatus.REVIEW)
    made["missing-required"] = waiting
    for statement in made.values():
        for version in statement.versions.all():
            version.title = f"{MARKER} title {version.language}"
            version.summary = f"{MARKER} summary"
            version.body = f"<p>{MARKER} body statement</p>"
            version.save()
    return made


@pytest.fixture
def world():
    topic = make_topic(key="rights", name={"en": "Rights", "az": "Hüquqlar"})
    hidden = hidden_statements(topic)
    public = make_statement(languages=["az", "en"], slug="public-one", topics=[topic])
    # The public statement links every hidden one, and has a Russian draft.
    public.related.set(hidden.values())
    make_version(public, "ru", status=VersionStatus.DRAFT, title=f"{MARKER} ru draft")
    return public


def surfaces(language):
    year = timezone.localdate().year
    return [
        f"/{language}/",
        f"/{language}/statements/",
        f"/{language}/statements/?topic=rights",
        f"/{language}/statements/?year={year}",
        f"/{language}/statements/?kind=statement",
        f"/{language}/statements/public-one/",
        f"/{language}/statements/feed/",
        f"/{language}/statements/feed/atom/",
        f"/{language}/search/?q=body",
        f"/{language}/search/?q=title+summary",
        f"/{language}/search/?q=statement",
        "/sitemap.xml",
        "/sitemap-statements.xml",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_statements_appear_nowhere(client, world, language):
    """Draft, review, future, unscheduled, original-draft and missing-required
    statements are absent from every public surface in every language."""
    for url in surfaces(language):
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code in (200, 404), url
        assert MARKER not in content, url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "slug",
    [
        "secret-draft",
        "secret-review",
        "secret-future",
        "secret-unscheduled",
        "secret-original-draft",
        "secret-missing-required",
    ],
)
def test_hidden_statement_pages_are_plain_404s(client, world, language, slug):
    """Their address is a 404 that gives no hint the statement exists."""
    response = client.get(f"/{language}/statements/{slug}/")
    assert response.status_code == 404
    content = response.content.decode()
    assert MARKER not in content
    assert [t.name for t in response.templates][0] == "404.html"


def test_public_statement_does_not_offer_its_draft_language(client, world):
    """The Russian draft of a public statement is not in its switcher or hreflang."""
    content = client.get("/en/statements/public-one/").content.decode()
    assert 'hreflang="ru"' not in content
    assert client.get("/ru/statements/public-one/").status_code == 404
