"""The four journeys of issue 9, each a person (or two) in a real browser.

1. An author drafts this year's anniversary statement from the dashboard and
   an editor reviews, schedules and publishes it; it appears on its own.
2. A translator translates it side by side; the editor approves; a reader
   switches language; a substantive correction makes the translations
   outdated and the translator brings them up to date.
3. A reader on a phone lands in their language, browses, searches in two
   languages, switches language and downloads the calendar; every page passes
   the accessibility audit.
4. Two editors save the same version; the second is refused and keeps the text.

Every step is wrapped in ``journey.step()``: a failure names the step and what
the person saw. Screenshots of the key steps land in ``test-artifacts/`` or,
with ``SAVE_SCREENSHOTS=docs/screenshots`` (``make screenshots``), in the docs.
"""

import datetime
import os
import re
import time

import pytest
from django.utils import timezone

from accounts.roles import AUTHOR, EDITOR, TRANSLATOR
from statements.models import (
    AuditAction,
    AuditEntry,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)
from tests.browser.journey_helpers import (
    Editor,
    Journey,
    assert_editable,
    baku_minutes_from_now,
    follow,
    open_tab,
    picture,
    sign_in,
)
from tests.factories import make_commemoration, make_person, make_staff

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# here between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

# How long a scheduled statement may take to appear after its minute, and how
# often the reader reloads meanwhile.
APPEARANCE_DEADLINE = datetime.timedelta(minutes=3, seconds=30)
POLL_SECONDS = 5


@pytest.fixture
def tabs(browser):
    """Opens browser windows, each with its own cookies; closes them afterwards."""
    contexts = []

    def opener(**options):
        return open_tab(browser, contexts, **options)

    yield opener
    for context in contexts:
        context.close()


def per_language(az, en, ru):
    return {"az": az, "en": en, "ru": ru}


def commissioner():
    return make_person(
        key="commissioner",
        name=per_language("Səbinə Əliyeva", "Sabina Aliyeva", "Сабина Алиева"),
        role=per_language(
            "İnsan hüquqları üzrə müvəkkil",
            "Commissioner for Human Rights",
            "Уполномоченный по правам человека",
        ),
    )


def commemoration_in_ten_days():
    """A commemoration whose day comes in about ten days, with key figures."""
    soon = timezone.localdate() + datetime.timedelta(days=10)
    return make_commemoration(
        key="day-of-remembrance",
        date=datetime.date(1990, soon.month, min(soon.day, 28)),
        name=per_language("Xatirə günü", "Day of Remembrance", "День памяти"),
        description=per_language(
            "Hər il qeyd olunur.", "Remembered every year.", "Отмечается ежегодно."
        ),
        figures=[
            (per_language("həlak olub", "killed", "погибли"), 150),
            (per_language("yaralanıb", "injured", "ранены"), 744),
            (per_language("saxlanılıb", "detained", "задержаны"), 841),
        ],
    )


def workflow_row(page, language_name):
    """The row of the workflow panel for one language ("Azerbaijani", …)."""
    return page.locator(".workflow-table tbody tr").filter(
        has=page.locator("th", has_text=language_name)
    )


def message(page):
    return " | ".join(page.locator(".messagelist li").all_inner_texts())


# --- 1. author and editor ----------------------------------------------------

AZ_SUMMARY = "Ombudsman Xatirə gününün ildönümü ilə bağlı bəyanat yayıb."
AZ_OPENING = "1990-cı ilin bu günü Bakıda dinc əhaliyə qarşı cinayət törədildi."
AZ_HEADING = "Gecikmiş qiymət"
AZ_LIST = ["150 nəfər həlak olub", "744 nəfər yaralanıb"]
AZ_LINK_TEXT = "BMT-nin hesabatı"
AZ_LINK_URL = "https://example.org/report"
AZ_QUOTE = "Bu faciə heç vaxt unudulmamalıdır."
AZ_FIX = " 841 nəfər isə saxlanılıb."


