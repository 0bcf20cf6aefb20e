"""The one place rich text is cleaned before it is stored or shown.

The allow-list matches the editor's toolbar: what an editor can make, a reader
can see, and nothing else (no script, event handler, style, frame or form).
"""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
# Relative URLs (no scheme) are always kept by nh3; these are the only schemes.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html):
    """Return ``html`` reduced to the allow-list; safe to mark safe afterwards."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "form"},
    ).strip()


BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(body):
    """Plain text of a body, one block a line, for search and readable diffs."""
    with_breaks = BLOCK_END.sub("\n", body or "")
    text = html.unescape(nh3.clean(with_breaks, tags=set(), strip_comments=True))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
