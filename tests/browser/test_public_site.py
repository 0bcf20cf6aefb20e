"""The public site in a real browser: accessibility audit, keyboard, languages."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from statements.models import StatementVersion
from tests.browser.public_content import (
    LANGUAGES,
    NATIVE_NAMES,
    build_site,
    serve_media,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# here between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AUDITED_PAGES = [
    ("home", 200),
    ("list", 200),
    ("list-filtered", 200),
    ("statement", 200),
    ("search", 200),
    ("missing-language", 404),
    ("not-found", 404),
    ("anniversaries", 200),
    ("commemoration", 200),
    ("contact", 200),
    ("alerts", 200),
    ("alerts-sent", 200),
]


@pytest.fixture
def site(transactional_db):
    return build_site()


@pytest.fixture
def reader(page):
    """A desktop browser tab that also sees uploaded images."""
    page.route("**/media/**", serve_media)
    return page


def violation_report(violations):
    """One paragraph per broken rule: what, how bad, where, and why."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "status"), AUDITED_PAGES)
def test_page_passes_the_wcag_21_aa_audit(
    reader, live_server, site, language, name, status
):
    """Every public page, in every language, has no WCAG 2.1 AA violation that
    axe-core can find: home, list, filtered list, a statement with everything
    on it, search results with marked words, both kinds of 404, and the
    commemorations with one commemoration's page."""
    response = reader.goto(live_server.url + site.path(language, name))
    assert response.status == status
    assert reader.get_attribute("html", "lang") == language
    if name == "search":
        assert reader.locator("main mark").count() >= 1
    if name == "statement":
        reader.wait_for_function(
            "document.querySelector('.statement__hero img').naturalWidth > 0"
        )
    results = Axe().run(
        reader,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    assert not violations, (
        f"{len(violations)} WCAG 2.1 AA violation(s) on {reader.url}:\n"
        + violation_report(violations)
    )


def test_keyboard_skip_link_landmarks_and_visible_focus(reader, live_server, site):
    """The first Tab lands on the skip link, which appears; Enter moves focus to
    the main content; the page has banner, navigation, main and contentinfo
    landmarks; and every link, field and button shows an outline when focused."""
    reader.goto(live_server.url + site.path("en", "statement"))

    reader.keyboard.press("Tab")
    skip_link = reader.locator(".skip-link")
    assert reader.evaluate("document.activeElement.className") == "skip-link"
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, box
    assert skip_link.inner_text() == "Skip to content"

    reader.keyboard.press("Enter")
    assert reader.evaluate("document.activeElement.id") == "content"
    assert reader.evaluate("document.activeElement.tagName") == "MAIN"

    for role in ("banner", "main", "contentinfo"):
        assert reader.get_by_role(role).count() == 1, role
    assert reader.get_by_role("navigation", name="Main").count() == 1
    assert reader.get_by_role("navigation", name="Language").count() == 1

    reader.goto(live_server.url + site.path("en", "statement"))
    seen = []
    for _step in range(100):
        reader.keyboard.press("Tab")
        focused = reader.evaluate(
            """() => {
                const element = document.activeElement;
                if (element === document.body) return null;
                const style = getComputedStyle(element);
                return {
                    html: element.outerHTML.slice(0, 120),
                    style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth),
                };
            }"""
        )
        if focused is None or (seen and focused["html"] == seen[0]["html"]):
            break
        seen.append(focused)
    assert len(seen) >= 15, f"only {len(seen)} focusable elements were reached"
    invisible = [item for item in seen if item["style"] == "none" or item["width"] < 2]
    assert not invisible, f"focus is not visible on: {invisible}"


def test_language_switcher_keeps_the_statement_and_offers_only_its_versions(
    reader, live_server, site
):
    """From the English page of a statement in en and ru, "Русский" leads to the
    same slug under /ru/; Azerbaijani, which it lacks, is not offered."""
    slug = site.missing["az"]
    reader.goto(f"{live_server.url}/en/statements/{slug}/")
    switcher = reader.get_by_role("navigation", name="Language")
    assert switcher.get_by_role("link").all_inner_texts() == [NATIVE_NAMES["ru"]]
    assert switcher.inner_text().split() == ["English", "Русский"]

    switcher.get_by_role("link", name=NATIVE_NAMES["ru"]).click()
    reader.wait_for_url(f"{live_server.url}/ru/statements/{slug}/")
    assert reader.get_attribute("html", "lang") == "ru"
    title = StatementVersion.objects.get(statement__slug=slug, language="ru").title
    assert reader.get_by_role("heading", level=1).inner_text() == title
    assert reader.locator("[aria-current='true']", has_text="Русский").count() == 1


def test_language_switcher_on_a_full_statement_offers_every_language(
    reader, live_server, site
):
    """A statement published in az, en and ru offers all three, each keeping the
    slug, and marks the current one instead of linking it."""
    reader.goto(live_server.url + site.path("en", "statement"))
    switcher = reader.get_by_role("navigation", name="Language")
    links = switcher.get_by_role("link")
    assert links.all_inner_texts() == [NATIVE_NAMES["az"], NATIVE_NAMES["ru"]]
    slug = site.statement.slug
    assert [
        links.nth(index).get_attribute("href") for index in range(links.count())
    ] == [f"/az/statements/{slug}/", f"/ru/statements/{slug}/"]
    switcher.get_by_role("link", name=NATIVE_NAMES["az"]).click()
    reader.wait_for_url(f"{live_server.url}/az/statements/{slug}/")
    assert reader.get_attribute("html", "lang") == "az"


def test_language_switcher_on_a_404_leads_to_each_language(reader, live_server, site):
    """On a page that does not exist, the language links lead to each language's
    home page rather than back to the same missing address."""
    response = reader.goto(live_server.url + site.path("en", "not-found"))
    assert response.status == 404
    switcher = reader.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name=NATIVE_NAMES["ru"]).click()
    reader.wait_for_url(f"{live_server.url}/ru/")
    assert reader.get_attribute("html", "lang") == "ru"
