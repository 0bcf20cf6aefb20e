"""The statement page of a public version, rendered once and stored in the database.

A statement page shows its version and statement (title, summary, body, hero
image, figures, corrections, attachments, issuer, topics, withdrawal notice),
the site's frame (navigation, language links, office contact, share links,
link-preview tags) and, between them, what it shows of other statements
(related statements, "More on this topic", neighbouring years). The page
without that middle part is rendered on the first request that finds none
current (``prepare``) and stored with the stamps it was read under; later
requests read it with the page's main query and add only the middle part.
No template is rendered for them unless the editors linked related
statements or the page has neighbouring years.

Why a stored page can never be stale: every change a public page shows goes
through ``statements.public.cache.content_changed`` (the signal receivers of
``statements.signals`` and ``readers.signals``, and the writers that work
around signals), which calls ``changed`` in the change's own transaction.
That gives the statement (or, for a change that touches many statements,
such as a topic renamed or the office's contact details, the whole site) a
new random stamp. A page reads the current stamps in the same query as the
data it renders, and stores the page under those: a render that read data
from before a change read the stamps from before it too, and is never taken
as current after it. Stamps are random rather than counted, so a value once
replaced never comes back (a restored revision or backup cannot make an old
page current again).

What the page shows that no stamp follows is compared on every read (see
``variant``): the other languages it is public in (the language links and
"Read the original"), whether the translation is behind its source (written
around signals), the address it was read at (scheme and host, in its links
and link-preview tags), and what rendered it (``release()``: a deploy
with new templates, translations or static files makes every stored page
out of date).
"""

import hashlib
import logging
import secrets
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, router, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from statements.models import (
    ArticleStamp,
    PreparedArticle,
    PreparedCard,
    StatementVersion,
)
from statements.public.compiled import CompiledQuery

logger = logging.getLogger(__name__)

# ArticleStamp.key of the stamp that every page depends on.
SITE = 0
# ArticleStamp.key of the stamp that every stored list count depends on: any
# change may add a statement to a list or take one off. Above any statement id.
LISTS = 2**63 - 1

# What renders a page: its templates, translations, code and static files.
_RELEASE_SUFFIXES = {".html", ".txt", ".py", ".mo", ".json"}
_RELEASE_FOLDERS = ("templates", "statements", "readers", "ombudsman", "locale")


def _release():
    """A digest of the files a page is rendered from, the same on every
    server that runs the same release (contents, not modification times)."""
    digest = hashlib.blake2b(digest_size=16)
    base = Path(settings.BASE_DIR)
    folders = [base / name for name in _RELEASE_FOLDERS]
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    files = sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix in _RELEASE_SUFFIXES
        and "migrations" not in path.parts
        and path.is_file()
    )
    for path in [*files, manifest]:
        try:
            content = path.read_bytes()
        except OSError:
            content = b""
        name = path.relative_to(base) if path.is_relative_to(base) else path
        digest.update(str(name).encode())
        digest.update(content)
    return digest.hexdigest()


_FILES = _release()
# Settings a page shows: where complaints go, where static and media files
# are served from, the languages, the time zone its dates are in.
_SHOWN_SETTINGS = (
    "COMPLAINT_URL",
    "STATIC_URL",
    "MEDIA_URL",
    "STORAGES",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "SHOW_OUTDATED_TRANSLATION_NOTE",
)


def release():
    """The code and settings a page is rendered with: a stored page or card
    made under another is out of date (a deploy, or an operator changing
    where complaints go)."""
    shown = "|".join(repr(getattr(settings, name, None)) for name in _SHOWN_SETTINGS)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(_FILES.encode())
    digest.update(shown.encode())
    return digest.hexdigest()


def _new_value():
    # Never 0, the value a statement without a stamp row reads as.
    return secrets.randbits(62) + 1


