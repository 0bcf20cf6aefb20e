"""Search over public versions in one language, on PostgreSQL and SQLite.

The query goes through the same pipeline as the stored documents
(statements/public/search/text.py); the terms are matched where each database keeps
them (statements/public/search/index.py) and the public rule is applied on top, as
on every public page. A search costs a fixed number of queries: one for the
matching versions (their ids, kinds and ranks, newest first), one more only
when a kind is chosen and the first was cut off, and one per page of results.
"""

import hashlib
import itertools
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import BooleanField, OuterRef, Subquery, TextField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from statements.content.sanitizer import html_to_text
from statements.models import Statement, StatementVersion
from statements.public.queries import public_versions
from statements.public.search.index import FTS_TABLE, VERSION_TABLE
from statements.public.search.text import iter_tokens, parse_query

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# A phrase whose words read two ways each is searched as every combination
# on SQLite; past this many the first readings alone are used.
MAX_PHRASE_READINGS = 16
SNIPPET_LENGTH = 220
SNIPPET_LEAD = 60
# Ranking reads each candidate's whole stored vector (about 5 kB), so ranking
# every match of a common word grows with the archive: at 100,000 statements
# "detention" is in 23,000 English versions and ranking them all took 0.3 to
# 0.8 s. Only the newest RANKED_MATCHES matches are ranked and shown (a rarer
# word is ranked in full), which keeps ranking near 6 ms. Nobody pages past a
# thousand results, and the count shown is the number that can be paged.
RANKED_MATCHES = 1000
# What a result shows: its card (templates/statements/includes/statement_card.html)
# and its snippet. Twenty rows of every column took 4 ms to read, half of it
# turning the ten timestamps into datetimes.
SHOWN_FIELDS = (
    "language",
    "title",
    "summary",
    "body",
    "statement__slug",
    "statement__kind",
    "statement__publish_at",
    "statement__reference_number",
    "statement__reference_year",
    "statement__withdrawn_at",
)
# bm25 weights of the FTS5 columns: statement_id, title, meta, body, alt.
BM25_WEIGHTS = "0.0, 10.0, 5.0, 1.0, 1.0"


