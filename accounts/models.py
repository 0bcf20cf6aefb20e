"""Sign-in rules an administrator sets per role."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class RolePolicy(models.Model):
    """What a role (a group of staff) must do to sign in."""

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="sign_in_policy",
        verbose_name=_("role"),
    )
    require_two_factor = models.BooleanField(
        _("require two-factor authentication"),
        default=True,
        help_text=_(
            "Members of this role must set up an authenticator app and enter its "
            "code each time they sign in before they can use the admin."
        ),
    )

    class Meta:
        verbose_name = _("sign-in policy")
        verbose_name_plural = _("sign-in policies")
        ordering = ["group__name"]

    def __str__(self):
        return str(self.group)


def two_factor_required(user):
    """Whether one of ``user``'s roles requires two-factor authentication."""
    if not user.is_authenticated:
        return False
    return RolePolicy.objects.filter(
        require_two_factor=True, group__in=user.groups.all()
    ).exists()
