"""The workflow in the admin: every role against every action, by button and
by hand-made POST, with locking, corrections, history and the audit log."""

import re

import pytest
from django.urls import reverse
from reversion.models import Version

from accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR
from statements import workflow
from statements.models import (
    AuditAction,
    AuditEntry,
    Correction,
    Statement,
    StatementVersion,
    VersionStatus,
)
from tests.factories import make_staff, make_statement, make_version
from tests.statements.test_admin import error_texts, form_data

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def people():
    return {
        "author": make_staff(AUTHOR, "author"),
        "translator": make_staff(TRANSLATOR, "translator", languages=["ru"]),
        "editor": make_staff(EDITOR, "editor"),
        "editor2": make_staff(EDITOR, "editor2"),
        "administrator": make_staff(ADMINISTRATOR, "administrator"),
    }


def client_for(client, user):
    """Signed in as ``user``, reading the admin in English."""
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def change_url(statement):
    return reverse("admin:statements_statement_change", args=[statement.pk])


def workflow_url(statement):
    return reverse("admin:statements_statement_workflow", args=[statement.pk])


def draft(languages=("en",), **overrides):
    overrides.setdefault("publish_at", None)
    return make_statement(languages=languages, status=VersionStatus.DRAFT, **overrides)


def act(client, statement, action, version=None, **extra):
    data = {"action": action, **extra}
    if version is not None:
        version.refresh_from_db()
        data.update(version=version.pk, lock_version=version.lock_version)
    return client.post(workflow_url(statement), data)


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- the matrix: who may do what -------------------------------------------

MATRIX = [
    # role, action, allowed
    ("author", "submit", True),
    ("author", "approve", False),
    ("author", "publish_anyway", False),
    ("author", "request_changes", False),
    ("author", "schedule", False),
    ("author", "publish_now", False),
    ("author", "withdraw", False),
    ("translator", "approve", False),
    ("translator", "schedule", False),
    ("translator", "withdraw", False),
    ("translator", "publish_now", False),
    ("editor", "approve", True),
    ("editor", "schedule", True),
    ("editor", "publish_now", True),
    ("editor", "withdraw", True),
    ("administrator", "approve", True),
]


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX)
def test_permission_matrix_holds_against_hand_made_posts(
    client, people, role, action, allowed
):
    """Each role may do exactly what the workflow table allows, whatever is POSTed."""
    published = action in ("withdraw",)
    statement = make_statement(
        languages=["en", "ru"],
        status=VersionStatus.PUBLISHED if published else VersionStatus.DRAFT,
    )
    version = statement.versions.get(language="en")
    if action in ("approve", "request_changes"):
        version.status = VersionStatus.REVIEW
        version.submitted_by = people["author"]
        version.save()
    extra = {
        "confirmed": "yes",
        "comment": "Please fix.",
        "publish_at": "2030-01-01T10:00",
        "reason_en": "Postponed.",
        "reason_ru": "Отложено.",
    }
    needs_version = action in ("submit", "approve", "publish_anyway", "request_changes")
    response = act(
        client_for(client, people[role]),
        statement,
        action,
        version if needs_version else None,
        **extra,
    )
    if allowed:
        assert response.status_code == 302, messages_of(response)
    else:
        assert response.status_code == 403


def test_translator_cannot_submit_the_source_text(client, people):
    """The original (en) is not the Russian translator's to submit; ru is."""
    statement = draft(languages=("en", "ru"))
    client_for(client, people["translator"])
    en = statement.versions.get(language="en")
    assert act(client, statement, "submit", en).status_code == 403
    ru = statement.versions.get(language="ru")
    assert act(client, statement, "submit", ru).status_code == 302
    ru.refresh_from_db()
    assert ru.status == VersionStatus.REVIEW


def test_another_statements_version_is_404(client, people):
    """A version id that belongs to another statement is not found here."""
    mine, other = draft(), draft()
    client_for(client, people["editor"])
    response = client.post(
        workflow_url(mine),
        {"action": "submit", "version": other.versions.get().pk},
    )
    assert response.status_code == 404
    assert other.versions.get().status == VersionStatus.DRAFT


