"""Who may reach what: unpublished statements, previews, the uploader, export.

Anonymous readers get exactly the same 404 for something unpublished as for
an address that never existed, so not even its existence leaks. (The staff
permission matrix of the admin and the workflow is tested with the workflow,
in tests/statements/.)
"""

import datetime

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse
from django.utils import timezone

from statements.models import SlugRedirect, VersionStatus
from tests.factories import (
    image_bytes,
    make_statement,
    make_user,
    make_version,
)

pytestmark = pytest.mark.django_db

NEVER_EXISTED = "no-such-statement-ever"


def hidden(kind):
    """A statement that is not public, in one of the ways it can be hidden."""
    future = timezone.now() + datetime.timedelta(days=3)
    if kind == "draft":
        return make_statement(languages=["az", "en"], status=VersionStatus.DRAFT)
    if kind == "review":
        return make_statement(languages=["az", "en"], status=VersionStatus.REVIEW)
    if kind == "scheduled":
        return make_statement(languages=["az", "en"], publish_at=future)
    if kind == "unscheduled":
        return make_statement(languages=["az", "en"], publish_at=None)
    if kind == "original-draft":
        statement = make_statement(languages=[], original_language="az")
        make_version(statement, "az", status=VersionStatus.DRAFT)
        make_version(statement, "en")
        return statement
    if kind == "required-language-missing":
        statement = make_statement(languages=["az", "en"], required_languages=["ru"])
        make_version(statement, "ru", status=VersionStatus.REVIEW)
        return statement
    raise ValueError(kind)


HIDDEN_KINDS = [
    "draft",
    "review",
    "scheduled",
    "unscheduled",
    "original-draft",
    "required-language-missing",
]


def normalised(response, slug):
    """A response with the slug taken out, to compare two 404s byte for byte."""
    body = response.content.decode().replace(slug, "SLUG")
    headers = {
        name: value.replace(slug, "SLUG")
        for name, value in response.items()
        if name not in {"Content-Length", "Date", "Expires", "ETag"}
    }
    return response.status_code, headers, body


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_unpublished_statement_is_the_same_404_as_nothing(client, kind, language):
    """An anonymous reader gets the plain 404 page for an unpublished statement,
    byte for byte the page for an address that never existed: no title, no
    "available in other languages", no hint."""
    statement = hidden(kind)
    secret = client.get(f"/{language}/statements/{statement.slug}/")
    nothing = client.get(f"/{language}/statements/{NEVER_EXISTED}/")
    assert secret.status_code == 404
    assert normalised(secret, statement.slug) == normalised(nothing, NEVER_EXISTED)
    for version in statement.versions.all():
        assert version.title not in secret.content.decode()


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_preview_is_the_same_404_as_nothing_for_readers(client, kind):
    """/preview/ of an unpublished statement, asked by someone who is not staff
    (anonymous, then a signed-in non-staff account), is the ordinary 404."""
    statement = hidden(kind)
    for who in ("anonymous", "account"):
        if who == "account":
            client.force_login(make_user())
        secret = client.get(f"/en/statements/{statement.slug}/preview/")
        nothing = client.get(f"/en/statements/{NEVER_EXISTED}/preview/")
        assert secret.status_code == 404
        assert normalised(secret, statement.slug) == normalised(nothing, NEVER_EXISTED)


def test_inactive_staff_cannot_preview(client):
    """A deactivated staff account's session previews nothing."""
    statement = hidden("draft")
    user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get(f"/en/statements/{statement.slug}/preview/").status_code == 404


def test_old_address_of_an_unpublished_statement_does_not_redirect(client):
    """A renamed statement that is not public answers 404 at its old address,
    not a 301 that would reveal the new one."""
    statement = hidden("draft")
    SlugRedirect.objects.create(old_slug="old-secret-name", statement=statement)
    response = client.get("/en/statements/old-secret-name/")
    assert response.status_code == 404
    assert statement.slug not in response.content.decode()
    assert "Location" not in response


