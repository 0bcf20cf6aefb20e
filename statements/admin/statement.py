"""The statement's admin with its inlines: language versions, press coverage,
distribution and attachments.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from statements import workflow
from statements.admin.common import (
    STATE_SYMBOLS,
    AuthorFieldMixin,
    StatementPermissionsMixin,
    TranslatedFieldsMixin,
    _after_versions_saved,
    _apply_transition,
    _editing_context,
    _int_or_none,
    _public_address,
    _visible_versions,
    approved_message,
    submitted_message,
)
from statements.admin.filters import IssuedYearFilter, LanguageStateFilter
from statements.admin.forms import (
    AttachmentForm,
    CoverageForm,
    DistributionForm,
    StatementAdminForm,
)
from statements.admin.history import HistoryMixin
from statements.admin.saves import SaveFailuresAsFormErrorsMixin
from statements.admin.version_forms import StatementVersionForm, VersionInlineFormSet
from statements.admin.workflow_buttons import workflow_panel, workflow_view
from statements.commemorations.anniversaries import draft_anniversary_statement
from statements.i18n.languages import language_codes, language_name
from statements.models import (
    Attachment,
    AuditAction,
    Commemoration,
    Coverage,
    Distribution,
    Statement,
    StatementVersion,
    VersionStatus,
)
from statements.translating import xliff
from statements.translating.progress import coverage_report


class VersionInline(
    StatementPermissionsMixin,
    AuthorFieldMixin,
    TranslatedFieldsMixin,
    admin.StackedInline,
):
    model = StatementVersion
    form = StatementVersionForm
    formset = VersionInlineFormSet
    fields = [
        ("language", "status"),
        "title",
        "summary",
        "body",
        "author",
        "change_kind",
        "correction_note",
        "edit_token",
        "opened_text",
    ]
    readonly_fields = ["status"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.current_user = request.user
        return formset

    def get_queryset(self, request):
        return _visible_versions(super().get_queryset(request), request.user)

    def view_on_site(self, obj):
        return _public_address(obj)

    def has_delete_permission(self, request, obj=None):
        # A published version is part of the record; it is withdrawn, not deleted.
        return workflow.is_editor(request.user) and super().has_delete_permission(
            request, obj
        )

    verbose_name = _("language version")
    verbose_name_plural = _("language versions")

    def get_extra(self, request, obj=None, **kwargs):
        # A new statement opens with one empty version to write in; an existing
        # one adds more with "Add another".
        return 1 if obj is None else 0


class CoverageInline(StatementPermissionsMixin, admin.TabularInline):
    model = Coverage
    form = CoverageForm
    extra = 0


class DistributionInline(
    StatementPermissionsMixin, TranslatedFieldsMixin, admin.TabularInline
):
    model = Distribution
    form = DistributionForm
    extra = 0


class AttachmentInline(
    StatementPermissionsMixin, TranslatedFieldsMixin, admin.TabularInline
):
    model = Attachment
    form = AttachmentForm
    extra = 0


@admin.register(Statement)
class StatementAdmin(
    SaveFailuresAsFormErrorsMixin,
    StatementPermissionsMixin,
    HistoryMixin,
    TranslatedFieldsMixin,
    CompareVersionAdmin,
):
    form = StatementAdminForm
    change_form_template = "admin/statements/statement/change_form.html"
    actions = ["submit_drafts", "approve_reviewed"]
    inlines = [VersionInline, CoverageInline, DistributionInline, AttachmentInline]
    fieldsets = [
        (
            _("What"),
            {
                "fields": [
                    "kind",
                    "original_language",
                    "required_languages",
                    "slug",
                    "edit_token",
                    "opened_text",
                ]
            },
        ),
        (
            _("Who and when"),
            {
                "fields": [
                    "issued_by",
                    "publish_at",
                    "reference_number",
                    "reference_year",
                ]
            },
        ),
        (
            _("Anniversary"),
            {
                "fields": ["commemoration", "anniversary_year"],
                "description": _("Only for an anniversary statement."),
            },
        ),
        (
            _("Image"),
            {"fields": ["hero_image", "hero_image_alt", "hero_image_caption"]},
        ),
        (_("Topics and related statements"), {"fields": ["topics", "related"]}),
        (
            _("Withdrawal"),
            {
                "fields": ["withdrawn_at", "withdrawal_reason"],
                "classes": ["collapse"],
                "description": _(
                    "A withdrawn statement stays online with a dated notice of why."
                ),
            },
        ),
        (
            _("Record"),
            {
                "fields": ["created_at", "created_by", "updated_at", "updated_by"],
                "classes": ["collapse"],
            },
        ),
    ]
    # Dates, references and withdrawal change only through the workflow buttons.
    readonly_fields = [
        "publish_at",
        "reference_number",
        "reference_year",
        "withdrawn_at",
        "withdrawal_reason",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]
    autocomplete_fields = ["topics", "related"]
    list_display = [
        "display_title",
        "kind",
        "publish_at",
        "display_reference",
        "publication",
        "language_states",
    ]
    list_display_links = ["display_title"]
    list_filter = ["kind", IssuedYearFilter, LanguageStateFilter, "topics"]
    search_fields = ["versions__title", "versions__summary", "versions__body"]
    search_help_text = _(
        "Searches the title, summary and text of every language version."
    )
    date_hierarchy = "publish_at"

    def view_on_site(self, obj):
        return _public_address(obj)

    def has_delete_permission(self, request, obj=None):
        # A released statement (public, or approved and scheduled) is part of
        # the record: it is withdrawn, never deleted.
        if obj is not None and obj.released_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        user = request.user
        if workflow.is_translator_only(user) and not workflow.translator_languages(
            user
        ):
            # Nothing to translate yet, so no unpublished text to read.
            return False
        return super().has_view_permission(request, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, VersionInline) and obj.pk is None:
            # The first version of a new statement is usually in the default
            # language; given on POST too, so an untouched form stays empty.
            kwargs["initial"] = [{"language": settings.LANGUAGE_CODE}]
        return kwargs

    def get_queryset(self, request):
        # Only the columns the list, the autocomplete and __str__ read; the
        # bodies stay in the database.
        versions = StatementVersion.objects.select_related("working_draft").only(
            "id",
            "statement_id",
            "language",
            "status",
            "title",
            "outdated_since",
            "working_draft__id",
            "working_draft__status",
            "working_draft__version_id",
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                public=Exists(Statement.objects.published().filter(pk=OuterRef("pk")))
            )
            .prefetch_related(Prefetch("versions", queryset=versions))
        )

    def get_search_results(self, request, queryset, search_term):
        # Matching through versions can repeat a statement; filtering by the
        # matching ids instead of DISTINCT keeps each row once and leaves the
        # annotations and ordering of the list alone.
        if not search_term.strip():
            return queryset, False
        matching, _duplicates = super().get_search_results(
            request, Statement.objects.all(), search_term
        )
        return queryset.filter(pk__in=matching.values("pk")), False

    @admin.display(description=_("title"))
    def display_title(self, obj):
        return obj.title() or obj.slug

    @admin.display(
        description=_("reference"), ordering=("reference_year", "reference_number")
    )
    def display_reference(self, obj):
        return obj.reference

    @admin.display(description=_("publication"), ordering="released_at")
    def publication(self, obj):
        # The date is in its own column; the panel says the whole sentence.
        return workflow.state_label(obj)

    @admin.display(description=_("languages"))
    def language_states(self, obj):
        versions = {version.language: version for version in obj.versions.all()}
        rows = []
        for code in language_codes():
            version = versions.get(code)
            state = version.status if version else "missing"
            label = workflow.describe_language(version)
            if version is not None and version.outdated_since:
                label = _("%(state)s, outdated") % {"state": label}
            original = code == obj.original_language
            name = language_name(code)
            if original:
                name = _("%(language)s (original language)") % {"language": name}
            rows.append(
                (
                    state,
                    " lang-state--original" if original else "",
                    STATE_SYMBOLS.get(state, "•"),
                    name,
                    code,
                    label,
                )
            )
        return format_html(
            '<ul class="lang-states">{}</ul>',
            format_html_join(
                "",
                '<li class="lang-state lang-state--{}{}">'
                '<span aria-hidden="true">{}</span> '
                '<abbr title="{}">{}</abbr> {}</li>',
                rows,
            ),
        )

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow),
                name="statements_statement_workflow",
            ),
            path(
                "anniversary/<int:commemoration_id>/<int:year>/",
                self.admin_site.admin_view(self.create_anniversary),
                name="statements_statement_anniversary",
            ),
            path(
                "<path:object_id>/xliff/<str:language>/",
                self.admin_site.admin_view(self.xliff),
                name="statements_statement_xliff",
            ),
            path(
                "coverage/",
                self.admin_site.admin_view(self.coverage),
                name="statements_statement_coverage",
            ),
        ]
        return urls + super().get_urls()

    def workflow(self, request, object_id):
        return workflow_view(self, request, object_id)

    def xliff(self, request, object_id, language):
        """GET: the source as XLIFF to translate into ``language``; POST: the
        translated file back in, as a draft."""
        statement = get_object_or_404(Statement, pk=object_id)
        if language not in language_codes():
            raise Http404
        target = statement.versions.filter(language=language).first() or (
            StatementVersion(statement=statement, language=language)
        )
        if not workflow.may_edit_version(request.user, target):
            raise PermissionDenied
        if request.method == "POST":
            return self._import_xliff(request, statement, language)
        source_language = request.GET.get("source") or statement.original_language
        source = get_object_or_404(
            StatementVersion, statement=statement, language=source_language
        )
        if source.language == language:
            raise Http404
        response = HttpResponse(
            xliff.export_xliff(source, language),
            content_type="application/x-xliff+xml; charset=utf-8",
        )
        filename = f"{statement.slug}.{source.language}-{language}.xlf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def _import_xliff(self, request, statement, language):
        upload = request.FILES.get("file")
        back = reverse("admin:statements_statement_change", args=[statement.pk])
        if upload is None or upload.size > 5 * 1024 * 1024:
            messages.error(
                request, _("Choose the translated XLIFF file (at most 5 MB).")
            )
            return HttpResponseRedirect(back)
        try:
            version = xliff.import_xliff(
                statement,
                language,
                upload.read(),
                request.user,
                replace=request.POST.get("replace") == "yes",
            )
        except xliff.ExchangeError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(back)
        messages.success(request, _("The translation was imported as a draft."))
        return HttpResponseRedirect(
            reverse("admin:statements_statementversion_change", args=[version.pk])
        )

    def coverage(self, request):
        """Per language: public statements with and without a current version."""
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Translation coverage"),
            "report": coverage_report(),
        }
        return TemplateResponse(
            request, "admin/statements/statement/coverage.html", context
        )

    def create_anniversary(self, request, commemoration_id, year):
        """This year's anniversary statement, drafted with a title in each language."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        commemoration = get_object_or_404(Commemoration, pk=commemoration_id)
        try:
            statement, created = draft_anniversary_statement(
                commemoration, year, request.user
            )
        except ValueError:
            messages.error(
                request, _("Add the person who issues statements (People) first.")
            )
            return HttpResponseRedirect(reverse("admin:index"))
        if created:
            messages.success(request, _("This year's statement has been drafted."))
        else:
            messages.info(request, _("This year's statement already exists."))
        return HttpResponseRedirect(
            reverse("admin:statements_statement_change", args=[statement.pk])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        statement = Statement.objects.filter(pk=_int_or_none(object_id)).first()
        extra_context = dict(extra_context or {})
        if statement is not None and self.has_view_permission(request, statement):
            extra_context["workflow"] = workflow_panel(request, statement)
            extra_context.update(_editing_context(self, request, statement))
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if "_save_and_submit" in request.POST:
            versions = StatementVersion.objects.filter(statement=obj)
            _apply_transition(request, "submit", versions, submitted_message)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        if not workflow.may_edit_statement(request.user, obj):
            raise PermissionDenied
        if change and obj.released_at is not None:
            changed = [
                name for name in form.changed_data if name not in ("opened_text",)
            ]
            if changed:
                # Shared facts of a public statement (image, topics, issuer)
                # are an editor's to change; each change is on the record.
                workflow.record(
                    request.user,
                    AuditAction.FACTS_CHANGED,
                    obj,
                    detail=", ".join(changed),
                )
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        created = set()
        if formset.model is StatementVersion:
            for version_form in formset.forms:
                version = version_form.instance
                if version.pk is None and version.author_id is None:
                    version.author = request.user
                if version.pk is None:
                    version.status = VersionStatus.DRAFT
                version.updated_by = request.user
        existing = {f.instance.pk for f in formset.forms if f.instance.pk}
        super().save_formset(request, form, formset, change)
        if formset.model is StatementVersion:
            created = {
                f.instance.pk
                for f in formset.forms
                if f.instance.pk and f.instance.pk not in existing
            }
            _after_versions_saved(request, formset.forms, created)

    @admin.action(description=_("Submit drafts for review"))
    def submit_drafts(self, request, queryset):
        _apply_transition(
            request,
            "submit",
            StatementVersion.objects.filter(statement__in=queryset),
            submitted_message,
        )

    @admin.action(description=_("Approve versions in review"))
    def approve_reviewed(self, request, queryset):
        _apply_transition(
            request,
            "approve",
            StatementVersion.objects.filter(statement__in=queryset),
            approved_message,
        )
