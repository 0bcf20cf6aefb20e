"""Database faults: down, dying mid-save, restarted, and busy.

- With no database at all, readers get a translated 503 page (not a 500)
  with Retry-After, /healthz says 503, and nothing needs the database to say so.
- A save cut off by a database failure leaves nothing half-written.
- On PostgreSQL, a real server is stopped and started under a running app
  server, which recovers by itself (run in CI: see the skip rules below).
- On SQLite, concurrent saves wait their turn instead of failing with
  "database is locked".
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from reversion.models import Revision, Version

from statements.models import Statement, StatementKind, StatementVersion
from tests.factories import make_person, make_statement, make_superuser
from tests.security.helpers import form_data

ROOT = Path(__file__).resolve().parents[2]
# Port 9 (discard) has no PostgreSQL behind it: a real refused connection.
NO_DATABASE = "postgres://nobody@127.0.0.1:9/missing?connect_timeout=2"

OUTAGE_SCRIPT = """
import json, time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
found = {}
for path in %(paths)r:
    started = time.perf_counter()
    if path.startswith("POST "):
        response = client.post(
            path[5:], {"username": "editor", "password": "pass phrase"}
        )
    else:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    found[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "csp": response.get("Content-Security-Policy", ""),
        "seconds": time.perf_counter() - started,
        "body": response.content.decode(),
    }
print(json.dumps(found))
"""
OUTAGE_PATHS = [
    "/healthz",
    "/az/",
    "/en/statements/",
    "/ru/statements/some-statement/",
    "/en/search/?q=rights",
    "/en/statements/feed/",
    "/sitemap.xml",
    "/sitemap-statements.xml",
    "/en/anniversaries/calendar.ics",
    "POST /admin/login/",
]


def run_without_database():
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        "DATABASE_URL": NO_DATABASE,
    }
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_SCRIPT % {"paths": OUTAGE_PATHS}],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def outage():
    return run_without_database()


def test_health_check_says_503_without_a_database(outage):
    """/healthz answers 503 "unavailable" when the database cannot be reached."""
    assert outage["/healthz"]["status"] == 503
    assert json.loads(outage["/healthz"]["body"])["status"] == "unavailable"


@pytest.mark.parametrize("path", OUTAGE_PATHS[1:])
def test_every_page_answers_503_with_retry_after_without_a_database(outage, path):
    """Public pages, feeds, the sitemap and signing in answer 503 with a
    Retry-After and a CSP, quickly, never a 500."""
    found = outage[path]
    assert found["status"] == 503, found["body"][:500]
    assert int(found["retry_after"]) > 0
    assert "default-src 'self'" in found["csp"]
    assert found["seconds"] < 5


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/az/", "az", "Müvəqqəti nasazlıq"),
        ("/en/statements/", "en", "Temporary problem"),
        ("/ru/statements/some-statement/", "ru", "Временная неполадка"),
    ],
)
def test_the_503_page_is_in_the_language_of_the_address(
    outage, path, language, heading
):
    """The outage page is translated by the URL's language, with no database."""
    body = outage[path]["body"]
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body
    assert f'href="/{language}/"' in body


# A save cut off half-way -----------------------------------------------------

FAULT_TITLE = "Statement that meets a database failure"


def install_fault():
    """A trigger that breaks the database connection (PostgreSQL) or aborts
    the statement (SQLite) when a version with FAULT_TITLE is inserted."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                CREATE OR REPLACE FUNCTION security_test_fault() RETURNS trigger AS $$
                BEGIN
                    IF NEW.title = %s THEN
                        PERFORM pg_terminate_backend(pg_backend_pid());
                        PERFORM pg_sleep(5);
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """,
                [FAULT_TITLE],
            )
            cursor.execute(
                "CREATE TRIGGER security_test_fault BEFORE INSERT ON "
                "statements_statementversion FOR EACH ROW "
                "EXECUTE FUNCTION security_test_fault()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER security_test_fault BEFORE INSERT ON "
                f"statements_statementversion WHEN NEW.title = '{FAULT_TITLE}' "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"
            )


def remove_fault():
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS security_test_fault"
            + (
                " ON statements_statementversion"
                if connection.vendor == "postgresql"
                else ""
            )
        )
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS security_test_fault()")


def test_a_save_cut_off_by_a_database_failure_leaves_nothing(transactional_db):
    """The admin saves a statement with two versions; the database fails while
    writing the second. Nothing of the statement, its versions or its revision
    remains, and the editor gets an error page, not a half-saved statement."""
    make_superuser()
    person = make_person()
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_superuser(username="editor-in-chief"))
    url = "/admin/statements/statement/add/"
    data = form_data(client.get(url).content.decode(), "statement_form")
    data.update(
        {
            "kind": StatementKind.STATEMENT,
            "issued_by": str(person.pk),
            "original_language": "en",
            "slug": "cut-off",
            "versions-TOTAL_FORMS": "2",
            "versions-0-language": "en",
            "versions-0-title": "The first version is written",
            "versions-0-status": "draft",
            "versions-1-language": "ru",
            "versions-1-title": FAULT_TITLE,
            "versions-1-status": "draft",
            "coverage-TOTAL_FORMS": "1",
            "coverage-0-outlet": "Outlet",
            "coverage-0-url": "https://news.example/",
        }
    )
    before = Revision.objects.count(), Version.objects.count()
    install_fault()
    try:
        response = client.post(url, data)
    finally:
        remove_fault()
    assert response.status_code in (500, 503)
    assert not Statement.objects.filter(slug="cut-off").exists()
    assert not StatementVersion.objects.filter(
        title="The first version is written"
    ).exists()
    assert (Revision.objects.count(), Version.objects.count()) == before
    assert client.get("/admin/").status_code == 200


