"""A language version's admin: its text, working draft, corrections and
workflow.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from statements import workflow
from statements.admin.common import (
    AuthorFieldMixin,
    _after_versions_saved,
    _apply_transition,
    _editing_context,
    _int_or_none,
    _public_address,
    _visible_versions,
    approved_message,
    submitted_message,
)
from statements.admin.filters import OutdatedFilter
from statements.admin.forms import (
    CorrectionForm,
)
from statements.admin.history import HistoryMixin, side_by_side
from statements.admin.saves import SaveFailuresAsFormErrorsMixin
from statements.admin.version_forms import StatementVersionForm
from statements.models import (
    Correction,
    Statement,
    StatementVersion,
    VersionStatus,
)
from statements.translating import memory, tracking, xliff


class CorrectionInline(admin.TabularInline):
    """Correction notes are what readers see: they come with an approved
    draft (workflow.approve), never typed in here."""

    model = Correction
    form = CorrectionForm
    extra = 0
    readonly_fields = ["at", "note"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatementVersion)
class StatementVersionAdmin(
    SaveFailuresAsFormErrorsMixin, AuthorFieldMixin, HistoryMixin, CompareVersionAdmin
):
    form = StatementVersionForm
    # A comparison shows what a person wrote, not the bookkeeping beside it.
    compare_fields = ["title", "summary", "body", "status"]
    change_form_template = "admin/statements/statementversion/change_form.html"
    fields = [
        "statement",
        ("language", "status"),
        "title",
        "summary",
        "body",
        "author",
        "change_kind",
        "correction_note",
        "published_at",
        "last_substantive_change_at",
        "edit_token",
        "opened_text",
    ]
    readonly_fields = ["status", "published_at", "last_substantive_change_at"]
    actions = ["submit_for_review", "approve_and_publish"]
    autocomplete_fields = ["statement"]
    inlines = [CorrectionInline]
    list_display = [
        "title",
        "language",
        "status",
        "is_current",
        "statement_slug",
        "updated_at",
    ]
    list_filter = ["language", "status", OutdatedFilter]
    list_select_related = ["statement"]
    search_fields = ["title", "summary", "statement__slug"]

    def get_queryset(self, request):
        return _visible_versions(super().get_queryset(request), request.user)

    def view_on_site(self, obj):
        return _public_address(obj)

    @admin.display(description=_("statement"), ordering="statement__slug")
    def statement_slug(self, obj):
        return obj.statement.slug

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        return form

    @admin.display(boolean=True, description=_("up to date"))
    def is_current(self, obj):
        return obj.outdated_since is None

    def get_urls(self):
        return [
            path(
                "<path:object_id>/up-to-date/",
                self.admin_site.admin_view(self.mark_up_to_date),
                name="statements_statementversion_up_to_date",
            ),
        ] + super().get_urls()

    def mark_up_to_date(self, request, object_id):
        """The translator has handled the source's changes."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        version = get_object_or_404(
            _visible_versions(StatementVersion.objects.all(), request.user),
            pk=_int_or_none(object_id),
        )
        if not workflow.may_edit_version(request.user, version):
            raise PermissionDenied
        if version.status == VersionStatus.PUBLISHED:
            # Readers are told a live translation may be behind; that notice
            # goes when an editor approves the translator's word for it.
            workflow.mark_draft_up_to_date(version, request.user)
            messages.success(
                request,
                _(
                    "Marked as up to date in the draft: readers see the change "
                    "once the draft is approved."
                ),
            )
        else:
            tracking.bring_up_to_date(version)
            messages.success(request, _("Marked as up to date with its source."))
        return HttpResponseRedirect(
            reverse("admin:statements_statementversion_change", args=[version.pk])
        )

    def get_changeform_initial_data(self, request):
        """``?statement=&language=&structure=1`` start a translation from the queue."""
        initial = super().get_changeform_initial_data(request)
        statement = Statement.objects.filter(pk=request.GET.get("statement")).first()
        if statement is not None and request.GET.get("structure") == "1":
            source = statement.versions.filter(
                language=request.GET.get("source") or statement.original_language
            ).first()
            if source is not None:
                initial["body"] = xliff.structure_of(source.body)
        return initial

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = StatementVersion.objects.filter(pk=_int_or_none(object_id)).first()
        extra_context = dict(extra_context or {})
        if version is not None and self.has_view_permission(request, version):
            extra_context.update(_editing_context(self, request, version))
            item = workflow.working_item(version)
            extra_context["working_item"] = item
            extra_context["language_state"] = workflow.describe_language(version)
            extra_context["edits_draft"] = version.status == VersionStatus.PUBLISHED
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        # A new translation is submitted from the page it is written on, too.
        extra_context = {**(extra_context or {}), "can_save_and_submit": True}
        return super().add_view(request, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        if "_save_and_submit" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_save_and_submit" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    def _submit_after_save(self, request, obj):
        try:
            done = workflow.perform("submit", obj, request.user)
        except (workflow.WorkflowError, PermissionDenied) as error:
            messages.warning(request, str(error) or _("You may not do this."))
        else:
            messages.success(request, done)
            self._warn_of_terms(request, obj)
        return HttpResponseRedirect(
            reverse("admin:statements_statementversion_change", args=[obj.pk])
        )

    def _warn_of_terms(self, request, version):
        """The term check: a source term whose approved translation is not in
        the submitted text is named, for the translator and the reviewer."""
        source = tracking.source_of(version)
        item = workflow.working_item(version)
        if source is None or item is None:
            return
        missing = [
            f"{use.source} → {use.target}"
            for use in memory.terms_in(
                source.plain_text(),
                source.language,
                version.language,
                item.plain_text(),
            )
            if not use.found_in_translation
        ]
        if missing:
            messages.warning(
                request,
                _(
                    "Check these terms: their approved translation is not in the "
                    "text: %(terms)s."
                )
                % {"terms": "; ".join(missing)},
            )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["side_by_side"] = side_by_side(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A version belongs to its statement for good.
            fields.append("statement")
        return fields

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.may_edit_version(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # A published version is part of the record: it is withdrawn with its
        # statement, never deleted.
        if obj is not None and obj.status == VersionStatus.PUBLISHED:
            return False
        return workflow.is_editor(request.user) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.status = VersionStatus.DRAFT
        if not workflow.may_edit_version(request.user, obj):
            raise PermissionDenied
        if obj.pk is None and obj.author_id is None:
            obj.author = request.user
        if form.writes_draft:
            # The live text stays as it is; what was typed is the draft.
            form.save_draft()
            return
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        form.save_language_fields()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        created = set() if change else {form.instance.pk}
        _after_versions_saved(request, [form], created)

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request, queryset):
        _apply_transition(request, "submit", queryset, submitted_message)

    @admin.action(description=_("Approve versions in review"))
    def approve_and_publish(self, request, queryset):
        _apply_transition(request, "approve", queryset, approved_message)
