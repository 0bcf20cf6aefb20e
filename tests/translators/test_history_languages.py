"""Issue 16: the history, comparison and revision pages in the admin's
language (django-reversion-compare ships no Azerbaijani or Russian)."""

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from accounts.roles import EDITOR
from tests.factories import make_staff, make_statement

pytestmark = pytest.mark.django_db

ENGLISH_LEFT_OVER = [
    "Choose a date",
    "Comment",
    "Compare",
    "Go back to history list",
    "Revert to this version",
    "time since that date",
    "Edit comment",
    "search document",
    "lock version",
]
EXPECTED = {
    "az": ["Müqayisə", "Tarix və vaxt", "Yadda saxlayan"],
    "ru": ["Сравнение", "Дата и время", "Сохранил(а)"],
}


@pytest.mark.parametrize("language", ["az", "ru"])
def test_history_and_comparison_speak_the_admins_language(language):
    statement = make_statement(languages=["az"])
    version = statement.versions.get()
    for title in ("Birinci", "İkinci"):
        with reversion.create_revision():
            version.title = title
            version.save()
    client = Client()
    client.force_login(make_staff(EDITOR, "editor"))
    client.cookies["django_language"] = language
    history = client.get(
        reverse("admin:statements_statementversion_history", args=[version.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    ids = list(Version.objects.get_for_object(version).values_list("pk", flat=True))
    compare = client.get(
        reverse("admin:statements_statementversion_compare", args=[version.pk]),
        {"version_id1": ids[-1], "version_id2": ids[0]},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    main = [page.split('id="content-main"', 1)[1] for page in (history, compare)]
    for text in ENGLISH_LEFT_OVER:
        assert all(text not in part for part in main), text
    for text in EXPECTED[language]:
        assert text in history + compare, text
