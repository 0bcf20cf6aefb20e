"""Issue 16: a translator's one page per statement and language, at desktop
width and on a 375 px phone, from the structure scaffold to "Yes, approve"."""

import os

import pytest

from statements import workflow
from statements.models import Attachment, Statement, VersionStatus
from statements.roles import EDITOR, TRANSLATOR
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


@pytest.mark.parametrize(
    "viewport,language",
    [({"width": 1280, "height": 900}, "en"), ({"width": 375, "height": 812}, "ru")],
    ids=["desktop-en", "phone-ru"],
)
def test_translator_writes_everything_on_one_page_and_the_editor_approves(
    live_server, transactional_db, tabs, viewport, language
):
    journey = Journey(f"16-{language}")
    base = live_server.url
    make_staff(TRANSLATOR, username="translator", languages=["en", "ru"])
    make_staff(EDITOR, username="editor")
    statement = illustrated_statement()
    translator = tabs(viewport=viewport)
    phone = viewport["width"] < 400

    with journey.step(
        "the translator starts from the source's structure",
        translator,
        f"structure-{language}",
    ):
        sign_in(translator, base, "translator")
        translator.goto(
            f"{base}/admin/statements/statementversion/add/"
            f"?statement={statement.pk}&language={language}&structure=1"
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
        "the translator writes the text, the alt text and the attachment title",
        translator,
        f"one-page-filled-{language}",
    ):
        translator.get_by_label("Title:", exact=True).fill(f"Statement in {language}")
        body.clear()
        body.type("The Commissioner presented the annual report.")
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
        assert "Still missing" not in translator.content()
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