def test_journey_1_author_and_editor(live_server, transactional_db, tabs, tmp_path):
    """An author drafts this year's anniversary statement from the dashboard,
    writes it in CKEditor with an uploaded image and a hero image, and submits
    it; an editor asks for a change, the author makes it, the editor schedules
    it two minutes ahead and approves it. Until then its address is a 404;
    afterwards it is on the home page, in the list, the feed and the sitemap."""
    journey = Journey(1)
    base = live_server.url
    make_staff(AUTHOR, username="author")
    make_staff(EDITOR, username="editor")
    commissioner()
    commemoration = commemoration_in_ten_days()
    inline_image = picture(tmp_path / "flowers.png", size=(640, 360))
    hero_image = picture(
        tmp_path / "memorial.png", size=(1200, 675), colours=("#22223b", "#9a8c98")
    )

    author = tabs()
    editor = tabs()
    reader = tabs(locale="az-AZ")

    with journey.step(
        "the author signs in and sees the coming commemoration",
        author,
        "author-dashboard",
    ):
        sign_in(author, base, "author")
        panel = author.locator(
            "section",
            has=author.get_by_role(
                "heading", name="Commemorations in the next 60 days"
            ),
        )
        row = panel.locator("li", has_text="Day of Remembrance")
        assert row.count() == 1, panel.inner_text()
        create = row.get_by_role("button", name="Create this year's statement")
        assert create.count() == 1, (
            "the commemoration is listed but offers no “Create this year's "
            f"statement” button: {row.inner_text()!r}"
        )

    with journey.step(
        "the author creates this year's statement from the dashboard",
        author,
        "statement-drafted",
    ):
        follow(author, create)
        assert re.search(r"/admin/statements/statement/\d+/change/$", author.url)
        assert "This year's statement has been drafted." in message(author)
        statement = Statement.objects.get(commemoration=commemoration)
        assert statement.kind == StatementKind.ANNIVERSARY
        assert statement.original_language == "az"

    with journey.step(
        "the author writes the Azerbaijani original in the editor",
        author,
        "body-written",
    ):
        assert author.locator("#id_versions-0-language").input_value() == "az"
        author.locator("#id_versions-0-summary").fill(AZ_SUMMARY)
        body = Editor(author, "id_versions-0-body").wait()
        body.body.click()
        body.paragraph(AZ_OPENING)
        body.upload_image(inline_image, "Qərənfillər və şamlar")
        body.click_end()
        author.keyboard.press("Enter")
        body.format("Heading 2")
        body.paragraph(AZ_HEADING)
        body.button("bulletedlist").click()
        body.paragraph(AZ_LIST[0])
        body.paragraph(AZ_LIST[1])
        author.keyboard.press("Enter")
        body.type("Ətraflı: ")
        body.link(AZ_LINK_TEXT, AZ_LINK_URL)
        author.keyboard.press("Enter")
        body.button("blockquote").click()
        body.type(AZ_QUOTE)
        html = body.html()
        for fragment in ("<h2>", "<ul>", "<li>", "<blockquote>", 'href="https://'):
            assert fragment in html, f"{fragment} is not in the editor's text: {html}"
        body.body.locator("h2").scroll_into_view_if_needed()

    with journey.step(
        "the author sets the hero image and its text alternative", author, "hero-image"
    ):
        author.locator("#id_hero_image").set_input_files(str(hero_image))
        alt = author.get_by_role("group", name="Hero image text alternative")
        alt.get_by_label("Azerbaijani").fill("Xatirə kompleksində qərənfillər")
        alt.get_by_label("English").fill("Carnations at the memorial")
        alt.get_by_label("Russian").fill("Гвоздики у мемориала")
        # The original goes out first; the translations follow when approved.
        required = author.locator("#id_required_languages")
        required.get_by_label("English").uncheck()
        required.get_by_label("Russian").uncheck()
        alt.scroll_into_view_if_needed()

    with journey.step("the author saves the statement", author):
        follow(author, author.get_by_role("button", name="Save and continue editing"))
        assert "changed successfully" in message(author), message(author)
        original = statement.versions.get(language="az")
        assert AZ_QUOTE in original.body and "/media/editor/" in original.body
        statement.refresh_from_db()
        assert statement.hero_image and statement.required_languages == ["az"]

    with journey.step(
        "the author submits the original for review", author, "submitted"
    ):
        follow(
            author,
            workflow_row(author, "Azerbaijani").get_by_role(
                "button", name="Submit for review"
            ),
        )
        assert "Azerbaijani version submitted for review." in message(author)

    with journey.step("the editor finds it waiting for review", editor):
        sign_in(editor, base, "editor")
        waiting = editor.locator(
            "section", has=editor.get_by_role("heading", name="Waiting for your review")
        )
        waiting.get_by_role("link", name=original.title).click()
        editor.wait_for_url(f"{base}/admin/statements/statement/{statement.pk}/change/")

    with journey.step("the editor requests a change", editor, "changes-requested"):
        row = workflow_row(editor, "Azerbaijani")
        row.get_by_label("What should change").fill(
            "Saxlanılanların sayını da əlavə edin."
        )
        follow(editor, row.get_by_role("button", name="Request changes"))
        assert "Azerbaijani version sent back to its author." in message(editor)

    with journey.step("the author sees the request and fixes the text", author):
        author.goto(f"{base}/admin/")
        mine = author.locator(
            "section", has=author.get_by_role("heading", name="Your work in progress")
        )
        assert "Saxlanılanların sayını da əlavə edin." in mine.inner_text()
        mine.get_by_role("link", name=original.title).click()
        author.wait_for_url(f"{base}/admin/statements/statement/{statement.pk}/change/")
        body = Editor(author, "id_versions-0-body").wait()
        body.add_to_paragraph(AZ_OPENING, AZ_FIX)
        follow(author, author.get_by_role("button", name="Save and continue editing"))
        assert "changed successfully" in message(author), message(author)
        follow(
            author,
            workflow_row(author, "Azerbaijani").get_by_role(
                "button", name="Submit for review"
            ),
        )
        assert "Azerbaijani version submitted for review." in message(author)
        assert AZ_FIX.strip() in statement.versions.get(language="az").body

    with journey.step("the editor schedules it two minutes ahead", editor, "scheduled"):
        editor.goto(f"{base}/admin/")
        editor.locator(
            "section", has=editor.get_by_role("heading", name="Waiting for your review")
        ).get_by_role("link", name=original.title).click()
        editor.wait_for_url(f"{base}/admin/statements/statement/{statement.pk}/change/")
        release, local_value = baku_minutes_from_now(2)
        editor.locator("#schedule-at").fill(local_value)
        follow(editor, editor.get_by_role("button", name="Schedule", exact=True))
        said = message(editor)
        assert said.startswith("Scheduled: ") and "Baku time" in said, said
        assert "Scheduled: " in editor.locator(".workflow-panel__summary").inner_text()

    with journey.step(
        "the editor approves and publishes the original", editor, "approved"
    ):
        approve = workflow_row(editor, "Azerbaijani").get_by_role(
            "button", name="Approve", exact=True
        )
        follow(editor, approve)
        assert editor.get_by_role(
            "heading", name="Approve the Azerbaijani version?"
        ).is_visible()
        assert "It goes public: " in editor.locator("#content").inner_text()
        editor.get_by_role("button", name="Yes, approve").click()
        editor.wait_for_url(f"{base}/admin/statements/statement/{statement.pk}/change/")
        assert "Approved. It goes public: " in message(editor), message(editor)
        summary = editor.locator(".workflow-panel__summary").inner_text()
        assert "Approved, goes public: " in summary, summary
        statement.refresh_from_db()
        assert statement.reference

    address = f"{base}/az/statements/{statement.slug}/"
    with journey.step("before its time, a reader gets “not found”", reader):
        assert timezone.now() < release
        response = reader.goto(address)
        assert response.status == 404, f"the page answered {response.status}"
        reader.goto(f"{base}/az/")
        assert original.title not in reader.locator("main").inner_text()

    with journey.step(
        "at its time, the statement appears on its own", reader, "published"
    ):
        deadline = release + APPEARANCE_DEADLINE
        response = reader.goto(address)
        while response.status != 200 and timezone.now() < deadline:
            time.sleep(POLL_SECONDS)
            response = reader.goto(address)
        assert response.status == 200, (
            f"still {response.status} at {timezone.localtime():%H:%M:%S}, "
            f"scheduled for {timezone.localtime(release):%H:%M}"
        )
        main = reader.locator("main")
        assert main.get_by_role("heading", level=1).inner_text() == original.title
        heading = main.get_by_role("heading", level=2, name=AZ_HEADING)
        assert heading.count() == 1
        assert main.locator(".statement__body li").all_inner_texts() == AZ_LIST
        assert (
            main.get_by_role("link", name=AZ_LINK_TEXT).get_attribute("href")
            == AZ_LINK_URL
        )
        assert AZ_QUOTE in main.locator("blockquote").inner_text()
        assert AZ_FIX.strip() in main.inner_text()
        reader.wait_for_function(
            "() => [...document.querySelectorAll('main img')]"
            ".every(img => img.complete && img.naturalWidth > 0)"
        )
        hero = main.locator(".statement__hero img")
        assert hero.get_attribute("alt") == "Xatirə kompleksində qərənfillər"
        heading.scroll_into_view_if_needed()

    with journey.step("the home page and the list show it", reader, "home"):
        reader.goto(f"{base}/az/statements/")
        assert (
            reader.locator("main").get_by_role("link", name=original.title).count() == 1
        )
        reader.goto(f"{base}/az/")
        assert (
            reader.locator("main").get_by_role("link", name=original.title).count() == 1
        )

    with journey.step("the feed and the sitemap list it", reader):
        feed = reader.request.get(f"{base}/az/statements/feed/")
        assert feed.status == 200
        assert original.title in feed.text() and address in feed.text()
        index = reader.request.get(f"{base}/sitemap.xml")
        assert index.status == 200
        assert f"{base}/sitemap-statements.xml" in index.text()
        sitemap = reader.request.get(f"{base}/sitemap-statements.xml")
        assert sitemap.status == 200
        assert f"/az/statements/{statement.slug}/" in sitemap.text()


