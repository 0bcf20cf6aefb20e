"""Sign-in policies per role, and staff's authenticator devices.

Who may see these is decided by model permissions, which only the
Administrator role holds (accounts.roles). Locked-out sign-ins are listed by
django-axes' own admin ("Access attempts"): deleting an attempt unlocks it.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RolePolicy


@admin.register(RolePolicy)
class RolePolicyAdmin(admin.ModelAdmin):
    list_display = ["group", "require_two_factor"]
    list_filter = ["require_two_factor"]
    fields = ["group", "require_two_factor"]


# django-otp's own device admin shows and edits the secret key; staff set up
# their authenticator themselves, so administrators only see who has one and
# can remove it (for a lost phone), never read or change a key.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
