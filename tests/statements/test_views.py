"""The public pages, as a reader sees them in each language."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from statements.models import (
    Correction,
    Coverage,
    Distribution,
    StatementKind,
    VersionStatus,
)
from tests.factories import (
    make_commemoration,
    make_person,
    make_statement,
    make_topic,
    make_version,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client):
    """/ sends a Russian browser to /ru/ and an unknown language to /az/."""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/az/"
    assert client.get("/")["Location"] == "/az/"


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_every_page_declares_its_language(client, language):
    """<html lang> follows the URL prefix on home, list and search."""
    for path in ("", "statements/", "search/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_home_lists_latest_and_upcoming_commemorations(client):
    """The home page shows the latest statements and commemorations within 30 days."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=10)
    make_commemoration(date=soon.replace(year=1990), name={"en": "Day of remembrance"})
    make_commemoration(
        date=(today + datetime.timedelta(days=90)).replace(year=1990),
        name={"en": "Far away day"},
    )
    statement = make_statement(languages=["en"])
    content = client.get("/en/").content.decode()
    assert statement.versions.get().title in content
    assert "Day of remembrance" in content
    assert f"{soon.year - 1990}th anniversary" in content
    assert "Far away day" not in content


def test_list_is_newest_first_and_paginated_by_twenty(client):
    """25 statements: the first page holds the 20 newest, the second the rest."""
    now = timezone.now()
    statements = [
        make_statement(publish_at=now - datetime.timedelta(days=day))
        for day in range(25)
    ]
    first = client.get("/en/statements/").content.decode()
    second = client.get("/en/statements/?page=2").content.decode()
    titles = [s.versions.get().title for s in statements]
    assert "25 statements" in first
    assert first.index(titles[0]) < first.index(titles[1])
    assert titles[19] in first and titles[20] not in first
    assert titles[20] in second and titles[24] in second


def test_list_filters_combine_and_keep_each_other(client):
    """kind, year and topic narrow the list together; links keep the others."""
    topic = make_topic(key="detention", name={"en": "Detention"})
    this_year = timezone.localdate().year
    wanted = make_statement(kind=StatementKind.PRESS_RELEASE, topics=[topic])
    make_statement(kind=StatementKind.STATEMENT, topics=[topic])
    make_statement(kind=StatementKind.PRESS_RELEASE)
    response = client.get(
        f"/en/statements/?kind=press_release&topic=detention&year={this_year}"
    )
    content = response.content.decode()
    cards = response.context["cards"]
    assert len(cards) == 1
    assert wanted.versions.get().title in cards[0]
    assert "1 statement" in content
    assert 'href="?kind=press_release&amp;topic=detention"' in content
    assert f'href="?topic=detention&amp;year={this_year}"' in content


@pytest.mark.parametrize("query", ["page=abc", "page=-3", "page=0", "page=2"])
def test_a_page_that_does_not_exist_is_not_found(client, query):
    """One statement makes one page: any other page number is a 404."""
    make_statement()
    assert client.get(f"/en/statements/?{query}").status_code == 404
    assert client.get("/en/statements/?page=1").status_code == 200


def test_list_pages_link_cleanly_and_each_is_its_own_canonical(client):
    """No "?&page=2"; page 2 says it is page 2; page 1 is the list's address."""
    now = timezone.now()
    for day in range(25):
        make_statement(publish_at=now - datetime.timedelta(days=day))
    first = client.get("/en/statements/").content.decode()
    assert 'href="?page=2"' in first
    assert "?&" not in first and "?&amp;" not in first
    assert '<link rel="canonical" href="http://testserver/en/statements/">' in first
    second = client.get("/en/statements/?page=2").content.decode()
    assert 'rel="prev" href="/en/statements/"' in second
    assert (
        '<link rel="canonical" href="http://testserver/en/statements/?page=2">'
        in second
    )


def test_empty_list_says_so(client):
    """With nothing matching, the reader is told and offered the full list."""
    content = client.get("/en/statements/?kind=anniversary").content.decode()
    assert "No statements match these filters." in content
    assert "0 statements" in content


