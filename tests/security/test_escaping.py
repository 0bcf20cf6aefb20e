"""Hostile text in every field is shown as text everywhere it appears.

A statement is filled, field by field and in each language, with payloads
that try to break out of HTML text, attributes, <title>, meta tags, JSON-LD,
XML feeds and the iCalendar feed. Every page, feed and admin screen that
shows them is then read as a browser would: the payloads must be visible as
text and nothing in the page may run script.
"""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
import reversion
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from statements.models import (
    Attachment,
    Correction,
    Coverage,
    Distribution,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)
from tests.factories import (
    image_upload,
    make_commemoration,
    make_person,
    make_statement,
    make_superuser,
    make_topic,
    make_version,
    pdf_upload,
)
from tests.security.helpers import form_data, injected_markup, visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "en", "ru"]
NATIVE = {"az": "Bəyanat", "en": "Statement", "ru": "Заявление"}

# Each tries a different way out of the place it is printed in.
PAYLOADS = [
    '<script>alert("{tag}")</script>',  # plain HTML text
    '"><img src=x onerror=alert("{tag}")>',  # out of a double-quoted attribute
    "' onmouseover='alert(\"{tag}\")' x='",  # out of a single-quoted attribute
    '</title><script>alert("{tag}")</script>',  # out of <title>
    '</script><script>alert("{tag}")</script><!--',  # out of the JSON-LD block
    "<svg/onload=alert('{tag}')>",  # SVG event handler
    "<iframe src=\"javascript:alert('{tag}')\"></iframe>",  # framed script
    '"><meta http-equiv="refresh" content="0;url=https://evil.example/{tag}">',
    ']]><script>alert("{tag}")</script><![CDATA[',  # out of a feed's CDATA
    "&lt;script&gt;alert('{tag}')&lt;/script&gt;",  # already escaped: no decoding
    "{{{{ settings.SECRET_KEY }}}}{{% debug %}}{tag}",  # template injection
    "<a href=\"javascript:alert('{tag}')\">{tag}</a>",  # script URL
]
FIELDS = [
    "title",
    "summary",
    "correction",
    "alt",
    "caption",
    "withdrawal",
    "outlet",
    "reporter",
    "recipient",
    "attachment",
    "person",
    "role",
    "topic",
    "commemoration",
    "description",
    "figure",
]


def hostile(field, language):
    """A payload for ``field`` in ``language``: native words around the attack."""
    payload = PAYLOADS[FIELDS.index(field) % len(PAYLOADS)]
    tag = f"{field}-{language}"
    return f"{NATIVE[language]} {payload.format(tag=tag)} {tag}"


def per_language(field):
    return {language: hostile(field, language) for language in LANGUAGES}


@pytest.fixture
def hostile_statement():
    """A published, withdrawn, anniversary statement with hostile text in every
    field in az, en and ru."""
    person = make_person(name=per_language("person"), role=per_language("role"))
    topic = make_topic(key="rights", name=per_language("topic"))
    commemoration = make_commemoration(
        key="january",
        name=per_language("commemoration"),
        description=per_language("description"),
        figures=[(per_language("figure"), 150)],
    )
    statement = make_statement(
        languages=[],
        slug="hostile",
        kind=StatementKind.ANNIVERSARY,
        commemoration=commemoration,
        anniversary_year=2025,
        issued_by=person,
        original_language="en",
        hero_image_alt=per_language("alt"),
        hero_image_caption=per_language("caption"),
        withdrawn_at=timezone.now() - datetime.timedelta(minutes=5),
        withdrawal_reason=per_language("withdrawal"),
        topics=[topic],
    )
    statement.hero_image.save("photo.png", image_upload())
    for language in LANGUAGES:
        version = make_version(
            statement,
            language,
            title=hostile("title", language),
            summary=hostile("summary", language),
            body=f"<p>{NATIVE[language]}</p><script>alert('body')</script>",
        )
        Correction.objects.create(version=version, note=hostile("correction", language))
        Coverage.objects.create(
            statement=statement,
            outlet=hostile("outlet", language),
            reporter=hostile("reporter", language),
            url="https://news.example/report",
            language=language,
        )
    Distribution.objects.create(
        statement=statement, recipient=per_language("recipient")
    )
    Attachment.objects.create(
        statement=statement, file=pdf_upload(), title=per_language("attachment")
    )
    return statement


CONTEXTS = [
    "<p>{}</p>",
    "<p title='{}'>x</p>",
    '<p title="{}">x</p>',
    "<title>{}</title>",
    '<script type="application/ld+json">{}</script>',
]


