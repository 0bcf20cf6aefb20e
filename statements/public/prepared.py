"""The article of a public version, rendered once and stored in the database.

A statement page is a frame (navigation, language links, related statements,
"More on this topic", years of a commemoration) around an article that shows
only its version and its statement: title, summary, body, hero image,
figures, corrections, attachments, issuer, topics, withdrawal notice. The
article is rendered on the first request that finds none current
(``prepare``) and stored with the stamps it was read under; later requests
read it with the page's main query and render only the frame.

Why a stored article can never be stale: every change a public page shows
goes through ``statements.cache.content_changed`` (the signal receivers of
``statements.signals``, and the writers that work around signals), which
calls ``changed`` in the change's own transaction. That gives the statement
(or, for a change that touches many statements, such as a topic renamed, the
whole site) a new random stamp. A page reads the current stamps in the same
query as the data it renders, and stores the article under those: a render
that read data from before a change read the stamps from before it too, and
is never taken as current after it. Stamps are random rather than counted,
so a value once replaced never comes back (a restored revision or backup
cannot make an old article current again).

What the article shows that no stamp follows (the other languages it is
public in, for the "Read the original" link; whether the translation is
behind its source, written around signals) is compared on every read: see
``variant``.
"""

import logging
import secrets
from contextlib import nullcontext

from django.db import DatabaseError, router, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from statements.models import ArticleStamp, PreparedArticle

logger = logging.getLogger(__name__)

# ArticleStamp.key of the stamp that every article depends on.
SITE = 0


def _new_value():
    # Never 0, the value a statement without a stamp row reads as.
    return secrets.randbits(62) + 1


def changed(statement_id=None):
    """Make the prepared articles of ``statement_id`` (of every statement
    without it) out of date. Call in the transaction of the change."""
    key = SITE if statement_id is None else statement_id
    ArticleStamp.objects.using(router.db_for_write(ArticleStamp)).bulk_create(
        [ArticleStamp(key=key, value=_new_value())],
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


def variant(page):
    """What the article depends on besides its stamps, compared on each read."""
    codes = ",".join(code for code, _title in page.available)
    return f"{codes}|{int(page.outdated_note)}"


class Article:
    """A stored article as the page's template uses it."""

    def __init__(self, row):
        # Rendered by our own templates (statements/includes/article_*.html),
        # every value escaped there and the body sanitised by rich_text.
        self.head = mark_safe(row.head)
        self.tail = mark_safe(row.tail)
        self.topic_keys = row.topic_keys
        self.last_corrected_at = row.last_corrected_at


def stored(version, page):
    """The version's stored article if it is current for ``page``, else None.

    ``version`` was read with ``current_stamps()`` and select_related
    "prepared".
    """
    try:
        row = version.prepared
    except PreparedArticle.DoesNotExist:
        return None
    if row is None or (row.statement_stamp, row.site_stamp, row.variant) != (
        version.statement_stamp,
        version.site_stamp,
        variant(page),
    ):
        return None
    return Article(row)


def prepare(page):
    """Render the article of ``page`` (read with ``current_stamps()``), store
    it under the stamps read with it, and give it to the page to show."""
    context = {"page": page, "LANGUAGE_CODE": page.language}
    version = page.version
    row = PreparedArticle(
        version_id=version.pk,
        statement_stamp=version.statement_stamp,
        site_stamp=version.site_stamp,
        variant=variant(page),
        head=render_to_string("statements/includes/article_head.html", context),
        tail=render_to_string("statements/includes/article_tail.html", context),
        topic_keys=[topic["key"] for topic in page.topics],
        last_corrected_at=page.last_corrected_at,
    )
    page.article = Article(row)
    alias = router.db_for_write(PreparedArticle)
    if version._state.db != alias:
        # Read from a replica: a reader's request never writes to the primary
        # (ombudsman/routers.py). Articles stored from primary reads reach
        # the replica with the stamps they were read under.
        return page.article
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
        # the page; the next one tries again.
        with keep:
            PreparedArticle.objects.using(alias).bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["version"],
                update_fields=[
                    "statement_stamp",
                    "site_stamp",
                    "variant",
                    "head",
                    "tail",
                    "topic_keys",
                    "last_corrected_at",
                ],
            )
    except DatabaseError:
        logger.exception("Could not store the article of version %s.", version.pk)
    return page.article