def clean_query(raw):
    """The query as searched: trimmed, bounded, with control characters dropped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _tsquery(query):
    def word(alternatives):
        joined = " | ".join(f"'{term}'" for term in alternatives)
        return f"({joined})" if len(alternatives) > 1 else joined

    return " & ".join(
        "(" + " <-> ".join(word(w) for w in group) + ")" for group in query.groups
    )


def _fts_match(query):
    parts = []
    for group in query.groups:
        if len(group) == 1:
            parts.append("(" + " OR ".join(f'"{term}"' for term in group[0]) + ")")
            continue
        readings = list(
            itertools.islice(itertools.product(*group), MAX_PHRASE_READINGS + 1)
        )
        if len(readings) > MAX_PHRASE_READINGS:
            readings = [tuple(word[0] for word in group)]
        phrases = " OR ".join('"' + " ".join(reading) + '"' for reading in readings)
        parts.append(f"({{title meta body}} : ({phrases}))")
    return " AND ".join(parts)


def term_hash(term):
    """The term as ``search_hashes`` holds it (migration 0005): the first four
    bytes of its SHA-256, a signed integer."""
    digest = hashlib.sha256(term.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def _hash_match(query):
    """SQL and parameters that keep the rows whose ``search_hashes`` hold a
    term of each word of ``query``: every match, and a rare hash collision."""
    words = [word for group in query.groups for word in group]
    single = sorted({term_hash(word[0]) for word in words if len(word) == 1})
    either = [sorted({term_hash(term) for term in word}) for word in words]
    either = [hashes for hashes in either if len(hashes) > 1]
    column = f"{VERSION_TABLE}.search_hashes"
    conditions = [f"{column} @> %s::int4[]"] if single else []
    conditions += [f"{column} && %s::int4[]"] * len(either)
    return " AND ".join(conditions), [single] * bool(single) + either


class _Matcher:
    """The match and the rank of a query, in the database's own terms."""

    def __init__(self, query, vendor):
        self.vendor = vendor
        # A hash collision (see _hash_match) left for the ranking to drop.
        self.exact_sql = ""
        self.unranked_is_unmatched = False
        if vendor == "postgresql":
            self.param = _tsquery(query)
            vector_match = f"{VERSION_TABLE}.search_vector @@ %s::tsquery"
            if any(len(group) > 1 for group in query.groups):
                # A phrase needs the vector's positions. Its hashes are not
                # added: the planner would count the words' rarity twice and
                # take a common phrase for a rare one.
                self.match_sql, self.match_params = vector_match, [self.param]
            else:
                # The hashes are in the row; the vector is read from its TOAST
                # table, so it is read only for the kept rows, to rank them.
                self.match_sql, self.match_params = _hash_match(query)
                if len(query.groups) == 1:
                    # One word: ts_rank is above 0 exactly when it is there.
                    self.unranked_is_unmatched = True
                else:
                    self.exact_sql = "WHERE candidate.vector @@ %s::tsquery "
            # Of a row of ranked_sql's candidates: the vector they carry.
            self.vector_sql = f"{VERSION_TABLE}.search_vector"
            self.rank_sql = "ts_rank(candidate.vector, %s::tsquery)"
        else:
            self.param = _fts_match(query)
            self.match_sql = (
                f"{VERSION_TABLE}.id IN (SELECT rowid FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s)"
            )
            self.match_params = [self.param]
            self.vector_sql = "NULL"
            # bm25 is lower for a better match; negated, higher is better.
            self.rank_sql = (
                f"(SELECT -bm25({FTS_TABLE}, {BM25_WEIGHTS}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND rowid = candidate.pk)"
            )

    def match(self):
        return RawSQL(self.match_sql, self.match_params, output_field=BooleanField())

    def vector(self):
        return RawSQL(self.vector_sql, [], output_field=TextField())

    def ranked_sql(self, candidates):
        """SQL for (pk, kind, rank) of ``candidates``, newest first; they are
        (pk, kind, released_at, statement_id, vector) rows. Ranked outside
        their query, so that only the rows it keeps are ranked, whichever plan
        reads them: ts_rank reads the whole vector."""
        sql, params = candidates.query.sql_with_params()
        return (
            "WITH candidate (pk, kind, released_at, statement_id, vector) AS "
            f"({sql}) SELECT pk, kind, {self.rank_sql} FROM candidate "
            f"{self.exact_sql}ORDER BY released_at DESC, statement_id DESC",
            [*params, self.param] + [self.param] * bool(self.exact_sql),
        )


class RankedVersions:
    """The chosen versions, best first, read a page at a time (for Paginator).

    Only the versions of the page asked for are read, with their bodies.
    """

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        if not wanted:
            return []
        found = {version.pk: version for version in self.queryset.filter(pk__in=wanted)}
        # A version that stopped being public since the search is left out.
        return [found[pk] for pk in wanted if pk in found]

    def __iter__(self):
        return iter(self[:])


@dataclass
class SearchResults:
    """What a search found: ``versions`` best first; ``kinds`` counts the
    matches of each kind (whatever kind was chosen); ``capped`` when there
    were more matches than RANKED_MATCHES and only the newest are counted and
    shown."""

    versions: object
    capped: bool = False
    kinds: dict = field(default_factory=dict)

    @property
    def count(self):
        return len(self.versions)


def _empty():
    return SearchResults(RankedVersions(StatementVersion.objects.none(), []))


