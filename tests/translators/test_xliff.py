"""XLIFF as a CAT tool uses it (issue 16): inline markup as placeholders, an
untranslated unit reported, a file with a DOCTYPE refused, and a published
version's import written as its working draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from translate.storage import xliff

from accounts.roles import TRANSLATOR
from statements.models import VersionStatus, WorkingDraft
from tests.factories import make_staff, make_statement, make_version

pytestmark = pytest.mark.django_db

BODY = (
    '<p>See <a href="https://ombudsman.az/report">the <strong>annual</strong> '
    "report</a> and <em>this</em>.<br>Next line.</p><h2>Findings</h2>"
)
RUSSIAN = {
    "Visit": "Посещение",
    "A short lead.": "Краткое вступление.",
    "See ": "См. ",
    "the ": "",
    "annual": "ежегодный",
    " report": " доклад",
    " and ": " и ",
    "this": "это",
    ".": ".",
    "Next line.": "Следующая строка.",
    "Findings": "Выводы",
}


@pytest.fixture
def translator():
    client = Client()
    client.force_login(make_staff(TRANSLATOR, "translator", languages=["ru"]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def statement():
    statement = make_statement(languages=[], original_language="en")
    make_version(statement, "en", title="Visit", body=BODY)
    return statement


def cat_tool(content, words, skip=()):
    """What a CAT tool does: read the file, translate each unit's text between
    the placeholders it protects, write the file back."""
    store = xliff.xlifffile.parsestring(content)

    def translate(element):
        if isinstance(element, str):
            return words.get(element, element)
        element = element.copy()
        element.sub = [translate(sub) for sub in element.sub]
        return element

    for unit in store.units:
        if unit.isheader() or unit.xmlelement.get("id") in skip:
            continue
        unit.rich_target = [translate(elem) for elem in unit.rich_source]
    return bytes(store)


def send(client, statement, content, **extra):
    url = reverse("admin:statements_statement_xliff", args=[statement.pk, "ru"])
    upload = SimpleUploadedFile("t.xlf", content)
    response = client.post(url, {"file": upload, **extra}, follow=True)
    return [str(m) for m in response.context["messages"]]


def export(client, statement):
    url = reverse("admin:statements_statement_xliff", args=[statement.pk, "ru"])
    return client.get(url).content


def test_links_bold_italic_and_breaks_travel_as_placeholders(translator, statement):
    exported = export(translator, statement)
    text = exported.decode()
    assert '<g id="1">the <g id="2">annual</g> report</g>' in text
    assert '<g id="3">this</g>' in text and '<x id="4"/>' in text
    # The address is not in the file for a tool to lose or alter.
    assert "ombudsman.az" not in text
    assert send(translator, statement, cat_tool(exported, RUSSIAN)) == [
        "The translation was imported as a draft."
    ]
    ru = statement.versions.get(language="ru")
    assert ru.body == (
        '<p>См. <a href="https://ombudsman.az/report" rel="noopener noreferrer">'
        "<strong>ежегодный</strong> доклад</a> и <em>это</em>."
        "<br>Следующая строка.</p><h2>Выводы</h2>"
    )
    assert ru.summary == "Краткое вступление."
    assert ru.source_language == "en" and ru.source_text


def test_an_untranslated_unit_is_named_and_nothing_is_imported(translator, statement):
    exported = export(translator, statement)
    messages = send(translator, statement, cat_tool(exported, RUSSIAN, skip={"body-2"}))
    assert messages == [
        "Nothing was imported: these units are not translated: body-2 "
        "(“Findings”). Translate them in your tool and export the file again."
    ]
    assert not statement.versions.filter(language="ru").exists()


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "<!DOCTYPE xliff>",
    ],
)
def test_a_file_with_a_doctype_or_entity_is_refused_whole(
    translator, statement, declaration
):
    content = cat_tool(export(translator, statement), RUSSIAN).decode()
    content = content.replace("?>", "?>" + declaration, 1)
    content = content.replace("Выводы", "&secret;")
    assert send(translator, statement, content.encode()) == [
        "The file declares a DOCTYPE or entities, which XLIFF files do not need; "
        "it was refused as a whole. Export it again from your tool."
    ]
    assert not statement.versions.filter(language="ru").exists()


def test_import_into_a_published_version_writes_its_working_draft(
    translator, statement
):
    ru = make_version(statement, "ru", title="Старое", body="<p>Старый текст.</p>")
    assert ru.status == VersionStatus.PUBLISHED
    send(translator, statement, cat_tool(export(translator, statement), RUSSIAN))
    ru.refresh_from_db()
    assert ru.title == "Старое" and ru.body == "<p>Старый текст.</p>"
    draft = WorkingDraft.objects.get(version=ru)
    assert draft.title == "Посещение" and "ежегодный" in draft.body
    assert draft.source_text == statement.versions.get(language="en").plain_text()


def test_alt_text_caption_attachment_titles_and_term_notes_travel_too(
    translator, statement
):
    from statements.models import Attachment, Term
    from tests.factories import image_upload, pdf_upload

    Term.objects.create(texts={"en": "report", "ru": "доклад"})
    statement.hero_image = image_upload("candles.png")
    statement.hero_image_alt = {"en": "Candles"}
    statement.hero_image_caption = {"en": "Baku"}
    statement.save()
    attachment = Attachment.objects.create(
        statement=statement, file=pdf_upload(), title={"en": "Signed copy"}
    )
    exported = export(translator, statement)
    text = exported.decode()
    assert 'id="hero_image_alt"' in text and 'id="hero_image_caption"' in text
    assert f'id="attachment_{attachment.pk}"' in text
    assert "report → доклад" in text
    words = {
        **RUSSIAN,
        "Candles": "Свечи",
        "Baku": "Баку",
        "Signed copy": "Подписанный экземпляр",
    }
    assert send(translator, statement, cat_tool(exported, words)) == [
        "The translation was imported as a draft."
    ]
    statement.refresh_from_db()
    attachment.refresh_from_db()
    assert statement.hero_image_alt == {"en": "Candles", "ru": "Свечи"}
    assert statement.hero_image_caption["ru"] == "Баку"
    assert attachment.title["ru"] == "Подписанный экземпляр"