def changed(statement_id=None):
    """Make the prepared pages and cards of ``statement_id`` (of every
    statement without it), and every stored list count, out of date. Call in
    the transaction of the change."""
    key = SITE if statement_id is None else statement_id
    ArticleStamp.objects.using(router.db_for_write(ArticleStamp)).bulk_create(
        [
            ArticleStamp(key=key, value=_new_value()),
            ArticleStamp(key=LISTS, value=_new_value()),
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["value"],
    )


def current_stamps():
    """Annotations of a StatementVersion query: its statement's stamp and the
    site's, read in the same query as the data rendered with them."""
    stamps = ArticleStamp.objects.order_by()
    return {
        "statement_stamp": Coalesce(
            Subquery(stamps.filter(key=OuterRef("statement_id")).values("value")[:1]),
            Value(0),
        ),
        "site_stamp": Coalesce(
            Subquery(stamps.filter(key=SITE).values("value")[:1]), Value(0)
        ),
    }


def variant(page, origin):
    """What the page depends on besides its stamps, compared on each read."""
    codes = ",".join(code for code, _title in page.available)
    described = f"{codes}|{int(page.outdated_note)}|{origin}|{release()}"
    return hashlib.blake2b(described.encode(), digest_size=20).hexdigest()


class PreparedPage:
    """A stored page: the HTML before and after what it shows of other statements."""

    __slots__ = ("head", "tail", "topics")

    def __init__(self, head, tail, topics):
        # Rendered by our own templates, every value escaped there and the
        # body sanitised by rich_text.
        self.head = head
        self.tail = tail
        # [{"key": ..., "id": ...}] of the page's topics.
        self.topics = topics


def stored(version, page, origin, row):
    """The stored page in ``row`` if it is current for ``page`` read at
    ``origin``, else None.

    ``version`` was read with ``current_stamps()``, and ``row`` with its
    PreparedArticle's fields as ``stored_*`` (statements.public.queries).
    """
    if row["stored_head"] is None:
        return None
    if (
        row["stored_statement_stamp"],
        row["stored_site_stamp"],
        row["stored_variant"],
    ) != (version.statement_stamp, version.site_stamp, variant(page, origin)):
        return None
    return PreparedPage(row["stored_head"], row["stored_tail"], row["stored_topics"])


def new_slot():
    """Where the page's middle part goes: a comment no page text can contain."""
    return mark_safe(f"<!--surroundings:{secrets.token_hex(16)}-->")


def prepare(request, page, context):
    """Render the page of ``page`` (read with ``current_stamps()``) without its
    middle part, store it under the stamps read with it, and return it."""
    page.surroundings_slot = slot = new_slot()
    try:
        html = render_to_string(
            "statements/statement_detail.html", context, request=request
        )
    finally:
        page.surroundings_slot = ""
    head, _slot, tail = html.partition(slot)
    version = page.version
    row = PreparedArticle(
        version_id=version.pk,
        statement_stamp=version.statement_stamp,
        site_stamp=version.site_stamp,
        variant=variant(page, _origin(request)),
        head=head,
        tail=tail,
        topics=[{"key": topic["key"], "id": topic["id"]} for topic in page.topics],
    )
    _store(row, version)
    return PreparedPage(row.head, row.tail, row.topics)


def _origin(request):
    return f"{request.scheme}://{request.get_host()}"


def _store(row, version):
    _upsert(
        PreparedArticle,
        [row],
        version._state.db,
        unique_fields=["version"],
        update_fields=[
            "statement_stamp",
            "site_stamp",
            "variant",
            "head",
            "tail",
            "topics",
        ],
    )


def _upsert(model, rows, read_from, unique_fields, update_fields):
    """Store ``rows`` of what a reader's request prepared, replacing older ones.

    Data read from a replica is never stored: a reader's request never
    writes to the primary (ombudsman/routers.py), and what is stored from
    primary reads reaches the replica with the stamps it was read under.
    """
    alias = router.db_for_write(model)
    if read_from != alias:
        return
    # A reader's request runs in autocommit; inside a transaction the store
    # gets a savepoint of its own, so that a failure leaves that transaction
    # usable.
    keep = (
        transaction.atomic(using=alias)
        if transaction.get_connection(alias).in_atomic_block
        else nullcontext()
    )
    try:
        # A request that may not write (a read-only database) still shows
        # what it read; the next one tries again.
        with keep:
            model.objects.using(alias).bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=unique_fields,
                update_fields=update_fields,
            )
    except DatabaseError:
        logger.exception("Could not store %s %s.", len(rows), model._meta.verbose_name)


def _cards_query(language, now, first, size, year=None, kind=None, topic=None):
    from statements.public.queries import public_versions

    versions = public_versions(language, kind=kind, year=year, topic=topic, now=now)
    return versions.annotate(
        **current_stamps(),
        card_statement_stamp=F("prepared_card__statement_stamp"),
        card_site_stamp=F("prepared_card__site_stamp"),
        card_release=F("prepared_card__release"),
        card_html=F("prepared_card__html"),
    ).values(
        "pk",
        "statement_stamp",
        "site_stamp",
        "card_statement_stamp",
        "card_site_stamp",
        "card_release",
        "card_html",
    )[first : first + size]


