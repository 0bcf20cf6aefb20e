"""Double opt-in without a trace of who asked.

A request to subscribe stores nothing: the address and its choices travel,
encrypted and authenticated (Fernet, from the ``cryptography`` package), in
the link mailed to that address, and only following the link creates the
subscriber. Encrypted rather than only signed, so that the address cannot be
read back from a link that ends up in a server log or a forwarded mail.
Whatever the address, known or not, the reader sees the same page; what
differs is only in the mail, which only the address's owner reads.
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from readers.alerts import site_url, unsubscribe_url
from readers.models import OfficeContact, Subscriber
from statements.models import Topic

SALT = "readers.subscribe"
# How long a confirmation link works.
MAX_AGE = 60 * 60 * 24 * 7
# Confirmation mails one address may be sent per hour: the form cannot be used
# to flood someone's mailbox. Past it the page says the same, and nothing is sent.
MAILS_PER_HOUR = 3


def normalize(email):
    return email.strip().lower()


def _fernet():
    # A key of its own, derived from SECRET_KEY: the same on every app server,
    # and changed with it.
    digest = hashlib.sha256(f"{SALT}:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def confirmation_token(email, language, kinds, topic_keys):
    data = {"e": normalize(email), "l": language, "k": kinds, "t": topic_keys}
    return _fernet().encrypt(json.dumps(data).encode()).decode()


def read_token(token):
    """The choice in a confirmation link, or None if forged, altered or expired."""
    try:
        data = json.loads(_fernet().decrypt(token.encode(), ttl=MAX_AGE))
    except (InvalidToken, ValueError):
        return None
    codes = {code for code, _name in settings.LANGUAGES}
    if not isinstance(data, dict) or data.get("l") not in codes:
        return None
    return data


def _allowed(email):
    digest = hashlib.sha256(email.encode()).hexdigest()
    key = f"readers:confirm-mails:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= MAILS_PER_HOUR
    except ValueError:
        return True


def request_subscription(email, language, kinds, topics):
    """Mail the confirmation link; says nothing about whether it was sent."""
    email = normalize(email)
    if not _allowed(email):
        return
    token = confirmation_token(email, language, kinds, [t.key for t in topics])
    existing = Subscriber.objects.filter(email=email).first()
    with translation.override(language):
        context = {
            "confirm": site_url(reverse("readers:confirm", kwargs={"token": token})),
            "existing": existing is not None,
            "unsubscribe": unsubscribe_url(existing) if existing else "",
            "office": OfficeContact.current().name_in(language),
            "days": MAX_AGE // 86400,
        }
        subject = render_to_string("readers/email/confirm_subject.txt", context)
        body = render_to_string("readers/email/confirm.txt", context)
    mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    ).send()


def confirm(data):
    """Create or update the subscriber the signed ``data`` describes."""
    subscriber = Subscriber.objects.filter(email=data["e"]).first()
    if subscriber is None:
        subscriber = Subscriber(email=data["e"], confirmed_at=timezone.now())
    subscriber.language = data["l"]
    subscriber.kinds = [kind for kind in data.get("k") or [] if isinstance(kind, str)]
    subscriber.save()
    subscriber.topics.set(Topic.objects.filter(key__in=data.get("t") or []))
    return subscriber
