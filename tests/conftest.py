import os
import shutil

import pytest

BROWSER_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Skip browser tests without Chromium, unless REQUIRE_BROWSER makes it fatal."""
    if shutil.which(BROWSER_PATH) or os.path.exists(BROWSER_PATH):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"REQUIRE_BROWSER=1 but no Chromium at {BROWSER_PATH}: "
            "install Debian's chromium package."
        )
    skip = pytest.mark.skip(
        reason=f"Debian's Chromium is not installed at {BROWSER_PATH} "
        "(apt-get install chromium); browser tests skipped."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=BROWSER_PATH, headless=True, args=BROWSER_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages read outside a request are compared in English, the source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A transactional test's flush recreates content types under new ids;
    Django's cache of them would then send a revision (django-reversion) to
    whatever model took the old id."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield


@pytest.fixture(autouse=True)
def _cache_answers():
    """Each test starts with the page cache believed reachable."""
    from statements.public.cache import cache_health

    cache_health.down_until = 0.0
    cache_health.bump_owed = False
    yield


class Inbox:
    """What a real SMTP server (aiosmtpd) received, as parsed messages."""

    def __init__(self):
        import threading

        self.messages = []
        self.recipients = []
        self.delay = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        import email
        import email.policy

        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self._lock:
            self.messages.append(message)
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port of this machine, and Django sending to it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
