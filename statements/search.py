"""Full-text search over public versions: PostgreSQL's when there, else a fallback.

Both return the same thing: a queryset of public versions in one language,
best match first, and a plain-text snippet with the query's words marked.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, Func, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from statements.public import public_versions
from statements.sanitizer import html_to_text
from statements.search_config import text_search_config

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_RADIUS = 110


class DocumentVector(Func):
    """to_tsvector(config, search_document), written exactly as the GIN index is.

    Django's SearchVector wraps the column in COALESCE, which would stop
    PostgreSQL from using the index.
    """

    output_field = SearchVectorField()

    def __init__(self, config):
        # The configuration name comes from a fixed table, never from input.
        self.template = f"to_tsvector('{config}'::regconfig, %(expressions)s)"
        super().__init__(F("search_document"))


def clean_query(raw):
    """The query as searched: trimmed, bounded, with control characters dropped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query):
    words = re.findall(r"\w+", query.casefold())
    return list(dict.fromkeys(words))[:MAX_TERMS]


def search_versions(language, query):
    terms = query_terms(query)
    versions = public_versions(language)
    if not terms:
        return versions.none()
    if connection.vendor == "postgresql":
        config = text_search_config(language)
        search_query = SearchQuery(
            " ".join(terms), config=Value(config), search_type="plain"
        )
        vector = DocumentVector(config)
        return (
            versions.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-released_at", "-statement_id")
        )
    for term in terms:
        versions = versions.filter(search_document__contains=term)
    return versions


def snippet(version, query):
    """Up to ~220 characters of the text around the first match, terms in <mark>."""
    terms = query_terms(query)
    text = html_to_text(version.body).replace("\n", " ")
    lowered = text.casefold()
    positions = [lowered.find(term) for term in terms if term in lowered]
    if not positions:
        excerpt = (version.summary or text)[: 2 * SNIPPET_RADIUS]
        return escape(excerpt)
    start = max(min(positions) - SNIPPET_RADIUS // 2, 0)
    excerpt = text[start : start + 2 * SNIPPET_RADIUS]
    prefix = "… " if start else ""
    suffix = " …" if start + 2 * SNIPPET_RADIUS < len(text) else ""
    escaped = escape(excerpt)
    pattern = "|".join(re.escape(escape(term)) for term in sorted(terms, key=len)[::-1])
    marked = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(f"{prefix}{marked}{suffix}")  # built from escaped text only