def test_anonymous_cannot_reach_the_workflow(client):
    """Without signing in, the workflow answers with the login page."""
    statement = draft()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = act(client, statement, "publish_now", confirmed="yes")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    statement.refresh_from_db()
    assert statement.publish_at is None


# --- the buttons -----------------------------------------------------------


def test_publishing_asks_for_confirmation_then_publishes(client, people):
    """Approve shows a confirmation page; confirming publishes and says so."""
    statement = draft()
    version = statement.versions.get()
    client_for(client, people["author"])
    act(client, statement, "submit", version)
    client_for(client, people["editor"])
    page = act(client, statement, "approve", version)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Approve the English version?" in text
    assert "The statement is not scheduled, so it goes public at once." in text
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW
    done = act(client, statement, "approve", version, confirmed="yes")
    statement.refresh_from_db()
    assert messages_of(done) == [
        f"Approved and public, reference {statement.reference}."
    ]
    assert Statement.objects.published().filter(pk=statement.pk).exists()


def test_editor_sees_buttons_author_sees_submit(client, people):
    """The edit page shows each person the buttons their role allows."""
    statement = draft()
    content = client_for(client, people["author"]).get(change_url(statement))
    text = content.content.decode()
    assert "Submit for review" in text
    assert 'value="schedule"' not in text and 'value="withdraw"' not in text
    text = client_for(client, people["editor"]).get(change_url(statement))
    text = text.content.decode()
    for action in ("schedule", "publish_now"):
        assert f'name="action" value="{action}"' in text
    # Withdrawal is offered once there is something public to withdraw.
    assert 'name="action" value="withdraw"' not in text
    public = make_statement(languages=["en"])
    text = client.get(change_url(public)).content.decode()
    assert 'name="action" value="withdraw"' in text


