"""E-mail alerts, end to end through a real SMTP server started by the test."""

import base64
import datetime
import io
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from readers import alerts
from readers.models import Alert, Subscriber
from readers.subscriptions import confirmation_token
from statements.models import StatementKind
from tests.factories import make_statement, make_topic

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+")


def links(message):
    return LINK.findall(message.get_content())


def subscribe(client, email, language="en", **choices):
    data = {"email": email, "language": language, **choices}
    return client.post(f"/{language}/alerts/", data)


def confirm_from_mail(client, message):
    (link,) = [url for url in links(message) if "/alerts/confirm/" in url]
    path = link.removeprefix("http://127.0.0.1:8000")
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path)


def subscribed(client, smtp_server, email, language="en", **choices):
    subscribe(client, email, language, **choices)
    return confirm_from_mail(client, smtp_server.to(email)[-1])


def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(client, smtp_server):
    """The whole journey: nothing is kept until the link is followed; the alert
    comes once, in the reader's language, with List-Unsubscribe headers; the
    one-click POST a mail client sends removes the address."""
    response = subscribe(client, "Reader@Example.org", language="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/alerts/sent/"
    (confirmation,) = smtp_server.to("reader@example.org")
    assert confirmation["Content-Language"] == "ru"
    assert not Subscriber.objects.exists()

    done = confirm_from_mail(client, confirmation)
    assert "Вы подписаны" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language) == ("reader@example.org", "ru")

    statement = make_statement(
        languages=["az", "ru"], publish_at=timezone.now() + datetime.timedelta(hours=1)
    )
    # Scheduled: nothing yet; once its time has come, one alert.
    assert alerts.run().sent == 0
    later = timezone.now() + datetime.timedelta(hours=2)
    assert alerts.run(now=later).sent == 1
    assert alerts.run(now=later).sent == 0
    call_command("send_alerts", stdout=open("/dev/null", "w"))
    (alert,) = [m for m in smtp_server.to("reader@example.org") if m != confirmation]
    title = statement.versions.get(language="ru").title
    assert alert["Subject"] == title
    assert alert["Content-Language"] == "ru"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = alert["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/ru/alerts/unsubscribe/")
    body = alert.get_content()
    assert f"/ru/statements/{statement.slug}/" in body
    assert "Чтобы отказаться от рассылки:" in body

    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    one_click = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Alert.objects.exists()


def test_the_same_answer_whether_or_not_the_address_is_known(client, smtp_server):
    """Known, unknown, or asked twice: the same redirect and the same page;
    only the mail (which only the owner reads) says it is already subscribed."""
    subscribed(client, smtp_server, "known@example.org")
    known = subscribe(client, "known@example.org")
    unknown = subscribe(client, "unknown@example.org")
    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    page_known = client.get(known["Location"]).content
    page_unknown = client.get(unknown["Location"]).content
    assert page_known == page_unknown
    assert smtp_server.to("known@example.org")[-1]["Subject"] == (
        "Change your e-mail alerts"
    )
    assert smtp_server.to("unknown@example.org")[-1]["Subject"] == (
        "Confirm your e-mail alerts"
    )
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "known@example.org"
    ]


def test_forged_links_and_unknown_keys_reveal_nothing(client, smtp_server):
    """A tampered confirmation link is refused; any unsubscribe key, real or
    not, gets the same page, and only a real one removes anyone."""
    subscribed(client, smtp_server, "reader@example.org")
    subscriber = Subscriber.objects.get()
    token = confirmation_token("other@example.org", "en", [], [])
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/en/alerts/confirm/{forged}/").status_code == 410
    assert client.post(f"/en/alerts/confirm/{forged}/").status_code == 410
    assert len(subscriber.key) >= 32

    assert "other@example.org" not in token
    assert b"other@example.org" not in base64.urlsafe_b64decode(token + "==")
    real = client.get(f"/en/alerts/unsubscribe/{subscriber.key}/").content
    guessed = client.get("/en/alerts/unsubscribe/not-a-key/").content
    # The page's own address (canonical, language links) is the only difference.
    assert real.replace(subscriber.key.encode(), b"KEY") == guessed.replace(
        b"not-a-key", b"KEY"
    )
    client.post("/en/alerts/unsubscribe/not-a-key/")
    assert Subscriber.objects.exists()


