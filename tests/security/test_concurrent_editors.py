"""Concurrent editors on PostgreSQL: real threads, real connections, the admin.

- Three editors save the az, en and ru versions of one statement over and
  over for 20 seconds: no deadlock, no 503, and every version ends with the
  text its editor saved last. (Saving a version locks the statement's row
  first, then the version's alone, the order the release-state update uses.)
- Three people creating a statement with the same address, or the same
  language version of one statement, at the same moment: one succeeds, the
  others get a form error with their text kept, never a 500.

Bounded in time, loopback only (Django's test client, in process).
"""

import os
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from statements.models import (
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)
from tests.factories import make_person, make_statement, make_superuser
from tests.security.helpers import form_data

pytestmark = pytest.mark.django_db(transaction=True)

SECONDS = float(os.environ.get("CONCURRENT_EDITORS_SECONDS", "20"))
LANGUAGES = ["az", "en", "ru"]


@pytest.fixture(autouse=True)
def _real_connections():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL's row locks (SQLite serialises writers; see "
            "test_faults.test_concurrent_saves_on_sqlite_wait_and_succeed)"
        )


def _editor(number):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_superuser(username=f"editor-{number}"))
    return client


def _run_together(workers):
    barrier = threading.Barrier(len(workers))
    errors = []

    def run(worker):
        try:
            barrier.wait()
            worker()
        except Exception as error:  # reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)
    assert errors == []


def test_three_editors_saving_versions_of_one_statement_never_deadlock():
    statement = make_statement(
        languages=LANGUAGES, slug="busy", status=VersionStatus.DRAFT
    )
    versions = {v.language: v for v in statement.versions.all()}
    clients = {language: _editor(n) for n, language in enumerate(LANGUAGES)}
    outcomes = {language: [] for language in LANGUAGES}
    last_saved = {}
    deadline = time.monotonic() + SECONDS

    def editor(language):
        client = clients[language]
        url = f"/admin/statements/statementversion/{versions[language].pk}/change/"
        count = 0
        while time.monotonic() < deadline:
            data = form_data(client.get(url).content.decode(), "statementversion_form")
            count += 1
            title = f"{language} title, save {count}"
            data.update({"title": title, "summary": f"{language} summary {count}"})
            data.pop("_continue", None)
            response = client.post(url, data)
            outcomes[language].append(response.status_code)
            if response.status_code == 302:
                last_saved[language] = title

    _run_together(
        [lambda language=language: editor(language) for language in LANGUAGES]
    )
    statuses = [status for found in outcomes.values() for status in found]
    print(  # noqa: T201 - the figures the closing note quotes
        f"\nthree editors, {SECONDS:.0f} s: {len(statuses)} saves, "
        f"{ {s: statuses.count(s) for s in set(statuses)} }"
    )
    assert statuses and set(statuses) == {302}, {
        status: statuses.count(status) for status in set(statuses)
    }
    for language in LANGUAGES:
        assert len(outcomes[language]) >= 3, outcomes
        assert (
            versions[language].__class__.objects.get(pk=versions[language].pk).title
            == last_saved[language]
        )


def _new_statement_data(client, person, slug, title):
    url = "/admin/statements/statement/add/"
    data = form_data(client.get(url).content.decode(), "statement_form")
    data.update(
        {
            "kind": StatementKind.STATEMENT,
            "issued_by": str(person.pk),
            "original_language": "en",
            "slug": slug,
            "versions-TOTAL_FORMS": "1",
            "versions-0-language": "en",
            "versions-0-title": title,
            "versions-0-status": "draft",
        }
    )
    return url, data


def test_simultaneous_creates_of_one_address_give_a_form_error():
    person = make_person()
    clients = [_editor(n) for n in range(3)]
    prepared = [
        _new_statement_data(client, person, "same-address", f"Typed by {n}")
        for n, client in enumerate(clients)
    ]
    responses = [None] * 3

    def create(n):
        url, data = prepared[n]
        responses[n] = clients[n].post(url, data)

    _run_together([lambda n=n: create(n) for n in range(3)])
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 200, 302], statuses
    assert Statement.objects.filter(slug="same-address").count() == 1
    for n, response in enumerate(responses):
        if response.status_code == 200:
            page = response.content.decode()
            assert "errornote" in page or "errorlist" in page
            assert f"Typed by {n}" in page


def test_simultaneous_creates_of_one_language_version_give_a_form_error():
    statement = make_statement(languages=["en"], slug="one-ru")
    clients = [_editor(n) for n in range(3)]
    url = "/admin/statements/statementversion/add/"
    prepared = []
    for n, client in enumerate(clients):
        data = form_data(client.get(url).content.decode(), "statementversion_form")
        data.update(
            {
                "statement": str(statement.pk),
                "language": "ru",
                "title": f"Перевод {n}",
                "summary": "",
            }
        )
        prepared.append(data)
    responses = [None] * 3

    def create(n):
        responses[n] = clients[n].post(url, prepared[n])

    _run_together([lambda n=n: create(n) for n in range(3)])
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 200, 302], statuses
    assert StatementVersion.objects.filter(statement=statement, language="ru").count()
    for n, response in enumerate(responses):
        if response.status_code == 200:
            page = response.content.decode()
            assert "already has a version in that language" in page
            assert f"Перевод {n}" in page
