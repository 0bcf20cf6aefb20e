"""Example rows of the sign-in models, for tests that open every admin page."""

from django.contrib.auth.models import Group
from django.utils import timezone


def sign_in_example(model):
    """One saved row of ``model`` (accounts, django-axes or django-otp)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import RolePolicy
    from tests.factories import make_user

    now = timezone.now()
    if model is RolePolicy:
        group = Group.objects.order_by("pk").first() or Group.objects.create(
            name="Example role"
        )
        return RolePolicy.objects.get_or_create(group=group)[0]
    if model is TOTPDevice:
        return TOTPDevice.objects.create(user=make_user(), name="authenticator")
    common = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "192.0.2.10",
        "username": "someone",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
        "attempt_time": now,
    }
    if model is AccessAttempt:
        return AccessAttempt.objects.create(
            get_data="", post_data="username=someone", failures_since_start=1, **common
        )
    if model is AccessFailureLog:
        return AccessFailureLog.objects.create(locked_out=False, **common)
    if model is AccessLog:
        common.pop("attempt_time")
        return AccessLog.objects.create(attempt_time=now, **common)
    return model._default_manager.order_by("pk").first()