def test_confirmation_mails_to_one_address_are_limited(client, smtp_server):
    """The form cannot flood a mailbox: three mails an hour, and the same page."""
    for _ in range(5):
        response = subscribe(client, "target@example.org")
        assert response["Location"] == "/en/alerts/sent/"
    assert len(smtp_server.to("target@example.org")) == 3


def test_choices_language_kind_topic_and_withdrawn(client, smtp_server):
    """A reader gets statements in their language, of their kinds and topics,
    and never one that is withdrawn or was public before they subscribed."""
    prisons = make_topic(key="prisons", name={"en": "Prisons"})
    older = make_statement(languages=["en"])
    subscribed(
        client,
        smtp_server,
        "press@example.org",
        kinds=[StatementKind.PRESS_RELEASE],
        topics=["prisons"],
    )
    subscribed(client, smtp_server, "all@example.org")
    subscribed(client, smtp_server, "az@example.org", language="az")
    before = len(smtp_server.messages)

    soon = timezone.now() + datetime.timedelta(minutes=5)
    wanted = make_statement(
        kind=StatementKind.PRESS_RELEASE, topics=[prisons], publish_at=soon
    )
    other_kind = make_statement(topics=[prisons], publish_at=soon)
    withdrawn = make_statement(
        publish_at=soon, withdrawn_at=soon, withdrawal_reason={"en": "Error"}
    )
    alerts.run(now=soon + datetime.timedelta(minutes=1))

    received = {
        (address, message["Subject"])
        for message in smtp_server.messages[before:]
        for address in [message["To"]]
    }
    title = {s: s.versions.get().title for s in (wanted, other_kind, withdrawn)}
    assert received == {
        ("press@example.org", title[wanted]),
        ("all@example.org", title[wanted]),
        ("all@example.org", title[other_kind]),
    }
    assert older.versions.get().title not in {subject for _to, subject in received}


def test_a_claimed_alert_is_not_claimed_again(client, smtp_server):
    """The claim is a conditional UPDATE: a second sender asking at the same
    moment gets nothing, and a claim left by a dead sender runs out."""
    subscribed(client, smtp_server, "reader@example.org")
    make_statement(publish_at=timezone.now() + datetime.timedelta(seconds=1))
    now = timezone.now() + datetime.timedelta(minutes=1)
    alerts.plan(now)
    first = alerts.claim(now)
    assert len(first) == 1
    assert alerts.claim(now) == []
    expired = now + datetime.timedelta(seconds=alerts.CLAIM_SECONDS + 1)
    assert alerts.claim(expired) == first


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="two senders at once need row locks (PostgreSQL); on SQLite the "
    "claim is tested above",
)
def test_two_senders_at_once_send_each_alert_once(client, smtp_server, monkeypatch):
    """Two send_alerts running at the same time, each on its own database
    connection, against a slow mail server, claiming one alert at a time so
    that they interleave: every reader gets one mail."""
    monkeypatch.setattr(alerts, "BATCH", 1)
    for number in range(6):
        Subscriber.objects.create(
            email=f"reader{number}@example.org",
            language="en",
            confirmed_at=timezone.now() - datetime.timedelta(days=1),
        )
    statement = make_statement()
    smtp_server.delay = 0.1
    barrier = threading.Barrier(2)
    errors = []
    outputs = []

    def sender():
        try:
            barrier.wait()
            output = io.StringIO()
            call_command("send_alerts", stdout=output)
            outputs.append(output.getvalue())
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # Both did part of the work.
    assert sorted(outputs) != ["Alerts: 6 planned, 6 sent, 0 failed.\n"] * 2
    assert all(" 0 sent" not in output for output in outputs), outputs
    title = statement.versions.get().title
    for number in range(6):
        mine = smtp_server.to(f"reader{number}@example.org")
        assert [m["Subject"] for m in mine] == [title]
    assert Alert.objects.filter(sent_at__isnull=False).count() == 6
