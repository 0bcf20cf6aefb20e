"""Readers and editors at once, on PostgreSQL, through a real app server.

50 reader threads ask gunicorn (loopback only) for 15 public URLs for
MIXED_LOAD_SECONDS (60 in CI) while 5 editors save the published and draft
versions of the same three statements through the admin, all sharing a
real Redis page cache. At the end: no response was a 500 or 503, no reader
ever saw a draft's text, and every version holds the text its editor saved
last. Bounded in time and count; it stops by itself.
"""

import http.client
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ombudsman.settings.cache import redis_cache
from statements import workflow
from statements.models import StatementVersion, VersionStatus
from tests.factories import make_statement, make_superuser, make_version
from tests.security.helpers import form_data
from tests.security.test_cache_outage import RedisServer, _free_port

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(
    os.environ.get(
        "MIXED_LOAD_SECONDS", "60" if os.environ.get("CI") == "true" else "15"
    )
)
READERS, EDITORS = 50, 5
DRAFT_MARK = "UNPUBLISHEDDRAFT"


def _reader(port, paths, deadline, statuses, leaks, index):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    turn = index
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        try:
            conn.request("GET", path, headers={"Accept-Language": "en"})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            statuses[type(error).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        statuses[response.status] += 1
        if DRAFT_MARK.encode() in body:
            leaks.append(path)
    conn.close()


def test_readers_and_editors_at_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the app server shares the test database: PostgreSQL only")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = RedisServer(_free_port(), tmp_path)
    redis.start()
    cache_url = f"redis://127.0.0.1:{redis.port}/0"
    from django.test.utils import override_settings

    overrides = override_settings(
        CACHES={"default": redis_cache(cache_url, "mixed-load")},
        PAGE_CACHE_SECONDS=300,
    )
    overrides.enable()
    server = None
    try:
        statements = []
        for n in range(3):
            statement = make_statement(languages=["az", "en"], slug=f"load-{n}")
            make_version(
                statement,
                "ru",
                status=VersionStatus.DRAFT,
                title=f"{DRAFT_MARK} {n}",
                summary=DRAFT_MARK,
            )
            statements.append(statement)
        versions = list(
            StatementVersion.objects.filter(statement__in=statements).order_by("pk")
        )
        paths = [
            "/az/",
            "/en/",
            "/ru/",
            "/az/statements/",
            "/en/statements/",
            "/ru/statements/",
            "/en/search/?q=statement",
            "/en/statements/feed/",
            "/sitemap-statements.xml",
        ] + [
            f"/{language}/statements/load-{n}/"
            for n in range(3)
            for language in ("az", "en")
        ]
        assert len(paths) == 15

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
                "2",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "tests.security.load_settings",
                "DATABASE_URL": database_url,
                "CACHE_URL": cache_url,
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)

        editors = []
        for n in range(EDITORS):
            client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
            client.force_login(make_superuser(username=f"load-editor-{n}"))
            editors.append(client)
        statuses = Counter()
        leaks = []
        saves = Counter()
        last_saved = {}
        errors = []
        started = time.monotonic()
        deadline = started + SECONDS

        def editor(index):
            client = editors[index]
            mine = [v for i, v in enumerate(versions) if i % EDITORS == index]
            count = 0
            try:
                while time.monotonic() < deadline:
                    version = mine[count % len(mine)]
                    count += 1
                    url = f"/admin/statements/statementversion/{version.pk}/change/"
                    page = client.get(url).content.decode()
                    data = form_data(page, "statementversion_form")
                    # Unpublished text and the working draft of a live text
                    # alike: readers must never see either.
                    title = f"{DRAFT_MARK} {index}-{count}"
                    data.update({"title": title, "change_kind": "minor"})
                    data.pop("_continue", None)
                    response = client.post(url, data)
                    saves[response.status_code] += 1
                    if response.status_code == 302:
                        last_saved[version.pk] = title
            except Exception as error:  # reported below
                errors.append(repr(error))
            finally:
                connection.close()

        threads = [
            threading.Thread(
                target=_reader, args=(port, paths, deadline, statuses, leaks, n)
            )
            for n in range(READERS)
        ] + [threading.Thread(target=editor, args=(n,)) for n in range(EDITORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        elapsed = time.monotonic() - started

        requests = sum(count for key, count in statuses.items())
        print(  # noqa: T201 - the figures the closing note quotes
            f"\nmixed load: {READERS} readers, {EDITORS} editors, {elapsed:.0f} s: "
            f"{requests} reader requests ({requests / elapsed:.0f}/s), "
            f"statuses {dict(statuses)}; saves {dict(saves)}; "
            f"draft text seen {len(leaks)} times"
        )
        assert errors == []
        assert statuses[500] == 0 and statuses[503] == 0, dict(statuses)
        assert set(statuses) <= {200}, dict(statuses)
        assert leaks == []
        assert set(saves) == {302}, dict(saves)
        for version in versions:
            version.refresh_from_db()
            # A live text's edits wait in its working draft (the editions rule).
            text = workflow.working_item(version) or version
            assert text.title == last_saved.get(version.pk, text.title)
        assert len(last_saved) == len(versions)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        overrides.disable()
        redis.kill()
