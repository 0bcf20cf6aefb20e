"""A prepared page (statements.public.prepared) never shows stale text or a draft.

Each test reads a page once, so that its article is stored, then makes one
kind of change and reads it again with the page cache emptied: the reader
must see the change, whatever was stored before.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.roles import EDITOR
from statements import workflow
from statements.models import (
    Attachment,
    Correction,
    PreparedArticle,
    StatementVersion,
    VersionStatus,
)
from statements.public import prepared, queries
from tests.factories import (
    image_upload,
    make_staff,
    make_statement,
    make_topic,
    pdf_upload,
)
from tests.statements.test_import_statements import (  # noqa: F401
    existing,
    folder,
    valid_data,
)

pytestmark = pytest.mark.django_db


def read(statement, language="en"):
    """The page as a reader gets it when the page cache has nothing."""
    cache.clear()
    response = Client().get(f"/{language}/statements/{statement.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def prepared_read(statement, language="en"):
    """The page read twice: the second time from its stored page."""
    first = read(statement, language)
    version = statement.versions.get(language=language)
    assert PreparedArticle.objects.filter(version=version).exists()
    second = read(statement, language)
    assert second == first
    return second


def templates_loaded(monkeypatch):
    """The names of the templates loaded from now on, as a list that grows."""
    from django.template import loader

    loaded = []
    real = loader.get_template
    monkeypatch.setattr(
        loader,
        "get_template",
        lambda name, *a, **k: loaded.append(name) or real(name, *a, **k),
    )
    return loaded


@pytest.fixture
def editors():
    return make_staff(EDITOR, "editor"), make_staff(EDITOR, "editor2")


@pytest.fixture
def live():
    topic = make_topic(name={"en": "Prisons"})
    statement = make_statement(languages=["en", "ru"], topics=[topic])
    return statement


def test_the_stored_article_is_what_the_page_showed(live):
    """A page from its stored page is the page rendered in full."""
    full = read(live)
    assert "The body of the statement." in full
    assert "Prisons" in full
    assert prepared_read(live) == full


def test_a_new_approved_draft_shows_and_a_working_draft_never_does(live, editors):
    en = live.versions.get(language="en")
    prepared_read(live)
    workflow.save_draft(
        en,
        editors[0],
        {"title": en.title, "body": "<p>Draft text.</p>", "change_kind": "minor"},
    )
    assert "Draft text." not in prepared_read(live)
    workflow.perform("submit", en, editors[0])
    assert "Draft text." not in prepared_read(live)
    workflow.perform("approve", en, editors[1])
    text = read(live)
    assert "Draft text." in text
    assert "The body of the statement." not in text


def test_a_discarded_draft_never_shows(live, editors):
    en = live.versions.get(language="en")
    workflow.save_draft(en, editors[0], {"title": en.title, "body": "<p>Gone.</p>"})
    prepared_read(live)
    workflow.perform("discard", en, editors[0])
    text = prepared_read(live)
    assert "Gone." not in text
    assert "The body of the statement." in text


def test_a_correction_shows(live):
    prepared_read(live)
    en = live.versions.get(language="en")
    Correction.objects.create(version=en, note="The date was wrong.")
    assert "The date was wrong." in read(live)


def test_withdrawal_and_reinstatement_show(live, editors):
    prepared_read(live)
    workflow.withdraw(live, editors[0], {"en": "Superseded.", "ru": "Заменено."})
    assert "Superseded." in prepared_read(live)
    live.refresh_from_db()
    workflow.reinstate(live, editors[0])
    assert "Superseded." not in read(live)


def test_attachments_added_and_removed_show(live):
    prepared_read(live)
    attachment = Attachment.objects.create(
        statement=live, file=pdf_upload(), title={"en": "Signed letter"}
    )
    assert "Signed letter" in prepared_read(live)
    attachment.delete()
    assert "Signed letter" not in read(live)


def test_a_new_hero_alt_text_shows(live):
    live.hero_image = image_upload()
    live.hero_image_alt = {"en": "A courtroom"}
    live.save()
    assert "A courtroom" in prepared_read(live)
    live.refresh_from_db()
    live.hero_image_alt = {"en": "An empty cell"}
    live.save()
    text = read(live)
    assert "An empty cell" in text
    assert "A courtroom" not in text


def test_renamed_topic_and_person_show(live):
    prepared_read(live)
    topic = live.topics.get()
    topic.name = {"en": "Places of detention"}
    topic.save()
    assert "Places of detention" in prepared_read(live)
    person = live.issued_by
    person.name = {"en": "Sabina Aliyeva"}
    person.save()
    assert "Sabina Aliyeva" in read(live)


def test_a_restored_revision_is_a_draft_until_approved(live, editors):
    import reversion
    from reversion.models import Version

    en = live.versions.get(language="en")
    with reversion.create_revision():
        en.body = "<p>Old wording.</p>"
        en.save()
    with reversion.create_revision():
        en.refresh_from_db()
        en.body = "<p>New wording.</p>"
        en.save()
    old = Version.objects.get_for_object(en).order_by("pk").first()
    assert "New wording." in prepared_read(live)
    workflow.restore_revision(en, old, editors[0])
    assert "Old wording." not in prepared_read(live)
    workflow.save_draft(en, editors[0], {"change_kind": "minor"})
    workflow.perform("submit", en, editors[0])
    workflow.perform("approve", en, editors[1])
    assert "Old wording." in read(live)


def test_the_original_taken_off_hides_its_link(live):
    """ "Read the original" follows the original's availability, even when it
    changes without any signal (no stamp moved)."""
    link = 'hreflang="en">'
    assert link in prepared_read(live, "ru")
    # What "public" reads (StatementVersion.objects.published), written
    # around the signals.
    StatementVersion.objects.filter(statement=live, language="en").update(
        released_at=None
    )
    assert link not in read(live, "ru")


def test_an_unpublished_original_takes_the_page_off(live):
    prepared_read(live, "ru")
    en = live.versions.get(language="en")
    en.status = VersionStatus.DRAFT
    en.save()
    cache.clear()
    assert Client().get(f"/ru/statements/{live.slug}/").status_code == 404


def test_a_render_that_read_old_data_is_never_current(live, monkeypatch):
    """A change that commits between a render's read and its store: the
    article stored is the old one, under the old stamps, and the next reader
    sees the change."""
    real = prepared.prepare

    def change_meanwhile(request, page, context):
        StatementVersion.objects.filter(pk=page.version.pk).update(title="Late")
        # What every writer does in the change's transaction.
        prepared.changed(page.version.statement_id)
        return real(request, page, context)

    monkeypatch.setattr(prepared, "prepare", change_meanwhile)
    assert "Late" not in read(live)
    monkeypatch.setattr(prepared, "prepare", real)
    assert "Late" in read(live)


def test_an_import_shows(folder, existing):  # noqa: F811 - the fixtures above
    """A change written by the importer, whose child rows are bulk-created
    without signals."""
    from statements.exchange.importers import import_statements

    data = valid_data()
    record = data["statements"][1]
    record["publish_at"] = "2025-01-19T10:00:00+04:00"
    record["versions"]["en"]["status"] = "published"
    import_statements(data, folder)
    assert "Wire Service" not in prepared_read(existing)
    coverage = dict(data["statements"][0]["coverage"][0], outlet="Wire Service")
    record["coverage"] = [coverage]
    import_statements(data, folder)
    assert "Wire Service" in read(existing)


def test_preview_never_stores_a_draft(live, editors):
    """Staff preview shows the draft and stores nothing readers could get."""
    en = live.versions.get(language="en")
    workflow.save_draft(en, editors[0], {"title": en.title, "body": "<p>Secret.</p>"})
    page = queries.statement_page(live.slug, "en", preview=True)
    assert page.prepared is None
    assert not PreparedArticle.objects.exists()
    assert "Secret." not in prepared_read(live)


def test_the_office_contact_changed_shows(live):
    """The frame's press contact comes from readers.OfficeContact."""
    from readers.models import OfficeContact

    contact = OfficeContact.current()
    contact.press_email = "press@old.example"
    contact.save()
    assert "press@old.example" in prepared_read(live)
    contact.press_email = "press@new.example"
    contact.save()
    text = read(live)
    assert "press@new.example" in text
    assert "press@old.example" not in text


