"""Each defect found when the admin was tried by a new user and by a hostile
member of staff (issue "Editions"), as a test that would fail if it came back.
"""

import datetime

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts.roles import AUTHOR, EDITOR, TRANSLATOR
from statements import workflow
from statements.models import (
    AuditAction,
    AuditEntry,
    Statement,
    StatementVersion,
    VersionStatus,
    WorkingDraft,
)
from tests.factories import make_staff, make_statement, make_user, make_version
from tests.statements.test_admin import error_texts, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "author": make_staff(AUTHOR, "author"),
        "translator": make_staff(TRANSLATOR, "translator", languages=["ru"]),
        "idle translator": make_staff(TRANSLATOR, "idle"),
        "editor": make_staff(EDITOR, "editor"),
        "other editor": make_staff(EDITOR, "editor2"),
        "nobody": make_user("nobody", is_staff=True),
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def public_text(client, statement, language):
    response = client.get(f"/{language}/statements/{statement.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def live():
    """A public statement (en original, ru translation) with a reference."""
    statement = make_statement(languages=["en", "ru"])
    workflow.give_reference_if_ready(statement)
    statement.refresh_from_db()
    return statement


def version_url(version):
    return reverse("admin:statements_statementversion_change", args=[version.pk])


def test_translator_edit_of_a_live_translation_is_a_draft_readers_do_not_see(
    people, live
):
    """Was: a translator's "minor" save of the published ru body went live at
    once with no review, no notice and no audit entry."""
    ru = live.versions.get(language="ru")
    client = signed_in(people["translator"])
    data = form_data(client.get(version_url(ru)), form_id="statementversion_form")
    data["body"] = "<p>Тайно изменённый текст.</p>"
    data["change_kind"] = "minor"
    assert client.post(version_url(ru), data).status_code == 302
    reader = Client()
    assert "Тайно изменённый текст." not in public_text(reader, live, "ru")
    ru.refresh_from_db()
    assert ru.working_draft.body == "<p>Тайно изменённый текст.</p>"
    assert AuditEntry.objects.filter(
        action=AuditAction.DRAFT_STARTED, language="ru", username="translator"
    ).exists()
    # The translator may submit it, never approve it.
    workflow.perform("submit", ru, people["translator"])
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied or refusal
        workflow.perform("approve", ru, people["translator"])
    assert "Тайно изменённый текст." not in public_text(reader, live, "ru")
    workflow.perform("approve", ru, people["editor"])
    assert "Тайно изменённый текст." in public_text(reader, live, "ru")


def test_an_editors_own_draft_needs_another_editor_or_a_recorded_reason(people, live):
    """Was: editors' saves of live text went out at once."""
    en = live.versions.get(language="en")
    workflow.save_draft(
        en,
        people["editor"],
        {"title": en.title, "body": "<p>New.</p>", "change_kind": "minor"},
    )
    workflow.perform("submit", en, people["editor"])
    with pytest.raises(workflow.WorkflowError, match="You wrote or submitted"):
        workflow.perform("approve", en, people["editor"])
    with pytest.raises(workflow.WorkflowError, match="Say why"):
        workflow.perform("publish_anyway", en, people["editor"])
    workflow.perform(
        "publish_anyway", en, people["editor"], reason="Typo in the headline."
    )
    en.refresh_from_db()
    assert en.body == "<p>New.</p>" and en.self_approved
    assert not WorkingDraft.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.SELF_APPROVED)
    assert entry.detail == "Typo in the headline."


def _revisions_of(version):
    """Two revisions of ``version``: its first text and a second one."""
    for body in ("<p>First text.</p>", "<p>Second text.</p>"):
        with reversion.create_revision():
            version.refresh_from_db()
            version.body = body
            version.save()
    return list(Version.objects.get_for_object(version).order_by("pk"))


