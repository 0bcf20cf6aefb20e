from django.contrib import admin
from django.shortcuts import redirect

from readers.models import Alert, OfficeContact, Subscriber
from statements.admin import TranslatedFieldsMixin


@admin.register(OfficeContact)
class OfficeContactAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    """One page of contact details, in every language: it can be written once
    and changed, never deleted or doubled."""

    fieldsets = [
        (None, {"fields": ["name", "address", "telephone", "hotline", "email"]}),
        (None, {"fields": ["opening_hours", "complaints"]}),
        (None, {"fields": ["press_name", "press_telephone", "press_email"]}),
    ]

    def add_view(self, request, form_url="", extra_context=None):
        # The one row already exists: adding would replace it, so edit it.
        if OfficeContact.objects.exists():
            return redirect("admin:readers_officecontact_change", 1)
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Readers add themselves; staff may only look and remove."""

    list_display = ["email", "language", "confirmed_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    fields = ["email", "language", "kinds", "topics", "confirmed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["statement", "subscriber", "language", "created_at", "sent_at"]
    list_filter = ["language", "sent_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