@pytest.mark.parametrize(
    "query",
    ["year=abc", "kind=<script>", "topic=ş"],
)
def test_bad_list_parameters_get_a_calm_page(client, query):
    """Malformed filters or page numbers never cause an error."""
    response = client.get(f"/en/statements/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def rich_statement():
    commemoration = make_commemoration(
        figures=[
            ({"en": "killed", "ru": "погибший | погибших | погибших"}, 150),
            ({"en": "injured", "ru": "раненый | раненых | раненых"}, 744),
            ({"en": "detained", "ru": "задержанный | задержанных"}, 841),
        ]
    )
    person = make_person(
        name={"en": "Sabina Aliyeva", "ru": "Сабина Алиева"},
        role={"en": "Commissioner for Human Rights", "ru": "Уполномоченный"},
    )
    statement = make_statement(
        languages=["en", "ru"],
        kind=StatementKind.ANNIVERSARY,
        commemoration=commemoration,
        anniversary_year=2025,
        issued_by=person,
        reference_number=12,
        reference_year=2025,
        publish_at=datetime.datetime(2025, 1, 19, 6, 0, tzinfo=datetime.UTC),
        topics=[make_topic(key="memory", name={"en": "Memory", "ru": "Память"})],
    )
    Coverage.objects.create(
        statement=statement,
        outlet="Caliber.Az",
        url="https://caliber.az/post/example",
        date=datetime.date(2025, 1, 19),
        language="en",
        reporter="Vafa Guliyeva",
    )
    Distribution.objects.create(
        statement=statement,
        recipient={"en": "United Nations", "ru": "Организация Объединённых Наций"},
        date=datetime.date(2025, 1, 19),
    )
    return statement


def test_statement_page_shows_everything_a_reader_needs(client):
    """Title, reference, date, issuer, figures, anniversary, coverage, sent to."""
    statement = rich_statement()
    response = client.get(f"/en/statements/{statement.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<dt>Reference</dt><dd>12/2025</dd>" in content
    assert "19 January 2025, 10:00" in content
    assert "Sabina Aliyeva, Commissioner for Human Rights" in content
    assert "35th anniversary" in content
    assert (
        '<strong class="figures__value">150</strong> '
        '<span class="figures__label">killed</span>'
    ) in content
    assert "by Vafa Guliyeva" in content
    assert 'href="https://caliber.az/post/example"' in content
    assert "United Nations" in content
    assert 'href="/en/statements/?topic=memory">Memory</a>' in content


def test_statement_page_in_russian_uses_russian_forms(client):
    """Dates, ordinals and numbers follow the reader's language."""
    statement = rich_statement()
    content = client.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert "19\N{NO-BREAK SPACE}января 2025\N{NO-BREAK SPACE}г." in content
    assert "35-я годовщина" in content
    # The numeral's plural form: 150 погибших, 744 раненых, 841 задержанный.
    labels = re.findall(r'figures__value">(\d+)</strong> <span[^>]*>([^<]+)', content)
    assert labels == [
        ("150", "погибших"),
        ("744", "раненых"),
        ("841", "задержанный"),
    ]
    assert "Организация Объединённых Наций" in content


def test_language_switcher_and_hreflang_list_only_existing_versions(client):
    """A statement in en and ru offers en and ru, never az."""
    statement = rich_statement()
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    hreflangs = re.findall(r'<link rel="alternate" hreflang="(\w+)"', content)
    assert hreflangs == ["en", "ru"]
    assert f'href="/ru/statements/{statement.slug}/" hreflang="ru"' in content
    assert f'href="/az/statements/{statement.slug}/"' not in content
    assert (
        f'<link rel="canonical" href="http://testserver/en/statements/{statement.slug}/">'
        in content
    )


def test_missing_language_is_a_404_that_links_the_versions(client):
    """/az/ for a statement only in en and ru: 404 in Azerbaijani with links."""
    statement = rich_statement()
    response = client.get(f"/az/statements/{statement.slug}/")
    content = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="az">' in content
    assert f'href="/en/statements/{statement.slug}/"' in content
    assert f'href="/ru/statements/{statement.slug}/"' in content


def test_unknown_slug_is_a_plain_404(client):
    """An address that never existed is a 404 page."""
    response = client.get("/en/statements/never-existed/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_changed_slug_redirects_permanently(client):
    """After renaming, the old address answers 301 to the new one."""
    statement = make_statement(slug="old-address")
    statement.slug = "new-address"
    statement.save()
    response = client.get("/en/statements/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/en/statements/new-address/"


def test_corrections_and_withdrawal_are_shown(client):
    """A correction note with its date and a withdrawal notice with its reason."""
    statement = make_statement(
        withdrawn_at=datetime.datetime(2025, 2, 1, 8, 0, tzinfo=datetime.UTC),
        withdrawal_reason={"en": "The event was postponed."},
    )
    Correction.objects.create(
        version=statement.versions.get(),
        at=datetime.datetime(2025, 1, 20, 5, 0, tzinfo=datetime.UTC),
        note="The number of injured was corrected.",
    )
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert "Withdrawn on 1 February 2025" in content
    assert "The event was postponed." in content
    assert "20 January 2025</time>: The number of injured was corrected." in content


def test_json_ld_cannot_be_broken_out_of(client):
    """A title with </script> stays inside the NewsArticle JSON-LD, escaped."""
    statement = make_statement(languages=[])
    make_version(statement, "en", title='</script><script>alert("x")</script>')
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    ).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == '</script><script>alert("x")</script>'
    assert "<script>alert" not in content


def test_body_is_rendered_as_sanitised_html(client):
    """The body's markup is shown; a script written straight to the DB is not."""
    statement = make_statement()
    version = statement.versions.get()
    type(version).objects.filter(pk=version.pk).update(
        body="<h2>Heading</h2><p>Text</p><script>alert(1)</script>"
    )
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert "<h2>Heading</h2><p>Text</p>" in content
    assert "alert(1)" not in content


def test_robots_txt_points_to_the_sitemap(client):
    """robots.txt keeps crawlers out of the admin and names the sitemap."""
    response = client.get("/robots.txt")
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nSitemap: http://testserver/sitemap.xml\n"
    )


def test_unknown_language_prefix_is_404(client):
    """/de/ is not a site language."""
    assert client.get("/de/statements/").status_code == 404


def test_hero_image_is_served_in_responsive_renditions(client):
    """The page offers WebP and JPEG at several widths, never only the upload."""
    from tests.factories import image_upload

    statement = make_statement(languages=["en"])
    statement.hero_image = image_upload(size=(1200, 800))
    statement.hero_image_alt = {"en": "Carnations at the memorial"}
    statement.save()
    statement.refresh_from_db()
    files = statement.hero_image_renditions["files"]
    assert sorted({(f["width"], f["type"]) for f in files}) == [
        (480, "image/jpeg"),
        (480, "image/webp"),
        (960, "image/jpeg"),
        (960, "image/webp"),
        (1200, "image/jpeg"),
        (1200, "image/webp"),
    ]
    content = client.get(f"/en/statements/{statement.slug}/").content.decode()
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', content).group(1)
    assert webp.count("w,") == 2 and webp.endswith("1200w")
    assert 'alt="Carnations at the memorial"' in content
    assert 'width="1200" height="800"' in content


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    """The 500 page renders, translated, without a single query."""
    from django.utils import translation

    from ombudsman.errors import server_error

    with translation.override("ru"), django_assert_num_queries(0):
        response = server_error(rf.get("/ru/statements/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ru">' in content


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_statement_path_is_what_reverse_gives(language):
    """The cards' fast link filter gives exactly the URL {% url %} would."""
    from django.urls import reverse, set_script_prefix
    from django.utils import translation

    from statements.templatetags.statements_tags import statement_path

    for prefix in ("/", "/site/"):
        set_script_prefix(prefix)
        try:
            with translation.override(language):
                expected = reverse("statements:detail", kwargs={"slug": "a-b_9"})
                assert statement_path("a-b_9") == expected
        finally:
            set_script_prefix("/")


def year_options(client):
    page = client.get("/en/statements/").content.decode()
    menu = page.split('id="filter-year"')[1].split("</select>")[0]
    return [int(year) for year in re.findall(r'<option value="(\d+)"', menu)]


def test_year_menu_lists_the_years_with_public_statements_in_local_time(client):
    """Newest first, each once, in the site's time zone; nothing unreleased."""
    utc = datetime.UTC
    for moment in (
        datetime.datetime(2019, 6, 1, 12, tzinfo=utc),
        datetime.datetime(2019, 7, 1, 12, tzinfo=utc),
        # 21:00 UTC on New Year's Eve is already the new year in Baku (UTC+4).
        datetime.datetime(2021, 12, 31, 21, tzinfo=utc),
        datetime.datetime(2024, 3, 1, 12, tzinfo=utc),
    ):
        make_statement(languages=["en"], publish_at=moment)
    make_statement(
        languages=["en"],
        publish_at=datetime.datetime(2016, 1, 5, tzinfo=utc),
        status=VersionStatus.DRAFT,
    )
    make_statement(
        languages=["ru"], publish_at=datetime.datetime(2017, 5, 5, tzinfo=utc)
    )
    make_statement(
        languages=["en"], publish_at=timezone.now() + datetime.timedelta(400)
    )
    assert year_options(client) == [2024, 2022, 2019]
