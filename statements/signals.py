"""Sign-ins and failed sign-ins go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from statements.models import AuditAction, AuditEntry


def client_address(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in, dispatch_uid="audit_logged_in")
def audit_logged_in(sender, request, user, **kwargs):
    AuditEntry.objects.create(
        user=user,
        username=user.get_username(),
        action=AuditAction.LOGGED_IN,
        address=client_address(request),
    )


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed is kept: never the password.
    AuditEntry.objects.create(
        username=str(credentials.get("username", ""))[:150],
        action=AuditAction.LOGIN_FAILED,
        address=client_address(request),
    )
