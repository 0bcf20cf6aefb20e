"""The public site on a phone, without JavaScript, and on paper."""

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.public_content import (
    LANGUAGES,
    NATIVE_NAMES,
    SEARCH_WORDS,
    TITLES,
    build_site,
    serve_media,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# here between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

PHONES = [{"width": 320, "height": 640}, {"width": 375, "height": 812}]
PHONE_IDS = ["320x640", "375x812"]


@pytest.fixture
def site(transactional_db):
    return build_site()


@pytest.fixture
def open_tab(browser):
    """Opens tabs with given browser settings; closes them after the test."""
    contexts = []

    def open_tab(**settings):
        settings.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**settings)
        contexts.append(context)
        tab = context.new_page()
        tab.route("**/media/**", serve_media)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def remove_lines(text, lines):
    return "\n".join(line for line in text.split("\n") if line not in lines)


def horizontal_overflow(tab):
    """How many pixels the page is wider than the screen (0 or less when it fits).

    A phone browser widens its layout viewport (``innerWidth``) to fit content
    that is too wide, so the page is measured against the screen's width too.
    """
    width = tab.viewport_size["width"]
    return tab.evaluate(
        """(width) => Math.max(
            document.scrollingElement.scrollWidth - window.innerWidth,
            window.innerWidth - width
        )""",
        width,
    )


def within_window(tab, locator):
    box = locator.bounding_box()
    width = tab.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize("viewport", PHONES, ids=PHONE_IDS)
