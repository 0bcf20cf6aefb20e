"""The editorial workflow, enforced on the server for every role."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR
from statements import workflow
from statements.models import AuditAction, AuditEntry, Statement, VersionStatus
from tests.factories import make_staff, make_statement, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return {
        "author": make_staff(AUTHOR, "author"),
        "translator": make_staff(TRANSLATOR, "translator", languages=["ru"]),
        "editor": make_staff(EDITOR, "editor"),
        "other_editor": make_staff(EDITOR, "editor2"),
        "administrator": make_staff(ADMINISTRATOR, "administrator"),
    }


def draft_statement(languages=("en",), **overrides):
    overrides.setdefault("publish_at", None)
    return make_statement(languages=languages, status=VersionStatus.DRAFT, **overrides)


def is_public(statement, language=None):
    return Statement.objects.published(language).filter(pk=statement.pk).exists()


def test_author_submits_and_another_editor_approves(staff):
    """Draft -> review -> published; the statement is issued now and public."""
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW
    assert version.submitted_by == staff["author"]
    workflow.approve(version, staff["editor"])
    version.refresh_from_db()
    statement.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.approved_by == staff["editor"]
    assert not version.self_approved
    assert statement.publish_at is not None
    assert is_public(statement)
    assert statement.reference == f"1/{timezone.localtime(statement.publish_at).year}"
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        AuditAction.SUBMITTED,
        AuditAction.APPROVED,
        AuditAction.REFERENCE_GIVEN,
    ]


@pytest.mark.parametrize("role", ["author", "translator"])
def test_only_editors_approve(staff, role):
    """An author or a translator cannot approve, whatever they send."""
    statement = draft_statement(languages=("en", "ru"))
    version = statement.versions.get(language="ru")
    workflow.submit(version, staff["editor"])
    with pytest.raises(PermissionDenied):
        workflow.approve(version, staff[role], publish_anyway=True, reason="Urgent.")
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW


def test_editor_cannot_approve_own_submission_without_saying_so(staff):
    """Own work needs "publish anyway", and the record says it was self-approved."""
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["editor"])
    with pytest.raises(workflow.WorkflowError, match="You wrote or submitted this"):
        workflow.approve(version, staff["editor"])
    workflow.approve(
        version, staff["editor"], publish_anyway=True, reason="The only editor today."
    )
    version.refresh_from_db()
    assert version.self_approved
    assert AuditEntry.objects.filter(action=AuditAction.SELF_APPROVED).count() == 1


def test_request_changes_sends_back_with_a_comment(staff):
    """The reviewer's comment travels with the draft; an empty one is refused."""
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    with pytest.raises(workflow.WorkflowError, match="Say what should change"):
        workflow.request_changes(version, staff["editor"], "  ")
    workflow.request_changes(version, staff["editor"], "Check the figures.")
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.review_comment == "Check the figures."
    with pytest.raises(PermissionDenied):
        workflow.request_changes(version, staff["author"], "x")


def test_statement_goes_out_in_all_required_languages_at_once(staff):
    """Approving en alone releases nothing; approving ru then releases both."""
    statement = draft_statement(languages=("en", "ru"), required_languages=["en", "ru"])
    en, ru = (
        statement.versions.get(language="en"),
        statement.versions.get(language="ru"),
    )
    for version in (en, ru):
        workflow.submit(version, staff["author"])
    workflow.approve(en, staff["editor"])
    statement.refresh_from_db()
    assert not is_public(statement)
    assert statement.reference == ""
    workflow.approve(ru, staff["editor"])
    statement.refresh_from_db()
    assert is_public(statement, "en") and is_public(statement, "ru")
    assert statement.reference.startswith("1/")


def test_language_approved_later_goes_public_when_approved(staff):
    """A language that was not required appears as soon as it is approved."""
    statement = make_statement(languages=["en"], required_languages=["en"])
    ru = make_version(statement, "ru", status=VersionStatus.DRAFT)
    workflow.submit(ru, staff["translator"])
    assert not is_public(statement, "ru")
    workflow.approve(ru, staff["editor"])
    assert is_public(statement, "ru")


def test_double_click_publishes_once(staff):
    """The second approval of the same version is refused, not repeated."""
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    workflow.approve(version, staff["editor"])
    with pytest.raises(workflow.WorkflowError, match="already published"):
        workflow.approve(version, staff["editor"])
    assert AuditEntry.objects.filter(action=AuditAction.APPROVED).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.REFERENCE_GIVEN).count() == 1


def test_action_from_a_stale_page_is_refused(staff):
    """Approving what you reviewed must not publish something newer."""
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    seen = statement.versions.get().lock_version
    changed = statement.versions.get()
    changed.title = "Changed after review began"
    changed.save()
    with pytest.raises(workflow.WorkflowError, match="changed after you opened it"):
        workflow.approve(version, staff["editor"], expected_lock_version=seen)
    assert statement.versions.get().status == VersionStatus.REVIEW