# --- 2. translator -------------------------------------------------------------

SOURCE = {
    "summary": "Ombudsman Xatirə gününün ildönümü ilə bağlı bəyanat yayıb.",
    "paragraphs": [
        "1990-cı ilin bu günü Bakıda dinc əhaliyə qarşı cinayət törədildi.",
        "Həmin gecə 150 nəfər həlak oldu, 744 nəfər yaralandı.",
        "Ombudsman beynəlxalq təşkilatları bu faciəni tanımağa çağırır.",
    ],
    "heading": "Gecikmiş qiymət",
}
SOURCE_CORRECTED = (
    "Həmin gecə 150 nəfər həlak oldu, 744 nəfər yaralandı, 841 nəfər saxlanıldı."
)
TRANSLATIONS = {
    "en": {
        "name": "English",
        "native": "English",
        "summary": "The Commissioner issued a statement on the Day of Remembrance.",
        "paragraphs": [
            "On this day in 1990 a crime was committed against the peaceful "
            "people of Baku.",
            "That night 150 people were killed and 744 injured.",
            "The Commissioner calls on international organisations to recognise "
            "the tragedy.",
        ],
        "heading": "An assessment long delayed",
        "corrected": "That night 150 people were killed, 744 injured and 841 detained.",
        "note": "The number of people detained was added.",
    },
    "ru": {
        "name": "Russian",
        "native": "Русский",
        "summary": "Омбудсмен выступил с заявлением в связи с Днём памяти.",
        "paragraphs": [
            "В этот день в 1990 году против мирного населения Баку было "
            "совершено преступление.",
            "В ту ночь 150 человек погибли, 744 были ранены.",
            "Омбудсмен призывает международные организации признать эту трагедию.",
        ],
        "heading": "Запоздалая оценка",
        "corrected": "В ту ночь 150 человек погибли, 744 были ранены, 841 задержаны.",
        "note": "Добавлено число задержанных.",
    },
}