@pytest.mark.parametrize("name", ["home", "list", "list-filtered", "statement"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_horizontal_scroll_at_phone_width(
    open_tab, live_server, site, viewport, name, language
):
    """At 320 and 375 pixels wide, the home page, the list and a statement fit
    the screen: nothing makes the reader scroll sideways."""
    tab = open_tab(viewport=viewport, is_mobile=True, has_touch=True)
    tab.goto(live_server.url + site.path(language, name))
    if name == "statement":
        tab.wait_for_function(
            "document.querySelector('.statement__hero img').naturalWidth > 0"
        )
    overflow = horizontal_overflow(tab)
    assert overflow <= 0, f"{tab.url} is {overflow}px wider than {viewport}"


@pytest.mark.parametrize("viewport", PHONES, ids=PHONE_IDS)
def test_language_switcher_and_search_are_reachable_on_a_phone(
    open_tab, live_server, site, viewport
):
    """On a phone the language links and the search field are on screen and
    work: switching language keeps the statement, searching finds it."""
    tab = open_tab(viewport=viewport, is_mobile=True, has_touch=True)
    tab.goto(live_server.url + site.path("en", "statement"))
    switcher = tab.get_by_role("navigation", name="Language")
    for code in ("az", "ru"):
        link = switcher.get_by_role("link", name=NATIVE_NAMES[code])
        assert link.is_visible() and within_window(tab, link), code
    search_field = tab.get_by_role("searchbox", name="Search statements")
    search_button = tab.locator(".site-search").get_by_role("button", name="Search")
    for control in (search_field, search_button):
        assert control.is_visible() and within_window(tab, control)

    switcher.get_by_role("link", name=NATIVE_NAMES["ru"]).tap()
    tab.wait_for_url(live_server.url + site.path("ru", "statement"))

    # Found by id from here on: the Russian page's labels are translated.
    search_field = tab.locator("#site-search-q")
    search_field.tap()
    search_field.fill(SEARCH_WORDS["ru"])
    search_field.press("Enter")
    tab.wait_for_url(re.compile(r"/ru/search/\?q="))
    assert tab.locator("main .card__title").all_inner_texts() == [TITLES["ru"]]
    assert horizontal_overflow(tab) <= 0


def test_filters_language_links_and_search_work_without_javascript(
    open_tab, live_server, site
):
    """With JavaScript off, the filter form filters, the language link keeps
    the filters, and the search form searches: all are plain links and forms."""
    tab = open_tab(java_script_enabled=False)
    tab.goto(live_server.url + site.path("en", "list"))
    tab.select_option("#filter-kind", "anniversary")
    tab.select_option("#filter-year", "2025")
    tab.select_option("#filter-topic", site.topic_key)
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url(re.compile(r"/en/statements/\?"))
    expected_query = {
        "kind": ["anniversary"],
        "year": ["2025"],
        "topic": [site.topic_key],
    }
    assert parse_qs(urlsplit(tab.url).query) == expected_query
    assert tab.locator(".result-count").inner_text() == "1 statement"
    assert tab.locator("main .card__title").all_inner_texts() == [TITLES["en"]]

    tab.get_by_role("navigation", name="Language").get_by_role(
        "link", name=NATIVE_NAMES["ru"]
    ).click()
    tab.wait_for_url(re.compile(r"/ru/statements/\?"))
    assert parse_qs(urlsplit(tab.url).query) == expected_query
    assert tab.locator("main .card__title").all_inner_texts() == [TITLES["ru"]]
    assert tab.locator("#filter-kind").input_value() == "anniversary"

    search_field = tab.locator("#site-search-q")
    search_field.fill(SEARCH_WORDS["ru"])
    search_field.press("Enter")
    tab.wait_for_url(re.compile(r"/ru/search/\?q="))
    assert (
        tab.locator("main mark").first.inner_text().casefold() == (SEARCH_WORDS["ru"])
    )
    tab.locator("main .card__title a").click()
    tab.wait_for_url(live_server.url + site.path("ru", "statement"))


@pytest.mark.parametrize("name", ["home", "list", "statement", "search"])
def test_pages_show_the_same_content_without_javascript(
    open_tab, live_server, site, name
):
    """The public pages need no script: with JavaScript off a reader sees
    what a reader with it sees, less the two buttons only a script can work
    (copy link, print); the one script is the site's own."""
    address = live_server.url + site.path("en", name)
    with_script = open_tab()
    with_script.goto(address)
    without_script = open_tab(java_script_enabled=False)
    without_script.goto(address)
    scripted = ["Copy link", "Print"] if name == "statement" else []
    for button in scripted:
        assert with_script.get_by_role("button", name=button).is_visible()
        assert without_script.get_by_role("button", name=button).count() == 0
    assert without_script.inner_text("body") == remove_lines(
        with_script.inner_text("body"), scripted
    )
    assert without_script.locator("main").inner_text().strip()
    runnable = with_script.locator("script:not([type='application/ld+json'])")
    assert [runnable.nth(i).get_attribute("src") for i in range(runnable.count())] == [
        "/static/js/site.js"
    ]


def test_statement_prints_as_a_document(open_tab, live_server, site):
    """Printed, a statement loses the header, navigation and footer but keeps
    its reference number, the page's address, its topics as plain text and the
    addresses of its outside links."""
    tab = open_tab()
    path = site.path("en", "statement")
    tab.goto(live_server.url + path)
    address = tab.locator(".statement__facts .print-only")
    assert address.is_hidden()

    tab.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".site-footer", ".skip-link"):
        assert tab.locator(selector).is_hidden(), selector
    reference = tab.get_by_text("12/2025", exact=True)
    assert reference.is_visible()
    assert address.is_visible()
    assert address.locator("dd").inner_text() == live_server.url + path
    assert tab.get_by_role("heading", level=1).inner_text() == TITLES["en"]
    assert tab.locator(".statement__hero img").is_visible()
    link_after = tab.evaluate(
        """getComputedStyle(
            document.querySelector('.statement__body a[href^="http"]'), '::after'
        ).content"""
    )
    assert link_after == '" (https://example.org/en)"'
    assert tab.locator(".tags").inner_text() == "Historical memory"
    assert tab.locator(".tags").is_visible()

    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_menu_and_filters_fold_away_and_open(
    open_tab, live_server, site, language
):
    """At 375 pixels the menu and the filters sit behind buttons, so the first
    statement shows on the first screen; each button opens its part, and a
    list already filtered shows its filters open."""
    tab = open_tab(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    tab.goto(live_server.url + site.path(language, "list"))
    menu = tab.locator(".menu-toggle")
    filters = tab.locator(".filters-toggle")
    assert menu.get_attribute("aria-expanded") == "false"
    assert tab.locator(".site-nav__menu").is_hidden()
    assert tab.locator("#filter-kind").is_hidden()
    assert within_window(tab, tab.locator("main .card__title").first)
    assert tab.locator("#site-search-q").is_visible()

    menu.tap()
    assert menu.get_attribute("aria-expanded") == "true"
    assert tab.locator(".site-nav__menu a").first.is_visible()
    filters.tap()
    assert tab.locator("#filter-kind").is_visible()

    tab.goto(live_server.url + site.path(language, "list-filtered"))
    assert tab.locator("#filter-kind").is_visible()


def test_on_a_phone_without_javascript_everything_is_open(open_tab, live_server, site):
    """No script, no toggles: the menu and the filters are simply there."""
    tab = open_tab(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    tab.goto(live_server.url + site.path("en", "list"))
    assert tab.locator(".menu-toggle").is_hidden()
    assert tab.locator(".filters-toggle").is_hidden()
    assert tab.get_by_role("link", name="Statements").first.is_visible()
    assert tab.locator("#filter-kind").is_visible()


def test_share_copy_link_and_print_heading(open_tab, live_server, site, browser):
    """ "Copy link" puts the page's address on the clipboard and says so; the
    printout starts with the office's name and shows no share box."""
    tab = open_tab()
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    path = site.path("en", "statement")
    tab.goto(live_server.url + path)
    tab.get_by_role("button", name="Copy link").click()
    tab.wait_for_function("document.querySelector('.share__status').textContent")
    assert tab.locator(".share__status").inner_text() == "Link copied."
    assert tab.evaluate("navigator.clipboard.readText()") == live_server.url + path
    facebook = tab.get_by_role("link", name=re.compile("^Facebook"))
    assert facebook.get_attribute("href").startswith(
        "https://www.facebook.com/sharer/sharer.php?u="
    )

    tab.emulate_media(media="print")
    office = tab.locator(".statement__office")
    assert office.is_visible()
    assert office.inner_text() == (
        "Office of the Commissioner for Human Rights (Ombudsman) "
        "of the Republic of Azerbaijan"
    )
    assert tab.locator(".share").is_hidden()
    assert tab.locator(".breadcrumbs").is_hidden()
