"""The small things on every page: link previews, icon, JSON-LD, breadcrumbs."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from tests.factories import make_commemoration, make_statement

pytestmark = pytest.mark.django_db

PAGES = ["/az/", "/en/statements/", "/ru/anniversaries/", "/en/contact/", "/az/alerts/"]


def json_ld(content):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', content, re.S
        )
    ]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_og_url_an_image_and_an_icon(client, path):
    """Link previews get the page's own address and a picture; tabs an icon."""
    content = client.get(path).content.decode()
    assert f'<meta property="og:url" content="http://testserver{path}">' in content
    assert (
        '<meta property="og:image" content="http://testserver/static/img/og-image.png">'
        in content
    )
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in (
        content
    )


def test_statement_with_a_hero_image_previews_that_image(client):
    """A statement without a picture previews the office's; og:url is its own."""
    statement = make_statement()
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert content.count('property="og:image"') == 1
    assert content.count('property="og:url"') == 1
    assert json_ld(content)[0]["image"] == ["http://testserver/static/img/og-image.png"]


def test_home_page_commemorations_link_to_their_pages(client):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    make_commemoration(
        key="remembrance", date=datetime.date(1990, soon.month, min(soon.day, 28))
    )
    content = client.get("/en/").content.decode()
    assert 'class="commemoration__name" href="/en/anniversaries/remembrance/"' in (
        content
    )


def test_a_withdrawn_statement_says_so_in_json_ld(client):
    """creativeWorkStatus Withdrawn, and dateModified is the withdrawal."""
    withdrawn_at = timezone.now() - datetime.timedelta(minutes=5)
    statement = make_statement(
        withdrawn_at=withdrawn_at, withdrawal_reason={"en": "Sent by mistake."}
    )
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    article = json_ld(content)[0]
    assert article["creativeWorkStatus"] == "Withdrawn"
    assert datetime.datetime.fromisoformat(article["dateModified"]) == withdrawn_at
