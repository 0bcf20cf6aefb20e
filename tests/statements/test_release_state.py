"""The stored release state (released_at) always says what the rule says.

The public pages filter on ``released_at`` alone; ``release_ready_q()`` is the
rule it stores. Whatever is saved, deleted, reverted or imported, the two must
agree, or a reader would see a statement too early or miss one.
"""

import datetime
import random

import pytest
from django.db.models import F, Q
from django.utils import timezone

from statements.models import (
    Statement,
    StatementVersion,
    VersionStatus,
    refresh_release,
    release_ready_q,
)
from tests.factories import make_statement, make_version

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "en", "ru"]
STATES = [VersionStatus.DRAFT, VersionStatus.REVIEW, VersionStatus.PUBLISHED]


def assert_stored_state_follows_the_rule():
    ready = set(
        Statement.objects.filter(release_ready_q()).values_list("pk", flat=True)
    )
    for statement in Statement.objects.all():
        expected = statement.publish_at if statement.pk in ready else None
        assert statement.released_at == expected, statement.slug
    for version in StatementVersion.objects.select_related("statement"):
        expected = (
            version.statement.released_at
            if version.status == VersionStatus.PUBLISHED
            else None
        )
        assert version.released_at == expected, (version.statement.slug, version)


def test_a_statement_is_released_only_with_its_original_and_required_languages():
    statement = make_statement(languages=["az"], required_languages=["az", "ru"])
    statement.refresh_from_db()
    assert statement.released_at is None
    russian = make_version(statement, "ru", status=VersionStatus.REVIEW)
    statement.refresh_from_db()
    assert statement.released_at is None
    russian.status = VersionStatus.PUBLISHED
    russian.save()
    statement.refresh_from_db()
    assert statement.released_at == statement.publish_at
    assert_stored_state_follows_the_rule()


def test_moving_the_issue_time_moves_the_release():
    statement = make_statement(languages=["en"])
    later = timezone.now() + datetime.timedelta(days=2)
    statement.publish_at = later
    statement.save()
    statement.refresh_from_db()
    assert statement.released_at == later
    assert not Statement.objects.published().filter(pk=statement.pk).exists()
    assert Statement.objects.published(
        now=later + datetime.timedelta(seconds=1)
    ).filter(pk=statement.pk)
    statement.publish_at = None
    statement.save()
    statement.refresh_from_db()
    assert statement.released_at is None


def test_deleting_a_required_version_takes_the_statement_down():
    statement = make_statement(languages=["en", "az"], required_languages=["az"])
    assert Statement.objects.published().filter(pk=statement.pk).exists()
    statement.versions.get(language="az").delete()
    assert not Statement.objects.published().filter(pk=statement.pk).exists()
    assert_stored_state_follows_the_rule()


def test_queryset_updates_are_repaired_by_refresh_release():
    """A bulk update (as a data migration might do) bypasses the signals;
    refresh_release() over everything puts the state right again."""
    statements = [make_statement(languages=["en"]) for _ in range(3)]
    StatementVersion.objects.update(status=VersionStatus.DRAFT)
    assert StatementVersion.objects.filter(released_at__isnull=False).count() == 3
    refresh_release()
    assert StatementVersion.objects.filter(released_at__isnull=False).count() == 0
    assert not Statement.objects.filter(pk__in=[s.pk for s in statements]).filter(
        released_at__isnull=False
    )
    assert_stored_state_follows_the_rule()


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_keep_the_stored_state_equal_to_the_rule(seed):
    """Hundreds of random saves and deletes, checked against the rule each time."""
    chooser = random.Random(seed)
    now = timezone.now()
    statements = [
        make_statement(languages=[], original_language=chooser.choice(LANGUAGES))
        for _ in range(6)
    ]
    for _step in range(60):
        statement = Statement.objects.get(pk=chooser.choice(statements).pk)
        action = chooser.randrange(5)
        if action == 0:
            statement.publish_at = chooser.choice(
                [None, now - datetime.timedelta(hours=3), now + datetime.timedelta(1)]
            )
            statement.save()
        elif action == 1:
            statement.required_languages = chooser.sample(
                LANGUAGES, chooser.randrange(4)
            )
            statement.save()
        elif action == 2:
            statement.original_language = chooser.choice(LANGUAGES)
            statement.save()
        else:
            language = chooser.choice(LANGUAGES)
            version = statement.versions.filter(language=language).first()
            if version is None:
                make_version(statement, language, status=chooser.choice(STATES))
            elif action == 3:
                version.status = chooser.choice(STATES)
                version.save()
            else:
                version.delete()
        assert_stored_state_follows_the_rule()
    public = set(Statement.objects.published().values_list("pk", flat=True))
    by_rule = set(
        Statement.objects.filter(release_ready_q())
        .filter(Q(publish_at__lte=timezone.now()))
        .values_list("pk", flat=True)
    )
    assert public == by_rule


def test_version_release_time_is_its_statements_issue_time():
    """Lists sort versions by their own released_at: the statement's issue time."""
    statement = make_statement(languages=["en", "ru"])
    assert not StatementVersion.objects.exclude(
        released_at=F("statement__publish_at")
    ).filter(statement=statement)


def test_deferred_refresh_puts_everything_right_once_at_the_end():
    """The importer's bulk mode: saves only note their statements, and one
    refresh at the end leaves the same state as refreshing after each save."""
    from statements.models import release_refresh_deferred

    with release_refresh_deferred():
        statements = [make_statement(languages=["en", "az"]) for _ in range(5)]
        assert not Statement.objects.filter(released_at__isnull=False).exists()
    assert Statement.objects.filter(released_at__isnull=False).count() == 5
    assert_stored_state_follows_the_rule()
    with release_refresh_deferred():
        for statement in statements:
            version = statement.versions.get(language="az")
            version.status = VersionStatus.DRAFT
            version.save()
    assert_stored_state_follows_the_rule()


def test_deferred_refresh_does_nothing_when_the_block_fails():
    """A failed bulk write is rolled back by its transaction: no refresh runs
    inside the broken transaction to hide the error."""
    from django.db import transaction

    from statements.models import release_refresh_deferred

    with pytest.raises(ValueError, match="stop"):
        with transaction.atomic(), release_refresh_deferred():
            make_statement(languages=["en"])
            raise ValueError("stop")
    assert not Statement.objects.exists()
