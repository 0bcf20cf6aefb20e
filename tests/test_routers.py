"""With a read replica configured, anonymous public reads go there; staff and
writes stay on the primary."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    call_command("migrate", verbosity=0)
    from tests.factories import make_statement, make_superuser
    statement = make_statement(languages=["en"])
    admin = make_superuser()
    for alias in ("default", "replica"):
        connections[alias].force_debug_cursor = True
        connections[alias].queries_log.clear()

    public = Client().get(f"/en/statements/{statement.slug}/")
    # The primary is asked one thing: how far its content stamp has got.
    reads = {
        "default": len([
            q for q in connections["default"].queries
            if "statements_contentstamp" not in q["sql"]
        ]),
        "replica": len(connections["replica"].queries),
    }
    for alias in ("default", "replica"):
        connections[alias].queries_log.clear()

    staff = Client()
    staff.force_login(admin)
    connections["default"].queries_log.clear()
    connections["replica"].queries_log.clear()
    listing = staff.get("/en/statements/")
    staff_reads = {a: len(connections[a].queries) for a in ("default", "replica")}
    print(public.status_code, reads["default"], reads["replica"] > 0,
          listing.status_code, staff_reads["replica"])
    """
)


def test_public_reads_use_the_replica_and_staff_the_primary(tmp_path):
    """An anonymous page is read from the replica (the primary is asked only
    for its content stamp); a signed-in person's from the primary, so staff
    always see what they have just saved."""
    database = tmp_path / "primary.sqlite3"
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        # The same file stands in for a replica that is fully caught up.
        "REPLICA_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (
        public_status,
        public_on_primary,
        public_on_replica,
        staff_status,
        staff_on_replica,
    ) = result.stdout.split()
    assert (public_status, staff_status) == ("200", "200")
    assert public_on_primary == "0"
    assert public_on_replica == "True"
    assert staff_on_replica == "0"