def test_own_work_needs_publish_anyway_and_is_recorded(client, people):
    """An editor's own submission: approve is refused, publish anyway recorded."""
    statement = draft()
    version = statement.versions.get()
    client_for(client, people["editor"])
    act(client, statement, "submit", version)
    refused = act(client, statement, "approve", version, confirmed="yes")
    assert any("You wrote or submitted this" in m for m in messages_of(refused))
    no_reason = act(client, statement, "publish_anyway", version, confirmed="yes")
    assert "Say why you publish this without another review." in messages_of(no_reason)
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW
    act(
        client,
        statement,
        "publish_anyway",
        version,
        confirmed="yes",
        reason="The Commissioner is the only editor today.",
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.self_approved
    entry = AuditEntry.objects.get(action=AuditAction.SELF_APPROVED)
    assert entry.detail == "The Commissioner is the only editor today."


def test_request_changes_keeps_the_comment(client, people):
    """The comment is stored with the draft and shown on its page."""
    statement = draft()
    version = statement.versions.get()
    client_for(client, people["author"])
    act(client, statement, "submit", version)
    client_for(client, people["editor"])
    act(client, statement, "request_changes", version, comment="Fix the date.")
    content = client.get(change_url(statement)).content.decode()
    assert "Fix the date." in content
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_unpublished_statement_cannot_be_withdrawn(client, people):
    """Withdrawing what never went out is refused with a message."""
    statement = draft()
    client_for(client, people["editor"])
    response = act(client, statement, "withdraw", confirmed="yes", reason_en="x")
    assert any(
        "Only a public statement can be withdrawn" in m for m in messages_of(response)
    )
    statement.refresh_from_db()
    assert statement.withdrawn_at is None


def test_withdraw_asks_a_reason_and_keeps_the_text_on_refusal(client, people):
    """Without any reason it is refused; one language is enough (translators
    write the others, issue 16)."""
    statement = make_statement(languages=["en", "az"])
    client_for(client, people["editor"])
    response = act(client, statement, "withdraw", confirmed="yes", reason_en="  ")
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.withdrawn_at is None
    act(client, statement, "withdraw", confirmed="yes", reason_en="Postponed.")
    statement.refresh_from_db()
    assert statement.withdrawn_at is not None
    assert statement.withdrawal_reason == {"en": "Postponed."}


def test_schedule_from_the_edit_page(client, people):
    """Schedule takes a local date and time (Asia/Baku)."""
    statement = draft()
    client_for(client, people["editor"])
    response = act(client, statement, "schedule", publish_at="2030-01-19T10:00")
    assert messages_of(response) == ["Scheduled: 19 January 2030, 10:00, Baku time."]
    statement.refresh_from_db()
    assert statement.publish_at.isoformat() == "2030-01-19T06:00:00+00:00"


def test_button_from_a_stale_page_is_refused(client, people):
    """Approving after someone changed the version is refused with a message."""
    statement = draft()
    version = statement.versions.get()
    client_for(client, people["author"])
    act(client, statement, "submit", version)
    version.refresh_from_db()
    seen = version.lock_version
    StatementVersion.objects.get(pk=version.pk).save()
    client_for(client, people["editor"])
    response = client.post(
        workflow_url(statement),
        {
            "action": "approve",
            "version": version.pk,
            "lock_version": seen,
            "confirmed": "yes",
        },
    )
    assert any("changed after you opened it" in m for m in messages_of(response))
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW


# --- editing ----------------------------------------------------------------


def test_second_save_is_refused_and_nothing_typed_is_lost(client, people):
    """Two editors open the same statement; the second save is refused, shown
    what the first changed, and keeps their text only when they choose to."""
    statement = make_statement(languages=["en"])
    live_title = statement.versions.get().title
    url = change_url(statement)
    client_for(client, people["editor"])
    first = form_data(client.get(url))
    second = form_data(client.get(url))
    first["versions-0-title"] = "First editor's title"
    first["versions-0-change_kind"] = "minor"
    assert client.post(url, first).status_code == 302
    client_for(client, people["editor2"])
    second["versions-0-title"] = "A careful second title"
    second["versions-0-change_kind"] = "minor"
    response = client.post(url, second)
    assert response.status_code == 200
    text = response.content.decode()
    assert "editor saved this after you opened it" in text, error_texts(response)
    assert "A careful second title" in text
    # What the other person changed, beside one's own text.
    assert f"<del>Title: {live_title}</del>" in text
    assert "<ins>Title: First editor&#x27;s title</ins>" in text
    version = statement.versions.get()
    assert version.working_draft.title == "First editor's title"
    # Saving again as it stands is refused again: keeping one's own text is a
    # choice, not what a second click does.
    again = form_data(response)
    again.pop("versions-0-keep_mine", None)
    again["versions-0-change_kind"] = "minor"
    assert client.post(url, again).status_code == 200
    assert version.working_draft.__class__.objects.get().title == (
        "First editor's title"
    )
    again["versions-0-keep_mine"] = re.search(
        r'name="versions-0-keep_mine" value="(\d+)"', text
    ).group(1)
    kept = client.post(url, again)
    assert kept.status_code == 302, error_texts(kept)
    version.refresh_from_db()
    assert version.working_draft.title == "A careful second title"
    assert version.title == live_title  # readers still see the live text
    entry = AuditEntry.objects.get(action=AuditAction.CONFLICT_OVERRIDDEN)
    assert entry.username == "editor2"


def test_substantive_change_needs_a_correction_note(client, people):
    """A substantive change to a live text is a draft with its note; readers
    see the text and the dated note when another editor approves it."""
    statement = make_statement(languages=["en"])
    url = change_url(statement)
    client_for(client, people["editor"])
    data = form_data(client.get(url))
    data["versions-0-body"] = "<p>The number of injured was 744.</p>"
    missing_kind = client.post(url, data)
    assert "say whether the change is minor or substantive" in " ".join(
        error_texts(missing_kind)
    )
    data["versions-0-change_kind"] = "substantive"
    missing_note = client.post(url, data)
    assert "A substantive change needs a correction note for readers." in (
        error_texts(missing_note)
    )
    data["versions-0-correction_note"] = "The number of injured was corrected."
    assert client.post(url, data).status_code == 302
    public_url = f"/en/statements/{statement.slug}/"
    assert not Correction.objects.exists()
    assert "injured was 744" not in client.get(public_url).content.decode()
    version = statement.versions.get()
    act(client, statement, "submit", version)
    refused = act(client, statement, "approve", version, confirmed="yes")
    assert any("You wrote or submitted this" in m for m in messages_of(refused))
    client_for(client, people["editor2"])
    act(client, statement, "approve", version, confirmed="yes")
    correction = Correction.objects.get()
    assert correction.note == "The number of injured was corrected."
    public = client.get(public_url).content.decode()
    assert "The number of injured was corrected." in public
    assert "injured was 744" in public


def test_minor_change_shows_nothing(client, people):
    """A typo fix on a published version adds no correction note once approved."""
    statement = make_statement(languages=["en"])
    url = change_url(statement)
    client_for(client, people["editor"])
    data = form_data(client.get(url))
    data["versions-0-title"] += " (typo fixed)"
    data["versions-0-change_kind"] = "minor"
    assert client.post(url, data).status_code == 302
    version = statement.versions.get()
    assert not version.title.endswith("(typo fixed)")
    act(client, statement, "submit", version)
    client_for(client, people["editor2"])
    act(client, statement, "approve", version, confirmed="yes")
    assert not Correction.objects.exists()
    version.refresh_from_db()
    assert version.title.endswith("(typo fixed)")


def test_author_cannot_edit_what_is_published(client, people):
    """An author sees a published statement read-only and a POST is refused."""
    statement = make_statement(languages=["en"])
    client_for(client, people["author"])
    page = client.get(change_url(statement))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    data = form_data(client_for(client, people["editor"]).get(change_url(statement)))
    client_for(client, people["author"])
    data["versions-0-title"] = "Changed by the author"
    assert client.post(change_url(statement), data).status_code == 403
    assert statement.versions.get().title != "Changed by the author"


def test_translator_cannot_change_the_statement(client, people):
    """A translator's POST to the statement's own form is refused."""
    statement = draft(languages=("en", "ru"))
    data = form_data(client_for(client, people["editor"]).get(change_url(statement)))
    client_for(client, people["translator"])
    data["slug"] = "taken-over"
    assert client.post(change_url(statement), data).status_code == 403
    statement.refresh_from_db()
    assert statement.slug != "taken-over"


def test_translator_adds_only_their_languages(client, people):
    """A version in a language not assigned is refused, naming the language."""
    statement = draft(languages=("en",))
    url = reverse("admin:statements_statementversion_add")
    client_for(client, people["translator"])
    data = form_data(client.get(url), form_id="statementversion_form")
    data.update(statement=statement.pk, language="az", title="Bəyanat", body="<p>x</p>")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "You are not assigned to translate into Azerbaijani." in error_texts(
        response
    )
    data["language"] = "ru"
    assert client.post(url, data).status_code == 302
    version = statement.versions.get(language="ru")
    assert version.status == VersionStatus.DRAFT
    assert version.author == people["translator"]


def test_translator_cannot_move_a_version_to_another_language(client, people):
    """Changing the language in the POST of an existing version is refused."""
    statement = draft(languages=("en",))
    ru = make_version(statement, "ru", status=VersionStatus.DRAFT)
    url = reverse("admin:statements_statementversion_change", args=[ru.pk])
    client_for(client, people["translator"])
    data = form_data(client.get(url), form_id="statementversion_form")
    data["language"] = "az"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A version's language cannot be changed; add a new version." in (
        error_texts(response)
    )


