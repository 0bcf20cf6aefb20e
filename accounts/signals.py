"""Keeps the two-factor answer in staff sessions current (accounts.policy)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RolePolicy
from accounts.policy import remember, rules_changed

for _model in (RolePolicy, TOTPDevice):
    post_save.connect(rules_changed, sender=_model, dispatch_uid=f"2fa-{_model}")
    post_delete.connect(rules_changed, sender=_model, dispatch_uid=f"2fa-del-{_model}")
post_delete.connect(rules_changed, sender=Group, dispatch_uid="2fa-group")
m2m_changed.connect(
    rules_changed, sender=get_user_model().groups.through, dispatch_uid="2fa-roles"
)


@receiver(user_logged_in, dispatch_uid="two_factor_at_sign_in")
def two_factor_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember(request, user)
