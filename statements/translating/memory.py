"""A translator's aids beside the source: the translation memory (approved
translations of the same or a similar paragraph elsewhere, with a CAT tool's
match score) and the office's term base.

The memory is built from what editors approved: a published translation,
current with its source, paired with that source paragraph by paragraph
(only where both have the same blocks, so the pairs are sure). Matching is
translate-toolkit's matcher, the one CAT servers use, backed by RapidFuzz.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from translate.search import match
from translate.storage import po

from statements.content.sanitizer import html_to_text
from statements.models import StatementVersion, Term, VersionStatus

MIN_SCORE = 75  # what CAT tools call a fuzzy match worth showing
MAX_LENGTH = 5000  # paragraphs, not only short strings
SCORE = re.compile(r"(\d+(?:\.\d+)?)%")


def segments(version):
    """``[text]``: title, summary and each block of the body, in order."""
    from statements.translating.xliff import _blocks

    texts = [version.title, version.summary]
    texts += [
        " ".join(html_to_text(markup).split())
        for _path, markup in _blocks(version.body)
    ]
    return [text.strip() for text in texts]


def approved_pairs(source_language, target_language, exclude_statement=None):
    """``[(source text, target text)]`` from approved, current translations."""
    translations = (
        StatementVersion.objects.filter(
            language=target_language,
            status=VersionStatus.PUBLISHED,
            outdated_since__isnull=True,
        )
        .filter(
            Q(source_language=source_language)
            | Q(source_language="", statement__original_language=source_language)
        )
        .select_related("statement")
    )
    if exclude_statement is not None:
        translations = translations.exclude(statement=exclude_statement)
    sources = {
        version.statement_id: version
        for version in StatementVersion.objects.filter(
            language=source_language,
            statement__in=[t.statement_id for t in translations],
        )
    }
    pairs = []
    for translation in translations:
        source = sources.get(translation.statement_id)
        if source is None:
            continue
        source_texts, target_texts = segments(source), segments(translation)
        if len(source_texts) != len(target_texts):
            # Only the title and summary pair up with certainty.
            source_texts, target_texts = source_texts[:2], target_texts[:2]
        pairs += [
            (s, t) for s, t in zip(source_texts, target_texts, strict=True) if s and t
        ]
    return pairs


@dataclass
class Suggestion:
    index: int
    text: str
    matches: list = field(default_factory=list)  # [(score, source, target)]


def suggestions(source, target_language, exclude_statement=None):
    """For each segment of ``source``, its memory matches of MIN_SCORE or more,
    best first (at most three)."""
    store = po.pofile()
    seen = set()
    for source_text, target_text in approved_pairs(
        source.language, target_language, exclude_statement
    ):
        if (source_text, target_text) in seen:
            continue
        seen.add((source_text, target_text))
        unit = store.addsourceunit(source_text)
        unit.target = target_text
    if not store.units:
        return []
    matcher = match.matcher(
        store, max_candidates=3, min_similarity=MIN_SCORE, max_length=MAX_LENGTH
    )
    found = []
    for index, text in enumerate(segments(source)):
        if not text:
            continue
        matches = []
        for unit in matcher.matches(text):
            score = SCORE.search(unit.getnotes() or "")
            matches.append(
                (round(float(score.group(1))) if score else 0, unit.source, unit.target)
            )
        if matches:
            found.append(Suggestion(index, text, matches))
    return found


# --- the term base ------------------------------------------------------------


@dataclass
class TermUse:
    source: str
    target: str
    note: str
    found_in_translation: bool


def _pattern(term):
    # A term is found by its beginning, so that an inflected form counts
    # (Müvəkkilin, Уполномоченного); case is ignored.
    return re.compile(r"(?<!\w)" + re.escape(term), re.IGNORECASE)


def terms_in(source_text, source_language, target_language, translation_text=None):
    """The term base's entries whose source-language form occurs in
    ``source_text``, with whether their approved translation appears in
    ``translation_text`` (None: not checked)."""
    uses = []
    for term in Term.objects.all():
        source = (term.texts or {}).get(source_language, "").strip()
        target = (term.texts or {}).get(target_language, "").strip()
        if not source or not target or not _pattern(source).search(source_text):
            continue
        present = (
            None
            if translation_text is None
            else bool(_pattern(_stem(target)).search(translation_text))
        )
        uses.append(TermUse(source, target, term.note, present))
    return uses


def _stem(text):
    # The approved form's last letters may change with case or number
    # (Уполномоченный → Уполномоченного); its beginning may not.
    words = text.split()
    last = words[-1]
    if len(last) > 5:
        words[-1] = last[: max(4, len(last) - 2)]
    return " ".join(words)


def highlight(html, uses):
    """``html`` with each term marked: <mark title="approved translation">."""
    from django.utils.html import escape

    if not uses:
        return html
    targets = {use.source.casefold(): use.target for use in uses}
    # One pass over all terms, the longest first, so that a term inside
    # another, or inside an inserted title, is never marked twice.
    sources = sorted((use.source for use in uses), key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, sources)) + ")", re.IGNORECASE
    )

    def mark(found):
        target = targets.get(found.group(0).casefold(), "")
        return f'<mark class="term" title="{escape(target)}">{found.group(0)}</mark>'

    # Sanitised HTML: text lies between tags; attributes are never touched.
    return re.sub(
        r">([^<]+)<", lambda m: ">" + pattern.sub(mark, m.group(1)) + "<", html
    )
