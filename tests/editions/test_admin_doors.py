"""Every admin address, walked by every kind of visitor: nothing but the
workflow's own transitions changes what readers see, and no unpublished text
reaches anyone who may not read it.

The list of addresses is built from the admin's own URL patterns (so a view a
library adds is walked as soon as it is registered), with the public preview
and the editor's uploader beside them.
"""

import re

import pytest
import reversion
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone
from reversion.models import Version

from accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR
from statements import workflow
from statements.models import (
    Commemoration,
    Correction,
    Person,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
)
from tests.factories import (
    make_commemoration,
    make_staff,
    make_statement,
    make_superuser,
    make_topic,
    make_user,
    make_version,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("az", "en", "ru")


def secret(kind, language):
    return f"SECRET{kind}{language.upper()}X"


SECRET_PATTERN = re.compile(r"SECRET(DRAFT|EDITION)(AZ|EN|RU)X")


@pytest.fixture
def site(settings):
    """A public statement (az original) with a working draft in each language,
    and a statement not yet public, each text carrying a marker."""
    settings.LANGUAGE_CODE = "en"
    editor = make_staff(EDITOR, "editor")
    public = make_statement(languages=LANGUAGES, topics=[make_topic()])
    for version in public.versions.all():
        # Two earlier revisions, for history, revision and compare pages.
        for round_ in (1, 2):
            with reversion.create_revision():
                version.refresh_from_db()
                version.body = f"<p>Earlier public text {round_}.</p>"
                version.save()
        workflow.save_draft(
            version,
            editor,
            {
                "title": version.title,
                "summary": secret("EDITION", version.language),
                "body": f"<p>{secret('EDITION', version.language)}</p>",
                "change_kind": "minor",
            },
        )
    # An outdated live translation: its reader-facing notice may go only with
    # an approved draft, not with a translator's "mark as up to date".
    public.versions.filter(language="ru").update(
        outdated_since=timezone.now(), source_text="What the source said before."
    )
    hidden = make_statement(languages=("az",), status=VersionStatus.DRAFT)
    make_version(hidden, "ru", status=VersionStatus.DRAFT)
    for version in hidden.versions.all():
        with reversion.create_revision():
            version.summary = secret("DRAFT", version.language)
            version.body = f"<p>{secret('DRAFT', version.language)}</p>"
            version.save()
    make_commemoration()
    return {"public": public, "hidden": hidden, "editor": editor}


def visitors():
    """(name, user or None, the languages whose unpublished text they may read)."""
    return [
        ("anonymous", None, set()),
        ("staff without permissions", make_user("nobody", is_staff=True), set()),
        ("author", make_staff(AUTHOR, "author"), set(LANGUAGES)),
        (
            "translator into ru",
            make_staff(TRANSLATOR, "translator", languages=["ru"]),
            {"ru", "az"},  # theirs, and the original they translate from
        ),
        ("translator with no language", make_staff(TRANSLATOR, "idle"), set()),
        ("editor", make_staff(EDITOR, "editor-two"), set(LANGUAGES)),
        ("administrator", make_staff(ADMINISTRATOR, "administrator"), set(LANGUAGES)),
        ("superuser", make_superuser("root"), set(LANGUAGES)),
    ]


def what_readers_see():
    """Everything a public page is made of that the workflow guards."""
    # Anything released (scheduled ones too) and every published version: a
    # draft statement coming into being (an anniversary drafted) is not seen.
    return (
        list(
            Statement.objects.filter(released_at__isnull=False)
            .order_by("pk")
            .values_list(
                "pk",
                "slug",
                "publish_at",
                "released_at",
                "reference_number",
                "reference_year",
                "withdrawn_at",
                "withdrawal_reason",
            )
        ),
        list(
            StatementVersion.objects.filter(status=VersionStatus.PUBLISHED)
            .order_by("pk")
            .values_list(
                "pk",
                "status",
                "title",
                "summary",
                "body",
                "released_at",
                "last_substantive_change_at",
                "outdated_since",
            )
        ),
        list(Correction.objects.order_by("pk").values_list("version_id", "note")),
    )


def _object_for(model, site):
    if model is Statement:
        return site["public"]
    if model is StatementVersion:
        return site["public"].versions.get(language="ru")
    return model._default_manager.order_by("pk").first()


def admin_addresses(site):
    """Every admin URL pattern, filled in with real objects."""
    addresses = set()
    for model, model_admin in admin.site._registry.items():
        obj = _object_for(model, site)
        revisions = (
            list(Version.objects.get_for_object(obj).order_by("pk"))
            if obj is not None and reversion.is_registered(model)
            else []
        )
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            path = _fill(pattern, obj, revisions, site)
            if path:
                addresses.add(path)
        # Objects of the other statement and languages, too.
        if model is StatementVersion:
            for version in StatementVersion.objects.all():
                for suffix in ("change", "history"):
                    addresses.add(
                        reverse(
                            f"admin:statements_statementversion_{suffix}",
                            args=[version.pk],
                        )
                    )
        if model is Statement:
            addresses.add(
                reverse("admin:statements_statement_change", args=[site["hidden"].pk])
            )
    for pattern in admin.site.get_urls():
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        if pattern.name == "app_list":
            for label in ("statements", "auth", "accounts"):
                addresses.add(reverse("admin:app_list", args=[label]))
        elif pattern.name == "view_on_site":
            continue  # a redirect to the public page, checked by the public tests
        elif pattern.name != "logout":
            addresses.add(reverse(f"admin:{pattern.name}"))
    for statement in (site["public"], site["hidden"]):
        for language in LANGUAGES:
            addresses.add(f"/{language}/statements/{statement.slug}/preview/")
            addresses.add(
                reverse(
                    "admin:statements_statement_xliff", args=[statement.pk, language]
                )
            )
    addresses.add(reverse("editor_upload"))
    return sorted(addresses)


def _fill(pattern, obj, revisions, site):
    converters = set(pattern.pattern.converters)
    regex_groups = re.compile(str(pattern.pattern)).groups if not converters else 0
    name = f"admin:{pattern.name}"
    try:
        if not converters and not regex_groups:
            return reverse(name)
        if obj is None:
            return None
        if pattern.name.endswith("_revision"):
            return reverse(name, args=[obj.pk, revisions[0].pk]) if revisions else None
        if pattern.name.endswith("_recover"):
            return reverse(name, args=[revisions[0].pk]) if revisions else None
        if pattern.name.endswith("_compare"):
            if len(revisions) < 2:
                return None
            return reverse(name, args=[obj.pk]) + (
                f"?version_id1={revisions[0].pk}&version_id2={revisions[-1].pk}"
            )
        if converters == {"object_id"} or regex_groups == 1:
            return reverse(name, args=[obj.pk])
        if converters == {"object_id", "language"}:
            return reverse(name, kwargs={"object_id": obj.pk, "language": "ru"})
        if converters == {"commemoration_id", "year"}:
            commemoration = Commemoration.objects.first()
            return reverse(name, args=[commemoration.pk, 2030])
        if "id" in converters:
            return reverse(name, args=[obj.pk])
    except Exception as error:  # a pattern this walker cannot fill is a failure
        raise AssertionError(f"cannot fill {pattern.name}: {error}") from error
    raise AssertionError(f"no way to fill {pattern.name} ({converters})")


def visible_secrets(content):
    return {
        (kind, language.lower()) for kind, language in SECRET_PATTERN.findall(content)
    }


def test_the_walker_covers_the_doors_that_matter(site):
    addresses = admin_addresses(site)
    joined = "\n".join(addresses)
    for door in (
        "/history/",
        "/history/compare/",
        "/recover/",
        "/workflow/",
        "/xliff/",
        "/up-to-date/",
        "/preview/",
        "/delete/",
    ):
        assert door in joined, door
    revision = re.compile(r"/history/\d+/$")
    assert any(revision.search(address) for address in addresses)
    assert reverse("editor_upload") in addresses


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_door_changes_what_readers_see_or_leaks_a_draft(site, method):
    addresses = admin_addresses(site)
    before = what_readers_see()
    for name, user, may_read in visitors():
        client = Client()
        if user is not None:
            client.force_login(user)
        for address in addresses:
            data = {"post": "yes", "confirmed": "yes"} if method == "post" else None
            response = getattr(client, method)(address, data)
            content = response.content.decode("utf-8", "replace")
            leaked = {
                (kind, language)
                for kind, language in visible_secrets(content)
                if language not in may_read
            }
            assert not leaked, f"{name} {method.upper()} {address} showed {leaked}"
            assert response.status_code != 500, f"{name} {method.upper()} {address}"
            assert what_readers_see() == before, (
                f"{name} {method.upper()} {address} changed what readers see"
            )


def _post_transition(client, statement, name, version=None, **data):
    payload = {"action": name, "confirmed": "yes", **data}
    if version is not None:
        payload["version"] = version.pk
    return client.post(
        reverse("admin:statements_statement_workflow", args=[statement.pk]), payload
    )


TRANSITION_DATA = {
    "request_changes": {"comment": "Please check the numbers."},
    "publish_anyway": {"reason": "The office closes today."},
    "schedule": {"publish_at": "2030-01-19 10:00"},
    "withdraw": {f"reason_{code}": "Superseded." for code in LANGUAGES},
}


@pytest.mark.parametrize("name", sorted(workflow.TRANSITIONS))
def test_only_those_the_table_allows_take_a_transition(site, name):
    """For every transition and visitor: the table's verdict is what happens."""
    transition = workflow.TRANSITIONS[name]
    for visitor, user, _languages in visitors():
        if user is None:
            continue
        public = Statement.objects.get(pk=site["public"].pk)
        hidden = Statement.objects.get(pk=site["hidden"].pk)
        if transition.subject == "language":
            subjects = [
                (public, public.versions.get(language="ru")),
                (hidden, hidden.versions.get(language="ru")),
            ]
        else:
            subjects = [(public, None), (hidden, None)]
        for statement, version in subjects:
            subject = version or statement
            allowed = transition.allowed(user, subject)
            before = what_readers_see(), _working_states()
            client = Client()
            client.force_login(user)
            response = _post_transition(
                client, statement, name, version, **TRANSITION_DATA.get(name, {})
            )
            after = what_readers_see(), _working_states()
            if not allowed:
                assert response.status_code in (403, 404), (visitor, name)
                assert after == before, (visitor, name, "changed without leave")


def _working_states():
    return list(
        StatementVersion.objects.order_by("pk").values_list(
            "status", "working_draft__status"
        )
    )


def test_the_table_decides_who_may(site):
    """Spot checks of the table itself, in words a reader of it expects."""
    users = {name: user for name, user, _ in visitors()}
    ru = site["public"].versions.get(language="ru")
    table = workflow.TRANSITIONS
    assert table["submit"].allowed(users["translator into ru"], ru)
    assert not table["submit"].allowed(users["translator with no language"], ru)
    assert not table["approve"].allowed(users["translator into ru"], ru)
    assert not table["approve"].allowed(users["author"], ru)
    assert table["approve"].allowed(users["editor"], ru)
    assert not table["withdraw"].allowed(users["author"], site["public"])
    assert table["withdraw"].allowed(users["editor"], site["public"])
    assert not table["schedule"].allowed(
        users["staff without permissions"], site["hidden"]
    )


def test_people_and_topics_pages_exist_for_the_walk(site):
    # The walker fills object pages with the first of each; make sure there is one.
    assert Person.objects.exists() and Topic.objects.exists()