def test_restoring_a_revision_makes_a_draft_and_changes_nothing_else(people, live):
    """Was: a translator's revert of a ru revision put the whole statement back
    to draft in every language, cleared its issue time and reference number,
    took it off the site, rewrote the source text, removed a withdrawal,
    renumbered it and cleared outdated marks."""
    ru = live.versions.get(language="ru")
    first, _second = _revisions_of(ru)
    StatementVersion.objects.filter(pk=ru.pk).update(outdated_since=timezone.now())
    workflow.withdraw(live, people["editor"], {"en": "Superseded.", "ru": "Заменено."})
    before = (
        list(Statement.objects.values_list("publish_at", "released_at")),
        list(Statement.objects.values_list("reference_number", "reference_year")),
        list(Statement.objects.values_list("withdrawn_at", "withdrawal_reason")),
        list(StatementVersion.objects.values_list("status", "title", "body")),
        list(StatementVersion.objects.values_list("outdated_since")),
    )
    client = signed_in(people["translator"])
    url = reverse("admin:statements_statementversion_revision", args=[ru.pk, first.pk])
    assert "Restore as a draft" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    after = (
        list(Statement.objects.values_list("publish_at", "released_at")),
        list(Statement.objects.values_list("reference_number", "reference_year")),
        list(Statement.objects.values_list("withdrawn_at", "withdrawal_reason")),
        list(StatementVersion.objects.values_list("status", "title", "body")),
        list(StatementVersion.objects.values_list("outdated_since")),
    )
    assert after == before
    ru.refresh_from_db()
    assert ru.working_draft.body == "<p>First text.</p>"
    assert AuditEntry.objects.filter(action=AuditAction.RESTORED, language="ru")


def test_a_statements_own_revision_is_shown_but_never_reverted(people, live):
    """The statement's revision carries every language, states and numbers:
    restoring it would unpublish, so it is not offered and a POST is refused."""
    with reversion.create_revision():
        live.save()
    old = Version.objects.get_for_object(live).first()
    client = signed_in(people["editor"])
    url = reverse("admin:statements_statement_revision", args=[live.pk, old.pk])
    page = client.get(url).content.decode()
    assert "Restore as a draft" not in page
    assert client.post(url).status_code == 403
    recover = reverse("admin:statements_statement_recover", args=[old.pk])
    assert client.post(recover).status_code == 403


def test_compare_and_history_check_the_same_rights_as_the_edit_page(people, live):
    """Was: the compare page answered 200 with draft text to any staff account."""
    ru = live.versions.get(language="ru")
    first, second = _revisions_of(ru)
    compare = reverse("admin:statements_statementversion_compare", args=[ru.pk])
    query = {"version_id1": first.pk, "version_id2": second.pk}
    history = reverse("admin:statements_statementversion_history", args=[ru.pk])
    for name in ("nobody", "idle translator"):
        client = signed_in(people[name])
        assert client.get(compare, query).status_code in (403, 404), name
        assert client.get(history).status_code in (403, 404), name
    en = live.versions.get(language="en")
    _revisions_of(en)
    other_compare = reverse(
        "admin:statements_statementversion_history",
        args=[make_version(make_statement(languages=["az"]), "en").pk],
    )
    # A ru translator reads ru and the originals, not another translation.
    assert signed_in(people["translator"]).get(other_compare).status_code in (
        403,
        404,
    )
    assert signed_in(people["translator"]).get(compare, query).status_code == 200


def test_preview_only_for_staff_who_may_see_that_language(people):
    """Was: a translator with no languages could preview every draft."""
    statement = make_statement(languages=["en", "ru"], status=VersionStatus.DRAFT)
    for language in ("en", "ru"):
        url = f"/{language}/statements/{statement.slug}/preview/"
        assert signed_in(people["idle translator"]).get(url).status_code == 404
        assert signed_in(people["nobody"]).get(url).status_code == 404
        assert signed_in(people["editor"]).get(url).status_code == 200
    translator = signed_in(people["translator"])
    assert (
        translator.get(f"/ru/statements/{statement.slug}/preview/").status_code == 200
    )


