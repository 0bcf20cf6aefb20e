"""Settings: production refuses to start half-configured; check --deploy is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ombudsman.settings.cache import parse_cache_url

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "ombudsman.settings.prod",
    "SECRET_KEY": "x" * 60 + "production-like-secret-from-the-environment",
    "ALLOWED_HOSTS": "ombudsman.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, environment):
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    """Without a secret, hosts or a database, prod settings stop with the name."""
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != missing}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment for production." in result.stderr


def test_check_deploy_is_clean_with_production_environment():
    """The environment the README lists makes `check --deploy` report nothing."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        environment=PRODUCTION_ENVIRONMENT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
        ("redis://127.0.0.1:6379/1", "django_redis.cache.RedisCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    """CACHE_URL chooses local memory, none, or Redis."""
    assert parse_cache_url(url)["BACKEND"] == backend


def test_unknown_cache_url_is_a_clear_error():
    """A typo in CACHE_URL stops start-up with the value named."""
    with pytest.raises(ImproperlyConfigured, match="'memcache://x' is not understood"):
        parse_cache_url("memcache://x")
