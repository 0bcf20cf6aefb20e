"""Issue 16: everything a translator writes for one language on one page, and
what is still missing shown there and to the editor before approval."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import EDITOR, TRANSLATOR
from statements import workflow
from statements.models import Attachment, Statement, VersionStatus, WorkingDraft
from tests.factories import (
    image_upload,
    make_staff,
    make_statement,
    make_version,
    pdf_upload,
)
from tests.statements.test_admin import form_data

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def version_url(version):
    return reverse("admin:statements_statementversion_change", args=[version.pk])


@pytest.fixture
def people():
    return {
        "translator": make_staff(TRANSLATOR, "translator", languages=["ru"]),
        "editor": make_staff(EDITOR, "editor"),
    }


def illustrated(statement):
    """The statement with a hero image and a signed copy, described in English."""
    statement.hero_image = image_upload("candles.png")
    statement.hero_image_alt = {"en": "Candles at the memorial"}
    statement.hero_image_caption = {"en": "Baku, 20 January"}
    statement.save()
    Attachment.objects.create(
        statement=statement, file=pdf_upload("signed.pdf"), title={"en": "Signed copy"}
    )
    return Statement.objects.get(pk=statement.pk)


def confirmation(client, version):
    return client.post(
        reverse("admin:statements_statement_workflow", args=[version.statement_id]),
        {"action": "approve", "version": version.pk},
    )


def test_translation_page_holds_image_attachment_texts_and_lists_what_is_missing(
    people,
):
    statement = illustrated(make_statement(languages=["en"]))
    ru = make_version(statement, "ru", status=VersionStatus.DRAFT, source_language="en")
    client = signed_in(people["translator"])
    page = client.get(version_url(ru)).content.decode()
    assert 'name="hero_image_alt"' in page
    assert 'name="hero_image_caption"' in page
    attachment = statement.attachments.get()
    assert f'name="attachment_{attachment.pk}"' in page
    assert "Attachment “Signed copy”: its title" in page
    assert "Still missing before this language can be published" in page
    assert "The hero image has no text alternative in this language." in page
    assert "The attachment “Signed copy” has no title in this language." in page

    data = form_data(client.get(version_url(ru)), form_id="statementversion_form")
    data["hero_image_alt"] = "Свечи у мемориала"
    data["_save_and_submit"] = "Save and submit for review"
    response = client.post(version_url(ru), data)
    assert response.status_code == 302
    ru.refresh_from_db()
    assert ru.status == VersionStatus.REVIEW
    statement.refresh_from_db()
    # Not public in Russian yet: written at once, English untouched.
    assert statement.hero_image_alt == {
        "en": "Candles at the memorial",
        "ru": "Свечи у мемориала",
    }
    page = client.get(version_url(ru)).content.decode()
    assert "The hero image has no text alternative" not in page
    assert "The attachment “Signed copy” has no title in this language." in page

    # The editor is told before "Yes, approve", not refused after it.
    editor = signed_in(people["editor"])
    page = confirmation(editor, ru).content.decode()
    assert "Yes, approve" in page
    assert "Still missing in this language" in page
    assert "The attachment “Signed copy” has no title in this language." in page
    assert "hero image has no text alternative" not in page
    workflow.approve(ru, people["editor"])
    assert statement.versions.get(language="ru").status == VersionStatus.PUBLISHED


def test_language_texts_of_a_live_translation_wait_for_approval(people):
    statement = illustrated(make_statement(languages=["en", "ru"]))
    statement.hero_image_alt = {**statement.hero_image_alt, "ru": "Свечи"}
    statement.save()
    ru = statement.versions.get(language="ru")
    attachment = statement.attachments.get()
    client = signed_in(people["translator"])
    data = form_data(client.get(version_url(ru)), form_id="statementversion_form")
    data["hero_image_alt"] = "Свечи у мемориала жертвам 20 Января"
    data["hero_image_caption"] = "Баку, 20 января"
    data[f"attachment_{attachment.pk}"] = "Подписанный экземпляр"
    data["_save_and_submit"] = "Save and submit for review"
    assert client.post(version_url(ru), data).status_code == 302

    reader = Client()
    public = reader.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert 'alt="Свечи"' in public
    assert "Подписанный экземпляр" not in public
    statement.refresh_from_db()
    assert statement.hero_image_alt["ru"] == "Свечи"
    draft = WorkingDraft.objects.get(version=ru)
    assert draft.status == "review"
    # The page shows what the translator wrote, not the live text.
    page = client.get(version_url(ru)).content.decode()
    assert "Баку, 20 января" in page
    assert "Still missing" not in page

    workflow.approve(ru, people["editor"])
    public = reader.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert 'alt="Свечи у мемориала жертвам 20 Января"' in public
    assert "Баку, 20 января" in public
    assert "Подписанный экземпляр" in public
    statement.refresh_from_db()
    assert statement.hero_image_alt["en"] == "Candles at the memorial"
    assert Attachment.objects.get().title == {
        "en": "Signed copy",
        "ru": "Подписанный экземпляр",
    }


def test_a_withdrawn_statement_asks_for_the_notice_in_the_translators_language(
    people,
):
    statement = make_statement(languages=["en", "ru"])
    workflow.give_reference_if_ready(statement)
    workflow.withdraw(
        statement, people["editor"], {"en": "Superseded.", "ru": "Заменено."}
    )
    ru = statement.versions.get(language="ru")
    client = signed_in(people["translator"])
    page = client.get(version_url(ru)).content.decode()
    assert 'name="withdrawal_reason"' in page
    assert "Заменено." in page


def test_structure_keeps_link_addresses_and_images_and_empties_their_texts(people):
    statement = make_statement(languages=["az"])
    statement.versions.update(
        body='<p>Bax: <a href="https://ombudsman.az/hesabat">hesabat</a>.</p>'
        '<p><img src="/media/editor/a.png" alt="Şamlar" width="900"></p>'
    )
    client = signed_in(make_staff(TRANSLATOR, "en translator", languages=["en"]))
    response = client.get(
        reverse("admin:statements_statementversion_add"),
        {"statement": statement.pk, "language": "en", "structure": "1"},
    )
    body = response.context["adminform"].form.initial["body"]
    assert 'href="https://ombudsman.az/hesabat"' in body
    assert '<img src="/media/editor/a.png" alt="" width="900">' in body
    assert "Şamlar" not in body and "hesabat<" not in body


def test_demo_translator_has_every_language_and_demo_translations_know_their_source():
    import io

    from django.core.management import call_command

    from statements.models import StaffProfile
    from statements.translating.tracking import source_changed

    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    languages = set(StaffProfile.objects.get(user__username="translator").languages)
    needed = set()
    for statement in Statement.objects.prefetch_related("versions"):
        needed |= {
            v.language
            for v in statement.versions.all()
            if v.language != statement.original_language
        }
    assert needed <= languages
    statement = Statement.objects.get(slug="thirty-fifth-anniversary-of-20-january")
    az = statement.versions.get(language="az")
    assert az.source_language == "en" and az.source_text
    original = statement.versions.get(language="en")
    original.body += "<p>A paragraph added later.</p>"
    original.save()
    assert source_changed(original, substantive=True) == 2
    az.refresh_from_db()
    assert az.outdated_since is not None


def test_a_new_translation_from_the_queue_has_the_language_fields(people):
    statement = illustrated(make_statement(languages=["en"]))
    client = signed_in(people["translator"])
    add = reverse("admin:statements_statementversion_add")
    page = client.get(add, {"statement": statement.pk, "language": "ru"})
    data = form_data(page, form_id="statementversion_form")
    assert "hero_image_alt" in data
    data.update(
        {
            "statement": str(statement.pk),
            "language": "ru",
            "title": "Заявление",
            "hero_image_alt": "Свечи",
        }
    )
    assert client.post(add, data).status_code == 302
    statement.refresh_from_db()
    assert statement.hero_image_alt["ru"] == "Свечи"


def test_demo_term_base_is_loaded_once():
    import io

    from django.core.management import call_command

    from statements.models import Term

    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert Term.objects.filter(texts__en="Commissioner").count() == 1


def test_a_withdrawal_in_one_language_goes_to_the_other_languages_translators(
    people,
):
    statement = make_statement(languages=["az", "ru"])
    workflow.give_reference_if_ready(statement)
    editor = signed_in(people["editor"])
    response = editor.post(
        reverse("admin:statements_statement_workflow", args=[statement.pk]),
        {"action": "withdraw", "confirmed": "yes", "reason_az": "Səhv dərc edilib."},
        follow=True,
    )
    assert "Withdrawn. The page stays up with the notice." in [
        str(m) for m in response.context["messages"]
    ]
    reader = Client()
    page = reader.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert "Səhv dərc edilib." not in page
    assert "Отозвано" in page or "Withdrawn on" in page

    translator = signed_in(people["translator"])
    dashboard = translator.get(reverse("admin:index")).content.decode()
    assert "withdrawn: write the notice in this language" in dashboard
    ru = statement.versions.get(language="ru")
    data = form_data(translator.get(version_url(ru)), form_id="statementversion_form")
    data["withdrawal_reason"] = "Опубликовано по ошибке."
    data["_save_and_submit"] = "Save and submit for review"
    assert translator.post(version_url(ru), data).status_code == 302
    assert (
        "Опубликовано по ошибке."
        not in reader.get(f"/ru/statements/{statement.slug}/").content.decode()
    )
    workflow.approve(ru, people["editor"])
    page = reader.get(f"/ru/statements/{statement.slug}/").content.decode()
    assert "Опубликовано по ошибке." in page
    dashboard = translator.get(reverse("admin:index")).content.decode()
    assert "withdrawn: write the notice in this language" not in dashboard


def test_a_draft_keeps_only_what_the_translator_changed(people):
    """An editor's later change of another text is not undone by approval."""
    statement = illustrated(make_statement(languages=["en", "ru"]))
    statement.hero_image_caption = {**statement.hero_image_caption, "ru": "Баку"}
    statement.save()
    ru = statement.versions.get(language="ru")
    client = signed_in(people["translator"])
    data = form_data(client.get(version_url(ru)), form_id="statementversion_form")
    data["hero_image_alt"] = "Свечи"
    response = client.post(version_url(ru), data)
    from tests.statements.test_admin import error_texts

    assert response.status_code == 302, error_texts(response)
    assert WorkingDraft.objects.get(version=ru).language_fields == {
        "hero_image_alt": "Свечи"
    }
    statement.refresh_from_db()
    statement.hero_image_caption = {**statement.hero_image_caption, "ru": "Баку, 2025"}
    statement.save()
    workflow.approve(ru, people["editor"], publish_anyway=True, reason="test")
    statement.refresh_from_db()
    assert statement.hero_image_alt["ru"] == "Свечи"
    assert statement.hero_image_caption["ru"] == "Баку, 2025"


def test_a_published_language_keeps_its_alt_text(people):
    statement = illustrated(make_statement(languages=["en", "ru"]))
    statement.hero_image_alt = {**statement.hero_image_alt, "ru": "Свечи"}
    statement.save()
    ru = statement.versions.get(language="ru")
    client = signed_in(people["translator"])
    data = form_data(client.get(version_url(ru)), form_id="statementversion_form")
    data["hero_image_alt"] = ""
    response = client.post(version_url(ru), data)
    assert response.status_code == 200
    assert "This language is published: its image needs a text alternative." in (
        response.content.decode()
    )
    assert not WorkingDraft.objects.filter(version=ru).exists()