def test_preview_shows_the_working_draft(people, live):
    en = live.versions.get(language="en")
    workflow.save_draft(
        en, people["editor"], {"title": en.title, "body": "<p>Coming soon.</p>"}
    )
    client = signed_in(people["editor"])
    preview = client.get(f"/en/statements/{live.slug}/preview/").content.decode()
    assert "Coming soon." in preview
    assert "Coming soon." not in public_text(Client(), live, "en")


def test_save_and_submit_keeps_what_was_typed(people):
    """Was: "Submit for review" threw away what was typed in the form."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = statement.versions.get()
    client = signed_in(people["author"])
    data = form_data(client.get(version_url(version)), form_id="statementversion_form")
    assert (
        'name="_save_and_submit"' in client.get(version_url(version)).content.decode()
    )
    data["body"] = "<p>Typed just now.</p>"
    data["_save_and_submit"] = "Save and submit for review"
    assert client.post(version_url(version), data).status_code == 302
    version.refresh_from_db()
    assert version.body == "<p>Typed just now.</p>"
    assert version.status == VersionStatus.REVIEW


def test_the_panel_refuses_while_the_form_has_unsaved_changes_is_wired(people):
    """The page carries the script and the note it shows (the browser journey
    checks the behaviour)."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    page = signed_in(people["author"]).get(
        reverse("admin:statements_statement_change", args=[statement.pk])
    )
    text = page.content.decode()
    assert "js/unsaved-changes.js" in text
    assert "data-unsaved-note" in text and "data-workflow-panel" in text