def source_body(second_paragraph):
    first, _second, third = SOURCE["paragraphs"]
    return (
        f"<p>{first}</p><h2>{SOURCE['heading']}</h2>"
        f"<p>{second_paragraph}</p><p>{third}</p>"
    )


def published_original(author, editor):
    """Journey 1's outcome: this year's statement, published in az only, with
    the proposed en and ru titles waiting as drafts."""
    from statements import workflow
    from statements.commemorations.anniversaries import draft_anniversary_statement

    commemoration = commemoration_in_ten_days()
    year = timezone.localdate().year
    statement, _created = draft_anniversary_statement(commemoration, year, author)
    statement.required_languages = ["az"]
    statement.save()
    original = statement.versions.get(language="az")
    original.summary = SOURCE["summary"]
    original.body = source_body(SOURCE["paragraphs"][1])
    original.save()
    workflow.submit(original, author)
    workflow.approve(original, editor)
    return statement


def translate(page, language):
    """Write the translation in the side-by-side form, as a translator types it."""
    text = TRANSLATIONS[language]
    page.locator("#id_summary").fill(text["summary"])
    body = Editor(page, "id_body").wait()
    body.clear()
    body.paragraph(text["paragraphs"][0])
    body.format("Heading 2")
    body.paragraph(text["heading"])
    body.paragraph(text["paragraphs"][1])
    body.type(text["paragraphs"][2])