def test_translator_cannot_edit_another_language(client, people):
    """Opening the English source as a Russian translator is view-only."""
    statement = draft(languages=("en",))
    en = statement.versions.get()
    url = reverse("admin:statements_statementversion_change", args=[en.pk])
    client_for(client, people["translator"])
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"title": "x"}).status_code == 403


# --- people, history and the record -----------------------------------------


@pytest.mark.parametrize("role", ["editor", "author", "translator"])
def test_only_administrators_manage_users(client, people, role):
    """Nobody but an administrator can see or change accounts."""
    client_for(client, people[role])
    assert client.get("/admin/auth/user/").status_code == 403
    user_url = f"/admin/auth/user/{people[role].pk}/change/"
    assert client.post(user_url, {"is_superuser": "on"}).status_code == 403
    people[role].refresh_from_db()
    assert not people[role].is_superuser


def test_administrator_sets_a_translators_languages(client, people):
    """The user page carries the translation languages."""
    client_for(client, people["administrator"])
    url = f"/admin/auth/user/{people['translator'].pk}/change/"
    content = client.get(url).content.decode()
    assert "Translation languages" in content or "translation languages" in content


def test_audit_log_is_readable_not_editable(client, people):
    """Editors read and filter the audit log; nobody can add or change entries."""
    statement = draft()
    version = statement.versions.get()
    client_for(client, people["author"])
    act(client, statement, "submit", version)
    client_for(client, people["editor"])
    listing = client.get("/admin/statements/auditentry/?action=submitted")
    assert listing.status_code == 200
    assert "author" in listing.content.decode()
    assert client.get("/admin/statements/auditentry/add/").status_code == 403
    entry = AuditEntry.objects.get(action=AuditAction.SUBMITTED)
    change = client.post(f"/admin/statements/auditentry/{entry.pk}/change/", {})
    assert change.status_code == 403


