"""Issue 16: the translation memory and the term base beside the source."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import EDITOR, TRANSLATOR
from statements.models import Term, VersionStatus
from statements.translating import memory, tracking
from tests.factories import make_staff, make_statement, make_version

pytestmark = pytest.mark.django_db

SOURCE = (
    "<p>Müvəkkil 20 Yanvar faciəsinin qurbanlarının xatirəsini ehtiramla yad edir.</p>"
    "<p>Bu il yeni hesabat təqdim olunur.</p>"
)
ENGLISH = (
    "<p>The Commissioner respectfully honours the memory of the victims of the "
    "tragedy of 20 January.</p><p>This year a new report is presented.</p>"
)


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def translated_before():
    """An approved English translation of an Azerbaijani statement."""
    statement = make_statement(languages=[], original_language="az")
    make_version(statement, "az", title="Bəyanat", body=SOURCE)
    en = make_version(statement, "en", title="Statement", body=ENGLISH)
    tracking.bring_up_to_date(en)
    return statement


def new_source(body):
    statement = make_statement(languages=[], original_language="az")
    make_version(statement, "az", title="Yeni bəyanat", body=body)
    return statement


def test_memory_offers_the_approved_translation_of_a_similar_paragraph(
    translated_before,
):
    statement = new_source(
        "<p>Müvəkkil 20 Yanvar faciəsinin bütün qurbanlarının xatirəsini ehtiramla "
        "yad edir.</p><p>Tamamilə başqa bir abzas.</p>"
    )
    source = statement.versions.get(language="az")
    found = memory.suggestions(source, "en", exclude_statement=statement)
    by_index = {s.index: s for s in found}
    # The shared lead (index 1) matches exactly; the new paragraph does not.
    assert set(by_index) == {1, 2}
    assert by_index[1].matches[0][0] == 100
    score, _source, target = by_index[2].matches[0]
    assert 75 <= score < 100
    assert target.startswith("The Commissioner respectfully honours")

    client = signed_in(make_staff(TRANSLATOR, "t", languages=["en"]))
    page = client.get(
        reverse("admin:statements_statementversion_add"),
        {"statement": statement.pk, "language": "en"},
    ).content.decode()
    assert "Translation memory" in page
    assert f"{score}% match" in page
    assert 'data-memory-insert="The Commissioner respectfully honours' in page


def test_memory_ignores_drafts_and_outdated_translations(translated_before):
    en = translated_before.versions.get(language="en")
    en.status = VersionStatus.DRAFT
    en.save()
    source = new_source(SOURCE).versions.get(language="az")
    assert memory.suggestions(source, "en", exclude_statement=source.statement) == []


def test_terms_are_marked_in_the_source_and_checked_before_submitting():
    Term.objects.create(
        texts={"az": "Müvəkkil", "en": "Commissioner", "ru": "Уполномоченный"}
    )
    statement = new_source(SOURCE)
    en = make_version(
        statement,
        "en",
        status=VersionStatus.DRAFT,
        title="Statement",
        body="<p>The Ombudsman honours the memory of the victims.</p>",
    )
    client = signed_in(make_staff(TRANSLATOR, "t", languages=["en"]))
    url = reverse("admin:statements_statementversion_change", args=[en.pk])
    page = client.get(url).content.decode()
    assert '<mark class="term" title="Commissioner">Müvəkkil</mark>' in page
    assert "Not found in your text: check it before you submit." in page

    from tests.statements.test_admin import form_data

    data = form_data(client.get(url), form_id="statementversion_form")
    data["_save_and_submit"] = "Save and submit for review"
    response = client.post(url, data, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert (
        "Check these terms: their approved translation is not in the text: "
        "Müvəkkil → Commissioner." in texts
    )
    # Fixed: the term is used (in an inflected form too), the flag goes.
    en.refresh_from_db()
    assert en.status == VersionStatus.REVIEW
    uses = memory.terms_in(
        "Müvəkkilin bəyanatı", "az", "ru", "Заявление Уполномоченного"
    )
    assert [(u.source, u.found_in_translation) for u in uses] == [("Müvəkkil", True)]


def test_editors_keep_the_term_base_and_translators_read_it():
    editor = signed_in(make_staff(EDITOR, "e"))
    add = reverse("admin:statements_term_add")
    assert editor.get(add).status_code == 200
    translator = signed_in(make_staff(TRANSLATOR, "t", languages=["en"]))
    assert translator.get(add).status_code == 403
    terms = reverse("admin:statements_term_changelist")
    assert translator.get(terms).status_code == 200
