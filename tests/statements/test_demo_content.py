"""The demo content in demo/demo.json and ``manage.py load_demo``."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import roles
from statements.exchange.importers import import_statements, load_file
from statements.management.commands.load_demo import (
    DEMO_ACCOUNTS,
    DEMO_FILE,
    SCHEDULED_SLUG,
    schedule_a_week_ahead,
)
from statements.models import (
    Commemoration,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)

THIRTY_FIFTH = "thirty-fifth-anniversary-of-20-january"
DRAFT = "international-day-of-persons-with-disabilities-2026"
IN_REVIEW = "human-rights-day-2026"
WITHDRAWN = "human-rights-summer-school-applications"
CORRECTED = "npm-visit-to-pre-trial-detention-facility"
LANGUAGES = ("az", "en", "ru")
BAKU = ZoneInfo("Asia/Baku")


def load_demo():
    """Run ``manage.py load_demo`` and return what it printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


@pytest.mark.django_db
def test_demo_file_passes_validation_and_loads():
    """demo.json is accepted by the importer as it stands and creates every item."""
    result = import_statements(load_file(DEMO_FILE), DEMO_FILE.parent)

    assert result.updated == 0
    assert result.unchanged == 0
    assert result.statements.created == Statement.objects.count()


@pytest.mark.django_db
def test_demo_has_at_least_eight_statements_of_every_kind(demo):
    """There are at least eight statements, and every kind is represented."""
    assert Statement.objects.count() >= 8
    kinds = set(Statement.objects.values_list("kind", flat=True))
    assert kinds == set(StatementKind.values)


