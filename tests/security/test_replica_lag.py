"""A real PostgreSQL streaming replica that lags behind its primary.

The test makes its own primary and replica (initdb, pg_basebackup) on free
loopback ports, the replica applying every commit two seconds late
(recovery_min_apply_delay). A statement's title is changed while a reader
keeps asking for its page: the page cache must never store the old page
under the new generation. Runs wherever PostgreSQL's server binaries are
installed and the test may run them as the postgres user (root); CI must.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPLY_DELAY_SECONDS = 2


def _bin_dir():
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def _skip_reason():
    if _bin_dir() is None:
        return "PostgreSQL's server binaries are not installed"
    if os.geteuid() != 0 or not shutil.which("runuser"):
        return "needs root to run PostgreSQL as the postgres user"
    return None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command, timeout=120):
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, command)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (command[0], result.stderr[-2000:])
    return result


@pytest.fixture(scope="module")
def lagging_replica():
    reason = _skip_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the replica test must run in CI, but {reason}")
        pytest.skip(reason)
    bin_dir = _bin_dir()
    # Not under pytest's temporary folder, which the postgres user cannot enter.
    base = Path(tempfile.mkdtemp(prefix="ombudsman-replica-"))
    shutil.chown(base, "postgres")
    primary, replica = base / "primary", base / "replica"
    primary_port, replica_port = _free_port(), _free_port()
    started = []

    def start(data, port):
        _as_postgres(
            bin_dir / "pg_ctl",
            "-D",
            data,
            "-l",
            base / f"{data.name}.log",
            "-w",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        started.append(data)

    try:
        _as_postgres(
            bin_dir / "initdb", "-D", primary, "-A", "trust", "-U", "postgres", "-N"
        )
        start(primary, primary_port)
        _as_postgres(
            bin_dir / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            primary_port,
            "-U",
            "postgres",
            "-D",
            replica,
            "-R",
            "-X",
            "stream",
        )
        with open(replica / "postgresql.auto.conf", "a") as conf:
            conf.write(f"recovery_min_apply_delay = '{APPLY_DELAY_SECONDS}s'\n")
        start(replica, replica_port)
        _as_postgres(
            bin_dir / "createdb", "-h", "127.0.0.1", "-p", primary_port, "ombudsman"
        )
        deadline = time.monotonic() + 60
        while subprocess.run(
            [bin_dir / "psql", "-h", "127.0.0.1", "-p", str(replica_port)]
            + ["-U", "postgres", "-d", "ombudsman", "-c", "SELECT 1"],
            capture_output=True,
        ).returncode:
            assert time.monotonic() < deadline, "the replica never had the database"
            time.sleep(0.2)
        yield (
            f"postgres://postgres@127.0.0.1:{primary_port}/ombudsman",
            f"postgres://postgres@127.0.0.1:{replica_port}/ombudsman",
        )
    finally:
        for data in reversed(started):
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


SCRIPT = """
import json, time
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import ProgrammingError, connections
from django.test import Client

settings.PAGE_CACHE_SECONDS = 300
call_command("migrate", verbosity=0)
from statements.models import StatementVersion
from tests.factories import make_statement

def replica_title(pk):
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute(
                "SELECT title FROM statements_statementversion WHERE id = %%s", [pk]
            )
            row = cursor.fetchone()
    except ProgrammingError:  # the tables are not there yet
        return None
    return row[0] if row else None

statement = make_statement(languages=["en"], slug="lagging")
version = statement.versions.get(language="en")
deadline = time.monotonic() + 60
while replica_title(version.pk) != version.title:
    assert time.monotonic() < deadline, "the replica never caught up"
    time.sleep(0.2)
time.sleep(%(delay)s + 0.5)  # and has replayed the stamp too

client = Client()
url = "/en/statements/lagging/"
found = {"before": [client.get(url)["X-Page-Cache"], client.get(url)["X-Page-Cache"]]}

version.title = "Corrected title"
version.save()  # autocommit: committed, then the generation moves on
found["replica_title_right_after"] = replica_title(version.pk)
after = []
for _ in range(4):
    response = client.get(url)
    corrected = "Corrected title" in response.content.decode()
    after.append([response["X-Page-Cache"], corrected])
found["after"] = after

time.sleep(%(delay)s + 1)
found["replica_title_later"] = replica_title(version.pk)
# A new page once the replica has caught up is read from the replica again.
connections["replica"].force_debug_cursor = True
connections["replica"].queries_log.clear()
response = client.get("/en/statements/")
corrected = "Corrected title" in response.content.decode()
found["later_list"] = [response.status_code, corrected]
found["later_replica_queries"] = len(connections["replica"].queries)
print(json.dumps(found))
"""


def test_a_lagging_replica_never_puts_an_old_page_under_the_new_generation(
    lagging_replica,
):
    """Right after a correction the replica still has the old title (it
    applies commits two seconds late): the page is built from the primary,
    stored, and every reader sees the correction; once the replica has caught
    up, pages are read from it again."""
    primary, replica = lagging_replica
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT % {"delay": APPLY_DELAY_SECONDS}],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
            "DATABASE_URL": primary,
            "REPLICA_DATABASE_URL": replica,
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["before"] == ["miss", "hit"]
    # The replica really was behind when the reader came.
    assert found["replica_title_right_after"] != "Corrected title"
    assert found["after"] == [["miss", True], ["hit", True], ["hit", True]] + [
        ["hit", True]
    ]
    assert found["replica_title_later"] == "Corrected title"
    assert found["later_list"] == [200, True]
    assert found["later_replica_queries"] > 0
