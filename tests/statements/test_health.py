"""/healthz tells a load balancer whether the app and its database answer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthy_app_answers_200(client):
    """With the database up, /healthz is 200 ok and never cached."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_database_answers_503():
    """With the database server unreachable, /healthz says 503, not 500."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['status'])"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        # Port 9 (discard) has no PostgreSQL behind it: a real refused connection.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/missing?connect_timeout=2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "503 unavailable", result.stderr
