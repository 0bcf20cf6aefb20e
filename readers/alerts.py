"""E-mail alerts: who is told about which statement, and sending each once.

``plan()`` writes one Alert row per (subscriber, statement) for statements
that have become public, scheduled ones included once their time has come;
the unique pair makes planning twice harmless. ``send_due()`` then claims
rows and mails them. A claim is a conditional UPDATE (``claimed_until`` in the
past or empty, not yet sent) done under ``SELECT … FOR UPDATE SKIP LOCKED``
on PostgreSQL, so two senders running at once, on one machine or two, never
take the same row: the second skips the rows the first has locked, and finds
them claimed once the first commits. A sender that dies after claiming leaves
its rows to be taken again when the claim runs out (CLAIM_SECONDS).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from readers.models import Alert, OfficeContact, Subscriber
from statements.models import StatementVersion

logger = logging.getLogger(__name__)

# How far back a statement may have become public and still be announced: a
# sender stopped for a day catches up, a first run does not mail the archive.
LOOKBACK = datetime.timedelta(days=3)
CLAIM_SECONDS = 600
BATCH = 50


@dataclass
class Outcome:
    planned: int = 0
    sent: int = 0
    failed: int = 0


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(subscriber):
    with translation.override(subscriber.language):
        return site_url(reverse("readers:unsubscribe", kwargs={"key": subscriber.key}))


def plan(now=None):
    """Alert rows for every subscriber who wants a newly public statement."""
    now = now or timezone.now()
    versions = (
        StatementVersion.objects.published(now=now)
        .filter(released_at__gt=now - LOOKBACK, statement__withdrawn_at__isnull=True)
        .select_related("statement")
        .prefetch_related("statement__topics")
    )
    subscribers = {}
    for subscriber in Subscriber.objects.prefetch_related("topics"):
        subscribers.setdefault(subscriber.language, []).append(subscriber)
    rows = []
    for version in versions:
        topic_ids = [topic.pk for topic in version.statement.topics.all()]
        for subscriber in subscribers.get(version.language, []):
            if subscriber.confirmed_at > version.released_at:
                continue  # it was public before they subscribed
            if subscriber.wants(version.statement, topic_ids):
                rows.append(
                    Alert(
                        subscriber=subscriber,
                        statement=version.statement,
                        language=version.language,
                    )
                )
    before = Alert.objects.count()
    Alert.objects.bulk_create(rows, ignore_conflicts=True)
    return Alert.objects.count() - before


def _claimable(now):
    return Q(sent_at__isnull=True) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def claim(now=None, limit=None):
    """Take up to ``limit`` (BATCH) unsent alerts for this sender; their ids."""
    now = now or timezone.now()
    limit = limit or BATCH
    until = now + datetime.timedelta(seconds=CLAIM_SECONDS)
    with transaction.atomic():
        # SKIP LOCKED on PostgreSQL; SQLite, which has no row locks, runs one
        # writing transaction at a time (BEGIN IMMEDIATE), which serves as well.
        candidates = list(
            Alert.objects.select_for_update(skip_locked=True)
            .filter(_claimable(now))
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        claimed = []
        for pk in candidates:
            # The condition is checked again in the UPDATE itself: the claim
            # holds even where the SELECT took no lock.
            if Alert.objects.filter(_claimable(now), pk=pk).update(claimed_until=until):
                claimed.append(pk)
    return claimed


def build_message(alert, contact=None):
    """The alert in the subscriber's language, with one-click unsubscribe."""
    subscriber = alert.subscriber
    language = subscriber.language
    version = alert.statement.versions.get(language=language)
    contact = contact or OfficeContact.current()
    unsubscribe = unsubscribe_url(subscriber)
    with translation.override(language):
        link = site_url(
            reverse("statements:detail", kwargs={"slug": alert.statement.slug})
        )
        context = {
            "version": version,
            "statement": alert.statement,
            "link": link,
            "unsubscribe": unsubscribe,
            "office": contact.name_in(language),
        }
        subject = render_to_string("readers/email/alert_subject.txt", context)
        body = render_to_string("readers/email/alert.txt", context)
    message = mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            # RFC 8058: a mail client may unsubscribe with one POST.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": language,
        },
    )
    return message


def send_due(now=None):
    """Send every alert that is due and not taken by another sender."""
    outcome = Outcome()
    contact = OfficeContact.current()
    with mail.get_connection() as connection:
        while True:
            ids = claim(now)
            if not ids:
                break
            alerts = Alert.objects.filter(pk__in=ids).select_related(
                "subscriber", "statement"
            )
            for alert in alerts:
                try:
                    message = build_message(alert, contact)
                    message.connection = connection
                    message.send()
                except Exception:
                    logger.exception("Alert %s could not be sent", alert.pk)
                    Alert.objects.filter(pk=alert.pk).update(claimed_until=None)
                    outcome.failed += 1
                    continue
                Alert.objects.filter(pk=alert.pk).update(
                    sent_at=timezone.now(), claimed_until=None
                )
                outcome.sent += 1
            if outcome.failed:
                # Leave the rest for the next run rather than loop on a
                # mail server that refuses everything.
                break
    return outcome


def run(now=None):
    outcome = Outcome()
    outcome.planned = plan(now)
    sent = send_due(now)
    outcome.sent, outcome.failed = sent.sent, sent.failed
    return outcome
