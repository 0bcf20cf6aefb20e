"""Readers in a real browser: the contact page and complaint link, and e-mail
alerts from the form to the mailbox (a real SMTP server) and back out."""

import os
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from readers.models import Subscriber
from tests.browser.public_content import build_site
from tests.factories import make_statement

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://\S+")


@pytest.fixture
def site(transactional_db, settings, live_server):
    settings.SITE_URL = live_server.url
    return build_site()


def mailed_link(message, part):
    (link,) = [url for url in LINK.findall(message.get_content()) if part in url]
    return link


@pytest.mark.parametrize(
    ("language", "heading", "complaint"),
    [
        ("az", "Əlaqə və şikayətlər", "Şikayət göndərin"),
        ("en", "Contact and complaints", "Submit a complaint"),
        ("ru", "Контакты и жалобы", "Подать жалобу"),
    ],
)
def test_complaint_link_leads_to_the_contact_page(
    page, live_server, site, language, heading, complaint
):
    """From any page, the header's complaint link opens the contact page at
    "how to complain", with the office's address, telephone and press contact."""
    page.goto(live_server.url + site.path(language, "statement"))
    page.locator(".site-nav").get_by_role("link", name=complaint).click()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.url.endswith(f"/{language}/contact/#complaints")
    assert page.locator("#complaints").is_visible()
    assert page.locator("a[href^='tel:']").first.is_visible()
    assert page.locator(".press-contact a[href^='mailto:']").is_visible()


def test_statement_shows_the_press_contact(page, live_server, site):
    """Each statement ends with whom journalists should call."""
    page.goto(live_server.url + site.path("ru", "statement"))
    press = page.locator(".statement-aside .press-contact")
    assert press.get_by_role("heading").inner_text() == "Контакт для прессы"
    assert "Пресс-служба" in press.inner_text()


def test_subscribe_confirm_receive_and_unsubscribe(
    page, live_server, site, smtp_server
):
    """A reader subscribes in the browser, confirms from the mail, receives the
    next statement in Russian exactly once, and unsubscribes from its link."""
    page.goto(live_server.url + "/ru/alerts/")
    page.get_by_label("Ваш адрес электронной почты").fill("reader@example.org")
    page.get_by_role("button", name="Подписаться").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Проверьте почту"
    assert not Subscriber.objects.exists()

    (confirmation,) = smtp_server.to("reader@example.org")
    page.goto(mailed_link(confirmation, "/alerts/confirm/"))
    page.get_by_role("button", name="Да, присылайте уведомления").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Вы подписаны"
    assert Subscriber.objects.get().language == "ru"

    statement = make_statement(languages=["ru", "en"], publish_at=timezone.now())
    with open(os.devnull, "w") as quiet:
        call_command("send_alerts", stdout=quiet)
        call_command("send_alerts", stdout=quiet)
    alerts = [m for m in smtp_server.to("reader@example.org") if m != confirmation]
    # Stripped: a long encoded subject may be folded onto a continuation line.
    assert [m["Subject"].strip() for m in alerts] == [
        statement.versions.get(language="ru").title
    ]

    page.goto(mailed_link(alerts[0], f"/ru/statements/{statement.slug}/"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        alerts[0]["Subject"].strip()
    )
    page.goto(alerts[0]["List-Unsubscribe"].strip().strip("<>"))
    page.get_by_role("button", name="Отписаться").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Вы отписались"
    assert not Subscriber.objects.exists()