def test_journey_2_translator(live_server, transactional_db, tabs):
    """A translator finds the published original in their queue, translates it
    side by side into English and Russian and submits; the editor approves; a
    reader switches between the three languages. An editor corrects the
    original substantively; the translator sees the changed paragraph, updates
    both translations, and they are current again."""
    journey = Journey(2)
    base = live_server.url
    author = make_staff(AUTHOR, username="author")
    editor_user = make_staff(EDITOR, username="editor")
    make_staff(TRANSLATOR, username="translator", languages=["en", "ru"])
    make_staff(EDITOR, username="editor2")
    commissioner()
    statement = published_original(author, editor_user)
    original = statement.versions.get(language="az")
    slug = statement.slug

    translator = tabs()
    editor = tabs()
    second_editor = tabs()
    reader = tabs(locale="az-AZ")

    for language in ("en", "ru"):
        text = TRANSLATIONS[language]
        with journey.step(
            f"the translator opens the {text['name']} version from the queue",
            translator,
            f"queue-{language}" if language == "en" else None,
        ):
            if language == "en":
                sign_in(translator, base, "translator")
            else:
                translator.goto(f"{base}/admin/")
            queue = translator.locator(
                "section",
                has=translator.get_by_role("heading", name="Waiting in your languages"),
            )
            item = queue.locator("li", has_text=f"[{language}]")
            assert item.count() == 1, queue.inner_text()
            item.get_by_role("link", name=original.title).click()
            translator.wait_for_url(
                re.compile(r"/admin/statements/statementversion/\d+/change/")
            )
            source = translator.locator(".side-by-side__source")
            assert source.get_by_role("heading", name="Source: Azerbaijani").count()
            assert SOURCE["paragraphs"][1] in source.inner_text()

        with journey.step(
            f"the translator writes the {text['name']} translation beside the source",
            translator,
            f"translating-{language}" if language == "en" else None,
        ):
            translate(translator, language)
            follow(
                translator,
                translator.get_by_role("button", name="Save and continue editing"),
            )
            assert "changed successfully" in message(translator), message(translator)

        with journey.step(
            f"the translator submits the {text['name']} version for review",
            translator,
        ):
            translator.goto(f"{base}/admin/statements/statement/{statement.pk}/change/")
            follow(
                translator,
                workflow_row(translator, text["name"]).get_by_role(
                    "button", name="Submit for review"
                ),
            )
            assert f"{text['name']} version submitted for review." in message(
                translator
            )

    with journey.step("the editor approves both translations", editor, "approved"):
        sign_in(editor, base, "editor")
        for language in ("en", "ru"):
            text = TRANSLATIONS[language]
            waiting = editor.locator(
                "section",
                has=editor.get_by_role("heading", name="Waiting for your review"),
            )
            item = waiting.locator("li", has_text=f"[{language}]")
            follow(editor, item.get_by_role("link"))
            approve = workflow_row(editor, text["name"]).get_by_role(
                "button", name="Approve", exact=True
            )
            follow(editor, approve)
            editor.get_by_role("button", name="Yes, approve").click()
            editor.wait_for_url(
                f"{base}/admin/statements/statement/{statement.pk}/change/"
            )
            assert "Approved and public, reference" in message(editor), message(editor)
            editor.goto(f"{base}/admin/")

    with journey.step("a reader opens the original", reader):
        reader.goto(f"{base}/az/statements/{slug}/")
        assert reader.get_by_role("heading", level=1).inner_text() == original.title
    for language in ("en", "ru"):
        text = TRANSLATIONS[language]
        with journey.step(
            f"the reader switches to {text['name']}", reader, f"reader-{language}"
        ):
            switcher = reader.locator("nav.language-switcher")
            switcher.get_by_role("link", name=text["native"], exact=True).click()
            reader.wait_for_url(f"{base}/{language}/statements/{slug}/")
            version = statement.versions.get(language=language)
            assert reader.get_by_role("heading", level=1).inner_text() == version.title
            assert text["paragraphs"][1] in reader.locator("main").inner_text()

    with journey.step(
        "the editor corrects the original substantively", editor, "source-corrected"
    ):
        editor.goto(f"{base}/admin/statements/statementversion/{original.pk}/change/")
        body = Editor(editor, "id_body").wait()
        body.replace_paragraph(SOURCE["paragraphs"][1], SOURCE_CORRECTED)
        editor.get_by_label("substantive: readers see a dated correction note").check()
        editor.get_by_role("textbox", name="Correction note").fill(
            "Saxlanılanların sayı əlavə edilib."
        )
        follow(editor, editor.get_by_role("button", name="Save and submit for review"))
        assert "Azerbaijani version submitted for review." in message(editor), message(
            editor
        )
        original.refresh_from_db()
        assert SOURCE_CORRECTED not in original.body
        assert SOURCE_CORRECTED in original.working_draft.body

    with journey.step("readers keep the live text until the draft is approved", reader):
        reader.goto(f"{base}/az/statements/{slug}/")
        main = reader.locator("main").inner_text()
        assert SOURCE["paragraphs"][1] in main and SOURCE_CORRECTED not in main

    with journey.step("a second editor approves the correction", second_editor):
        sign_in(second_editor, base, "editor2")
        second_editor.goto(f"{base}/admin/statements/statement/{statement.pk}/change/")
        row = workflow_row(second_editor, "Azerbaijani")
        assert "a new draft is in review" in row.inner_text(), row.inner_text()
        follow(second_editor, row.get_by_role("button", name="Approve", exact=True))
        assert "Readers will see this correction note" in (
            second_editor.locator("#content").inner_text()
        )
        second_editor.get_by_role("button", name="Yes, approve").click()
        second_editor.wait_for_url(
            f"{base}/admin/statements/statement/{statement.pk}/change/"
        )
        reader.goto(f"{base}/az/statements/{slug}/")
        assert SOURCE_CORRECTED in reader.locator("main").inner_text()

    with journey.step("a reader is told the translation may be behind", reader):
        reader.goto(f"{base}/en/statements/{slug}/")
        assert reader.locator(".notice--outdated").count() == 1

    for language in ("en", "ru"):
        text = TRANSLATIONS[language]
        with journey.step(
            f"the translator sees which paragraph changed ({text['name']})",
            translator,
            f"outdated-{language}" if language == "en" else None,
        ):
            translator.goto(f"{base}/admin/")
            queue = translator.locator(
                "section",
                has=translator.get_by_role("heading", name="Waiting in your languages"),
            )
            item = queue.locator("li", has_text=f"[{language}]")
            assert "outdated: the source changed" in item.inner_text(), (
                queue.inner_text()
            )
            item.get_by_role("link").click()
            translator.wait_for_url(
                re.compile(r"/admin/statements/statementversion/\d+/change/")
            )
            changes = translator.locator(".side-by-side__changes")
            assert changes.locator("del").all_inner_texts() == [SOURCE["paragraphs"][1]]
            assert changes.locator("ins").all_inner_texts() == [SOURCE_CORRECTED]
            changes.scroll_into_view_if_needed()

        with journey.step(
            f"the translator updates the {text['name']} translation",
            translator,
            f"updated-{language}" if language == "en" else None,
        ):
            assert_editable(translator)
            body = Editor(translator, "id_body").wait()
            body.replace_paragraph(text["paragraphs"][1], text["corrected"])
            translator.get_by_label(
                "substantive: readers see a dated correction note"
            ).check()
            translator.get_by_role("textbox", name="Correction note").fill(text["note"])
            follow(
                translator,
                translator.get_by_role("button", name="Save and continue editing"),
            )
            assert "changed successfully" in message(translator), message(translator)
            follow(
                translator,
                translator.get_by_role(
                    "button", name="I have handled these changes: mark as up to date"
                ),
            )
            assert "Marked as up to date in the draft" in message(translator)
            assert translator.locator(".side-by-side__changes").count() == 0
            follow(
                translator,
                translator.get_by_role("button", name="Save and submit for review"),
            )
            assert f"{text['name']} version submitted for review." in message(
                translator
            )
            reader.goto(f"{base}/{language}/statements/{slug}/")
            assert text["corrected"] not in reader.locator("main").inner_text()

    with journey.step("the editor approves both updated translations", editor):
        for language in ("en", "ru"):
            editor.goto(f"{base}/admin/statements/statement/{statement.pk}/change/")
            row = workflow_row(editor, TRANSLATIONS[language]["name"])
            follow(editor, row.get_by_role("button", name="Approve", exact=True))
            editor.get_by_role("button", name="Yes, approve").click()
            editor.wait_for_url(
                f"{base}/admin/statements/statement/{statement.pk}/change/"
            )

    with journey.step("the translations are current again", reader, "current"):
        translator.goto(f"{base}/admin/")
        queue = translator.locator(
            "section",
            has=translator.get_by_role("heading", name="Waiting in your languages"),
        )
        assert "Nothing is waiting in your languages." in queue.inner_text()
        for language in ("ru", "en"):
            text = TRANSLATIONS[language]
            reader.goto(f"{base}/{language}/statements/{slug}/")
            main = reader.locator("main")
            assert text["corrected"] in main.inner_text()
            assert reader.locator(".notice--outdated").count() == 0
            assert text["note"] in reader.locator(".corrections").inner_text()


