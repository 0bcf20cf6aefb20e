"""What the journeys share: steps that report what the person saw, screenshots,
signing in, CKEditor and the accessibility audit.

A step that fails raises an AssertionError that starts with the step's name
and describes the page the person was looking at (address, title, heading,
messages and form errors), so a red run reads like a bug report.

Screenshots go to ``test-artifacts/journeys/`` (ignored by git) unless
``SAVE_SCREENSHOTS`` names another folder, as ``make screenshots`` does with
``docs/screenshots``. A screenshot that cannot be written is skipped: it never
fails a journey.
"""

import datetime
import os
import re
import zoneinfo
from contextlib import contextmanager
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from PIL import Image, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDER = ROOT / "test-artifacts" / "journeys"
FAILURE_FOLDER = ROOT / "test-artifacts" / "journeys" / "failures"
PASSWORD = "correct horse battery"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# What a person reads on a page when something went wrong, most telling first.
DESCRIBE_PAGE = """() => {
    const texts = (selector) => Array.from(document.querySelectorAll(selector))
        .map((element) => element.innerText.replace(/\\s+/g, " ").trim())
        .filter(Boolean);
    return {
        title: document.title,
        headings: texts("h1"),
        messages: texts(".messagelist li"),
        errors: texts(".errornote, .errorlist li"),
        alerts: texts("[role=alert], .notice"),
    };
}"""


EDITORS_READY = """() => !window.CKEDITOR || Object.values(CKEDITOR.instances)
    .every((editor) => editor.status === "ready")"""


def screenshot_folder():
    folder = os.environ.get("SAVE_SCREENSHOTS")
    if not folder:
        return DEFAULT_FOLDER
    path = Path(folder)
    return path if path.is_absolute() else ROOT / path


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def save_screenshot(page, path):
    """Write a screenshot of what ``page`` shows; never fail the journey for it."""
    try:
        # CKEditor draws itself after the page has loaded.
        page.wait_for_function(EDITORS_READY, timeout=10_000)
    except Exception:  # an editor that never loads shows as it is
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), animations="disabled", timeout=10_000)
    except Exception:  # a read-only or full disk, a closed page: keep going
        return None
    return path


def what_the_user_saw(page):
    """The page as a person would describe it: where, what heading, what it said."""
    try:
        seen = page.evaluate(DESCRIBE_PAGE)
    except Exception as error:  # the page crashed or is closed
        return f"  at {getattr(page, 'url', '?')} (the page could not be read: {error})"
    lines = [f"  at {page.url}", f"  page title: {seen['title']!r}"]
    lines.append(f"  heading: {' / '.join(seen['headings']) or '(none)'}")
    for label in ("messages", "errors", "alerts"):
        if seen[label]:
            lines.append(f"  {label}: " + " | ".join(seen[label]))
    return "\n".join(lines)


def _reason(error):
    """The error's own words, without pytest's re-evaluation of a failed assert
    when the assert carried a message of its own."""
    text = str(error)
    if isinstance(error, AssertionError) and not text.startswith("assert "):
        text = text.split("\nassert ", 1)[0]
    return text


class Journey:
    """A person's journey through the site, told in steps.

    ``with journey.step("the editor requests a change", page, "requested"):``
    runs one step; with ``audit=True`` it ends with the accessibility audit of
    the page reached. On success, when a screenshot name is given, the page is
    photographed as ``journey-<n>-<NN>-<name>.png``; on failure the step's name
    and what the page showed become the AssertionError's message.
    """

    def __init__(self, number):
        self.number = number
        self.shots = 0
        self.folder = screenshot_folder()

    @contextmanager
    def step(self, description, page, screenshot=None, audit=False):
        try:
            yield
            if audit:
                assert_accessible(page)
        except Exception as error:
            shot = save_screenshot(
                page,
                FAILURE_FOLDER / f"journey-{self.number}-{_slug(description)}.png",
            )
            report = [
                f"Journey {self.number}, step “{description}” failed.",
                "What the person saw:",
                what_the_user_saw(page),
            ]
            if shot:
                report.append(f"  screenshot: {shot}")
            report.append(f"Why: {type(error).__name__}: {_reason(error)}")
            raise AssertionError("\n".join(report)) from error
        if screenshot:
            self.shots += 1
            name = f"journey-{self.number}-{self.shots:02d}-{_slug(screenshot)}.png"
            save_screenshot(page, self.folder / name)


def serve_media(route):
    """Answer /media/ from MEDIA_ROOT: the live server, like production, does not."""
    relative = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    path = Path(settings.MEDIA_ROOT) / relative
    if path.is_file():
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404)


