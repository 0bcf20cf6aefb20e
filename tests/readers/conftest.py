import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The limit on confirmation mails is counted in the cache: one per test."""
    cache.clear()
    yield
    cache.clear()