def test_a_related_statement_retitled_shows(live):
    """What a page shows of other statements is never part of its stored page."""
    other = make_statement(languages=["en"])
    version = other.versions.get(language="en")
    version.title = "Visit to a prison"
    version.save()
    live.related.add(other)
    assert "Visit to a prison" in prepared_read(live)
    version.title = "Visit to a colony"
    version.save()
    text = read(live)
    assert "Visit to a colony" in text
    assert "Visit to a prison" not in text


def test_each_address_gets_its_own_links(live, settings):
    """A page stored as read at one host is never served with that host's
    links at another."""
    settings.ALLOWED_HOSTS = ["ombudsman.example", "mirror.example"]
    cache.clear()
    path = f"/en/statements/{live.slug}/"
    first = Client(HTTP_HOST="ombudsman.example").get(path).content.decode()
    assert f'href="http://ombudsman.example{path}"' in first
    second = Client(HTTP_HOST="mirror.example").get(path).content.decode()
    assert f'href="http://mirror.example{path}"' in second
    assert "ombudsman.example" not in second


def test_a_new_release_renders_the_page_again(live, monkeypatch):
    """A deploy with new templates, translations or static files: no page
    stored by the old code is served."""
    prepared_read(live)
    rendered = []
    real = prepared.prepare
    monkeypatch.setattr(
        prepared,
        "prepare",
        lambda *args: rendered.append(1) or real(*args),
    )
    read(live)
    assert rendered == []
    monkeypatch.setattr(prepared, "_FILES", "the next release")
    read(live)
    assert rendered == [1]
    read(live)
    assert rendered == [1]


