"""Queries compiled once and run with each request's values
(statements.public.compiled) read exactly what the ORM reads."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from statements.models import StatementVersion
from statements.public import queries
from statements.public.compiled import CompiledQuery
from tests.factories import make_statement, make_topic

pytestmark = pytest.mark.django_db


def test_each_request_gets_its_own_values():
    """The same compiled query, run for different topics and times, finds
    what a fresh queryset finds for each."""
    prisons, courts = make_topic(key="prisons"), make_topic(key="courts")
    older = make_statement(
        topics=[prisons],
        publish_at=timezone.now() - datetime.timedelta(days=2),
    )
    newer = make_statement(topics=[prisons, courts])
    now = timezone.now()
    found = queries.newest_on_topics([prisons.pk], "en", now)
    assert [v.statement_id for v in found] == [newer.pk, older.pk]
    assert [
        v.statement_id for v in queries.newest_on_topics([courts.pk], "en", now)
    ] == [newer.pk]
    before_both = now - datetime.timedelta(days=3)
    assert queries.newest_on_topics([prisons.pk], "en", before_both) == []
    assert queries.newest_on_topics([prisons.pk], "ru", now) == []
    assert [
        v.statement_id
        for v in queries.newest_on_topics([prisons.pk, courts.pk], "en", now)
    ] == [newer.pk, older.pk]


def test_a_value_the_orm_does_not_pass_as_a_parameter_is_refused():
    """A year becomes a date range in the SQL: compiling with it as a value
    would run every request with the first request's year."""
    by_year = CompiledQuery(
        StatementVersion,
        lambda year: StatementVersion.objects.filter(released_at__year=year).values(
            "pk"
        ),
    )
    with pytest.raises(ValueError, match="year"):
        by_year.rows(year=2024)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_with_persistent_connections_pages_use_prepared_statements(monkeypatch):
    """Prepared once per session and executed by name; a new session (Django
    reconnected) prepares again instead of failing."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    statement = make_statement(topics=[make_topic()])
    path = f"/en/statements/{statement.slug}/"
    assert Client().get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path)
    assert response.status_code == 200
    assert any(q["sql"].startswith("EXECUTE ") for q in captured)
    connection._prepared_public_queries = (object(), set())
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    assert Client().get(path).status_code == 200
    assert statement.versions.get().title in Client().get(path).content.decode()