# --- 3. reader -----------------------------------------------------------------

PHONE = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
    "locale": "ru-RU",
}


def test_journey_3_reader_on_a_phone(live_server, transactional_db, tabs):
    """A reader on a phone whose browser prefers Russian opens /, browses by
    topic and year, searches in Russian, opens a result, switches to
    Azerbaijani, searches again, finds the coming commemorations and downloads
    the calendar; no page visited has an accessibility violation."""
    from tests.browser.public_content import SEARCH_WORDS, TITLES, build_site

    journey = Journey(3)
    base = live_server.url
    site = build_site()
    slug = site.statement.slug
    reader = tabs(**PHONE)

    with journey.step(
        "the reader opens / and lands in Russian", reader, "home", audit=True
    ):
        reader.goto(f"{base}/")
        reader.wait_for_url(f"{base}/ru/")
        assert reader.get_attribute("html", "lang") == "ru"
        assert reader.locator(".commemorations li").count() >= 1

    with journey.step("the reader opens the list of statements", reader, audit=True):
        # On a phone the menu folds behind its button.
        reader.get_by_role("button", name="Меню").click()
        reader.locator("nav.site-nav a[href='/ru/statements/']").click()
        reader.wait_for_url(f"{base}/ru/statements/")
        reader.get_by_role("button", name="Фильтр заявлений").click()

    with journey.step(
        "the reader narrows the list to a topic", reader, "topic", audit=True
    ):
        reader.locator("#filter-topic").select_option(site.topic_key)
        reader.locator("form.filters button[type=submit]").click()
        reader.wait_for_url(re.compile(rf"topic={site.topic_key}"))
        titles = reader.locator("main .card__title").all_inner_texts()
        assert TITLES["ru"] in titles and len(titles) == 2, titles
        reader.locator("main .result-count").scroll_into_view_if_needed()

    with journey.step("the reader narrows it to a year", reader, "year", audit=True):
        reader.locator("#filter-year").select_option("2025")
        reader.locator("form.filters button[type=submit]").click()
        reader.wait_for_url(re.compile(r"year=2025"))
        titles = reader.locator("main .card__title").all_inner_texts()
        assert titles == [TITLES["ru"]], titles
        reader.locator("main .result-count").scroll_into_view_if_needed()

    with journey.step(
        "the reader searches for a Russian word", reader, "search-ru", audit=True
    ):
        reader.locator("#site-search-q").fill(SEARCH_WORDS["ru"])
        reader.locator("#site-search-q").press("Enter")
        reader.wait_for_url(re.compile(r"/ru/search/\?q="))
        assert reader.locator("main mark").count() >= 1
        assert TITLES["ru"] in reader.locator("main .card__title").all_inner_texts()
        reader.locator("main .result-count").scroll_into_view_if_needed()

    with journey.step(
        "the reader opens the result", reader, "statement-ru", audit=True
    ):
        reader.locator("main .card__title a", has_text=TITLES["ru"]).click()
        reader.wait_for_url(f"{base}/ru/statements/{slug}/")
        assert reader.get_by_role("heading", level=1).inner_text() == TITLES["ru"]
        reader.wait_for_function(
            "document.querySelector('.statement__hero img').naturalWidth > 0"
        )

    with journey.step(
        "the reader switches to Azerbaijani", reader, "statement-az", audit=True
    ):
        reader.locator("nav.language-switcher").get_by_role(
            "link", name="Azərbaycanca"
        ).click()
        reader.wait_for_url(f"{base}/az/statements/{slug}/")
        assert reader.get_attribute("html", "lang") == "az"
        assert reader.get_by_role("heading", level=1).inner_text() == TITLES["az"]

    with journey.step(
        "the reader searches for an Azerbaijani word", reader, "search-az", audit=True
    ):
        reader.locator("#site-search-q").fill(SEARCH_WORDS["az"])
        reader.locator("#site-search-q").press("Enter")
        reader.wait_for_url(re.compile(r"/az/search/\?q="))
        assert reader.locator("main mark").count() >= 1
        assert TITLES["az"] in reader.locator("main .card__title").all_inner_texts()
        reader.locator("main .result-count").scroll_into_view_if_needed()

    with journey.step(
        "the reader finds the coming commemorations",
        reader,
        "anniversaries",
        audit=True,
    ):
        reader.get_by_role("button", name="Menyu").click()
        reader.locator("nav.site-nav a[href='/az/anniversaries/']").click()
        reader.wait_for_url(f"{base}/az/anniversaries/")
        soon = reader.locator(".commemoration", has_text="Xatirə günü")
        assert soon.count() == 1
        next_date = soon.locator(".commemoration__when time").get_attribute("datetime")
        assert next_date >= timezone.localdate().isoformat()

    with journey.step("the reader downloads the calendar", reader):
        with reader.expect_download() as download:
            reader.locator("main a[href$='calendar.ics']").click()
        calendar = download.value.path().read_text(encoding="utf-8")
        assert calendar.startswith("BEGIN:VCALENDAR"), calendar[:200]
        assert "Xatirə günü" in calendar and "20 Yanvar faciəsi" in calendar