def test_a_stored_page_renders_nothing_and_writes_nothing(live, monkeypatch):
    """A stored page is served without rendering the page's template, and
    without writing: one query for the page, one for its related statements,
    one for "More on this topic" (the tests run without a page cache) and
    one for the next scheduled release (the page-cache headers)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepared_read(live)
    cache.clear()
    rendered = templates_loaded(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/en/statements/{live.slug}/")
    assert response.status_code == 200
    assert "statements/statement_detail.html" not in rendered
    assert len(queries) == 4
    assert not [q for q in queries if not q["sql"].lstrip().startswith("SELECT")]


def list_page(language="en", query=""):
    cache.clear()
    response = Client().get(f"/{language}/statements/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_list_card_follows_its_statement(live, monkeypatch):
    """A stored card is used as it is until its statement changes."""

    assert "Statement" in list_page()
    rendered = templates_loaded(monkeypatch)
    list_page()
    assert "statements/includes/statement_card.html" not in rendered
    version = live.versions.get(language="en")
    version.title = "Prison visits in winter"
    version.save()
    assert "Prison visits in winter" in list_page()
    assert "statements/includes/statement_card.html" in rendered


def test_the_list_count_follows_publications_and_issue_times(live, monkeypatch):
    """A stored count changes with a new statement, a withdrawal of one from
    the filtered list, and the moment a scheduled statement is issued."""
    import datetime

    from django.utils import timezone

    from statements.models import StatementKind

    assert "1 statement" in list_page()
    make_statement(languages=["en"])
    assert "2 statements" in list_page()
    later = timezone.now() + datetime.timedelta(hours=2)
    make_statement(languages=["en"], publish_at=later)
    assert "2 statements" in list_page()
    real_now = timezone.now
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + datetime.timedelta(hours=3)
    )
    assert "3 statements" in list_page()
    monkeypatch.setattr(timezone, "now", real_now)
    press = "?kind=press_release"
    assert "No statements match" in list_page(query=press)
    live.kind = StatementKind.PRESS_RELEASE
    live.save()
    assert "1 statement" in list_page(query=press)


def test_a_count_read_before_a_change_is_never_current(live, monkeypatch):
    """A change that commits between the count's stamp read and its store:
    the next reader counts again."""
    from statements.models import ListCount

    real_count = prepared._store_count

    def change_meanwhile(row, read_from):
        make_statement(languages=["en"])
        return real_count(row, read_from)

    monkeypatch.setitem(
        prepared.list_count.__globals__, "_store_count", change_meanwhile
    )
    assert "1 statement" in list_page()
    monkeypatch.setattr(prepared, "_store_count", real_count)
    assert ListCount.objects.get().count == 1
    assert "2 statements" in list_page()


def test_a_new_complaints_address_shows_at_once(live, settings):
    """A setting the page shows is part of what it was rendered with."""
    settings.COMPLAINT_URL = "https://old.example/complaints"
    assert "https://old.example/complaints" in prepared_read(live)
    settings.COMPLAINT_URL = "https://new.example/complaints"
    text = read(live)
    assert "https://new.example/complaints" in text
    assert "https://old.example/complaints" not in text


def test_made_up_filters_store_nothing(live):
    """A year or topic anyone can type in the address leaves no stored count
    or card behind: only real lists are kept."""
    from statements.models import ListCount, PreparedCard

    for query in ("?topic=no-such-topic-1", "?topic=no-such-topic-2", "?year=1901"):
        assert "No statements match" in list_page(query=query)
    assert not ListCount.objects.exists()
    assert not PreparedCard.objects.exists()
    cache.clear()
    assert Client().get("/en/statements/?year=1901&page=2").status_code == 404


def test_a_page_that_cannot_be_stored_is_still_shown(live, monkeypatch, caplog):
    """A database that refuses the write (read-only, full) costs the stored
    page, never the reader's: the page is shown and the operator is told."""
    from django.db import DatabaseError
    from django.db.models import QuerySet

    def refuse(queryset, *args, **kwargs):
        raise DatabaseError("cannot execute INSERT in a read-only transaction")

    monkeypatch.setattr(QuerySet, "bulk_create", refuse)
    assert "The body of the statement." in read(live, "ru")
    assert not PreparedArticle.objects.exists()
    assert "Could not store 1 prepared article." in caplog.text
