"""The stored search terms of public versions, where each database searches best.

PostgreSQL: ``search_vector``, a tsvector column of the pipeline's terms
(statements/public/search/text.py) written as a literal, so it needs no text-search
configuration and adding a language rewrites no table; a partial GIN index
answers a phrase's match. Words apart are matched on ``search_hashes``, which
PostgreSQL generates from the vector (migration 0005). SQLite:
``statements_search``, an FTS5 table with one row per version, ranked with
bm25.

Only released versions (``released_at`` set, see models.refresh_release) are
ever written; the query still compares ``released_at`` with the time, which
is what lets a scheduled statement appear without a write. ``reindex`` is
called from refresh_release() and from the signals in statements/signals.py,
so the terms follow every save and delete of a version, release-state
changes, and renamed people, topics and commemorations.

A version's document has three fields, weighted for ranking: its title; what
describes it (the reference number such as "12/2025", the issuer's name,
topics and commemoration, in the version's language); and its summary and
body. Fields are kept apart so that a phrase never runs from one into the
next.
"""

from django.apps import apps as global_apps
from django.db import connections, router
from django.utils import translation
from django.utils.translation import gettext

from statements.content.sanitizer import html_to_text
from statements.i18n.languages import localized
from statements.public.search.text import terms

FTS_TABLE = "statements_search"
VERSION_TABLE = "statements_statementversion"
# PostgreSQL stores at most 256 positions of a term, numbered up to 16,383.
MAX_POSITIONS = 256
MAX_POSITION = 16383
FIELD_GAP = 8
WEIGHTS = ("A", "B", "D")
BATCH = 500


def _alias(apps):
    return router.db_for_write(apps.get_model("statements", "StatementVersion"))


def _fields(version, statement, names, language):
    """(title, description, text) of one version, as plain text."""
    described = []
    if statement["reference_number"]:
        reference = f"{statement['reference_number']}/{statement['reference_year']}"
        # As the statement's card prints it ("No. 12/2025"), so that what a
        # reader copies from it finds it.
        with translation.override(language):
            described.append(gettext("No. %(reference)s") % {"reference": reference})
    for value in names:
        text = localized(value, language)
        if text:
            described.append(text)
    body = "\n".join(
        part for part in (version["summary"], html_to_text(version["body"])) if part
    )
    return version["title"], "\n".join(described), body


def tsvector_literal(fields):
    """A tsvector literal of ``fields``: per field, each word's terms.

    A word's alternative terms share its position, so phrases match either.
    """
    positions = {}
    position = 0
    for weight, words in zip(WEIGHTS, fields, strict=True):
        for alternatives in words:
            position += 1
            if position > MAX_POSITION:
                break
            for term in alternatives:
                found = positions.setdefault(term, [])
                if len(found) < MAX_POSITIONS:
                    found.append(f"{position}{weight}")
        position += FIELD_GAP
    return " ".join(
        "'{}':{}".format(term.replace("\\", "\\\\").replace("'", "''"), ",".join(at))
        for term, at in positions.items()
    )


def fts_row(fields):
    """The FTS5 columns for ``fields``: first terms in order, then the others.

    FTS5 cannot place two terms at one position, so a word's second reading
    goes in the ``alt`` column, where single words (not phrases) find it.
    """
    columns = [" ".join(word[0] for word in words) for words in fields]
    others = " ".join(term for words in fields for word in words for term in word[1:])
    return [*columns, others]