def test_history_compares_text_and_restores_as_a_new_revision(client, people):
    """Two saves make two revisions; the diff is text; restoring is audited."""
    statement = make_statement(languages=["en"])
    url = change_url(statement)
    client_for(client, people["editor"])
    version = statement.versions.get()
    for title in ("Version one title", "Version two title"):
        data = form_data(client.get(url))
        data["versions-0-title"] = title
        data["versions-0-body"] = f"<p>{title} body</p>"
        data["versions-0-change_kind"] = "minor"
        assert client.post(url, data).status_code == 302
        workflow.perform("submit", version, people["editor"])
        workflow.perform("approve", version, people["editor2"])
    history = Version.objects.get_for_object(version)
    assert len(history) == 2
    version_url = reverse(
        "admin:statements_statementversion_history", args=[version.pk]
    )
    assert client.get(version_url).status_code == 200
    compare = client.get(
        reverse("admin:statements_statementversion_compare", args=[version.pk]),
        {"version_id1": history[1].pk, "version_id2": history[0].pk},
    )
    text = compare.content.decode()
    assert compare.status_code == 200
    assert "&lt;p&gt;" not in text
    revision_url = reverse(
        "admin:statements_statementversion_revision", args=[version.pk, history[0].pk]
    )
    shown = client.get(revision_url).content.decode()
    assert "Restore as a draft" in shown
    assert client.post(revision_url).status_code == 302
    version.refresh_from_db()
    assert version.working_draft.title == "Version one title"
    assert AuditEntry.objects.filter(action=AuditAction.RESTORED).exists()


def test_changelist_actions_report_what_happened(client, people):
    """Submitting from the list says how many; refusals are named."""
    statements = [draft(), draft()]
    client_for(client, people["author"])
    response = client.post(
        "/admin/statements/statement/",
        {
            "action": "submit_drafts",
            "_selected_action": [s.pk for s in statements],
        },
        follow=True,
    )
    assert "2 versions submitted for review." in messages_of(response)
    client_for(client, people["editor"])
    response = client.post(
        "/admin/statements/statement/",
        {
            "action": "approve_reviewed",
            "_selected_action": [s.pk for s in statements],
        },
        follow=True,
    )
    assert "2 versions approved." in messages_of(response)


def test_workflow_actions_are_revisions_too(client, people):
    """Scheduling from the edit page is kept in the statement's history."""
    statement = draft()
    client_for(client, people["editor"])
    before = Version.objects.get_for_object(statement).count()
    act(client, statement, "schedule", publish_at="2030-01-19T10:00")
    assert Version.objects.get_for_object(statement).count() == before + 1
