"""One saved row of each readers model, for tests that visit every admin page."""

import datetime

from django.utils import timezone

from readers.demo import ensure_demo_contact
from readers.models import Alert, OfficeContact, Subscriber
from tests.factories import make_statement


def reader_example(model):
    if model is OfficeContact:
        ensure_demo_contact()
        return OfficeContact.objects.get()
    subscriber = Subscriber.objects.create(
        email="reader@example.org",
        language="en",
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )
    if model is Subscriber:
        return subscriber
    if model is Alert:
        return Alert.objects.create(
            subscriber=subscriber, statement=make_statement(), language="en"
        )
    raise LookupError(model)
