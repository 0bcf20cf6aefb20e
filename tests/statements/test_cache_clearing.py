"""Which changes clear the page cache: every model of the app, unless excluded."""

from unittest import mock

import pytest
from django.apps import apps

from statements.models import AuditAction, AuditEntry, Statement
from statements.public import cache_clearing
from tests.factories import make_statement, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared():
    with mock.patch.object(cache_clearing, "content_changed") as content_changed:
        yield content_changed


def test_every_model_of_the_app_clears_unless_excluded():
    """A model added to the app clears the cache without anyone listing it."""
    every = set(apps.get_app_config("statements").get_models(include_auto_created=True))
    assert (
        set(cache_clearing.shown_on_public_pages())
        == every - cache_clearing.NOT_ON_PUBLIC_PAGES
    )
    assert cache_clearing.NOT_ON_PUBLIC_PAGES <= every  # no stale exclusion
    assert Statement.topics.through in cache_clearing.shown_on_public_pages()


def test_a_public_change_clears_and_a_private_one_does_not(cleared):
    """Renaming a topic or retagging a statement clears; an audit entry does not."""
    topic = make_topic()
    statement = make_statement()
    cleared.reset_mock()
    topic.name = {"en": "Renamed"}
    topic.save()
    assert cleared.call_count == 1
    statement.topics.add(topic)
    assert cleared.call_count >= 2
    calls = cleared.call_count
    AuditEntry.objects.create(username="someone", action=AuditAction.LOGIN_FAILED)
    assert cleared.call_count == calls