# SQLite: concurrent saves wait instead of failing -----------------------------

CONCURRENCY_SCRIPT = """
import sys, threading
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection, transaction
from statements.models import Person, Statement, StatementVersion

person = Person.objects.create(key="commissioner", name={"en": "Commissioner"})
errors = []
WRITERS, SAVES = 6, 15

def writer(number):
    try:
        for save in range(SAVES):
            with transaction.atomic():
                # Read, then write: the pattern that fails at once with
                # "database is locked" in SQLite's default deferred mode.
                Statement.objects.count()
                statement = Statement.objects.create(
                    slug=f"s-{number}-{save}", issued_by=person,
                    original_language="en",
                )
                StatementVersion.objects.create(
                    statement=statement, language="en", title=f"{number} {save}",
                )
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(Statement.objects.count(), len(errors), errors[:3])
"""


def test_concurrent_saves_on_sqlite_wait_and_succeed(tmp_path):
    """Six writers saving at once into one SQLite file all succeed: WAL,
    BEGIN IMMEDIATE and the busy timeout make them wait, not fail."""
    database = tmp_path / "concurrent.sqlite3"
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENCY_SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "90 0 []"


# PostgreSQL: stopped and started under a running app server ------------------


def _pg_cluster():
    """(version, name) of the local cluster, or None."""
    base = Path("/etc/postgresql")
    if not base.is_dir():
        return None
    versions = sorted(p.name for p in base.iterdir() if p.is_dir())
    name = os.environ.get("PG_RESTART_CLUSTER", "main")
    return (versions[0], name) if versions else None


def _restart_skip_reason():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs DATABASE_URL pointing at PostgreSQL"
    host = settings.DATABASES["default"].get("HOST") or "localhost"
    if host not in ("127.0.0.1", "localhost", "::1", ""):
        return "DATABASE_URL is not the local server"
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
        return "needs root and pg_ctlcluster to stop and start the server"
    if _pg_cluster() is None:
        return "no local cluster under /etc/postgresql"
    if os.environ.get("REQUIRE_PG_RESTART") != "1" and os.environ.get("CI") != "true":
        # Stopping the shared server would break everyone else's test runs on
        # a developer machine: only CI (or someone who asks) does it.
        return "stops the PostgreSQL server: runs in CI or with REQUIRE_PG_RESTART=1"
    return None


def _pg_ctl(action):
    version, name = _pg_cluster()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _wait_for(url, status, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = _get(url)
            if found[0] == status:
                return found
        except OSError:
            found = None
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer {status}: {found}")
        time.sleep(0.5)


def test_app_recovers_by_itself_when_postgresql_comes_back(transactional_db):
    """A running gunicorn with persistent connections answers 503 (translated)
    while PostgreSQL is stopped, and 200 again once it is started, with no
    restart of the app."""
    reason = _restart_skip_reason()
    if reason:
        if os.environ.get("REQUIRE_PG_RESTART") == "1":
            pytest.fail(f"REQUIRE_PG_RESTART=1 but {reason}")
        pytest.skip(reason)
    statement = make_statement(languages=["en", "ru"], slug="survives")
    database = settings.DATABASES["default"]
    url = urlsplit(os.environ["DATABASE_URL"])
    database_url = url._replace(path=f"/{database['NAME']}").geturl()
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ombudsman.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "tests.security.outage_settings",
            "DATABASE_URL": database_url,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    stopped = False
    try:
        _wait_for(f"{base}/healthz", 200)
        assert _get(f"{base}/en/statements/survives/")[0] == 200
        connection.close()
        _pg_ctl("stop")
        stopped = True
        assert _get(f"{base}/healthz")[0] == 503
        status, headers, body = _get(f"{base}/ru/statements/survives/")
        assert status == 503
        assert headers["Retry-After"]
        assert '<html lang="ru">' in body and "Временная неполадка" in body
        _pg_ctl("start")
        stopped = False
        _wait_for(f"{base}/healthz", 200)
        status, _headers, body = _get(f"{base}/en/statements/survives/")
        assert status == 200
        assert statement.versions.get(language="en").title in body
    finally:
        if stopped:
            _pg_ctl("start")
        server.terminate()
        server.wait(timeout=30)
        connection.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection.ensure_connection()
                break
            except Exception:
                time.sleep(0.5)
