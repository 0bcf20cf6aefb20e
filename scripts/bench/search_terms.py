"""The search terms of the generated versions, filled during the load.

The app stores a released version's terms when it is saved (or when
``search_index.reindex`` passes over the table); the bench's COPY bypasses
both, and reindexing 300,000 versions afterwards took longer than making
them. This builds the very literal ``reindex`` would write, from the app's
own pieces (the pipeline's ``terms``, ``tsvector_literal``, the "No. 12/2025"
wording, ``localized`` names), while the rows are made. ``check`` compares a
sample with what the app itself computes from the loaded rows.

Only the splitting is the bench's: a text is cut at whitespace after a
sentence's end and each piece's terms are remembered. A word never spans
whitespace, so the terms of the pieces, in order, are the terms of the text;
the generated texts are made of a few thousand sentences, so nearly every
piece is found in the memo.
"""

import re

from .app import app

# Whitespace after a sentence's end, or a line break: cutting there splits no word.
PIECES = re.compile(r"(?<=[.!?:;»\"])\s+|\n")


class Terms:
    """``terms(text, language)`` of the app's pipeline, remembered per sentence."""

    def __init__(self):
        self.memo = {}
        self.pipeline = app().terms

    def __call__(self, text, language):
        found = []
        memo = self.memo
        for piece in PIECES.split(text):
            key = (language, piece)
            words = memo.get(key)
            if words is None:
                words = memo[key] = self.pipeline(piece, language)
            found.extend(words)
        return found


class Documents:
    """The search terms of a version, as ``search_index`` would store them."""

    def __init__(self, people, topics, commemorations):
        """``people`` and ``topics`` by key, ``commemorations`` by id: names as
        ``{language: text}``."""
        modules = app()
        self.localized = modules.localized
        index = modules.search_index
        self.literal = Literal(
            index.tsvector_literal,
            index.WEIGHTS,
            index.FIELD_GAP,
            index.MAX_POSITIONS,
            index.MAX_POSITION,
        )
        self.people, self.topics = people, topics
        self.commemorations = commemorations
        self.terms = Terms()
        self.reference_wording = {}
        for language in ("az", "en", "ru"):
            with modules.translation.override(language):
                self.reference_wording[language] = modules.gettext("No. %(reference)s")

    def literal_of(self, plan, language, title, summary, text):
        """The tsvector literal of one version; ``text`` is html_to_text(body)."""
        described = []
        if plan.reference:
            number, year = plan.reference
            described.append(
                self.reference_wording[language] % {"reference": f"{number}/{year}"}
            )
        names = [
            self.people[plan.issued_by],
            self.commemorations[plan.commemoration["id"]]
            if plan.commemoration
            else None,
            *(self.topics[key] for key in plan.topics),
        ]
        for value in names:
            name = self.localized(value, language)
            if name:
                described.append(name)
        body = "\n".join(part for part in (summary, text) if part)
        fields = (title, "\n".join(described), body)
        return self.literal([self.terms(field, language) for field in fields])


class Literal:
    """``search_index.tsvector_literal``, the same tsvector, sooner.

    It is most of the load's time: the position labels ("12A") and the
    quoted terms are made once rather than per occurrence. A document too
    long for this shortcut's limits goes to the app's own function.
    """

    def __init__(self, literal, weights, gap, max_positions, max_position):
        self.fallback = literal
        self.weights, self.gap = weights, gap
        self.max_positions, self.max_position = max_positions, max_position
        self.labels = {
            weight: [f"{at}{weight}" for at in range(max_position + 1)]
            for weight in weights
        }
        self.quoted = {}

    def __call__(self, fields):
        if sum(len(words) for words in fields) + self.gap * len(fields) > (
            self.max_position
        ):
            return self.fallback(fields)
        positions = {}
        position = 0
        for weight, words in zip(self.weights, fields, strict=True):
            labels = self.labels[weight]
            for alternatives in words:
                position += 1
                label = labels[position]
                for term in alternatives:
                    found = positions.get(term)
                    if found is None:
                        positions[term] = [label]
                    else:
                        found.append(label)
            position += self.gap
        quoted = self.quoted
        parts = []
        for term, at in positions.items():
            name = quoted.get(term)
            if name is None:
                name = quoted[term] = "'{}':".format(
                    term.replace("\\", "\\\\").replace("'", "''")
                )
            if len(at) > self.max_positions:
                del at[self.max_positions :]
            parts.append(name + ",".join(at))
        return " ".join(parts)


def check(cursor, version_ids):
    """Versions among ``version_ids`` whose stored terms differ from the app's.

    The app's terms come from ``search_index``'s own reading of the rows
    (``_documents``), as ``reindex`` would write them.
    """
    modules = app()
    wanted = set(version_ids)
    cursor.execute(
        "SELECT statement_id FROM statements_statementversion WHERE id = ANY(%s)",
        [list(wanted)],
    )
    statement_ids = sorted({row[0] for row in cursor.fetchall()})
    expected = {
        version_id: modules.tsvector_literal(fields)
        for version_id, _statement, fields in modules.documents(statement_ids)
        if version_id in wanted
    }
    differing = []
    for version_id in sorted(wanted):
        literal = expected.get(version_id)
        cursor.execute(
            "SELECT search_vector IS NOT DISTINCT FROM %s::tsvector "
            "FROM statements_statementversion WHERE id = %s",
            [literal, version_id],
        )
        row = cursor.fetchone()
        if not row or not row[0]:
            differing.append(version_id)
    return differing