def test_unschedule_and_take_back_a_submission(people):
    """Was: a schedule could not be cancelled, a submission not taken back."""
    statement = make_statement(
        languages=["en"],
        status=VersionStatus.DRAFT,
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    version = statement.versions.get()
    workflow.perform("submit", version, people["author"])
    workflow.perform("withdraw_submission", version, people["author"])
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    workflow.perform("submit", version, people["author"])
    workflow.perform("approve", version, people["editor"])
    statement.refresh_from_db()
    assert workflow.statement_state(statement) == workflow.SCHEDULED
    assert workflow.describe_statement(statement).startswith("Approved, goes public: ")
    assert "Baku time" in workflow.describe_statement(statement)
    workflow.perform("unschedule", statement, people["editor"])
    statement.refresh_from_db()
    assert statement.publish_at is None and statement.released_at is None
    assert not Statement.objects.published().filter(pk=statement.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.UNSCHEDULED).exists()


def test_states_say_what_is_true(people, live):
    assert workflow.describe_statement(live).startswith("Public since: ")
    ru = live.versions.get(language="ru")
    workflow.save_draft(ru, people["translator"], {"title": ru.title, "body": "x"})
    workflow.perform("submit", ru, people["translator"])
    ru.refresh_from_db()
    assert workflow.describe_language(ru) == "approved; a new draft is in review"
    page = signed_in(people["editor"]).get(
        reverse("admin:statements_statement_change", args=[live.pk])
    )
    text = page.content.decode()
    assert "Public since: " in text
    assert "approved; a new draft is in review" in text
    assert "Issued or scheduled for" not in text


def test_a_reference_number_is_never_given_twice_or_changed(people, live):
    """Was: restoring one version changed 61/2026 to 60/2026, leaving a gap."""
    reference = live.reference
    en = live.versions.get(language="en")
    old, _ = _revisions_of(en)
    workflow.restore_revision(en, old, people["editor"])
    workflow.save_draft(en, people["editor"], {"change_kind": "minor"})
    workflow.perform("submit", en, people["editor"])
    workflow.perform("approve", en, people["other editor"])
    live.refresh_from_db()
    assert live.reference == reference
    assert AuditEntry.objects.filter(action=AuditAction.REFERENCE_GIVEN).count() == 1


def test_conflict_shows_the_other_change_and_keeping_mine_is_recorded(people, live):
    """Was: after a conflict, "save again to keep yours" silently wiped the
    other editor's change. (The full journey is in the browser tests.)"""
    en = live.versions.get(language="en")
    first = signed_in(people["editor"])
    second = signed_in(people["other editor"])
    mine = form_data(first.get(version_url(en)), form_id="statementversion_form")
    theirs = form_data(second.get(version_url(en)), form_id="statementversion_form")
    mine["summary"] = "The first editor's lead."
    mine["change_kind"] = "minor"
    assert first.post(version_url(en), mine).status_code == 302
    theirs["summary"] = "The second editor's lead."
    theirs["change_kind"] = "minor"
    refused = second.post(version_url(en), theirs)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "<ins>Summary: The first editor&#x27;s lead.</ins>" in text
    assert "The second editor&#x27;s lead." in text
    assert any("Keep my text instead" in e for e in error_texts(refused))
    en.refresh_from_db()
    assert en.working_draft.summary == "The first editor's lead."


def test_presence_shows_who_else_opened_the_form(people, live):
    en = live.versions.get(language="en")
    signed_in(people["editor"]).get(version_url(en))
    page = signed_in(people["other editor"]).get(version_url(en)).content.decode()
    assert "Also opened for editing in the last few minutes:" in page
    assert "<strong>editor</strong>" in page


def test_a_public_statement_and_its_published_versions_cannot_be_deleted(people, live):
    client = signed_in(make_staff(EDITOR, "chief", is_superuser=True))
    url = reverse("admin:statements_statement_delete", args=[live.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    en = live.versions.get(language="en")
    url = reverse("admin:statements_statementversion_delete", args=[en.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Statement.objects.filter(pk=live.pk).exists()


def test_the_dashboard_shows_a_new_edition_waiting_for_review(people, live):
    ru = live.versions.get(language="ru")
    workflow.save_draft(ru, people["translator"], {"title": ru.title, "body": "x"})
    workflow.perform("submit", ru, people["translator"])
    page = signed_in(people["editor"]).get(reverse("admin:index")).content.decode()
    waiting = page.split("Waiting for your review", 1)[1].split("</section>", 1)[0]
    assert ru.title in waiting
    assert "a new draft of the live text" in waiting
    mine = signed_in(people["translator"]).get(reverse("admin:index")).content
    assert "a new draft of the live text (in review)" in mine.decode()


def test_a_change_to_a_public_statements_shared_facts_is_on_the_record(people, live):
    client = signed_in(people["editor"])
    url = reverse("admin:statements_statement_change", args=[live.pk])
    data = form_data(client.get(url))
    data["hero_image_caption_en"] = "A new caption."
    for key in [k for k in data if k.endswith("-change_kind")]:
        data[key] = "minor"
    response = client.post(url, data)
    assert response.status_code == 302, error_texts(response)
    entry = AuditEntry.objects.get(action=AuditAction.FACTS_CHANGED)
    assert "hero_image_caption" in entry.detail and entry.username == "editor"


def test_view_on_site_only_for_what_readers_can_open(people, live):
    client = signed_in(people["editor"])
    page = client.get(reverse("admin:statements_statement_change", args=[live.pk]))
    assert f'href="/en/statements/{live.slug}/"' in page.content.decode()
    ru = live.versions.get(language="ru")
    page = client.get(version_url(ru)).content.decode()
    assert f'href="/ru/statements/{live.slug}/"' in page
    hidden = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    page = client.get(reverse("admin:statements_statement_change", args=[hidden.pk]))
    assert "View on site" not in page.content.decode()


def test_the_list_delete_action_cannot_remove_a_public_statement(people, live):
    """Django's own "Delete selected" action is a door too."""
    client = signed_in(make_staff(EDITOR, "chief2", is_superuser=True))
    response = client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403)
    assert Statement.objects.filter(pk=live.pk).exists()
    assert StatementVersion.objects.filter(statement=live).count() == 2
