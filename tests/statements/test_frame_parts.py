"""Parts of the page frame kept per process ({% frame_part %}) show each
page, language and setting as a fresh render would."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def nav_current(html):
    """The navigation link marked as the current page."""
    start = html.index('<nav class="site-nav"')
    nav = html[start : html.index("</nav>", start)]
    marked = nav.split('aria-current="page">', 1)
    return marked[1].split("<", 1)[0] if len(marked) == 2 else None


def test_each_page_marks_itself_in_the_navigation():
    client = Client()
    assert nav_current(client.get("/en/statements/").content.decode()) == "Statements"
    assert nav_current(client.get("/en/").content.decode()) == "Home"
    assert nav_current(client.get("/en/search/").content.decode()) == "Search"
    assert nav_current(client.get("/en/statements/").content.decode()) == "Statements"


def test_each_language_gets_its_own_words():
    client = Client()
    english = client.get("/en/").content.decode()
    russian = client.get("/ru/").content.decode()
    assert nav_current(english) == "Home"
    assert nav_current(russian) == "Главная"
    assert 'href="/ru/statements/"' in russian
    assert 'href="/ru/statements/"' not in english


def test_a_new_complaints_address_shows_in_the_frame(settings):
    client = Client()
    settings.COMPLAINT_URL = "https://old.example/complaints"
    assert "https://old.example/complaints" in client.get("/en/").content.decode()
    settings.COMPLAINT_URL = "https://new.example/complaints"
    page = client.get("/en/").content.decode()
    assert "https://new.example/complaints" in page
    assert "https://old.example/complaints" not in page
