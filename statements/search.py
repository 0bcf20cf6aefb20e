"""Full-text search over public versions: PostgreSQL's when there, else a fallback.

Both return the same thing: a queryset of public versions in one language,
best match first, and a plain-text snippet with the query's words marked.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, QuerySet, Value
from django.db.models.expressions import Col, RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from statements.public import public_versions
from statements.sanitizer import html_to_text
from statements.search_config import text_search_config

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_RADIUS = 110
# Ranking reads each candidate's whole stored vector (about 5 kB), so ranking
# every match of a common word grows with the archive: at 100,000 statements
# "detention" is in 23,000 English versions and ranking them all took 0.3 to
# 0.8 s. Only the newest RANKED_MATCHES matches are ranked and shown (a rarer
# word is ranked in full), which keeps ranking near 10 ms; choosing them needs
# no vector, since the GIN index answers the match. Nobody pages past a
# thousand results, and the count shown is the number that can be paged.
RANKED_MATCHES = 1000


class StoredVector(Expression):
    """The version's ``search_vector``, the tsvector PostgreSQL keeps in the row.

    Migration 0012 adds it as a generated column outside Django's model state
    (SQLite has no tsvector), so it is named here as a column of the query's
    own table, qualified by its alias as F() would qualify a model field.
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        column = SearchVectorField()
        column.set_attributes_from_name("search_vector")
        return Col(query.get_initial_alias(), column)


def clean_query(raw):
    """The query as searched: trimmed, bounded, with control characters dropped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query):
    words = re.findall(r"\w+", query.casefold())
    return list(dict.fromkeys(words))[:MAX_TERMS]


@dataclass
class SearchResults:
    """What a search found: ``versions`` best first; ``capped`` when there were
    more matches than RANKED_MATCHES and only the newest of them are in it."""

    versions: QuerySet
    capped: bool = False


def search(language, query):
    """Search public versions in ``language`` (see SearchResults).

    On PostgreSQL this reads the candidates straight away (one query); the
    versions returned then cost one query to count and one per page.
    """
    terms = query_terms(query)
    # The snippet is cut from the body, which the public lists leave behind.
    versions = (
        public_versions(language).defer(None).defer("search_document", "source_text")
    )
    if not terms:
        return SearchResults(versions.none())
    if connection.vendor != "postgresql":
        for term in terms:
            versions = versions.filter(search_document__contains=term)
        return SearchResults(versions)
    search_query = SearchQuery(
        " ".join(terms),
        config=Value(text_search_config(language)),
        search_type="plain",
    )
    # Which versions are candidates is read once, then both the count and
    # the page are taken from that list: one pass over the matches instead
    # of one per query, and the two can never disagree. One more than the
    # cap is read only to tell the reader that there were more.
    candidates = list(
        versions.alias(document=StoredVector())
        .filter(document=search_query)
        .order_by("-released_at", "-statement_id")
        .values_list("pk", flat=True)[: RANKED_MATCHES + 1]
    )
    capped = len(candidates) > RANKED_MATCHES
    candidates = candidates[:RANKED_MATCHES]
    if not candidates:
        return SearchResults(versions.none())
    # One array parameter rather than a thousand in an IN list: the
    # statement is composed and parsed in half the time.
    listed = RawSQL("SELECT unnest(%s::bigint[])", (candidates,))
    ranked = (
        versions.filter(pk__in=listed)
        .annotate(rank=SearchRank(StoredVector(), search_query))
        .order_by("-rank", "-released_at", "-statement_id")
    )
    return SearchResults(ranked, capped)


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
