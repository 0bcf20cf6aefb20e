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


def test_statement_breadcrumbs_are_shown_and_in_json_ld(client):
    statement = make_statement()
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    title = statement.versions.get().title
    assert '<nav class="breadcrumbs" aria-label="Breadcrumbs">' in content
    trail = next(d for d in json_ld(content) if d["@type"] == "BreadcrumbList")
    assert [
        (i["position"], i["name"], i["item"]) for i in trail["itemListElement"]
    ] == [
        (1, "Home", "http://testserver/en/"),
        (2, "Statements", "http://testserver/en/statements/"),
        (3, title, f"http://testserver/en/statements/{statement.slug}/"),
    ]


def test_a_translation_names_its_original_language(client):
    """Read in Russian, a statement written in Azerbaijani says so, in
    Russian's own grammar, and links the original; the original says nothing."""
    statement = make_statement(languages=["az", "ru", "en"])
    russian = client.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert (
        '<p class="statement__translation">Перевод с азербайджанского. '
        f'<a href="/az/statements/{statement.slug}/" hreflang="az">'
        "Читать оригинал</a></p>"
    ) in russian
    original = client.get(f"/az/statements/{statement.slug}/").content.decode()
    assert "statement__translation" not in original


def test_the_issuer_signs_a_statement_but_not_a_press_release(client):
    from statements.models import StatementKind
    from tests.factories import make_person

    person = make_person(
        name={"en": "Sabina Aliyeva"}, role={"en": "Commissioner for Human Rights"}
    )
    signed = make_statement(issued_by=person)
    content = client.get(f"/en/statements/{signed.slug}/").content.decode()
    assert (
        '<p class="signature"><span class="signature__name">Sabina Aliyeva</span>'
        '<span class="signature__role">Commissioner for Human Rights</span></p>'
    ) in content
    release = make_statement(issued_by=person, kind=StatementKind.PRESS_RELEASE)
    content = client.get(f"/en/statements/{release.slug}/").content.decode()
    assert 'class="signature"' not in content


def test_more_on_this_topic_when_editors_linked_nothing(client):
    """No links: the newest public statements on its topics, never a withdrawn
    one; with links, the editors' choice under its own heading."""
    from tests.factories import make_topic

    prisons = make_topic()
    older = make_statement(
        topics=[prisons], publish_at=timezone.now() - datetime.timedelta(days=3)
    )
    make_statement(
        topics=[prisons],
        withdrawn_at=timezone.now(),
        withdrawal_reason={"en": "x"},
    )
    unrelated = make_statement()
    statement = make_statement(topics=[prisons])
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert '<h2 id="related-heading">More on this topic</h2>' in content
    start = content.index('<h2 id="related-heading">')
    related = content[start : content.index("</section>", start)]
    assert older.versions.get().title in related
    assert unrelated.versions.get().title not in related
    assert related.count("<li>") == 1

    statement.related.add(unrelated)
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert '<h2 id="related-heading">Related statements</h2>' in content


def test_share_links_are_plain_links_and_no_outside_script(client):
    statement = make_statement()
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    url = f"http%3A%2F%2Ftestserver%2Fen%2Fstatements%2F{statement.slug}%2F"
    for href in (
        f"https://www.facebook.com/sharer/sharer.php?u={url}",
        f"https://x.com/intent/post?url={url}&amp;text=",
        f"https://t.me/share/url?url={url}&amp;text=",
        "https://wa.me/?text=",
        "mailto:?subject=",
    ):
        assert f'href="{href}' in content, href
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", content)
    assert scripts == ["/static/js/site.js"]


def test_last_updated_links_to_every_update(client):
    from statements.models import Correction

    statement = make_statement()
    Correction.objects.create(
        version=statement.versions.get(),
        at=timezone.now() - datetime.timedelta(minutes=1),
        note="The figure is 23, not 32.",
    )
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert "<dt>Last updated</dt>" in content
    assert '<a class="no-print" href="#corrections-heading">see all updates</a>' in (
        content
    )
    assert '<h2 id="corrections-heading">Updates</h2>' in content
    assert "The figure is 23, not 32." in content


def test_attachment_type_is_said_once_and_dates_do_not_break(client):
    """A title ending in "(PDF)" is not followed by "(PDF, …)" again; an
    Azerbaijani date keeps day and month on one line."""
    from statements.models import Attachment
    from tests.factories import pdf_upload

    statement = make_statement(
        languages=["az"],
        publish_at=datetime.datetime(2025, 1, 20, 8, tzinfo=datetime.UTC),
    )
    Attachment.objects.create(
        statement=statement, file=pdf_upload(), title={"az": "İmzalanmış bəyanat (PDF)"}
    )
    content = client.get(f"/az/statements/{statement.slug}/").content.decode()
    assert '>İmzalanmış bəyanat</a> <span class="attachments__info">(PDF,' in content
    assert "(PDF) (PDF" not in content
    assert "20\N{NO-BREAK SPACE}yanvar 2025" in content


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/en/statements/", ["Home", "Statements"]),
        ("/en/anniversaries/", ["Home", "Commemorations"]),
        ("/en/anniversaries/remembrance/", ["Home", "Commemorations", "Remembrance"]),
        ("/ru/contact/", ["Главная", "Контакты и жалобы"]),
        ("/az/alerts/", ["Ana səhifə", "E-poçt bildirişləri"]),
    ],
)
def test_other_pages_have_breadcrumbs_too(client, path, names):
    make_commemoration(key="remembrance", name={"en": "Remembrance"})
    content = client.get(path).content.decode()
    trail = next(d for d in json_ld(content) if d["@type"] == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == names
    assert trail["itemListElement"][-1]["item"] == f"http://testserver{path}"
