"""Who else has a change form open: shown on the edit page, so two people
know of each other before either saves.

Kept in the cache (a few minutes, a short list per object); when the cache is
unreachable the page simply shows nobody, as presence is a courtesy and
conflicts are caught on save in any case (forms.OptimisticLockMixin).
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

RECENT_SECONDS = 5 * 60


def _key(obj):
    return f"editing:{obj._meta.label_lower}:{obj.pk}"


def opened_for_editing(obj, user):
    """Note that ``user`` opened ``obj``'s form; return the others who did in
    the last few minutes, as (username, minutes ago), most recent first."""
    now = time.time()
    key = _key(obj)
    try:
        seen = cache.get(key) or {}
        seen = {name: at for name, at in seen.items() if now - at < RECENT_SECONDS}
        seen[user.get_username()] = now
        cache.set(key, seen, RECENT_SECONDS)
    except Exception:
        logger.warning("presence: the cache is unavailable", exc_info=True)
        return []
    others = [
        (name, max(1, round((now - at) / 60)))
        for name, at in seen.items()
        if name != user.get_username()
    ]
    return sorted(others, key=lambda pair: pair[1])