# Not prepared on the server: how selective a kind, a year or a topic is
# decides the plan (a generic one took 30 ms for a year and a kind at
# 100,000 statements, against 1 ms planned for the values).
CARDS = CompiledQuery(StatementVersion, _cards_query, prepare=False)
# Pages of a list whose query is compiled once; later pages, read far less,
# are built each time rather than kept.
COMPILED_PAGES = 10


def cards(language, filters, first, size):
    """The list cards of the public versions in ``language`` under
    ``filters`` (kind, year, topic), ``first`` to ``first + size``: the stored
    one where it is current, else rendered now and stored. A card shows
    only its version and statement, so the stamps and the release are all
    it depends on. Only the versions whose card is not current are read in
    full."""
    from django.utils import timezone

    from statements.public.queries import public_versions

    now = timezone.now()
    given = {name: value for name, value in filters.items() if value and name != "year"}
    if first < COMPILED_PAGES * size:
        fixed = (("first", first), ("size", size), ("year", filters.get("year")))
        alias, rows = CARDS.rows(fixed=fixed, language=language, now=now, **given)
    else:
        query = _cards_query(language, now, first, size, filters.get("year"), **given)
        rows, alias = list(query), query.db
    versions = public_versions(language, now=now, **filters)
    current_release = release()
    found = {
        row["pk"]: row["card_html"]
        for row in rows
        if row["card_html"] is not None
        and (row["card_statement_stamp"], row["card_site_stamp"], row["card_release"])
        == (row["statement_stamp"], row["site_stamp"], current_release)
    }
    stale = [row for row in rows if row["pk"] not in found]
    if stale:
        # Read in full under the stamps read above: a change since makes
        # what is stored here out of date at once.
        full = versions.using(alias).order_by().in_bulk([row["pk"] for row in stale])
        fresh = []
        for row in stale:
            html = render_to_string(
                "statements/includes/statement_card.html",
                {"version": full[row["pk"]]},
            )
            found[row["pk"]] = html
            fresh.append(
                PreparedCard(
                    version_id=row["pk"],
                    statement_stamp=row["statement_stamp"],
                    site_stamp=row["site_stamp"],
                    release=current_release,
                    html=html,
                )
            )
        _upsert(
            PreparedCard,
            fresh,
            alias,
            unique_fields=["version"],
            update_fields=["statement_stamp", "site_stamp", "release", "html"],
        )
    # Rendered by our own template, every value escaped there.
    return [mark_safe(found[row["pk"]]) for row in rows]


def _stored_count_query(key):
    from statements.models import ListCount

    lists_stamp = Coalesce(
        Subquery(ArticleStamp.objects.order_by().filter(key=LISTS).values("value")[:1]),
        Value(0),
    )
    return (
        ListCount.objects.filter(key=key)
        .annotate(current=lists_stamp)
        .values("stamp", "valid_until", "count", "current")[:1]
    )


STORED_COUNT = CompiledQuery(ArticleStamp, _stored_count_query)


def list_count(queryset, key):
    """``queryset.count()``, stored under ``key`` (the list's language and
    filters) until the next change or scheduled issue time.

    Counting a list of 100,000 public versions reads every entry of its
    index (about 10 ms on PostgreSQL); the stored count is one indexed read.
    The lists' stamp is read before the count, so a change that commits
    meanwhile leaves the count stored under the stamp before it: counted
    again on the next read.
    """
    from django.utils import timezone

    from statements.models import ListCount, Statement

    now = timezone.now()
    _alias, found = STORED_COUNT.rows(key=key)
    stored = found[0] if found else None
    if stored is None:
        current = (
            ArticleStamp.objects.filter(key=LISTS)
            .values_list("value", flat=True)
            .first()
        ) or 0
    elif stored["stamp"] == stored["current"] and (
        stored["valid_until"] is None or now < stored["valid_until"]
    ):
        return stored["count"]
    else:
        current = stored["current"]
    count = queryset.count()
    next_issue = (
        Statement.objects.filter(publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    _store_count(
        ListCount(key=key, stamp=current, valid_until=next_issue, count=count),
        queryset.db,
    )
    return count


def _store_count(row, read_from):
    _upsert(
        type(row),
        [row],
        read_from,
        unique_fields=["key"],
        update_fields=["stamp", "valid_until", "count"],
    )
