"""The admin's front page: each person's waiting work, and coming anniversaries."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import AUTHOR, EDITOR, TRANSLATOR
from statements import workflow
from statements.models import Statement, StatementKind, VersionStatus
from tests.factories import make_commemoration, make_person, make_staff, make_statement

pytestmark = pytest.mark.django_db


def front_page(client, user):
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_editor_sees_what_waits_for_review_and_what_is_scheduled(client):
    """Another person's submission and a scheduled statement are listed."""
    author, editor = make_staff(AUTHOR), make_staff(EDITOR)
    waiting = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = waiting.versions.get()
    workflow.submit(version, author)
    later = make_statement(
        languages=["en"], publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    page = front_page(client, editor)
    review = page.split('id="dash-review"')[1].split("</section>")[0]
    assert version.title in review
    scheduled = page.split('id="dash-scheduled"')[1].split("</section>")[0]
    assert later.versions.get().title in scheduled


def test_author_sees_own_work_and_the_reviewers_comment(client):
    """An author's drafts and sent-back versions appear with the comment."""
    author, editor = make_staff(AUTHOR), make_staff(EDITOR)
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    version = statement.versions.get()
    version.author = author
    version.save()
    workflow.submit(version, author)
    workflow.request_changes(version, editor, "Add the figures.")
    page = front_page(client, author)
    mine = page.split('id="dash-mine"')[1].split("</section>")[0]
    assert version.title in mine and "Add the figures." in mine
    assert 'id="dash-review"' not in page


def test_translator_sees_missing_versions_in_their_languages(client):
    """A Russian translator sees the statement lacking ru, not one lacking az."""
    translator = make_staff(TRANSLATOR, languages=["ru"])
    needs_ru = make_statement(languages=["en", "az"])
    make_statement(languages=["en", "ru"])
    page = front_page(client, translator)
    queue = page.split('id="dash-translate"')[1].split("</section>")[0]
    assert needs_ru.versions.get(language="en").title in queue
    assert "not started" in queue
    assert queue.count("<li>") == 1


def test_upcoming_commemoration_offers_to_draft_this_years_statement(client):
    """One click drafts the anniversary statement with titles in each language."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=20)
    commemoration = make_commemoration(
        date=soon.replace(year=soon.year - 35),
        name={
            "en": "Tragedy of 20 January",
            "az": "20 Yanvar faciəsi",
            "ru": "Трагедия 20 Января",
        },
    )
    make_person()
    editor = make_staff(EDITOR)
    page = front_page(client, editor)
    assert "No statement yet." in page
    response = client.post(
        f"/admin/statements/statement/anniversary/{commemoration.pk}/{soon.year}/"
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.kind == StatementKind.ANNIVERSARY
    assert statement.anniversary_year == soon.year
    titles = dict(statement.versions.values_list("language", "title"))
    assert titles == {
        "en": "Tragedy of 20 January: statement on the 35th anniversary",
        "az": "20 Yanvar faciəsi: 35-ci ildönümü ilə bağlı bəyanat",
        "ru": "Трагедия 20 Января: заявление к 35-й годовщине",
    }
    page = front_page(client, editor)
    assert "This year&#x27;s statement" in page or "This year's statement" in page
    again = client.post(
        f"/admin/statements/statement/anniversary/{commemoration.pk}/{soon.year}/"
    )
    assert again.status_code == 302
    assert Statement.objects.count() == 1


def test_translator_cannot_draft_anniversary_statements(client):
    """Creating statements is not a translator's job: 403."""
    commemoration = make_commemoration()
    make_person()
    client.force_login(make_staff(TRANSLATOR, languages=["ru"]))
    response = client.post(
        f"/admin/statements/statement/anniversary/{commemoration.pk}/2030/"
    )
    assert response.status_code == 403
    assert not Statement.objects.exists()
