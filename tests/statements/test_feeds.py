"""RSS and Atom feeds of the latest public statements, one language each."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from statements.models import Correction, StatementKind
from tests.factories import make_statement

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_lists_twenty_latest_in_the_language(client):
    """RSS 2.0: 20 newest public statements, language tag, RFC 822 dates."""
    now = timezone.now()
    statements = [
        make_statement(languages=["ru"], publish_at=now - datetime.timedelta(hours=h))
        for h in range(1, 23)
    ]
    response = client.get("/ru/statements/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ru"
    items = channel.findall("item")
    assert len(items) == 20
    newest = statements[0].versions.get()
    assert items[0].findtext("title") == newest.title
    assert items[0].findtext("description") == newest.summary
    assert items[0].findtext("link").endswith(f"/ru/statements/{statements[0].slug}/")
    pub_date = items[0].findtext("pubDate")
    assert pub_date.endswith("+0000") and "," in pub_date


def test_atom_feed_and_kind_filter(client):
    """Atom carries xml:lang; ?kind= narrows it to one kind."""
    press = make_statement(languages=["en"], kind=StatementKind.PRESS_RELEASE)
    make_statement(languages=["en"], kind=StatementKind.STATEMENT)
    response = client.get("/en/statements/feed/atom/?kind=press_release")
    root = ET.fromstring(response.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [press.versions.get().title]


def test_feed_entry_carries_corrections_and_withdrawal(client):
    """A correction note is part of the entry; a withdrawn one says so."""
    statement = make_statement(
        languages=["en"], withdrawn_at=timezone.now(), withdrawal_reason={"en": "x"}
    )
    Correction.objects.create(version=statement.versions.get(), note="Figure fixed.")
    item = ET.fromstring(client.get("/en/statements/feed/").content).find(
        "channel/item"
    )
    assert item.findtext("title").startswith("Withdrawn: ")
    assert "Figure fixed." in item.findtext("description")


def test_feed_of_a_language_without_statements_is_empty(client):
    """A language with nothing published gives a valid, empty feed."""
    make_statement(languages=["az"])
    channel = ET.fromstring(client.get("/en/statements/feed/").content).find("channel")
    assert channel.findall("item") == []


def test_atom_entries_have_tag_ids_authors_and_categories(client, settings):
    """Each entry's id is a tag: URI (not a bare word), with the issuer as
    author and the kind and topics as categories."""
    from tests.factories import make_person, make_topic

    settings.SITE_URL = "https://ombudsman.example.org"
    person = make_person(name={"en": "Sabina Aliyeva"})
    topic = make_topic(name={"en": "Prisons"})
    statement = make_statement(languages=["en"], issued_by=person, topics=[topic])
    root = ET.fromstring(client.get("/en/statements/feed/atom/").content)
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == (
        f"tag:ombudsman.example.org,2025:statement-{statement.pk}-en"
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Sabina Aliyeva"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "Statement",
        "Prisons",
    ]


def test_a_withdrawn_statement_does_not_lead_and_gives_its_date(client):
    """The newest statement is withdrawn: it comes after the others, dated,
    and its entry's updated time is the withdrawal."""
    now = timezone.now()
    older = make_statement(
        languages=["en"], publish_at=now - datetime.timedelta(days=2)
    )
    withdrawn_at = now - datetime.timedelta(hours=1)
    withdrawn = make_statement(
        languages=["en"],
        publish_at=now - datetime.timedelta(days=1),
        withdrawn_at=withdrawn_at,
        withdrawal_reason={"en": "Sent by mistake."},
    )
    root = ET.fromstring(client.get("/en/statements/feed/atom/").content)
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == [
        older.versions.get().title,
        f"Withdrawn: {withdrawn.versions.get().title}",
    ]
    updated = datetime.datetime.fromisoformat(entries[1].findtext(f"{ATOM}updated"))
    assert updated == withdrawn_at
    summary = entries[1].findtext(f"{ATOM}summary")
    date = timezone.localtime(withdrawn_at).strftime("%-d %B %Y")
    assert summary.startswith(f"Withdrawn on {date}. Sent by mistake.")

    home = client.get("/en/").content.decode()
    assert older.versions.get().title in home
    assert withdrawn.versions.get().title not in home