def search(language, text, kind="", year=None, topic=""):
    """Search public versions in ``language`` for ``text`` (see SearchResults)."""
    query = parse_query(text, language, MAX_WORDS)
    if not query:
        return _empty()
    vendor = connections[router.db_for_read(StatementVersion)].vendor
    matcher = _Matcher(query, vendor)
    matching = public_versions(language, year=year, topic=topic).filter(matcher.match())

    def newest(queryset):
        # The kind as a subquery, not a join: PostgreSQL then reads it for the
        # newest RANKED_MATCHES + 1 only, after sorting, instead of joining
        # every match (24,000 for a common word at 100,000 statements).
        kind_of = (
            Statement.objects.filter(pk=OuterRef("statement_id"))
            .order_by()
            .values("kind")
        )
        candidates = (
            queryset.annotate(
                statement_kind=Subquery(kind_of[:1]), vector=matcher.vector()
            )
            .order_by("-released_at", "-statement_id")
            .values_list(
                "pk", "statement_kind", "released_at", "statement_id", "vector"
            )[: RANKED_MATCHES + 1]
        )
        sql, params = matcher.ranked_sql(candidates)
        with connections[candidates.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if matcher.unranked_is_unmatched:
            rows = [row for row in rows if row[2] > 0]
        # Best first, and newest first among equal ranks: the rows come
        # newest first, and the sort is stable.
        kept = sorted(rows[:RANKED_MATCHES], key=lambda row: -row[2])
        return [(pk, row_kind) for pk, row_kind, _rank in kept], len(rows) > len(kept)

    rows, capped = newest(matching)
    kinds = {}
    for _pk, row_kind in rows:
        kinds[row_kind] = kinds.get(row_kind, 0) + 1
    if kind:
        chosen = [pk for pk, row_kind in rows if row_kind == kind]
        if capped:
            # Older matches of this kind were cut off with the others.
            kind_rows, capped = newest(matching.filter(statement__kind=kind))
            chosen = [pk for pk, _kind in kind_rows]
    else:
        chosen = [pk for pk, _kind in rows]
    if not chosen:
        return SearchResults(
            RankedVersions(StatementVersion.objects.none(), []), capped, kinds
        )
    ranked = public_versions(language).defer(None).only(*SHOWN_FIELDS)
    return SearchResults(RankedVersions(ranked, chosen), capped, kinds)


def _marked(text, start, end, spans):
    """text[start:end] escaped, with the words in ``spans`` in <mark>."""
    out = []
    at = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        out.append(escape(text[at:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        at = span_end
    out.append(escape(text[at:end]))
    return "".join(out)


def _summary_then_body(version):
    """The summary, then the body as plain text, made only if it is asked for."""
    yield version.summary or ""
    yield html_to_text(version.body)


def snippet(version, text, language=None):
    """About SNIPPET_LENGTH characters around the first match, cut between words,
    with every word that matches the query in <mark>; the rest is escaped.

    The text is read only up to its first match and then across the window,
    not whole: a page shows twenty bodies of several thousand words.
    """
    language = language or version.language
    wanted = parse_query(text, language, MAX_WORDS).terms
    body = ""
    first = None
    for source in _summary_then_body(version):
        body = source.replace("\n", " ")
        first = next(
            (t.start for t in iter_tokens(body, language) if wanted & set(t.terms)),
            None,
        )
        if first is not None:
            break
    if first is None:
        body = (version.summary or html_to_text(version.body)).replace("\n", " ")
        first = 0
    if not body:
        return ""
    # Start at the first word within SNIPPET_LEAD characters before the
    # match, end at the last word that fits: never inside a word.
    lead = max(first - SNIPPET_LEAD, 0)
    window = list(
        iter_tokens(body, language, lead, lead + SNIPPET_LENGTH + SNIPPET_LEAD)
    )
    if lead:
        # A word cut by the window's edge is not a word of the window.
        window = [w for w in window if w.start > lead or not body[lead - 1].isalnum()]
    start = window[0].start if window and lead else 0
    limit = start + SNIPPET_LENGTH
    end = start
    for word in window:
        if word.end > limit:
            break
        end = word.end
    if end == start:
        end = min(len(body), limit)
    elif end < len(body) and body[end] in ".,;:!?)»”\"'":
        end += 1
    spans = [(w.start, w.end) for w in window if w.end <= end and wanted & set(w.terms)]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body.rstrip()) else ""
    marked = _marked(body, start, end, spans)
    return mark_safe(f"{prefix}{marked}{suffix}")  # built from escaped text only