def _documents(statement_ids, apps, alias):
    """Yield (version id, statement id, [title, description, text] words)."""
    StatementVersion = apps.get_model("statements", "StatementVersion")
    Statement = apps.get_model("statements", "Statement")
    Person = apps.get_model("statements", "Person")
    Commemoration = apps.get_model("statements", "Commemoration")
    versions = StatementVersion.objects.using(alias).filter(released_at__isnull=False)
    if statement_ids is not None:
        versions = versions.filter(statement_id__in=statement_ids)
    # The ids first, then the texts a batch at a time: all of them at once
    # would hold every body in memory (1.5 GB at 100,000 statements).
    version_ids = list(
        versions.order_by("statement_id", "id").values_list("id", flat=True)
    )
    for start in range(0, len(version_ids), BATCH):
        batch = list(
            StatementVersion.objects.using(alias)
            .filter(pk__in=version_ids[start : start + BATCH])
            .order_by("statement_id", "id")
            .values("id", "statement_id", "language", "title", "summary", "body")
        )
        ids = {row["statement_id"] for row in batch}
        statements = {
            row["id"]: row
            for row in Statement.objects.using(alias)
            .filter(pk__in=ids)
            .values(
                "id",
                "reference_number",
                "reference_year",
                "issued_by_id",
                "commemoration_id",
            )
        }
        people = dict(
            Person.objects.using(alias)
            .filter(pk__in={s["issued_by_id"] for s in statements.values()})
            .values_list("id", "name")
        )
        commemorations = dict(
            Commemoration.objects.using(alias)
            .filter(pk__in={s["commemoration_id"] for s in statements.values()})
            .values_list("id", "name")
        )
        topics = {}
        through = Statement.topics.through.objects.using(alias)
        for statement_id, name in through.filter(statement_id__in=ids).values_list(
            "statement_id", "topic__name"
        ):
            topics.setdefault(statement_id, []).append(name)
        for version in batch:
            statement = statements[version["statement_id"]]
            names = [
                people.get(statement["issued_by_id"]),
                commemorations.get(statement["commemoration_id"]),
                *topics.get(statement["id"], []),
            ]
            language = version["language"]
            fields = _fields(version, statement, names, language)
            yield (
                version["id"],
                version["statement_id"],
                [terms(text, language) for text in fields],
            )


def reindex(statement_ids=None, apps=None, using=None):
    """Write the terms of the released versions of ``statement_ids`` (None: all)
    and remove every other version of them from the search."""
    apps = apps or global_apps
    if statement_ids is not None:
        statement_ids = sorted(set(statement_ids))
        if not statement_ids:
            return
    connection = connections[using or _alias(apps)]
    documents = _documents(statement_ids, apps, connection.alias)
    if connection.vendor == "postgresql":
        _reindex_postgresql(connection, statement_ids, documents)
    elif connection.vendor == "sqlite":
        _reindex_sqlite(connection, statement_ids, documents)


def _reindex_postgresql(connection, statement_ids, documents):
    with connection.cursor() as cursor:
        scope = "" if statement_ids is None else "AND statement_id = ANY(%s) "
        cursor.execute(
            f"UPDATE {VERSION_TABLE} SET search_vector = NULL "
            f"WHERE released_at IS NULL {scope}AND search_vector IS NOT NULL",
            [] if statement_ids is None else [statement_ids],
        )
        ids, vectors = [], []

        def flush():
            cursor.execute(
                f"UPDATE {VERSION_TABLE} AS v SET search_vector = d.vector::tsvector "
                "FROM unnest(%s::bigint[], %s::text[]) AS d(id, vector) "
                "WHERE v.id = d.id",
                [ids, vectors],
            )
            ids.clear()
            vectors.clear()

        for version_id, _statement_id, fields in documents:
            ids.append(version_id)
            vectors.append(tsvector_literal(fields))
            if len(ids) >= BATCH:
                flush()
        if ids:
            flush()


def _reindex_sqlite(connection, statement_ids, documents):
    with connection.cursor() as cursor:
        if statement_ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        else:
            for start in range(0, len(statement_ids), BATCH):
                chunk = statement_ids[start : start + BATCH]
                marks = ",".join("%s" for _ in chunk)
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE statement_id IN ({marks})", chunk
                )
        rows = [
            [version_id, statement_id, *fts_row(fields)]
            for version_id, statement_id, fields in documents
        ]
        if rows:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} "
                "(rowid, statement_id, title, meta, body, alt) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                rows,
            )