def test_references_are_sequential_per_year(staff):
    """Three statements published in turn get 1, 2 and 3 of the year."""
    references = []
    for _ in range(3):
        statement = draft_statement()
        version = statement.versions.get()
        workflow.submit(version, staff["author"])
        workflow.approve(version, staff["editor"])
        statement.refresh_from_db()
        references.append(statement.reference_number)
    assert references == [1, 2, 3]


def test_reference_continues_after_imported_numbers(staff):
    """If 12/YYYY already exists, the next publication is 13/YYYY."""
    year = timezone.localdate().year
    make_statement(reference_number=12, reference_year=year)
    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    workflow.approve(version, staff["editor"])
    statement.refresh_from_db()
    assert statement.reference == f"13/{year}"


@pytest.mark.django_db(transaction=True)
def test_two_editors_publishing_at_once_get_different_numbers():
    """Concurrent publications never share a reference number nor skip one."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        # The in-memory test database is one connection; threads would share it.
        pytest.skip("needs a database with real concurrent connections")
    editors = [make_staff(EDITOR, f"concurrent{n}") for n in range(2)]
    author = make_staff(AUTHOR, "concurrent-author")
    statements = [draft_statement() for _ in range(6)]
    for statement in statements:
        workflow.submit(statement.versions.get(), author)
    barrier = threading.Barrier(2)
    errors = []

    def publish(editor, mine):
        try:
            barrier.wait()
            for statement in mine:
                workflow.approve(statement.versions.get(), editor)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=(editors[0], statements[0::2])),
        threading.Thread(target=publish, args=(editors[1], statements[1::2])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list(
            "reference_number", flat=True
        )
    )
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_schedule_keeps_it_hidden_until_the_time(staff):
    """A scheduled statement is public from its time on, with no further step."""
    statement = draft_statement()
    version = statement.versions.get()
    later = timezone.now() + datetime.timedelta(minutes=2)
    workflow.schedule(statement, staff["editor"], later)
    workflow.submit(version, staff["author"])
    workflow.approve(version, staff["editor"])
    statement.refresh_from_db()
    assert statement.publish_at == later
    assert not is_public(statement)
    assert Statement.objects.published(now=later).filter(pk=statement.pk).exists()
    with pytest.raises(PermissionDenied):
        workflow.schedule(statement, staff["author"], later)


def test_withdraw_needs_a_reason_in_at_least_one_language(staff):
    """The page stays up with the notice; translators write the other
    languages' notice (issue 16); reinstating removes it."""
    statement = make_statement(languages=["en", "az"])
    with pytest.raises(workflow.WorkflowError, match="at least one language"):
        workflow.withdraw(statement, staff["editor"], {"en": " "})
    workflow.withdraw(statement, staff["editor"], {"en": "Postponed."})
    statement.refresh_from_db()
    assert statement.withdrawn_at is not None
    assert is_public(statement)
    with pytest.raises(PermissionDenied):
        workflow.reinstate(statement, staff["author"])
    workflow.reinstate(statement, staff["editor"])
    statement.refresh_from_db()
    assert statement.withdrawn_at is None
    assert statement.withdrawal_reason == {}


def test_translator_edits_only_assigned_languages(staff):
    """A Russian translator may edit the ru draft, not en (the source) or az."""
    statement = draft_statement(languages=("en", "ru", "az"))
    translator = staff["translator"]
    assert workflow.may_edit_version(translator, statement.versions.get(language="ru"))
    assert not workflow.may_edit_version(
        translator, statement.versions.get(language="en")
    )
    assert not workflow.may_edit_version(
        translator, statement.versions.get(language="az")
    )
    assert not workflow.may_edit_statement(translator, statement)


def test_author_cannot_edit_once_submitted_or_published(staff):
    """Authors edit drafts; what is in review or published is out of their hands."""
    statement = draft_statement()
    version = statement.versions.get()
    assert workflow.may_edit_version(staff["author"], version)
    assert workflow.may_edit_statement(staff["author"], statement)
    workflow.submit(version, staff["author"])
    version.refresh_from_db()
    assert not workflow.may_edit_version(staff["author"], version)
    assert not workflow.may_edit_statement(staff["author"], statement)
    assert workflow.may_edit_version(staff["editor"], version)


def test_a_deleted_statements_number_is_not_given_again(staff):
    """The importer's next number follows the counter, not only the rows left."""
    from statements.workflow.references import next_reference_number

    statement = draft_statement()
    version = statement.versions.get()
    workflow.submit(version, staff["author"])
    workflow.approve(version, staff["editor"])
    statement.refresh_from_db()
    year = statement.reference_year
    statement.delete()
    assert next_reference_number(year) == 2
