"""Staff preview, the audit of sign-ins, and revisions kept for every save."""

import pytest
import reversion
from reversion.models import Version

from accounts.roles import AUTHOR, TRANSLATOR
from statements.models import AuditAction, AuditEntry, StatementVersion, VersionStatus
from tests.factories import make_staff, make_statement, make_user

pytestmark = pytest.mark.django_db


def test_staff_preview_shows_a_draft_never_cached(client):
    """An author previews a draft exactly as readers would see it, noindex."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    client.force_login(make_staff(AUTHOR))
    response = client.get(f"/en/statements/{statement.slug}/preview/")
    content = response.content.decode()
    assert response.status_code == 200
    assert statement.versions.get().title in content
    assert "Preview for staff. This version is: draft." in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["anonymous", "reader account"])
def test_preview_is_404_for_everyone_else(client, who):
    """Anonymous readers and non-staff accounts get a plain 404, no hint."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    if who == "reader account":
        client.force_login(make_user())
    response = client.get(f"/en/statements/{statement.slug}/preview/")
    assert response.status_code == 404
    assert statement.versions.get().title not in response.content.decode()


def test_preview_of_a_language_without_a_version_is_404(client):
    """Preview cannot invent a version that does not exist."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    client.force_login(make_staff(TRANSLATOR))
    assert client.get(f"/ru/statements/{statement.slug}/preview/").status_code == 404


def test_sign_ins_and_failures_are_audited(client):
    """A good and a bad sign-in are both recorded, without the password."""
    make_user(username="maryam", password="correct horse battery", is_staff=True)
    client.post(
        "/admin/login/", {"username": "maryam", "password": "wrong password here"}
    )
    client.post(
        "/admin/login/", {"username": "maryam", "password": "correct horse battery"}
    )
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "username"))
    assert entries == [
        (AuditAction.LOGIN_FAILED, "maryam"),
        (AuditAction.LOGGED_IN, "maryam"),
    ]
    assert not AuditEntry.objects.filter(detail__contains="wrong").exists()


def test_each_save_in_a_revision_block_is_kept_and_restorable():
    """Two saves give two revisions; reverting brings the old title back."""
    statement = make_statement(languages=["en"])
    version = statement.versions.get()
    with reversion.create_revision():
        version.title = "First title"
        version.save()
    with reversion.create_revision():
        version.title = "Second title"
        version.save()
    history = Version.objects.get_for_object(version)
    assert len(history) == 2
    history[1].revision.revert()
    assert StatementVersion.objects.get(pk=version.pk).title == "First title"
