"""Redis is an accelerator, never a dependency: a real redis-server, started
on a free port, is killed, hung (SIGSTOP) and started again under the app.

- Down: public pages are served uncached and quickly, sign-in and saves work,
  /healthz says 200 "degraded" with the cache "unavailable".
- Hung: one request pays the bounded socket timeout, the next ones none.
- Back: pages are cached again by themselves, and a change saved while Redis
  could not be reached is not hidden by a page it had stored before.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client

from ombudsman.settings.cache import redis_cache
from statements.public import cache as page_cache_module
from tests.factories import make_statement, make_superuser

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, port, workdir):
        self.port = port
        self.workdir = workdir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis(tmp_path, settings, monkeypatch):
    if not shutil.which("redis-server"):
        import os

        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(_free_port(), tmp_path)
    server.start()
    settings.CACHES = {
        "default": redis_cache(f"redis://127.0.0.1:{server.port}/0", "outage-test")
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRONT_CACHE_SECONDS = 60
    monkeypatch.setattr(page_cache_module, "CACHE_RETRY_SECONDS", 1)
    health = page_cache_module.cache_health
    monkeypatch.setattr(health, "down_until", 0.0)
    monkeypatch.setattr(health, "bump_owed", False)
    yield server
    if server.process.poll() is None:
        server.resume()
        server.kill()
    cache.close()


def timed_get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - started


def wait_for_retry():
    time.sleep(page_cache_module.CACHE_RETRY_SECONDS + 0.1)


def test_pages_sign_in_and_saves_work_with_redis_down(redis, client):
    """Killed: pages 200 uncached in well under a second, /healthz 200
    "degraded", an editor signs in and saves; back: cached again by itself."""
    statement = make_statement(languages=["en"], slug="outage")
    url = "/en/statements/outage/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    redis.kill()
    for _ in range(5):
        response, seconds = timed_get(client, url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "unavailable"
        assert seconds < 1
    assert client.get("/en/").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["cache"] == "unavailable"
    assert health.json()["database"] == "ok"

    make_superuser(username="chief", password="correct horse battery")
    staff = Client()
    signed_in = staff.post(
        "/admin/login/",
        {"username": "chief", "password": "correct horse battery"},
    )
    assert signed_in.status_code == 302
    assert staff.get("/admin/").status_code == 200
    version = statement.versions.get(language="en")
    version.title = "Saved while Redis was down"
    version.save()
    assert "Saved while Redis was down" in client.get(url).content.decode()

    redis.start()
    wait_for_retry()
    assert client.get(url)["X-Page-Cache"] == "miss"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Saved while Redis was down" in response.content.decode()
    assert client.get("/healthz").json()["status"] == "ok"


def test_a_hung_redis_costs_one_request_a_timeout(redis, client):
    """Stopped (SIGSTOP), Redis accepts connections and never answers: the
    first request waits out the socket timeout, the next ones do not try."""
    make_statement(languages=["en"], slug="hung")
    url = "/en/statements/hung/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    redis.pause()
    try:
        first, first_seconds = timed_get(client, url)
        assert first.status_code == 200
        assert first_seconds < 3
        for _ in range(5):
            response, seconds = timed_get(client, url)
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "unavailable"
            assert seconds < 0.3
    finally:
        redis.resume()


def test_a_change_saved_while_redis_hung_is_not_hidden_when_it_returns(redis, client):
    """Redis keeps its data through the outage (hung, not restarted): the
    generation bump it missed is pushed when it answers again, so the page it
    stored before the change is never served after it."""
    statement = make_statement(languages=["en"], slug="partition")
    url = "/en/statements/partition/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    redis.pause()
    try:
        version = statement.versions.get(language="en")
        version.title = "Corrected during the outage"
        version.save()
        assert page_cache_module.cache_health.bump_owed
    finally:
        redis.resume()
    wait_for_retry()
    response = client.get(url)
    assert "Corrected during the outage" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
