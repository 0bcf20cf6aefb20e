"""Public pages make a fixed number of queries, whatever there is to show."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.models import Attachment, Correction, Coverage, Distribution
from tests.factories import (
    make_commemoration,
    make_statement,
    make_topic,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

STATEMENT_PAGE_LIMIT = 6
LIST_PAGE_LIMIT = 6
# The first request after a change renders the article (statements.public.prepared):
# one query finds no current article, one stores it, and inside a test's
# transaction the store has a savepoint (two more).
PREPARING_QUERIES = 4
# The first read of a list after a change counts it (statements.public.prepared:
# the lists' stamp, the COUNT, the next issue time, the store with its
# savepoint) and stores the cards it rendered (the store with its savepoint).
PREPARING_LIST_QUERIES = 9


def populate(count):
    """``count`` statements in three languages, each with every kind of child."""
    topics = [make_topic() for _ in range(3)]
    commemoration = make_commemoration(figures=[({"en": "killed"}, 150)] * 3)
    statements = []
    for _ in range(count):
        statement = make_statement(
            languages=["en", "az", "ru"],
            topics=topics,
            kind="anniversary",
            commemoration=commemoration,
            anniversary_year=2025,
        )
        for _ in range(2):
            Coverage.objects.create(statement=statement, outlet="Outlet")
            Distribution.objects.create(statement=statement, recipient={"en": "UN"})
            Attachment.objects.create(
                statement=statement, file=pdf_upload(), title={"en": "Signed"}
            )
            Correction.objects.create(
                version=statement.versions.get(language="en"), note="Fixed"
            )
        if statements:
            statement.related.add(*statements[-3:])
        statements.append(statement)
    return statements


def count_queries(client, url):
    cache.clear()
    # Django asks SQLite once per connection whether it has JSON: not the page's.
    connection.features.supports_json_field  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("count", [1, 50])
def test_statement_page_queries_are_fixed(client, count):
    """A statement page: at most six queries with 1 or with 50 statements,
    once its article is stored; the request that stores it, at most
    PREPARING_QUERIES more."""
    statements = populate(count)
    url = f"/en/statements/{statements[-1].slug}/"
    assert count_queries(client, url) <= STATEMENT_PAGE_LIMIT + PREPARING_QUERIES
    assert count_queries(client, url) <= STATEMENT_PAGE_LIMIT


@pytest.mark.parametrize("count", [1, 50])
def test_list_pages_queries_are_fixed(client, count):
    """List, filtered list, home, search, feeds and sitemap stay fixed too."""
    populate(count)
    year = datetime.date.today().year
    for url in (
        "/en/statements/",
        f"/en/statements/?kind=anniversary&year={year}",
        "/en/",
        "/en/search/?q=statement",
        "/en/statements/feed/",
        "/en/statements/feed/atom/",
        "/sitemap.xml",
        "/sitemap-statements.xml",
    ):
        assert count_queries(client, url) <= LIST_PAGE_LIMIT + PREPARING_LIST_QUERIES
        assert count_queries(client, url) <= LIST_PAGE_LIMIT, url


def test_query_count_does_not_grow_with_content(client):
    """The same pages with 2 and with 30 statements use the same number of queries."""
    pages = ("/en/statements/", "/en/")
    populate(2)
    for url in pages:
        count_queries(client, url)  # what the first read after a change stores
    small = [count_queries(client, url) for url in pages]
    populate(28)
    for url in pages:
        count_queries(client, url)
    large = [count_queries(client, url) for url in pages]
    assert small == large