# --- 4. conflict ---------------------------------------------------------------


def test_journey_4_two_editors_save_the_same_version(
    live_server, transactional_db, tabs
):
    """Two editors open the same version in two windows and both edit it; the
    first save goes through, the second is refused with a message naming who
    saved first, and the second editor's text is still on the screen."""
    from tests.factories import make_statement

    journey = Journey(4)
    base = live_server.url
    make_staff(EDITOR, username="editor")
    make_staff(EDITOR, username="editor2")
    statement = make_statement(
        languages=("en",),
        status=VersionStatus.DRAFT,
        issued_by=commissioner(),
    )
    version = statement.versions.get()
    address = f"{base}/admin/statements/statementversion/{version.pk}/change/"
    first, second = tabs(), tabs()
    first_text = "The Commissioner visited the detention centre on Monday."
    second_text = "The Commissioner will report to parliament in March."

    for page, username in ((first, "editor"), (second, "editor2")):
        with journey.step(f"{username} opens the version", page):
            sign_in(page, base, username)
            page.goto(address)
            Editor(page, "id_body").wait()

    with journey.step("the second editor is told who else has it open", second):
        others = second.locator(".editing-others").inner_text()
        assert "Also opened for editing" in others and "editor" in others, others

    with journey.step("both type; the first editor saves", first, "first-saved"):
        for page, text in ((first, first_text), (second, second_text)):
            body = Editor(page, "id_body")
            body.click_end()
            page.keyboard.press("Enter")
            body.type(text)
        follow(first, first.get_by_role("button", name="Save and continue editing"))
        assert "changed successfully" in message(first), message(first)

    with journey.step(
        "the second editor saves and is refused", second, "second-refused"
    ):
        follow(second, second.get_by_role("button", name="Save and continue editing"))
        errors = " ".join(second.locator(".errorlist li").all_inner_texts())
        assert "editor saved this after you opened it" in errors, errors
        assert "your text is still below" in errors
        body = Editor(second, "id_body").wait()
        assert second_text in body.text(), body.text()
        saved = StatementVersion.objects.get(pk=version.pk).body
        assert first_text in saved and second_text not in saved
        second.locator(".errorlist").first.scroll_into_view_if_needed()

    with journey.step("the second editor sees what the first changed", second):
        diff = second.locator(".conflict-diff").first
        assert first_text in diff.locator("ins").all_inner_texts()[-1], (
            diff.inner_text()
        )

    with journey.step("saving again as it stands is refused again", second):
        follow(second, second.get_by_role("button", name="Save and continue editing"))
        errors = " ".join(second.locator(".errorlist li").all_inner_texts())
        assert "editor saved this after you opened it" in errors, errors
        saved = StatementVersion.objects.get(pk=version.pk).body
        assert first_text in saved and second_text not in saved

    with journey.step(
        "having looked, the second editor keeps their text on purpose", second, "kept"
    ):
        second.get_by_label("Keep my text instead").check()
        follow(second, second.get_by_role("button", name="Save and continue editing"))
        assert "changed successfully" in message(second), message(second)
        assert second_text in StatementVersion.objects.get(pk=version.pk).body
        assert AuditEntry.objects.filter(
            action=AuditAction.CONFLICT_OVERRIDDEN, username="editor2"
        ).exists()


