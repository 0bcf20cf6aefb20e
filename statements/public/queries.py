"""What the public pages read, each in a fixed number of queries.

Every function here starts from ``published()``, the one definition of what a
reader may see.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections, router
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from statements.i18n.languages import (
    anniversary_phrase,
    language_codes,
    localized,
    profile,
)
from statements.i18n.wording import sorted_by_name
from statements.models import (
    Attachment,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Statement,
    StatementKind,
    StatementVersion,
)
from statements.public import prepared
from statements.public.aggregates import decode_rows, json_rows
from statements.public.compiled import CompiledQuery


@dataclass
class StatementPage:
    """One public version of a statement with everything its page shows."""

    version: StatementVersion
    language: str
    available: list = field(default_factory=list)
    related: list = field(default_factory=list)
    coverage: list = field(default_factory=list)
    sent_to: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    previous_year: dict | None = None
    next_year: dict | None = None
    related_by_topic: bool = False
    # The stored page (statements.public.prepared), when there is a current one.
    prepared: object = None
    # Where "More on this topic" goes when it is stitched in later.
    topic_slot: str = ""
    # Where related statements and neighbouring years go in a page being
    # prepared (statements.public.prepared).
    surroundings_slot: str = ""

    @property
    def statement(self):
        return self.version.statement

    @property
    def anniversary(self):
        statement = self.statement
        if not (statement.commemoration_id and statement.anniversary_year):
            return ""
        number = statement.anniversary_year - statement.commemoration.date.year
        return anniversary_phrase(number, self.language) if number >= 1 else ""

    @property
    def outdated_note(self):
        return bool(
            self.version.outdated_since
            and getattr(settings, "SHOW_OUTDATED_TRANSLATION_NOTE", True)
        )

    @property
    def last_corrected_at(self):
        return self.corrections[-1]["at"] if self.corrections else None

    @property
    def is_translation(self):
        return self.language != self.statement.original_language

    @property
    def translated_from(self):
        """The translation note in the page's language: one sentence for each
        original language (its profile's), since Russian and Azerbaijani
        decline its name."""
        from django.utils.translation import gettext

        sentence = profile(self.statement.original_language).translated_from
        if sentence:
            return gettext(sentence)
        return gettext("Translated from %(language)s.") % {
            "language": self.statement.get_original_language_display()
        }

    @property
    def original(self):
        """(code, title) of the original language's public version, if any."""
        code = self.statement.original_language
        return next((item for item in self.available if item[0] == code), None)

    @property
    def signed(self):
        """Statements the issuer makes in person close with their signature;
        press releases speak for the office."""
        return bool(
            self.statement.issued_by_id
            and self.statement.kind != StatementKind.PRESS_RELEASE
        )


def _languages_of(siblings):
    """The languages and titles of the outer version's statement among
    ``siblings``, as JSON rows (decoded by ``_available``)."""
    return json_rows(
        siblings,
        "statement",
        "statement_id",
        language=F("language"),
        title=F("title"),
    )


def _with_children(queryset, now, preview):
    siblings = (
        StatementVersion.objects.all()
        if preview
        else StatementVersion.objects.published(now=now)
    )
    return queryset.annotate(
        available_rows=_languages_of(siblings),
        coverage_rows=json_rows(
            Coverage.objects.all(),
            "statement",
            "statement_id",
            outlet=F("outlet"),
            url=F("url"),
            date=F("date"),
            language=F("language"),
            reporter=F("reporter"),
            id=F("id"),
        ),
        sent_to_rows=json_rows(
            Distribution.objects.all(),
            "statement",
            "statement_id",
            recipient=F("recipient"),
            date=F("date"),
            id=F("id"),
        ),
        attachment_rows=json_rows(
            Attachment.objects.all(),
            "statement",
            "statement_id",
            file=F("file"),
            title=F("title"),
            size=F("size"),
            position=F("position"),
            id=F("id"),
        ),
        correction_rows=json_rows(
            Correction.objects.all(),
            "version",
            "pk",
            at=F("at"),
            note=F("note"),
            id=F("id"),
        ),
        figure_rows=json_rows(
            CommemorationFigure.objects.all(),
            "commemoration",
            "statement__commemoration_id",
            label=F("label"),
            value=F("value"),
            position=F("position"),
            id=F("id"),
        ),
        topic_rows=json_rows(
            Statement.topics.through.objects.all(),
            "statement",
            "statement_id",
            key=F("topic__key"),
            id=F("topic_id"),
            name=F("topic__name"),
        ),
    )


def statement_page(slug, language, preview=False, same_topic=True, origin=""):
    """The page for ``slug`` in ``language``, or None if the public may not see it.

    Its stored page (``page.prepared``, see statements.public.prepared) if
    one is current for ``origin`` (the scheme and host it is read at): then
    one query, plus one for related statements and one for an anniversary
    statement's neighbouring years. Otherwise the version with its children
    and the other languages it is in, for the caller to render and store.
    ``preview`` shows the version whatever its state, for staff, and is
    never stored; related statements stay public ones only.
    ``same_topic=False`` leaves "More on this topic" to the caller
    (statements.public.fragments), one query fewer.
    """
    now = timezone.now()
    if preview:
        versions = StatementVersion.objects.filter(language=language)
    else:
        page = _prepared_page(slug, language, now, origin)
        if page is None:
            return None
        if page.prepared is not None:
            return _with_surroundings(page, same_topic, now)
        versions = StatementVersion.objects.published(language, now=now)
    version = _with_children(versions.filter(statement__slug=slug), now, preview)
    if not preview:
        version = version.annotate(**prepared.current_stamps())
    version = version.select_related(
        "statement__issued_by", "statement__commemoration"
    ).first()
    if version is None:
        return None
    page = StatementPage(version=version, language=language)
    page.available = _available(version, preview)
    _add_children(page, version, language)
    return _with_surroundings(page, same_topic, now)


def _available(version, preview):
    titles = {
        row["language"]: row["title"] for row in decode_rows(version.available_rows)
    }
    return [(code, titles[code]) for code in language_codes() if code in titles]


def _prepared_query(slug, language, now):
    return (
        StatementVersion.objects.published(language, now=now)
        .filter(statement__slug=slug)
        .annotate(
            available_rows=_languages_of(StatementVersion.objects.published(now=now)),
            **prepared.current_stamps(),
        )
        .values(
            "pk",
            "statement_id",
            "outdated_since",
            "available_rows",
            "statement_stamp",
            "site_stamp",
            commemoration_id=F("statement__commemoration_id"),
            anniversary_year=F("statement__anniversary_year"),
            stored_statement_stamp=F("prepared__statement_stamp"),
            stored_site_stamp=F("prepared__site_stamp"),
            stored_variant=F("prepared__variant"),
            stored_head=F("prepared__head"),
            stored_tail=F("prepared__tail"),
            stored_topics=F("prepared__topics"),
        )[:1]
    )


PREPARED_PAGE = CompiledQuery(StatementVersion, _prepared_query)


def _prepared_page(slug, language, now, origin):
    """The page with its stored page (statements.public.prepared) if one is
    current, without its children; None if there is no such public version.

    The version and statement are read only as far as the middle part of
    the page needs them (statements/includes/statement_surroundings.html).
    """
    alias, rows = PREPARED_PAGE.rows(slug=slug, language=language, now=now)
    if not rows:
        return None
    row = rows[0]
    statement = Statement(
        pk=row["statement_id"],
        slug=slug,
        commemoration_id=row["commemoration_id"],
        anniversary_year=row["anniversary_year"],
    )
    version = StatementVersion(
        pk=row["pk"],
        statement=statement,
        language=language,
        outdated_since=row["outdated_since"],
    )
    version._state.db = statement._state.db = alias
    version._state.adding = statement._state.adding = False
    version.statement_stamp = row["statement_stamp"]
    version.site_stamp = row["site_stamp"]
    version.available_rows = row["available_rows"]
    page = StatementPage(version=version, language=language)
    page.available = _available(version, False)
    page.prepared = prepared.stored(version, page, origin, row)
    if page.prepared is not None:
        # What the middle part needs of the topics: their keys and ids, for
        # "More on this topic".
        page.topics = page.prepared.topics
    return page


def _with_surroundings(page, same_topic, now):
    """Related statements and neighbouring years: never part of the stored page."""
    version, language = page.version, page.language
    statement_id = version.statement_id
    page.related = related_versions(statement_id, language, now)
    if not page.related and same_topic and page.topics:
        # Nothing linked by the editors: the newest on the same topics.
        newest = newest_on_topics([topic["id"] for topic in page.topics], language, now)
        page.related = [v for v in newest if v.statement_id != statement_id][
            :SAME_TOPIC_LIMIT
        ]
        page.related_by_topic = bool(page.related)
    if version.statement.commemoration_id and version.statement.anniversary_year:
        page.previous_year, page.next_year = _neighbouring_years(version, language, now)
    return page


def _add_children(page, version, language):
    page.coverage = sorted(
        decode_rows(version.coverage_rows, date_fields=["date"]),
        key=lambda row: (row["date"] is None, row["date"] or 0, row["id"]),
    )
    page.sent_to = [
        {**row, "recipient": localized(row["recipient"], language)}
        for row in sorted(
            decode_rows(
                version.sent_to_rows, json_fields=["recipient"], date_fields=["date"]
            ),
            key=lambda row: (row["date"] is None, row["date"] or 0, row["id"]),
        )
    ]
    page.attachments = [
        _attachment(row, language)
        for row in sorted(
            decode_rows(version.attachment_rows, json_fields=["title"]),
            key=lambda row: (row["position"], row["id"]),
        )
    ]
    page.corrections = sorted(
        decode_rows(version.correction_rows, datetime_fields=["at"]),
        key=lambda row: (row["at"], row["id"]),
    )
    page.figures = [
        {**row, "label": localized(row["label"], language)}
        for row in sorted(
            decode_rows(version.figure_rows, json_fields=["label"]),
            key=lambda row: (row["position"], row["id"]),
        )
    ]
    page.topics = sorted_by_name(
        (
            {
                "key": row["key"],
                "id": row["id"],
                "name": localized(row["name"], language),
            }
            for row in decode_rows(version.topic_rows, json_fields=["name"])
        ),
        language,
        name=lambda row: row["name"],
    )


def _attachment(row, language):
    kind = row["file"].rsplit(".", 1)[-1].upper()
    title = localized(row["title"], language)
    # The page adds "(PDF, 1.4 KB)" after the title; a title that already ends
    # in "(PDF)" would say it twice.
    suffix = f"({kind})"
    if title.upper().endswith(suffix):
        title = title[: -len(suffix)].rstrip()
    return {
        **row,
        "title": title,
        "url": default_storage.url(row["file"]),
        "type": kind,
    }


def _neighbouring_years(version, language, now):
    """The public anniversary statements just before and after this one's year."""
    year = version.statement.anniversary_year
    siblings = (
        StatementVersion.objects.published(language, now=now)
        .filter(statement__commemoration_id=version.statement.commemoration_id)
        .exclude(statement_id=version.statement_id)
        .values(
            "title", slug=F("statement__slug"), year=F("statement__anniversary_year")
        )
    )
    earlier = [s for s in siblings if s["year"] < year]
    later = [s for s in siblings if s["year"] > year]
    previous = max(earlier, key=lambda s: s["year"]) if earlier else None
    following = min(later, key=lambda s: s["year"]) if later else None
    return previous, following


def available_versions(statement_id, now=None, preview=False):
    """``[(language, title)]`` of the statement's public versions, in site order."""
    versions = (
        StatementVersion.objects.all()
        if preview
        else StatementVersion.objects.published(now=now)
    )
    found = dict(
        versions.filter(statement_id=statement_id).values_list("language", "title")
    )
    return [(code, found[code]) for code in language_codes() if code in found]


# A list shows a version's title and summary, never its body: leaving the
# long text columns behind keeps a page of twenty rows a few kilobytes.
LIST_DEFERRED = ("body", "source_text", "search_document")


def public_versions(language, kind=None, year=None, topic=None, now=None):
    """The public list of versions in ``language``, newest first, filtered.

    Ordered by the version's own ``released_at`` (its statement's issue time),
    which the partial index version_public_order holds in that order.
    """
    queryset = (
        StatementVersion.objects.published(language, now=now)
        .select_related("statement")
        .defer(*LIST_DEFERRED)
        .order_by("-released_at", "-statement_id")
    )
    if kind:
        queryset = queryset.filter(statement__kind=kind)
    if year:
        # The statement's copy of the same time is filtered too: with it,
        # PostgreSQL reads only that year's statements (from the index
        # statement_released) to check their kind, instead of all of them.
        queryset = queryset.filter(
            released_at__year=year, statement__released_at__year=year
        )
    if topic:
        queryset = queryset.filter(statement__topics__key=topic)
    return queryset


@dataclass(frozen=True, slots=True)
class LinkedStatement:
    pk: int
    slug: str
    publish_at: object


@dataclass(frozen=True, slots=True)
class LinkedVersion:
    """A public version as a link to its page (includes/related_item.html)."""

    title: str
    statement: LinkedStatement

    @property
    def statement_id(self):
        return self.statement.pk


LINK_FIELDS = {
    "linked_statement": F("statement_id"),
    "slug": F("statement__slug"),
    "publish_at": F("statement__publish_at"),
}


def linked_versions(rows):
    return [
        LinkedVersion(
            title=row["title"],
            statement=LinkedStatement(
                pk=row["linked_statement"],
                slug=row["slug"],
                publish_at=row["publish_at"],
            ),
        )
        for row in rows
    ]


RELATED_LIMIT = 6


def _related_query(statement_id, language, now):
    links = Statement.related.through.objects
    linked = (
        links.filter(from_statement_id=statement_id)
        .values("to_statement_id")
        .union(links.filter(to_statement_id=statement_id).values("from_statement_id"))
    )
    return (
        StatementVersion.objects.published(language, now=now)
        .filter(statement_id__in=linked)
        .exclude(statement_id=statement_id)
        .order_by("-released_at")
        .values("title", **LINK_FIELDS)[:RELATED_LIMIT]
    )


RELATED = CompiledQuery(StatementVersion, _related_query)


def related_versions(statement_id, language, now=None):
    """Public versions in ``language`` of statements linked either way, newest
    first, as links (LinkedVersion)."""
    _alias, rows = RELATED.rows(
        statement_id=statement_id, language=language, now=now or timezone.now()
    )
    return linked_versions(rows)


# "More on this topic" shows three; its query reads one more, so that each
# page on the topics can leave itself out and still show as many.
SAME_TOPIC_LIMIT = 3


def _same_topic_query(topic_ids, language, now):
    # EXISTS, not a join with DISTINCT: PostgreSQL then walks the public
    # versions newest first and stops at the limit, instead of collecting and
    # sorting every version on those topics (0.3 ms against 150 ms at 100,000
    # statements, where a topic holds thousands).
    on_the_topics = Statement.topics.through.objects.filter(
        statement_id=OuterRef("statement_id"), topic_id__in=topic_ids
    )
    return (
        StatementVersion.objects.published(language, now=now)
        .filter(Exists(on_the_topics), statement__withdrawn_at__isnull=True)
        .order_by("-released_at", "-statement_id")
        .values("title", **LINK_FIELDS)[: SAME_TOPIC_LIMIT + 1]
    )


# Not prepared on the server: a generic plan would walk every public version
# for a topic with a handful of statements (0.4 s at 100,000), where the plan
# made for the topic's own ids starts from the topic (0.05 ms).
SAME_TOPIC = CompiledQuery(StatementVersion, _same_topic_query, prepare=False)


def newest_on_topics(topic_ids, language, now):
    """The newest public versions in ``language`` on any of the topics
    ``topic_ids``, as links (LinkedVersion); withdrawn statements are left
    out. One query.

    By id rather than key: PostgreSQL then estimates from its statistics of
    each topic how many statements it holds, and for a rare topic starts
    from the topic instead of walking the newest versions of all."""
    _alias, rows = SAME_TOPIC.rows(
        topic_ids=sorted(set(topic_ids)), language=language, now=now
    )
    return linked_versions(rows)


def public_years(language):
    """The years, newest first, in which statements in ``language`` came out.

    On PostgreSQL the partial index is walked one year at a time (a loose
    index scan: one probe per year) instead of reading every public version.
    """
    now = timezone.now()
    alias = router.db_for_read(StatementVersion)
    if connections[alias].vendor != "postgresql":
        return [
            moment.year
            for moment in StatementVersion.objects.published(
                language, now=now
            ).datetimes("released_at", "year", order="DESC")
        ]
    table = StatementVersion._meta.db_table
    latest_before = (
        f"SELECT EXTRACT(YEAR FROM max(released_at) AT TIME ZONE %(zone)s)::int "
        f"FROM {table} WHERE language = %(language)s AND released_at <= %(now)s"
    )
    sql = (
        f"WITH RECURSIVE years(year) AS ({latest_before} UNION ALL "
        f"SELECT ({latest_before} AND released_at < make_timestamptz(years.year, "
        f"1, 1, 0, 0, 0, %(zone)s)) FROM years WHERE years.year IS NOT NULL) "
        f"SELECT year FROM years WHERE year IS NOT NULL"
    )
    params = {"zone": settings.TIME_ZONE, "language": language, "now": now}
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