@pytest.mark.django_db
def test_twenty_january_commemoration_has_its_figures(demo):
    """20 January 1990: 150 killed, 744 injured, 841 detained, in three languages."""
    commemoration = Commemoration.objects.get(key="20-january")

    assert commemoration.date == datetime.date(1990, 1, 20)
    figures = list(commemoration.figures.all())
    assert [figure.value for figure in figures] == [150, 744, 841]
    assert [figure.label["en"] for figure in figures] == [
        "killed",
        "injured",
        "unlawfully detained",
    ]
    for figure in figures:
        assert set(figure.label) == set(LANGUAGES)
    for key in ("20-january", "khojaly", "human-rights-day"):
        names = Commemoration.objects.get(key=key).name
        assert set(names) == set(LANGUAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_thirty_fifth_anniversary_is_public_in_each_language(demo, language):
    """The 35th-anniversary statement is public in az, en and ru, with the figures."""
    statement = Statement.objects.published(language=language).get(slug=THIRTY_FIFTH)

    assert statement.commemoration.key == "20-january"
    assert statement.anniversary_year == 2025
    assert statement.issued_by.key == "commissioner"
    version = statement.versions.get(language=language)
    for figure in ("150", "744", "841"):
        assert figure in version.body_text()
    assert statement.hero_image_alt[language]
    assert statement.attachments.get().file.name.endswith(".pdf")


@pytest.mark.django_db
def test_thirty_fifth_anniversary_coverage_by_caliber(demo):
    """Caliber.Az reported the statement in English, by Vafa Guliyeva."""
    coverage = Statement.objects.get(slug=THIRTY_FIFTH).coverage.get()

    assert coverage.outlet == "Caliber.Az"
    assert coverage.reporter == "Vafa Guliyeva"
    assert coverage.language == "en"
    assert coverage.date in (datetime.date(2025, 1, 19), datetime.date(2025, 1, 20))
    assert coverage.url.startswith("https://caliber.az/")


@pytest.mark.django_db
def test_twenty_january_statements_link_two_years(demo):
    """The 34th and 35th anniversary statements are related to each other."""
    statements = Statement.objects.filter(commemoration__key="20-january")

    assert sorted(statements.values_list("anniversary_year", flat=True)) == [
        2024,
        2025,
    ]
    thirty_fourth = statements.get(anniversary_year=2024)
    assert list(thirty_fourth.related.values_list("slug", flat=True)) == [THIRTY_FIFTH]
    thirty_fifth = statements.get(anniversary_year=2025)
    assert list(thirty_fifth.related.all()) == [thirty_fourth]


@pytest.mark.django_db
def test_exactly_one_statement_is_only_in_azerbaijani(demo):
    """One statement has a single version, in Azerbaijani, and it is public."""
    only_az = [
        statement
        for statement in Statement.objects.prefetch_related("versions")
        if [version.language for version in statement.versions.all()] == ["az"]
    ]

    assert len(only_az) == 1
    statement = only_az[0]
    assert statement.original_language == "az"
    assert statement.required_languages == ["az"]
    assert Statement.objects.published(language="az").filter(pk=statement.pk).exists()
    assert not Statement.objects.published(language="en").filter(pk=statement.pk)


@pytest.mark.django_db
def test_draft_in_review_and_scheduled_are_not_public(demo):
    """A draft, a statement in review and a scheduled one are there, none public."""
    draft = Statement.objects.get(slug=DRAFT)
    in_review = Statement.objects.get(slug=IN_REVIEW)
    scheduled = Statement.objects.get(slug=SCHEDULED_SLUG)

    assert {v.status for v in draft.versions.all()} == {VersionStatus.DRAFT}
    assert VersionStatus.REVIEW in {v.status for v in in_review.versions.all()}
    assert VersionStatus.PUBLISHED not in {v.status for v in in_review.versions.all()}
    assert scheduled.publish_at > timezone.now()
    assert {v.status for v in scheduled.versions.all()} == {VersionStatus.PUBLISHED}
    hidden = {draft.pk, in_review.pk, scheduled.pk}
    for language in (None, *LANGUAGES):
        public = Statement.objects.published(language=language)
        assert not public.filter(pk__in=hidden).exists()
        assert not StatementVersion.objects.published(language=language).filter(
            statement__in=hidden
        )


@pytest.mark.django_db
def test_scheduled_statement_is_a_week_ahead_on_the_hour(demo):
    """The first load schedules the statement a week ahead, on the hour in Baku."""
    publish_at = Statement.objects.get(slug=SCHEDULED_SLUG).publish_at
    ahead = publish_at - timezone.now()

    assert datetime.timedelta(days=7, hours=-1) < ahead <= datetime.timedelta(days=7)
    local = publish_at.astimezone(BAKU)
    assert (local.minute, local.second, local.microsecond) == (0, 0, 0)


@pytest.mark.django_db
def test_scheduled_time_is_kept_once_the_statement_exists(demo):
    """Loading again days later keeps the stored time instead of moving it."""
    stored = Statement.objects.get(slug=SCHEDULED_SLUG).publish_at
    data = load_file(DEMO_FILE)

    later = timezone.now() + datetime.timedelta(days=3, minutes=17)
    assert schedule_a_week_ahead(data, now=later) == stored
    item = next(s for s in data["statements"] if s["slug"] == SCHEDULED_SLUG)
    assert datetime.datetime.fromisoformat(item["publish_at"]) == stored


@pytest.mark.django_db
def test_withdrawn_and_corrected_statements(demo):
    """One statement is withdrawn with a reason in each language; one is corrected."""
    withdrawn = Statement.objects.get(slug=WITHDRAWN)
    assert withdrawn.is_withdrawn()
    assert set(withdrawn.withdrawal_reason) == set(LANGUAGES)

    corrected = Statement.objects.get(slug=CORRECTED)
    for version in corrected.versions.all():
        assert version.status == VersionStatus.PUBLISHED
        assert version.corrections.count() == 1


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    """The second run reports everything unchanged and touches no row or user."""
    load_demo()
    statements = dict(Statement.objects.values_list("pk", "updated_at"))
    versions = dict(StatementVersion.objects.values_list("pk", "updated_at"))
    users = list(get_user_model().objects.order_by("pk").values())

    output = load_demo()

    assert "Created 0, updated 0," in output
    assert dict(Statement.objects.values_list("pk", "updated_at")) == statements
    assert dict(StatementVersion.objects.values_list("pk", "updated_at")) == versions
    assert list(get_user_model().objects.order_by("pk").values()) == users


@pytest.mark.django_db
def test_demo_accounts_are_created_once_and_can_sign_in(client):
    """One staff account per role, in its group, each able to open the admin."""
    output = load_demo()
    load_demo()

    User = get_user_model()
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert "http://127.0.0.1:8000/admin/" in output
    expected_roles = {
        "admin": roles.ADMINISTRATOR,
        "editor": roles.EDITOR,
        "author": roles.AUTHOR,
        "translator": roles.TRANSLATOR,
    }
    for account in DEMO_ACCOUNTS:
        assert account.password in output
        user = User.objects.get(username=account.username)
        assert user.is_staff
        assert user.is_superuser == (account.username == "admin")
        assert list(user.groups.values_list("name", flat=True)) == [
            expected_roles[account.username]
        ]
        assert client.login(username=account.username, password=account.password)
        assert client.get("/admin/").status_code == 200
        client.logout()


@pytest.mark.django_db
def test_load_demo_leaves_an_existing_account_alone():
    """An account with a demo name keeps its own password, flags and groups."""
    User = get_user_model()
    editor = User.objects.create_user("editor", password="kept-password-1")

    load_demo()

    editor.refresh_from_db()
    assert editor.check_password("kept-password-1")
    assert not editor.is_staff
    assert not editor.groups.exists()


@pytest.mark.django_db
def test_load_demo_refuses_production_settings(settings):
    """Under production settings the demo accounts are not created."""
    settings.DEBUG = False
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()