def open_tab(browser, contexts, **options):
    """A new browser window (its own cookies) that also sees uploaded images."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    options.setdefault("locale", "en-GB")
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    contexts.append(context)
    page = context.new_page()
    page.route("**/media/**", serve_media)
    return page


def follow(page, target):
    """Click what leads to another page (a link, a form's button) and wait
    until that page has loaded, even when it has the same address."""
    with page.expect_navigation():
        target.click()


def sign_in(page, base_url, username, password=PASSWORD):
    """Through the admin's own sign-in form, landing on the dashboard."""
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/admin/")


def sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/admin/logout/"))


def assert_editable(page):
    """The change form offers to save: the person may edit what it shows."""
    saves = page.locator("input[type=submit][name=_save]")
    assert saves.count() == 1, (
        "the page is read-only for this person: it shows the text but offers "
        "no Save button"
    )


def baku_minutes_from_now(minutes):
    """``YYYY-MM-DDTHH:MM`` in the office's time zone, at least ``minutes`` ahead,
    rounded up to the next whole minute (what a datetime-local input takes)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    moment = datetime.datetime.now(zone) + datetime.timedelta(minutes=minutes)
    moment = moment.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return moment, moment.strftime("%Y-%m-%dT%H:%M")


def picture(path, size=(960, 540), colours=("#1d3557", "#e9c46a")):
    """A real PNG: a gradient with a row of red flowers, like a photograph."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    image = ImageOps.colorize(gradient, *colours)
    draw = ImageDraw.Draw(image)
    for index in range(5):
        left, top = width * (index + 1) // 7, height * 2 // 3
        draw.ellipse([left, top, left + width // 14, top + width // 14], fill="#c1121f")
    image.save(path, "PNG")
    return path


class Editor:
    """The CKEditor instance that replaced a textarea, driven as a person would."""

    def __init__(self, page, textarea_id):
        self.page = page
        self.textarea_id = textarea_id
        self.frame = f"#cke_{textarea_id}"
        self.body = page.frame_locator(
            f"{self.frame} iframe.cke_wysiwyg_frame"
        ).locator("body")

    def wait(self):
        self.page.wait_for_selector(f"{self.frame} .cke_top", state="visible")
        self.page.wait_for_function(
            "id => window.CKEDITOR && CKEDITOR.instances[id] "
            "&& CKEDITOR.instances[id].status === 'ready'",
            arg=self.textarea_id,
        )
        return self

    def button(self, name):
        return self.page.locator(f"{self.frame} .cke_button__{name}")

    def html(self):
        return self.page.evaluate(
            "id => CKEDITOR.instances[id].getData()", self.textarea_id
        )

    def text(self):
        return self.body.inner_text()

    def click_end(self):
        """Put the caret at the end of the text."""
        self.body.click()
        self.page.keyboard.press("Control+End")

    def _select_in_paragraph(self, text, whole):
        """Put the selection on the paragraph containing ``text``: all of it, as
        a drag over it would, or the caret at its end, as a click after it
        would."""
        paragraph = self.body.locator("p", has_text=text)
        paragraph.click()
        paragraph.evaluate(
            """(element, whole) => {
                const range = element.ownerDocument.createRange();
                range.selectNodeContents(element);
                if (!whole) range.collapse(false);
                const selection = element.ownerDocument.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            }""",
            whole,
        )

    def replace_paragraph(self, old, new):
        """Type ``new`` over the paragraph that contains ``old``."""
        self._select_in_paragraph(old, whole=True)
        self.page.keyboard.type(new)

    def add_to_paragraph(self, text, addition):
        """Type ``addition`` at the end of the paragraph that contains ``text``."""
        self._select_in_paragraph(text, whole=False)
        self.page.keyboard.type(addition)

    def clear(self):
        self.body.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")

    def type(self, text):
        self.page.keyboard.type(text)

    def paragraph(self, text):
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def format(self, label):
        """Choose a paragraph format ("Heading 2", "Normal") from the Format list."""
        self.page.locator(f"{self.frame} .cke_combo__format a.cke_combo_button").click()
        panel = self.page.frame_locator("iframe.cke_panel_frame").last
        panel.get_by_role("option", name=label).click()

    def link(self, text, url):
        """Type ``text``, select it and make it a link through the Link dialog."""
        self.page.keyboard.type(text)
        for _character in text:
            self.page.keyboard.press("Shift+ArrowLeft")
        self.button("link").click()
        dialog = self.page.locator(".cke_dialog").filter(
            has=self.page.locator(".cke_dialog_title", has_text="Link")
        )
        dialog.get_by_label("URL").fill(url)
        dialog.locator("a.cke_dialog_ui_button_ok").click()
        self.page.keyboard.press("End")

    def upload_image(self, path, alt):
        """Insert an image through the Image dialog's Upload tab."""
        self.button("image").click()
        dialog = self.page.locator(".cke_dialog").filter(
            has=self.page.locator(".cke_dialog_title", has_text="Image Properties")
        )
        dialog.locator("a.cke_dialog_tab", has_text="Upload").click()
        dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
            "input[type=file]"
        ).set_input_files(str(path))
        with self.page.expect_response(re.compile(r"/admin/editor-upload/")) as answer:
            dialog.locator("a.cke_dialog_ui_fileButton").click()
        reply = answer.value.json()
        assert reply.get("uploaded") == 1, f"the editor refused the image: {reply}"
        url_input = dialog.locator("input.cke_dialog_ui_input_text").first
        self.page.wait_for_function(
            "input => input.value.includes('/media/editor/')",
            arg=url_input.element_handle(),
        )
        dialog.get_by_label("Alternative Text").fill(alt)
        dialog.locator("a.cke_dialog_ui_button_ok").click()
        image = self.body.locator("img")
        image.last.wait_for()
        self.page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0",
            arg=image.last.element_handle(),
        )


def axe_violations(page):
    """What axe-core finds against WCAG 2.1 AA on the page as it is now."""
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def violation_report(violations):
    """One paragraph per broken rule: what, how bad, where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, (
        f"{len(violations)} WCAG 2.1 AA violation(s) on {page.url}:\n"
        + violation_report(violations)
    )
