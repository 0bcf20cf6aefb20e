"""The sitemap: an index of bounded section pages that together list every
public version, with hreflang alternates and x-default."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from statements.models import Statement, VersionStatus
from statements.public.sitemaps import StatementSitemap
from tests.factories import make_statement, make_version

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
SECTION = "http://testserver/sitemap-statements.xml"
LANGUAGES = ["az", "en", "ru"]


@pytest.fixture
def small_pages(monkeypatch):
    """Six <url>s a page: two statements in three languages."""
    monkeypatch.setattr(StatementSitemap, "limit", 6)
    return 2


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def section_pages(client):
    """The statements' section addresses the index names, in order."""
    root = fetch(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    locations = [
        e.findtext("s:loc", namespaces=NS) for e in root.findall("s:sitemap", NS)
    ]
    assert locations[-1] == "http://testserver/sitemap-pages.xml"
    return locations[:-1]


def page_locations(client, url):
    root = fetch(client, url.removeprefix("http://testserver"))
    return [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]


def all_locations(client):
    return [loc for url in section_pages(client) for loc in page_locations(client, url)]


def address(language, statement):
    return f"http://testserver/{language}/statements/{statement.slug}/"


def hidden_statements():
    """One statement for each way of not being public."""
    future = timezone.now() + datetime.timedelta(days=2)
    hidden = [
        make_statement(
            languages=LANGUAGES, slug="hidden-draft", status=VersionStatus.DRAFT
        ),
        make_statement(
            languages=LANGUAGES, slug="hidden-review", status=VersionStatus.REVIEW
        ),
        make_statement(languages=LANGUAGES, slug="hidden-scheduled", publish_at=future),
        make_statement(languages=LANGUAGES, slug="hidden-unscheduled", publish_at=None),
    ]
    waiting = make_statement(
        languages=["az", "en"],
        slug="hidden-missing-required",
        required_languages=LANGUAGES,
    )
    make_version(waiting, "ru", status=VersionStatus.REVIEW)
    original_draft = make_statement(
        languages=[], slug="hidden-original-draft", original_language="az"
    )
    make_version(original_draft, "az", status=VersionStatus.DRAFT)
    make_version(original_draft, "en")
    # Public once, then its only version went back to draft.
    unpublished = make_statement(languages=["en"], slug="hidden-unpublished")
    version = unpublished.versions.get()
    version.status = VersionStatus.DRAFT
    version.save()
    return hidden + [waiting, original_draft, unpublished]


def test_index_names_one_section_page_per_limit(client, small_pages):
    """Two statements a page: four need two pages, a fifth a third."""
    for _ in range(4):
        make_statement(languages=LANGUAGES)
    assert section_pages(client) == [SECTION, f"{SECTION}?p=2"]
    make_statement(languages=["en"])
    assert section_pages(client) == [SECTION, f"{SECTION}?p=2", f"{SECTION}?p=3"]


def test_index_counts_only_public_statements(client, small_pages):
    """Hidden statements do not add section pages."""
    make_statement(languages=LANGUAGES)
    hidden_statements()
    assert section_pages(client) == [SECTION]


def test_empty_site_has_one_empty_section(client):
    assert section_pages(client) == [SECTION]
    assert page_locations(client, SECTION) == []


def test_section_lists_each_public_version_with_its_alternates(client):
    """Two public languages: two <url>s, each naming both plus x-default, the
    original language's address."""
    statement = make_statement(languages=["az", "en"], slug="two-languages")
    make_version(statement, "ru", status=VersionStatus.DRAFT)
    root = fetch(client, "/sitemap-statements.xml")
    urls = root.findall("s:url", NS)
    locations = [u.findtext("s:loc", namespaces=NS) for u in urls]
    assert locations == [
        "http://testserver/az/statements/two-languages/",
        "http://testserver/en/statements/two-languages/",
    ]
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        assert alternates == {
            "az": "http://testserver/az/statements/two-languages/",
            "en": "http://testserver/en/statements/two-languages/",
            "x-default": "http://testserver/az/statements/two-languages/",
        }
    assert urls[0].findtext("s:lastmod", namespaces=NS)


def test_x_default_is_the_original_language(client):
    """A statement written in Russian: x-default is the Russian address."""
    make_statement(languages=["ru", "en"], slug="from-russian")
    root = fetch(client, "/sitemap-statements.xml")
    defaults = {
        link.get("href")
        for url in root.findall("s:url", NS)
        for link in url.findall("x:link", NS)
        if link.get("hreflang") == "x-default"
    }
    assert defaults == {"http://testserver/ru/statements/from-russian/"}


def test_lastmod_is_the_last_change_a_reader_can_see(client):
    """Release, then a correction, then a withdrawal: lastmod follows each,
    and an unseen save (the statement's updated_at) does not move it."""
    from statements.models import Correction

    released = timezone.now() - datetime.timedelta(days=10)
    statement = make_statement(languages=["en"], publish_at=released)

    def lastmod():
        root = fetch(client, "/sitemap-statements.xml")
        text = root.find("s:url", NS).findtext("s:lastmod", namespaces=NS)
        return datetime.date.fromisoformat(text)

    def day(moment):
        return timezone.localtime(moment).date()

    assert lastmod() == day(released)
    corrected = released + datetime.timedelta(days=2)
    Correction.objects.create(version=statement.versions.get(), at=corrected, note="x")
    assert lastmod() == day(corrected)
    withdrawn = released + datetime.timedelta(days=5)
    Statement.objects.filter(pk=statement.pk).update(
        withdrawn_at=withdrawn, updated_at=timezone.now()
    )
    assert lastmod() == day(withdrawn)


def test_pages_section_lists_the_other_public_pages(client):
    """Home, the list, commemorations (each one too), contact and alerts, in
    every language with alternates."""
    from tests.factories import make_commemoration

    make_commemoration(key="20-january")
    locations = page_locations(client, "http://testserver/sitemap-pages.xml")
    for language in LANGUAGES:
        for path in (
            "",
            "statements/",
            "anniversaries/",
            "anniversaries/20-january/",
            "contact/",
            "alerts/",
        ):
            assert f"http://testserver/{language}/{path}" in locations


def test_hidden_statements_never_appear(client, small_pages):
    """Drafts, reviews, scheduled, unscheduled, incomplete and unpublished
    statements are on no section page."""
    public = make_statement(languages=LANGUAGES, slug="public-one")
    hidden_statements()
    found = all_locations(client)
    assert found == [address(code, public) for code in LANGUAGES]
    assert not any("/hidden-" in location for location in found)


def test_sections_cover_every_public_version_once(client, small_pages):
    """Pages of two statements each, oldest first, together list every
    public version exactly once; statements issued at the same instant are
    split by key, so no page repeats or skips one."""
    same_time = timezone.now() - datetime.timedelta(days=1)
    language_sets = [["en"], ["az", "en"], LANGUAGES, ["ru"], LANGUAGES, ["az"], ["en"]]
    public = []
    for number, languages in enumerate(language_sets):
        earlier = same_time - datetime.timedelta(hours=number)
        statement = make_statement(
            languages=languages, publish_at=same_time if number % 2 else earlier
        )
        public.append((statement, languages))
    # A draft translation adds no <url>.
    make_version(public[-1][0], "ru", status=VersionStatus.DRAFT)
    hidden_statements()

    pages = section_pages(client)
    assert len(pages) == 4
    per_page = [page_locations(client, url) for url in pages]
    assert all(len(locations) <= StatementSitemap.limit for locations in per_page)
    found = [location for locations in per_page for location in locations]
    expected = {
        address(code, statement)
        for statement, languages in public
        for code in languages
    }
    assert len(found) == len(set(found)) == len(expected)
    assert set(found) == expected

    def oldest_first(pair):
        statement, _languages = pair
        statement.refresh_from_db()
        return (statement.released_at, statement.pk)

    ordered = sorted(public, key=oldest_first)
    for number, locations in enumerate(per_page):
        expected_page = [
            address(code, statement)
            for statement, languages in ordered[
                number * small_pages : (number + 1) * small_pages
            ]
            for code in LANGUAGES
            if code in languages
        ]
        assert locations == expected_page


def test_pages_beyond_the_last_or_not_numbers_are_not_found(client, small_pages):
    make_statement(languages=LANGUAGES)
    assert client.get("/sitemap-statements.xml?p=2").status_code == 404
    assert client.get("/sitemap-statements.xml?p=0").status_code == 404
    assert client.get("/sitemap-statements.xml?p=abc").status_code == 404
    assert client.get("/sitemap-unknown.xml").status_code == 404


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def warm_up(client):
    """A first section page, unmeasured: SQLite checks once per connection
    that it has JSON functions, with queries of its own."""
    assert client.get("/sitemap-statements.xml").status_code == 200


# The count, the page and the page cache's look-up of the next release.
SECTION_PAGE_QUERIES = 3


@pytest.mark.parametrize("count", [3, 30])
def test_section_page_queries_are_bounded(
    client, small_pages, count, django_assert_max_num_queries
):
    """The index and a first, middle and last section page make at most
    three queries, with 3 statements as with 30."""
    for _ in range(count):
        make_statement(languages=LANGUAGES)
    warm_up(client)
    pages = section_pages(client)
    assert len(pages) == (count + 1) // 2
    for url in ("/sitemap.xml", pages[0], pages[len(pages) // 2], pages[-1]):
        cache.clear()
        with django_assert_max_num_queries(SECTION_PAGE_QUERIES):
            response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200


def test_section_page_queries_do_not_grow_with_content(client, small_pages):
    """The same queries for a full page with 4 and with 40 statements."""
    for _ in range(4):
        make_statement(languages=LANGUAGES)
    warm_up(client)
    urls = ("/sitemap.xml", "/sitemap-statements.xml")
    small = [count_queries(client, url) for url in urls]
    for _ in range(36):
        make_statement(languages=LANGUAGES)
    large = [count_queries(client, url) for url in urls]
    assert small == large


def test_section_page_loads_only_its_own_statements(client, small_pages):
    """With 20 statements, a page of two builds two Statement objects, not
    every statement on the site."""
    for _ in range(20):
        make_statement(languages=LANGUAGES)
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Statement)
    try:
        for url in ("/sitemap.xml", "/sitemap-statements.xml?p=5"):
            assert client.get(url).status_code == 200
            assert len(loaded) <= small_pages, url
            loaded.clear()
    finally:
        post_init.disconnect(count, sender=Statement)


def test_default_page_holds_at_most_two_thousand_urls():
    """A full statement has a <url> per language; a page stays within limit."""
    sitemap = StatementSitemap()
    assert sitemap.statements_per_page() * len(LANGUAGES) <= sitemap.limit == 2000


def test_section_pages_are_cached(client, settings):
    """Section pages are public and the same for everyone: the page cache
    keeps them, each address under its own entry."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    make_statement(languages=LANGUAGES)
    first = client.get("/sitemap-statements.xml")
    again = client.get("/sitemap-statements.xml")
    index = client.get("/sitemap.xml")
    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert index["X-Page-Cache"] == "miss"
    assert client.get("/sitemap-statements.xml?p=1")["X-Page-Cache"] == "miss"
    cache.clear()


def test_x_default_address_redirects_to_a_language(client):
    """The x-default address (no prefix) sends the reader to their language."""
    make_statement(languages=["az", "en"], slug="two-languages")
    response = client.get("/statements/two-languages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/statements/two-languages/"


def test_a_new_statement_changes_only_the_last_page(client, small_pages):
    """Earlier pages keep their addresses as statements come out."""
    for days in range(5, 0, -1):
        make_statement(
            languages=LANGUAGES, publish_at=timezone.now() - datetime.timedelta(days)
        )
    pages = section_pages(client)
    before = [page_locations(client, url) for url in pages]
    make_statement(languages=LANGUAGES)
    after = [page_locations(client, url) for url in section_pages(client)]
    assert after[: len(before) - 1] == before[:-1]
    assert after[-1] != before[-1]
