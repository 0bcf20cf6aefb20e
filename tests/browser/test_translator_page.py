"""Issue 16: a translator's one page per statement and language, at desktop
width and on a 375 px phone, from the structure scaffold to "Yes, approve"."""

import os
import re

import pytest

from accounts.roles import EDITOR, TRANSLATOR
from statements import workflow
from statements.models import Attachment, Statement, VersionStatus
from tests.browser.journey_helpers import (
    Editor,
    Journey,
    follow,
    open_tab,
    sign_in,
)
from tests.browser.test_journeys import workflow_row
from tests.factories import image_upload, make_staff, make_statement, pdf_upload

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

SOURCE_BODY = (
    '<p>Müvəkkil <a href="https://ombudsman.az/az/reports/2025">illik məruzəni</a> '
    "təqdim etdi.</p>"
    '<p><img src="/media/editor/wide.png" alt="Geniş şəkil" width="1600" '
    'height="400"></p>'
)
NAMES = {"en": "English", "ru": "Russian"}


@pytest.fixture
def tabs(browser):
    contexts = []
    yield lambda **options: open_tab(browser, contexts, **options)
    for context in contexts:
        context.close()


def illustrated_statement():
    from django.conf import settings

    from tests.factories import image_bytes

    wide = settings.MEDIA_ROOT / "editor" / "wide.png"
    wide.parent.mkdir(parents=True, exist_ok=True)
    wide.write_bytes(image_bytes(size=(1600, 400)))
    statement = make_statement(languages=["az"])
    statement.versions.update(body=SOURCE_BODY)
    statement.hero_image = image_upload("candles.png", size=(960, 540))
    statement.hero_image_alt = {"az": "Şamlar"}
    statement.save()
    Attachment.objects.create(
        statement=statement, file=pdf_upload(), title={"az": "İmzalı nüsxə"}
    )
    workflow.give_reference_if_ready(statement)
    return Statement.objects.get(pk=statement.pk)


PAGE_WIDTH = "() => document.documentElement.scrollWidth"
EARLIER_AZ = "Müvəkkil Aparatı şəhid ailələrinin bütün müraciətlərinə diqqətlə baxır."
EARLIER = {
    "en": "The Office of the Commissioner carefully considers every appeal "
    "from the families of the martyrs.",
    "ru": "Аппарат Уполномоченного внимательно рассматривает каждое обращение "
    "семей шехидов.",
}
NEW_AZ = "Müvəkkil Aparatı şəhid ailələrinin müraciətlərinə diqqətlə baxır."
TERMS = {"az": "Müvəkkil", "en": "Commissioner", "ru": "Уполномоченный"}
OWN_WORDS = {
    "en": ("The Ombudsman presented the report.", "The Commissioner presented it."),
    "ru": ("Омбудсмен представил доклад.", "Уполномоченный представил доклад."),
}


def earlier_translation():
    """An approved statement whose paragraph the memory offers."""
    from statements.translating import tracking
    from tests.factories import make_version

    earlier = make_statement(languages=[], original_language="az")
    make_version(earlier, "az", body=f"<p>{EARLIER_AZ}</p>")
    for code, text in EARLIER.items():
        version = make_version(earlier, code, body=f"<p>{text}</p>")
        tracking.bring_up_to_date(version)


