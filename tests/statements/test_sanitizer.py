"""Rich text is cleaned on the server: nothing hostile is ever stored."""

import pytest

from statements.content.sanitizer import html_to_text, sanitize_html
from tests.factories import make_statement, make_version

TEXT = {
    "az": "İnsan hüquqları üzrə müvəkkilin bəyanatı",
    "en": "Statement by the Commissioner for Human Rights",
    "ru": "Заявление Уполномоченного по правам человека",
}

HOSTILE = [
    '<script>alert("{t}")</script><p>{t}</p>',
    '<p onclick="alert(1)">{t}</p>',
    '<img src="x" onerror="alert(1)" alt="{t}">',
    '<a href="javascript:alert(1)">{t}</a>',
    '<a href="JaVaScRiPt:alert(1)">{t}</a>',
    '<a href="java&#x09;script:alert(1)">{t}</a>',
    "<a href='&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)'>"
    "{t}</a>",
    '<a href="  javascript:alert(1)">{t}</a>',
    '<a href="vbscript:msgbox(1)">{t}</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">{t}</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="{t}">',
    '<iframe src="https://evil.example/"></iframe><p>{t}</p>',
    '<object data="x.swf"></object><embed src="x.swf"><p>{t}</p>',
    '<form action="/steal"><input name="password"></form><p>{t}</p>',
    "<style>body{{display:none}}</style><p>{t}</p>",
    '<p style="background:url(javascript:alert(1))">{t}</p>',
    '<svg onload="alert(1)"><circle/></svg><p>{t}</p>',
    "<math><mtext><script>alert(1)</script></mtext></math><p>{t}</p>",
    "<p>{t}</p><!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</script><p>{t}</p>",
    '<a href="https://example.org/" target="_blank" onmouseover="x()">{t}</a>',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0">{t}',
]

FORBIDDEN = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "javascript:",
    "vbscript:",
    "data:",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<input",
    "<style",
    "style=",
    "<svg",
    "<base",
    "<meta",
]


@pytest.mark.parametrize("language", sorted(TEXT))
@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_is_removed_and_the_text_kept(payload, language):
    """No script, handler, style, frame, form or unsafe URL survives; the words do."""
    text = TEXT[language]
    cleaned = sanitize_html(payload.format(t=text))
    lowered = cleaned.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in lowered, (forbidden, cleaned)
    assert text in cleaned or f'alt="{text}"' in cleaned


@pytest.mark.parametrize(
    "markup",
    [
        "<h2>Heading</h2>",
        "<p><strong>bold</strong> and <em>italic</em></p>",
        "<ul><li>one</li></ul>",
        "<ol><li>first</li></ol>",
        "<blockquote><p>quoted</p></blockquote>",
        '<p><img alt="Memorial" src="/media/editor/2025/01/a.jpg"></p>',
    ],
)
def test_what_the_toolbar_makes_is_kept(markup):
    """Headings, emphasis, lists, quotes and uploaded images survive unchanged."""
    assert sanitize_html(markup) == markup


@pytest.mark.parametrize(
    "href",
    [
        "https://www.un.org/",
        "http://example.org/a?b=c",
        "mailto:office@ombudsman.example",
        "tel:+994124981022",
        "/en/statements/some-slug/",
        "#section",
    ],
)
def test_safe_links_are_kept(href):
    """http(s), mailto, tel and relative links keep their address."""
    cleaned = sanitize_html(f'<a href="{href}">link</a>')
    assert f'href="{href}"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(TEXT))
def test_hostile_body_is_cleaned_before_it_is_stored(language):
    """Saving through the model stores the cleaned body, in every language."""
    statement = make_statement(languages=[])
    statement.original_language = language
    statement.save()
    version = make_version(
        statement,
        language,
        body=f'<p onmouseover="x()">{TEXT[language]}</p><script>alert(1)</script>',
    )
    version.refresh_from_db()
    assert version.body == f"<p>{TEXT[language]}</p>"


def test_plain_text_keeps_one_block_a_line():
    """The text form used for search and diffs unescapes entities, one block a line."""
    body = "<h2>A &amp; B</h2><p>First<br>second</p><ul><li>Üç</li></ul>"
    assert html_to_text(body) == "A & B\nFirst\nsecond\nÜç"
