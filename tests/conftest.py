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
    a cached id from before it would make django-reversion file a revision
    under another model (seen as "AccessFailureLog has not been registered"
    when tests/security ran before tests/statements)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
