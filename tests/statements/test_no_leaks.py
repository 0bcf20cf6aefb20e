"""Nothing unpublished reaches a reader, on any page, feed, sitemap or search."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone

from statements.models import StatementKind, VersionStatus
from tests.factories import (
    make_commemoration,
    make_statement,
    make_topic,
    make_version,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "en", "ru"]
# Every text of a hidden statement carries this word; no URL does.
MARKER = "zzhidden"


def hidden_statements(topic, commemoration):
    """One statement for each way of not being public, its texts marked.

    Each marks an anniversary of ``commemoration``, so the anniversaries pages
    have something to leak.
    """
    years = iter(range(2000, 2100))

    def anniversary():
        return {
            "kind": StatementKind.ANNIVERSARY,
            "commemoration": commemoration,
            "anniversary_year": next(years),
        }

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
            languages=LANGUAGES,
            slug=f"secret-{name}",
            topics=[topic],
            **anniversary(),
            **overrides,
        )
    # The original (az) is still a draft while en and ru are approved.
    original_draft = make_statement(
        languages=[],
        slug="secret-original-draft",
        topics=[topic],
        original_language="az",
        **anniversary(),
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
        **anniversary(),
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
    commemoration = make_commemoration(key="day")
    hidden = hidden_statements(topic, commemoration)
    public = make_statement(languages=["az", "en"], slug="public-one", topics=[topic])
    # The public statement links every hidden one, and has a Russian draft.
    public.related.set(hidden.values())
    make_version(public, "ru", status=VersionStatus.DRAFT, title=f"{MARKER} ru draft")
    return public


# Routes readers never reach: staff pages, the language switch (POST only),
# uploads. Every other route in the URLconf is a surface the leak test walks,
# so a new public page is covered the day it is added.
NOT_PUBLIC = ("admin/", "i18n/", settings.MEDIA_URL.lstrip("/"))
# A value for each parameter a route can take, naming the world's items.
SAMPLES = {
    "slug": "public-one",
    "key": "day",
    "section": "statements",
    "token": "not-a-token",
}


def queries():
    """Filters and searches the URL patterns cannot list, by route name."""
    year = timezone.localdate().year
    return {
        "statements:list": ["?topic=rights", f"?year={year}", "?kind=statement"],
        "statements:search": ["?q=body", "?q=title+summary", "?q=statement"],
    }


def routes(resolver=None, prefix="", namespace="", localized=False):
    """``(route, name, localized)`` for every URL pattern, included ones too."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            is_locale = isinstance(pattern.pattern, LocalePrefixPattern)
            yield from routes(
                pattern,
                prefix + ("" if is_locale else str(pattern.pattern)),
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                localized or is_locale,
            )
        else:
            yield (
                prefix + str(pattern.pattern),
                namespace + (pattern.name or ""),
                localized,
            )


def public_routes():
    return [r for r in routes() if not r[0].startswith(NOT_PUBLIC)]


def surfaces(language):
    urls = []
    for route, name, localized in public_routes():
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES[m.group(1)], route)
        path = f"/{language}/{path}" if localized else f"/{path}"
        urls += [path] + [path + query for query in queries().get(name, [])]
    return urls


def test_the_walk_covers_every_public_page():
    """The pages found in the URLconf include the ones a reader browses,
    the anniversaries among them, and every parameter has a sample."""
    urls = surfaces("en")
    for expected in (
        "/en/",
        "/en/statements/public-one/",
        "/en/statements/feed/atom/",
        "/en/anniversaries/",
        "/en/anniversaries/calendar.ics",
        "/en/anniversaries/day/",
        "/en/search/?q=body",
        "/sitemap-statements.xml",
        "/robots.txt",
    ):
        assert expected in urls
    assert not [url for url in urls if "admin" in url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_statements_appear_nowhere(client, world, language):
    """Draft, review, future, unscheduled, original-draft and missing-required
    statements are absent from every public surface in every language."""
    for url in surfaces(language):
        response = client.get(url)
        content = response.content.decode()
        # 410: an alert link that is not (or no longer) valid.
        assert response.status_code in (200, 404, 410), url
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