@pytest.mark.parametrize(
    "viewport,language",
    [({"width": 1280, "height": 900}, "en"), ({"width": 375, "height": 812}, "ru")],
    ids=["desktop-en", "phone-ru"],
)
def test_translator_writes_everything_on_one_page_and_the_editor_approves(
    live_server, transactional_db, tabs, viewport, language
):
    from statements.models import Term

    journey = Journey(f"16-{language}")
    base = live_server.url
    make_staff(TRANSLATOR, username="translator", languages=["en", "ru"])
    make_staff(EDITOR, username="editor")
    Term.objects.create(texts=TERMS)
    earlier_translation()
    statement = illustrated_statement()
    statement.versions.update(body=SOURCE_BODY + f"<p>{NEW_AZ}</p>")
    translator = tabs(viewport=viewport)
    phone = viewport["width"] < 400
    first, fixed = OWN_WORDS[language]

    with journey.step(
        "the translator opens the work from the queue and starts from the "
        "source's structure",
        translator,
        f"structure-{language}",
    ):
        sign_in(translator, base, "translator")
        queue = translator.locator(
            "section",
            has=translator.get_by_role("heading", name="Waiting in your languages"),
        )
        item = queue.locator("li", has_text=f"[{language}]").filter(
            has_text=statement.title()
        )
        follow(translator, item.get_by_role("link"))
        follow(
            translator,
            translator.get_by_role("link", name=re.compile("Start with the source")),
        )
        body = Editor(translator, "id_body").wait()
        scaffold = body.html()
        assert 'href="https://ombudsman.az/az/reports/2025"' in scaffold, scaffold
        assert 'alt=""' in scaffold and "Geniş şəkil" not in scaffold, scaffold
        # The image fits the editor, however narrow the column.
        widths = translator.evaluate(
            """() => {
                const frame = document.querySelector('#cke_id_body iframe');
                const img = frame.contentDocument.querySelector('img');
                return [img.getBoundingClientRect().width,
                        frame.contentDocument.documentElement.clientWidth];
            }"""
        )
        assert widths[0] <= widths[1], widths
        # The term is marked in the source with its approved translation.
        mark = translator.locator(".side-by-side__text mark.term").first
        assert mark.get_attribute("title") == TERMS[language]

    with journey.step(
        "the page fits the screen", translator, f"translation-page-{language}"
    ):
        width = translator.evaluate(PAGE_WIDTH)
        assert width <= viewport["width"], f"the page is {width} px wide"
        if phone:
            save = translator.get_by_role("button", name="Save and submit for review")
            save.scroll_into_view_if_needed()
            box = save.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, box

    with journey.step(
        "the translator writes in their own words and saves: a term is flagged",
        translator,
        f"term-flagged-{language}",
    ):
        translator.get_by_label("Title:", exact=True).fill(f"Statement {language}")
        body.clear()
        body.paragraph(first)
        follow(
            translator,
            translator.get_by_role("button", name="Save and continue editing"),
        )
        terms = translator.locator(".translation-aids--terms")
        assert "Not found in your text" in terms.inner_text()
        assert translator.evaluate(PAGE_WIDTH) <= viewport["width"]

    with journey.step(
        "the translator fixes the term, inserts a memory match, fills the alt "
        "text and the attachment title, and submits from the same page",
        translator,
        f"memory-{language}",
    ):
        body = Editor(translator, "id_body").wait()
        body.replace_paragraph(first, fixed)
        body.click_end()
        memory = translator.locator(".translation-aids--memory")
        assert "% match" in memory.inner_text()
        segment = memory.locator(".memory__segment").filter(has_text=NEW_AZ)
        segment.get_by_role("button", name="Insert").first.click()
        assert EARLIER[language] in body.text()
        translator.get_by_label("Hero image text alternative").fill("Candles")
        translator.get_by_label("Attachment “İmzalı nüsxə”: its title").fill(
            "Signed copy"
        )
        follow(
            translator,
            translator.get_by_role("button", name="Save and submit for review"),
        )
        version = statement.versions.get(language=language)
        assert version.status == VersionStatus.REVIEW
        assert fixed in version.body and EARLIER[language] in version.body
        page = translator.content()
        assert "Still missing" not in page
        assert "Check these terms" not in page
        assert "Not found in your text" not in page
        assert translator.evaluate(PAGE_WIDTH) <= viewport["width"]

    editor = tabs(viewport=viewport)
    with journey.step(
        "the editor approves without a surprise", editor, f"approve-{language}"
    ):
        sign_in(editor, base, "editor")
        editor.goto(f"{base}/admin/statements/statement/{statement.pk}/change/")
        row = workflow_row(editor, NAMES[language])
        follow(editor, row.get_by_role("button", name="Approve"))
        assert "Still missing" not in editor.content()
        follow(editor, editor.get_by_role("button", name="Yes, approve"))
        assert statement.versions.get(language=language).status == (
            VersionStatus.PUBLISHED
        )
    statement.refresh_from_db()
    assert statement.hero_image_alt[language] == "Candles"