def test_missing_language_page_never_lists_an_unpublished_statement(client):
    """The "not in this language" 404, which links existing versions, is only
    for public statements; a draft in another language gets the plain 404."""
    statement = hidden("draft")
    response = client.get(f"/ru/statements/{statement.slug}/")
    nothing = client.get(f"/ru/statements/{NEVER_EXISTED}/")
    assert normalised(response, statement.slug) == normalised(nothing, NEVER_EXISTED)


def test_page_cache_never_serves_a_preview_to_readers(client, settings):
    """With the page cache on, a staff preview leaves nothing a reader can get."""
    settings.PAGE_CACHE_SECONDS = 300
    statement = hidden("draft")
    staff = client
    staff.force_login(make_user(is_staff=True, is_superuser=True))
    assert staff.get(f"/en/statements/{statement.slug}/preview/").status_code == 200
    from django.test import Client

    reader = Client()
    assert reader.get(f"/en/statements/{statement.slug}/").status_code == 404
    assert reader.get(f"/en/statements/{statement.slug}/preview/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/statements/statement/{pk}/change/",
        "/admin/statements/statement/{pk}/history/",
        "/admin/statements/statement/{pk}/delete/",
        "/admin/statements/statement/{pk}/history/compare/?version_id1=1&version_id2=2",
        "/admin/statements/statementversion/{version}/change/",
        "/admin/statements/statementversion/{version}/history/",
    ],
)
def test_admin_addresses_answer_anonymous_readers_without_a_hint(client, path):
    """Anonymous requests for an existing and a made-up id get the same
    redirect to the sign-in page: ids in admin URLs reveal nothing."""
    statement = hidden("draft")
    version = statement.versions.first()
    real = client.get(path.format(pk=statement.pk, version=version.pk))
    fake = client.get(path.format(pk=987654, version=987655))
    assert real.status_code == fake.status_code == 302
    assert real["Location"].startswith("/admin/login/?next=")
    assert fake["Location"].startswith("/admin/login/?next=")


def test_signed_in_non_staff_account_gets_nothing_from_the_admin(client):
    """An active account without staff status is sent to sign in like anyone."""
    statement = hidden("draft")
    client.force_login(make_user())
    response = client.get(f"/admin/statements/statement/{statement.pk}/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# The uploader and its (absent) browser ---------------------------------------


def test_uploader_refuses_anonymous_and_non_staff_and_get(client):
    """The editor's uploader sends anonymous and non-staff requests to sign in,
    and answers a staff GET with 405: it lists nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.png", image_bytes(), "image/png")
    anonymous = client.post("/admin/editor-upload/", {"upload": upload})
    assert anonymous.status_code == 302
    client.force_login(make_user())
    assert client.post("/admin/editor-upload/").status_code == 302
    client.force_login(make_user(is_staff=True))
    assert client.get("/admin/editor-upload/").status_code == 405
    assert not (settings.MEDIA_ROOT / "editor").exists()


@pytest.mark.parametrize(
    "path", ["/ckeditor/upload/", "/ckeditor/browse/", "/admin/ckeditor/browse/"]
)
def test_ckeditor_default_upload_and_browse_views_do_not_exist(client, path):
    """django-ckeditor's own uploader (CSRF-exempt) and file browser are not
    installed: their addresses are 404 even for staff."""
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get(path).status_code == 404
    assert client.post(path).status_code in (404, 405)


def test_editor_is_configured_without_a_file_browser():
    """CKEditor offers no "Browse server" button: nothing lists uploaded files."""
    for config in settings.CKEDITOR_CONFIGS.values():
        assert not any(key.startswith("filebrowserBrowse") for key in config)
    assert "ckeditor_uploader" not in settings.INSTALLED_APPS


def test_export_has_no_address():
    """Exporting is the export_statements management command only (shell access
    on the server); no URL exports, dumps or backs up content."""
    patterns = [str(key) for key in get_resolver().reverse_dict.keys()]
    words = ("export", "dump", "backup", "restore")
    assert not [p for p in patterns if any(word in p.lower() for word in words)]


def test_made_up_export_addresses_are_404_or_sign_in(client):
    """Guessing export addresses gets a 404 (public) or the sign-in page."""
    assert client.get("/en/statements/export/").status_code == 404
    assert client.get("/en/export/").status_code == 404
    response = client.get("/admin/statements/statement/export/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
