"""Staff accounts with their profiles, and the audit log."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from statements.models import (
    AuditEntry,
    StaffProfile,
)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Who did what and when: readable and filterable, never editable."""

    list_display = ["at", "username", "action", "statement", "language", "detail"]
    list_filter = ["action", "language", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "detail", "statement__slug"]
    date_hierarchy = "at"
    list_select_related = ["statement"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = _("languages")
    fields = ["language", "languages"]


User = get_user_model()


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the languages a translator works in."""

    inlines = [StaffProfileInline]
