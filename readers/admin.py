from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from readers.models import Alert, OfficeContact, Subscriber
from statements.admin import TranslatedFieldsMixin


@admin.register(OfficeContact)
class OfficeContactAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    """One page of contact details: the list leads straight to it."""

    fieldsets = [
        (None, {"fields": ["name", "address", "telephone", "hotline", "email"]}),
        (None, {"fields": ["opening_hours", "complaints"]}),
        (None, {"fields": ["press_name", "press_telephone", "press_email"]}),
    ]

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request) and not OfficeContact.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if OfficeContact.objects.exists():
            return redirect(reverse("admin:readers_officecontact_change", args=[1]))
        return redirect(reverse("admin:readers_officecontact_add"))


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