# --- 5. a restore from history -------------------------------------------------


def test_journey_5_a_restore_makes_a_draft_and_the_site_does_not_change(
    live_server, transactional_db, tabs
):
    """A translator restores an old revision of the Russian translation of a
    public statement: it becomes a draft of that language alone; readers, the
    reference number and every other language stay as they were."""
    import reversion

    from statements import workflow
    from tests.factories import make_statement

    journey = Journey(5)
    base = live_server.url
    make_staff(TRANSLATOR, username="translator", languages=["ru"])
    statement = make_statement(languages=("az", "ru"), issued_by=commissioner())
    workflow.give_reference_if_ready(statement)
    statement.refresh_from_db()
    reference = statement.reference
    ru = statement.versions.get(language="ru")
    for body in ("<p>Старый текст перевода.</p>", "<p>Нынешний текст перевода.</p>"):
        with reversion.create_revision():
            ru.refresh_from_db()
            ru.body = body
            ru.save()
    translator, reader = tabs(), tabs(locale="ru-RU")
    address = f"{base}/ru/statements/{statement.slug}/"

    with journey.step("the translator opens the history", translator, "history"):
        sign_in(translator, base, "translator")
        translator.goto(f"{base}/admin/statements/statementversion/{ru.pk}/history/")
        links = translator.locator("#change-history a[href*='/history/']")
        assert links.count() >= 2, translator.locator("#content").inner_text()
        links.last.click()
        assert "Старый текст перевода." in translator.locator("#content").inner_text()

    with journey.step("they restore it as a draft", translator, "restored"):
        follow(translator, translator.get_by_role("button", name="Restore as a draft"))
        assert "Readers see no change until it is approved." in message(translator)

    with journey.step("readers and the record are unchanged", reader):
        reader.goto(address)
        main = reader.locator("main").inner_text()
        assert "Нынешний текст перевода." in main
        assert "Старый текст перевода." not in main
        statement.refresh_from_db()
        assert statement.reference == reference
        assert statement.released_at is not None and statement.withdrawn_at is None
        assert set(statement.versions.values_list("status", flat=True)) == {
            VersionStatus.PUBLISHED
        }


# --- 6. nothing typed is lost ----------------------------------------------------


def test_journey_6_a_workflow_button_never_throws_away_typed_text(
    live_server, transactional_db, tabs
):
    """An author types in the statement form and then presses the panel's
    "Submit for review": the page refuses and says why, keeping the text;
    "Save and submit for review" saves it and submits."""
    from tests.factories import make_statement

    journey = Journey(6)
    base = live_server.url
    make_staff(AUTHOR, username="author")
    statement = make_statement(
        languages=("en",), status=VersionStatus.DRAFT, issued_by=commissioner()
    )
    typed = "A paragraph typed a moment ago."
    author = tabs()

    with journey.step("the author types into the statement", author):
        sign_in(author, base, "author")
        author.goto(f"{base}/admin/statements/statement/{statement.pk}/change/")
        body = Editor(author, "id_versions-0-body").wait()
        body.click_end()
        author.keyboard.press("Enter")
        body.type(typed)

    with journey.step(
        "the panel's submit refuses while the text is unsaved", author, "unsaved"
    ):
        workflow_row(author, "English").get_by_role(
            "button", name="Submit for review"
        ).click()
        note = author.locator("[data-unsaved-note]")
        note.wait_for(state="visible")
        assert "unsaved changes" in note.inner_text()
        assert typed in Editor(author, "id_versions-0-body").text()
        assert statement.versions.get().status == VersionStatus.DRAFT

    with journey.step("save and submit keeps it and submits", author, "saved"):
        follow(author, author.get_by_role("button", name="Save and submit for review"))
        version = statement.versions.get()
        assert typed in version.body
        assert version.status == VersionStatus.REVIEW
