"""Whether a signed-in staff member still owes a second factor.

The answer is kept in the session, so an admin page costs no query for it:
it is worked out at sign-in and again when any rule it depends on changes (a
sign-in policy, an authenticator, someone's roles), which bumps a generation
number in the shared cache, or after RECHECK_SECONDS in any case, which bounds
how stale it can be where the cache is not shared between processes.
"""

import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RolePolicy

SESSION_KEY = "accounts.two_factor"
GENERATION_KEY = "accounts:two-factor-generation"
RECHECK_SECONDS = 300


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    # A cache that does not answer (Redis down) gives a new number each time:
    # the answer is worked out afresh on every request rather than trusted.
    return time.time_ns() if generation is None else generation


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def rules_changed(**kwargs):
    """Signal receiver: every session works out its answer again."""
    transaction.on_commit(_bump)


def second_factor_due(user):
    """One query: has ``user`` an authenticator, or does a role require one?"""
    due = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            has_device=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
            required=Exists(
                RolePolicy.objects.filter(
                    require_two_factor=True, group__user=OuterRef("pk")
                )
            ),
        )
        .values_list("has_device", "required")
        .first()
    )
    return bool(due and any(due))


def remember(request, user):
    """Works out the answer for ``user`` and keeps it in the session."""
    due = second_factor_due(user)
    request.session[SESSION_KEY] = {
        "user": user.pk,
        "generation": current_generation(),
        "at": time.time(),
        "due": due,
    }
    return due


def needs_second_factor(request):
    """True when this session's staff member must still enter a code."""
    user = request.user
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return False
    state = request.session.get(SESSION_KEY)
    if (
        isinstance(state, dict)
        and state.get("user") == user.pk
        and state.get("generation") == current_generation()
        and time.time() - state.get("at", 0) < RECHECK_SECONDS
    ):
        return bool(state.get("due"))
    return remember(request, user)
