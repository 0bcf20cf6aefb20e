"""Two-factor authentication, enforced for the admin and staff previews."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from accounts.policy import needs_second_factor

# Pages an unverified staff member must still reach: signing in and out, and
# the two-factor pages themselves.
EXEMPT_VIEWS = {"admin:login", "admin:logout", "admin:jsi18n"}
EXEMPT_NAMESPACES = {"accounts"}


class TwoFactorMiddleware:
    """Sends staff who still owe a code to the verification (or set-up) page.

    Applies to the admin (the editor's uploader included) and to staff
    previews of unpublished statements: everything a password alone must not
    open when a second factor is due. Must come after django-otp's
    OTPMiddleware, which tells whether this session entered a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        guarded = request.path_info.startswith(settings.ADMIN_URL_PREFIX) or (
            match is not None and match.view_name == "statements:preview"
        )
        if not guarded or match is None:
            return None
        if match.view_name in EXEMPT_VIEWS or EXEMPT_NAMESPACES & set(match.namespaces):
            return None
        if not needs_second_factor(request):
            return None
        user = request.user
        target = "accounts:verify" if user_has_device(user) else "accounts:setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