@pytest.mark.parametrize("payload", PAYLOADS[:9] + PAYLOADS[11:])
def test_the_checker_sees_each_payload_when_it_is_not_escaped(payload):
    """Left unescaped in the place it targets, every markup payload is caught
    by the page checker, so the tests below would fail if a template forgot
    to escape one."""
    text = payload.format(tag="t")
    assert any(injected_markup(context.format(text)) for context in CONTEXTS)


def assert_shown_as_text(content, *texts):
    problems = injected_markup(content)
    assert problems == [], problems
    shown = visible_text(content)
    for text in texts:
        assert text in shown, text


PAGE_FIELDS = [
    "title",
    "summary",
    "correction",
    "alt",
    "caption",
    "withdrawal",
    "outlet",
    "reporter",
    "recipient",
    "attachment",
    "person",
    "role",
    "topic",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_statement_page_shows_every_hostile_field_as_text(
    client, hostile_statement, language
):
    """Title, lead, notes, alt and caption, coverage, people and topics are
    text on the statement page, in <title>, meta and OpenGraph tags."""
    response = client.get(f"/{language}/statements/hostile/")
    assert response.status_code == 200
    content = response.content.decode()
    texts = [hostile(field, language) for field in PAGE_FIELDS if field not in {"alt"}]
    assert_shown_as_text(content, *texts)
    head = content[: content.index("</head>")]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert "<" not in title and "&lt;" in title
    for prop in ("og:title", "og:description", "og:image:alt"):
        tag = re.search(rf'<meta property="{prop}" content="([^"]*)">', head)
        assert tag, prop
        assert "<" not in tag.group(1) and '"' not in tag.group(1)
    alt = re.search(r'<img [^>]*alt="([^"]*)"', content).group(1)
    assert "&quot;" in alt or "&#x27;" in alt or "&lt;" in alt


@pytest.mark.parametrize("language", LANGUAGES)
def test_json_ld_keeps_hostile_titles_inside_the_data_block(
    client, hostile_statement, language
):
    """NewsArticle and BreadcrumbList JSON-LD cannot be ended early; they
    read back exactly."""
    content = client.get(f"/{language}/statements/hostile/").content.decode()
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    )
    assert len(blocks) == 2
    assert not any("<" in block for block in blocks)
    data, trail = (json.loads(block) for block in blocks)
    assert data["headline"] == hostile("title", language)[:110]
    assert data["description"] == hostile("summary", language)
    assert data["author"]["name"] == hostile("person", language)
    assert trail["itemListElement"][-1]["name"] == hostile("title", language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path",
    [
        "/{language}/",
        "/{language}/statements/",
        "/{language}/statements/?topic=rights",
        "/{language}/anniversaries/",
        "/{language}/anniversaries/january/",
    ],
)
def test_lists_home_and_anniversaries_show_hostile_text_as_text(
    client, hostile_statement, language, path
):
    """Cards, topic filters, commemoration names and figures are text."""
    response = client.get(path.format(language=language))
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results_show_hostile_titles_and_query_as_text(
    client, hostile_statement, language
):
    """A hostile query and hostile results are echoed as text."""
    query = f'{NATIVE[language]} "><script>alert(1)</script>'
    response = client.get(f"/{language}/search/", {"q": query})
    content = response.content.decode()
    assert response.status_code == 200
    assert_shown_as_text(content)
    assert 'value="' in content and "&lt;script&gt;" in content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", ["feed", "feed_atom"])
def test_feeds_carry_hostile_text_as_escaped_xml(
    client, hostile_statement, language, feed
):
    """RSS and Atom stay well-formed; titles read back exactly, never as markup."""
    response = client.get(f"/{language}/statements/{feed.replace('_', '/')}/")
    assert response.status_code == 200
    assert b"<script" not in response.content.lower()
    assert b"<img" not in response.content.lower()
    root = ET.fromstring(response.content)
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    assert f"Withdrawn: {hostile('title', language)}" in titles or any(
        hostile("title", language) in (title or "") for title in titles
    )


