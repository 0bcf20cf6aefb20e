"""The sitemap: every public version, with hreflang alternates and x-default."""

import xml.etree.ElementTree as ET

import pytest

from statements.models import VersionStatus
from tests.factories import make_statement, make_version

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_each_public_version_with_its_alternates(client):
    """Two public languages: two <url>s, each naming both plus x-default."""
    statement = make_statement(languages=["az", "en"], slug="two-languages")
    make_version(statement, "ru", status=VersionStatus.DRAFT)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = root.findall("s:url", NS)
    locations = [u.findtext("s:loc", namespaces=NS) for u in urls]
    assert locations == [
        "http://testserver/az/statements/two-languages/",
        "http://testserver/en/statements/two-languages/",
    ]
    alternates = {
        link.get("hreflang"): link.get("href") for link in urls[0].findall("x:link", NS)
    }
    assert alternates == {
        "az": "http://testserver/az/statements/two-languages/",
        "en": "http://testserver/en/statements/two-languages/",
        "x-default": "http://testserver/statements/two-languages/",
    }


def test_x_default_address_redirects_to_a_language(client):
    """The x-default address (no prefix) sends the reader to their language."""
    make_statement(languages=["az", "en"], slug="two-languages")
    response = client.get("/statements/two-languages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/statements/two-languages/"
