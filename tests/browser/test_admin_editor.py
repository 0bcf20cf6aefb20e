"""The statement editor in a real browser: CKEditor loads and uploads images."""

import base64
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageOps

from statements.models import Statement
from tests.factories import make_person, make_superuser

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# here between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

# Written into docs/ only by `make screenshots` (SAVE_SCREENSHOTS), so that a
# test run leaves the work tree as it was.
SCREENSHOT = (
    Path(
        os.environ.get("SAVE_SCREENSHOTS")
        or Path(__file__).parents[2] / "test-artifacts"
    )
    / "admin-statement-editor.png"
)
PASSWORD = "correct horse battery"
EDITOR = "#cke_id_versions-0-body"


def _serve_media(route):
    """Answer /media/ from MEDIA_ROOT: the live server, like production, does not."""
    relative = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    path = Path(settings.MEDIA_ROOT) / relative
    if path.is_file():
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404)


def _log_in(page, live_server, next_path):
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_path}")


def test_write_a_statement_with_an_uploaded_image(
    page, live_server, transactional_db, tmp_path
):
    """A statement written in CKEditor, with an image uploaded through the Image
    dialog's Upload tab, is saved with that image in its body."""
    make_superuser(password=PASSWORD)
    person = make_person(name={"en": "Commissioner"})
    picture = tmp_path / "rally.png"
    gradient = Image.linear_gradient("L").resize((320, 200))
    ImageOps.colorize(gradient, "#1d3557", "#e9c46a").save(picture, "PNG")
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.route("**/media/**", _serve_media)

    add_path = "/admin/statements/statement/add/"
    _log_in(page, live_server, add_path)

    page.wait_for_selector(f"{EDITOR} .cke_top", state="visible")
    assert page.locator(f"{EDITOR} .cke_button__bold").is_visible()
    assert page.locator(f"{EDITOR} .cke_button__image").is_visible()

    page.select_option("#id_kind", "statement")
    page.select_option("#id_original_language", "en")
    page.select_option("#id_issued_by", str(person.pk))
    page.select_option("#id_versions-0-language", "en")
    page.fill("#id_versions-0-title", "Statement on the anniversary of 20 January")
    page.fill("#id_versions-0-summary", "The Commissioner remembers the victims.")

    body = page.frame_locator(f"{EDITOR} iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Thirty-five years ago, on the night of 20 January 1990.")
    page.keyboard.press("Enter")

    page.click(f"{EDITOR} .cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_title"))
    dialog.locator("a.cke_dialog_tab", has_text="Upload").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(str(picture))
    with page.expect_response(re.compile(r"/admin/editor-upload/")) as answer:
        dialog.locator("a.cke_dialog_ui_fileButton").click()
    upload = answer.value
    assert upload.status == 200
    assert upload.request.headers.get("x-csrftoken")
    assert upload.json()["uploaded"] == 1

    # The Info tab's first field is the image URL that the upload fills in.
    url_input = dialog.locator("input.cke_dialog_ui_input_text").first
    page.wait_for_function(
        "input => input.value.includes('/media/editor/')",
        arg=url_input.element_handle(),
    )
    dialog.get_by_label("Alternative Text").fill("People gathered in Baku")
    dialog.locator("a.cke_dialog_ui_button_ok").click()

    image = body.locator("img")
    image.wait_for()
    body.click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("We remember those who were killed, injured and detained.")
    assert "/media/editor/" in image.get_attribute("src")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )

    page.locator("#versions-group").scroll_into_view_if_needed()
    page.locator("#versions-group h2").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -20)")
    try:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
    except OSError:
        pass  # a screenshot that cannot be written does not fail the journey

    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/statements/statement/")
    assert alerts == []

    statement = Statement.objects.get()
    version = statement.versions.get()
    assert statement.slug == "statement-on-the-anniversary-of-20-january"
    assert "Thirty-five years ago" in version.body
    assert "We remember those" in version.body
    match = re.search(r'<img [^>]*src="(/media/editor/[^"]+)"', version.body)
    assert match, version.body
    assert 'alt="People gathered in Baku"' in version.body
    stored = Path(settings.MEDIA_ROOT) / match.group(1).removeprefix("/media/")
    assert stored.is_file()


def test_pasted_image_is_uploaded_by_the_uploadimage_plugin(
    page, live_server, transactional_db
):
    """An image pasted into the editor is uploaded (with the CSRF header) and
    replaced by its /media/editor/ address."""
    make_superuser(password=PASSWORD)
    page.route("**/media/**", _serve_media)
    add_path = "/admin/statements/statement/add/"
    _log_in(page, live_server, add_path)
    page.wait_for_selector(f"{EDITOR} .cke_top", state="visible")
    # The toolbar shows before the editing frame is ready; the clipboard plugin
    # reads the selection, which exists only once the editor is ready and focused.
    page.wait_for_function(
        '() => CKEDITOR.instances["id_versions-0-body"].status === "ready"'
    )
    page.evaluate('() => CKEDITOR.instances["id_versions-0-body"].focus()')
    page.wait_for_function(
        """() => {
            const selection = CKEDITOR.instances["id_versions-0-body"].getSelection();
            return selection !== null && selection.getRanges().length > 0;
        }"""
    )

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(buffer, "PNG")
    data_uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    with page.expect_response(re.compile(r"/admin/editor-upload/")) as answer:
        page.evaluate(
            """dataUri => {
                const editor = CKEDITOR.instances["id_versions-0-body"];
                // What the clipboard plugin fires when an image is pasted.
                editor.fire("paste", {
                    type: "html",
                    method: "paste",
                    dataValue: '<p><img src="' + dataUri + '"></p>',
                    dataTransfer: new CKEDITOR.plugins.clipboard.dataTransfer(),
                });
            }""",
            data_uri,
        )
    assert answer.value.request.headers.get("x-csrftoken")
    assert answer.value.json()["uploaded"] == 1

    page.wait_for_function(
        """() => CKEDITOR.instances["id_versions-0-body"].getData()
            .includes('src="/media/editor/')"""
    )
    html = page.evaluate('() => CKEDITOR.instances["id_versions-0-body"].getData()')
    assert "data:image" not in html