def test_calendar_cannot_be_given_extra_events(client, hostile_statement):
    """Line breaks in a commemoration's name cannot start a new event."""
    commemoration = hostile_statement.commemoration
    commemoration.name = {
        "en": "Remembrance\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected"
    }
    commemoration.save()
    response = client.get("/en/anniversaries/calendar.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "Injected" in str(events[0]["SUMMARY"])


def test_sitemap_lists_only_safe_addresses(client, hostile_statement):
    """The sitemap names the ASCII slug; no hostile text reaches it."""
    response = client.get("/sitemap-statements.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [e.text for e in root.iter() if e.tag.endswith("loc")]
    assert locations and all("/statements/hostile/" in url for url in locations)
    assert b"script" not in response.content


def test_body_script_never_reaches_the_page(client, hostile_statement):
    """The body's script was removed when it was saved and is not on the page."""
    version = hostile_statement.versions.get(language="en")
    assert "<script" not in version.body
    content = client.get("/en/statements/hostile/").content.decode()
    assert "alert('body')" not in content


# The admin ---------------------------------------------------------------


def admin_markup(content):
    """injected_markup() for admin pages, which draw their icons in <svg>."""
    return injected_markup(content, allowed={"svg"})


@pytest.fixture
def admin_client(client):
    client.force_login(make_superuser())
    return client


def test_admin_lists_show_hostile_names_as_text(admin_client, hostile_statement):
    """Statement, version, person, topic, commemoration and attachment lists
    and forms show hostile texts as text."""
    version = hostile_statement.versions.get(language="ru")
    draft_twin = make_statement(
        languages=[],
        slug="hostile-draft",
        publish_at=None,
        issued_by=hostile_statement.issued_by,
    )
    make_version(
        draft_twin,
        "en",
        status=VersionStatus.DRAFT,
        title=hostile_statement.versions.get(language="en").title,
    )
    urls = [
        reverse("admin:statements_statement_changelist"),
        reverse("admin:statements_statementversion_changelist"),
        reverse("admin:statements_person_changelist"),
        reverse("admin:statements_topic_changelist"),
        reverse("admin:statements_commemoration_changelist"),
        reverse("admin:statements_statement_change", args=[hostile_statement.pk]),
        reverse("admin:statements_statementversion_change", args=[version.pk]),
        reverse(
            "admin:statements_commemoration_change",
            args=[hostile_statement.commemoration_id],
        ),
        # Its delete page is refused (a released statement is never deleted),
        # so the confirmation of a draft's deletion shows the hostile names.
        reverse("admin:statements_statement_delete", args=[draft_twin.pk]),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert admin_markup(response.content.decode()) == [], url


def test_hostile_user_name_in_a_failed_sign_in_is_text_in_the_logs(client):
    """A name typed at the sign-in form is shown as text in the audit log and
    in the list of sign-in attempts."""
    name = '"><script>alert("login")</script>'
    client.post("/admin/login/", {"username": name, "password": "wrong password"})
    client.force_login(make_superuser())
    for url in (
        reverse("admin:statements_auditentry_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert admin_markup(content) == [], url
        assert name in visible_text(content), url


def test_history_and_revision_diff_show_hostile_edits_as_text(admin_client):
    """History lists and the revision comparison escape both sides of a change."""
    statement = make_statement(languages=["en"], slug="diffed")
    version = statement.versions.get()
    for title, body in [
        ("First <b>title</b>", "<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        (hostile("title", "en"), "<p>Second <img src=x onerror=alert(2)></p>"),
    ]:
        with reversion.create_revision():
            version.title = title
            version.body = body
            version.save()
    history = reverse("admin:statements_statementversion_history", args=[version.pk])
    response = admin_client.get(history)
    assert response.status_code == 200
    assert admin_markup(response.content.decode()) == []
    ids = list(
        reversion.models.Version.objects.get_for_object(version).values_list(
            "pk", flat=True
        )
    )
    compare = admin_client.get(
        reverse("admin:statements_statementversion_compare", args=[version.pk]),
        {"version_id1": ids[-1], "version_id2": ids[0]},
    )
    assert compare.status_code == 200
    content = compare.content.decode()
    assert admin_markup(content) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert hostile("title", "en") in visible_text(content)


def _add_statement_data(client, **fields):
    url = reverse("admin:statements_statement_add")
    data = form_data(client.get(url).content.decode(), "statement_form")
    data.update(
        {
            "kind": StatementKind.STATEMENT,
            "issued_by": str(make_person().pk),
            "original_language": "en",
            "versions-0-language": "en",
            "versions-0-status": "draft",
        }
    )
    data.update(fields)
    return url, data


def test_hand_made_post_bypassing_the_editor_is_cleaned_and_escaped(admin_client):
    """A POST written by hand (no CKEditor) with script in the body, title,
    summary, alt text and caption: the body is sanitised before it is stored,
    the rest is kept as typed and shown as text, also in the saved message."""
    title = '<script>alert("hand")</script> Заявление'
    url, data = _add_statement_data(
        admin_client,
        **{
            "versions-0-title": title,
            "versions-0-summary": '"><img src=x onerror=alert(1)>',
            "versions-0-body": (
                '<p onclick="alert(1)">Mətn</p><script>alert(2)</script>'
                '<a href="javascript:alert(3)">link</a><iframe src="//evil"></iframe>'
                '<img src="x" onerror="alert(4)"><style>*{}</style>'
            ),
            "hero_image_alt_1": "<svg onload=alert(5)>",
            "hero_image_caption_1": "</figcaption><script>alert(6)</script>",
            "slug": "hand-made",
        },
    )
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert admin_markup(content) == []
    version = StatementVersion.objects.get(statement__slug="hand-made")
    assert version.title == title
    for forbidden in ("<script", "onclick", "javascript:", "<iframe", "onerror"):
        assert forbidden not in version.body
    assert "<style" not in version.body
    assert "Mətn" in version.body
    assert title in visible_text(content)


def test_javascript_link_for_coverage_is_refused_by_the_admin(admin_client):
    """A coverage link with a javascript: address is refused, nothing saved."""
    url, data = _add_statement_data(
        admin_client,
        **{
            "versions-0-title": "Coverage",
            "slug": "coverage-link",
            "coverage-TOTAL_FORMS": "1",
            "coverage-0-outlet": "Outlet",
            "coverage-0-url": "javascript:alert(document.cookie)",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not Statement.objects.filter(slug="coverage-link").exists()
    assert admin_markup(response.content.decode()) == []


# The importer --------------------------------------------------------------


def _import_file(tmp_path, statements, people=None):
    data = {
        "people": people
        or [{"key": "ombudsman", "name": per_language("person"), "role": {}}],
        "statements": statements,
    }
    path = Path(tmp_path) / "import.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def _imported_statement(**overrides):
    statement = {
        "slug": "imported-hostile",
        "kind": "statement",
        "issued_by": "ombudsman",
        "publish_at": "2025-01-19T10:00:00+04:00",
        "original_language": "en",
        "coverage": [
            {
                "outlet": hostile("outlet", "en"),
                "url": "https://news.example/a",
                "reporter": hostile("reporter", "en"),
                "language": "en",
            }
        ],
        "versions": {
            language: {
                "title": hostile("title", language),
                "summary": hostile("summary", language),
                "body": '<p>Text</p><script>alert("import")</script>'
                '<img src=x onerror="alert(1)">',
                "status": "published",
                "corrections": [
                    {
                        "at": "2025-01-20T09:00:00+04:00",
                        "note": hostile("correction", language),
                    }
                ],
            }
            for language in LANGUAGES
        },
    }
    statement.update(overrides)
    return statement


def test_imported_hostile_texts_are_cleaned_and_shown_as_text(client, tmp_path):
    """An import full of payloads stores sanitised bodies and pages show the
    rest as text, in every language."""
    path = _import_file(tmp_path, [_imported_statement()])
    call_command("import_statements", str(path), stdout=io.StringIO())
    for version in StatementVersion.objects.filter(statement__slug="imported-hostile"):
        assert "<script" not in version.body and "onerror" not in version.body
    for language in LANGUAGES:
        response = client.get(f"/{language}/statements/imported-hostile/")
        assert response.status_code == 200
        assert_shown_as_text(
            response.content.decode(),
            hostile("title", language),
            hostile("correction", language),
        )


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"slug": "<script>alert(1)</script>"}, "not a valid slug"),
        ({"slug": "../../etc/passwd"}, "not a valid slug"),
        (
            {
                "coverage": [
                    {"outlet": "x", "url": "javascript:alert(1)", "language": "en"}
                ]
            },
            "url",
        ),
        (
            {"hero_image": {"file": "../../../../etc/passwd", "alt": {}}},
            "hero_image",
        ),
    ],
    ids=["script-slug", "traversal-slug", "javascript-url", "traversal-file"],
)
def test_hostile_import_is_refused_whole(tmp_path, overrides, problem):
    """A hostile slug, script link or a file outside the import's folder stops
    the whole import and says where."""
    path = _import_file(tmp_path, [_imported_statement(**overrides)])
    errors = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_statements", str(path), stdout=io.StringIO(), stderr=errors
        )
    assert "nothing was imported" in str(caught.value)
    assert problem in errors.getvalue()
    assert not Statement.objects.exists()
