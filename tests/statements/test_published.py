"""The one rule of what the public may see, at each of its edges."""

import datetime

import pytest
from django.utils import timezone

from statements.models import Statement, StatementVersion, VersionStatus
from tests.factories import make_statement, make_version

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def public_languages(statement):
    return sorted(
        StatementVersion.objects.published()
        .filter(statement=statement)
        .values_list("language", flat=True)
    )


def is_public(statement, language=None):
    return (
        Statement.objects.published(language=language).filter(pk=statement.pk).exists()
    )


def test_published_and_issued_statement_is_public():
    """All versions published and the time passed: public in each language."""
    statement = make_statement(languages=["en", "az", "ru"])
    assert is_public(statement)
    assert public_languages(statement) == ["az", "en", "ru"]
    for language in ("az", "en", "ru"):
        assert is_public(statement, language)


def test_draft_is_not_public():
    """A statement whose original is a draft is seen by nobody outside."""
    statement = make_statement(status=VersionStatus.DRAFT)
    assert not is_public(statement)
    assert public_languages(statement) == []


def test_version_in_review_is_not_public():
    """A version waiting for review is not shown, even when others are."""
    statement = make_statement(languages=["en"])
    make_version(statement, "az", status=VersionStatus.REVIEW)
    assert public_languages(statement) == ["en"]
    assert not is_public(statement, "az")


def test_scheduled_statement_appears_at_its_time():
    """Before publish_at it is hidden; from publish_at on it is public."""
    now = timezone.now()
    statement = make_statement(publish_at=now + HOUR)
    assert not is_public(statement)
    assert Statement.objects.published(now=now + HOUR).filter(pk=statement.pk).exists()
    assert (
        StatementVersion.objects.published(now=now + 2 * HOUR)
        .filter(statement=statement)
        .exists()
    )


def test_unscheduled_statement_is_not_public():
    """Without publish_at a statement has not been issued, whatever its versions."""
    statement = make_statement(publish_at=None)
    assert not is_public(statement)


def test_withdrawn_statement_stays_public_with_its_notice():
    """Withdrawal keeps the page up; the notice is shown, not a 404."""
    statement = make_statement(
        withdrawn_at=timezone.now(), withdrawal_reason={"en": "x"}
    )
    assert is_public(statement)


def test_missing_original_version_keeps_everything_hidden():
    """If the original language has no published version, no translation shows."""
    statement = make_statement(languages=["en"], original_language="az")
    assert not is_public(statement)
    assert public_languages(statement) == []


def test_original_in_draft_hides_published_translations():
    """A published translation waits for its original."""
    statement = make_statement(languages=["az"], status=VersionStatus.DRAFT)
    make_version(statement, "en", status=VersionStatus.PUBLISHED)
    assert public_languages(statement) == []


def test_missing_required_language_holds_the_release():
    """A three-language statement goes out in all three at once, not before."""
    statement = make_statement(
        languages=["en", "az"], required_languages=["en", "az", "ru"]
    )
    assert not is_public(statement)
    assert public_languages(statement) == []
    make_version(statement, "ru", status=VersionStatus.REVIEW)
    assert public_languages(statement) == []
    ru = statement.versions.get(language="ru")
    ru.status = VersionStatus.PUBLISHED
    ru.save()
    assert public_languages(statement) == ["az", "en", "ru"]


def test_language_approved_later_appears_when_approved():
    """A language that was not required goes public when it is approved."""
    statement = make_statement(languages=["az"], required_languages=["az"])
    ru = make_version(statement, "ru", status=VersionStatus.DRAFT)
    assert public_languages(statement) == ["az"]
    assert not is_public(statement, "ru")
    ru.status = VersionStatus.PUBLISHED
    ru.save()
    assert public_languages(statement) == ["az", "ru"]
    assert is_public(statement, "ru")


def test_language_filter_excludes_statements_without_that_version():
    """A statement only in Azerbaijani is not in the English listing."""
    only_az = make_statement(languages=["az"])
    both = make_statement(languages=["az", "en"])
    english = Statement.objects.published(language="en")
    assert list(english) == [both]
    assert set(Statement.objects.published(language="az")) == {only_az, both}
    assert list(StatementVersion.objects.published("en")) == [
        both.versions.get(language="en")
    ]


def test_public_rule_is_one_query():
    """The rule is decided in SQL, in one query, whatever the number of statements."""
    for _ in range(5):
        make_statement(languages=["az", "en", "ru"], required_languages=["ru"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        count = len(list(StatementVersion.objects.published("ru")))
    assert count == 5
    assert len(queries) == 1
