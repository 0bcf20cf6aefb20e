"""The staff interface: statements with their language versions, and what they cite."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
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
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from statements import workflow
from statements.admin import presence
from statements.admin.forms import (
    AttachmentForm,
    CommemorationFigureForm,
    CommemorationForm,
    CorrectionForm,
    CoverageForm,
    DistributionForm,
    GroupedTranslatedTextWidget,
    StatementAdminForm,
    StatementVersionForm,
    TopicForm,
    VersionInlineFormSet,
)
from statements.admin.saves import SaveFailuresAsFormErrorsMixin
from statements.admin.workflow_buttons import workflow_panel, workflow_view
from statements.commemorations.anniversaries import draft_anniversary_statement
from statements.content.sanitizer import html_to_text
from statements.i18n.languages import language_codes, language_name
from statements.models import (
    Attachment,
    AuditAction,
    AuditEntry,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Person,
    StaffProfile,
    Statement,
    StatementVersion,
    Term,
    Topic,
    VersionStatus,
    WorkingDraft,
)
from statements.models.fields import TranslatedTextFormField
from statements.translating import memory
from statements.translating import tracking as translation
from statements.translating.progress import coverage_report

admin.site.site_header = _("Ombudsman statements")
admin.site.site_title = _("Ombudsman statements")
admin.site.index_title = _("Statements and what they refer to")

# A symbol per state for a quick look, always followed by the state in words
# so the column does not rely on the symbol (or a colour) alone.
STATE_SYMBOLS = {
    VersionStatus.PUBLISHED: "●",
    VersionStatus.REVIEW: "◐",
    VersionStatus.DRAFT: "○",
    "missing": "—",
}


def translated_search_fields(*names):
    """``name__az``, ``name__en``, … so a JSON text is searched in each language.

    Searching the JSON document itself would miss non-ASCII text on SQLite,
    which stores it \\u-escaped.
    """
    return [f"{name}__{code}" for name in names for code in language_codes()]


class TranslatedFieldsMixin:
    """Groups each translated field's inputs under the field's label."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield, TranslatedTextFormField):
            formfield.widget = GroupedTranslatedTextWidget.replacing(
                formfield.widget, group_label=formfield.label
            )
            # The model field's callable default turns on a hidden "initial"
            # input, whose text the multi-widget cannot decompress when the
            # admin compares it to work out what changed.
            formfield.show_hidden_initial = False
        return formfield


class AuthorFieldMixin:
    """Offers staff only as a version's author, without add/change user links."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["queryset"] = db_field.remote_field.model._default_manager.filter(
                is_staff=True
            )
            # Skipping the admin's wrapper: managing accounts is not part of
            # writing a statement.
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class StatementPermissionsMixin:
    """The statement's page is editable only by those the workflow allows."""

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        statement = getattr(obj, "statement", obj)
        return statement is None or workflow.may_edit_statement(request.user, statement)


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


class IssuedYearFilter(admin.SimpleListFilter):
    title = _("year issued")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Statement.objects.datetimes("publish_at", "year", order="DESC")
        return [(str(moment.year), str(moment.year)) for moment in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(publish_at__year=int(value))
        return queryset


class LanguageStateFilter(admin.SimpleListFilter):
    """Where translation work is waiting: missing, draft or in review per language."""

    title = _("language state")
    parameter_name = "language_state"

    def lookups(self, request, model_admin):
        choices = [
            ("review", _("a version in review")),
            ("published", _("published in every language")),
        ]
        for code in language_codes():
            name = language_name(code)
            # "Language: state" rather than "state in language", so that no
            # translation has to decline the language's name.
            choices += [
                (f"missing-{code}", _("%(language)s: missing") % {"language": name}),
                (f"draft-{code}", _("%(language)s: draft") % {"language": name}),
                (f"review-{code}", _("%(language)s: in review") % {"language": name}),
            ]
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        versions = StatementVersion.objects.filter(statement=OuterRef("pk"))
        if value == "review":
            return queryset.filter(Exists(versions.filter(status=VersionStatus.REVIEW)))
        if value == "published":
            for code in language_codes():
                queryset = queryset.filter(
                    Exists(
                        versions.filter(language=code, status=VersionStatus.PUBLISHED)
                    )
                )
            return queryset
        state, _sep, code = value.partition("-")
        if code not in language_codes():
            return queryset
        in_language = versions.filter(language=code)
        if state == "missing":
            return queryset.exclude(Exists(in_language))
        if state in (VersionStatus.DRAFT, VersionStatus.REVIEW):
            return queryset.filter(Exists(in_language.filter(status=state)))
        return queryset


def _after_versions_saved(request, forms, created_ids=()):
    """What follows a save of versions not yet public: their translations
    marked outdated by a substantive change, a new translation's record of the
    source it was made from. (A live text's draft has this done when it is
    approved: workflow.approve.)"""
    for form in forms:
        if not (form.is_bound and form.is_valid()) or form.instance.pk is None:
            continue
        version = form.instance
        if version.pk in created_ids:
            translation.bring_up_to_date(version)
            continue
        if getattr(form, "conflict_overridden", False):
            workflow.record(
                request.user,
                AuditAction.CONFLICT_OVERRIDDEN,
                version.statement,
                version.language,
            )
        if form.writes_draft or not form.text_changed():
            continue
        translation.source_changed(version, substantive=form.is_substantive_change())


class OutdatedFilter(admin.SimpleListFilter):
    title = _("source changed")
    parameter_name = "outdated"

    def lookups(self, request, model_admin):
        return [("yes", _("outdated")), ("no", _("up to date"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(outdated_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(outdated_since__isnull=True)
        return queryset


def side_by_side(request, version):
    """The source shown beside a translation: chosen with ?source=, else the one
    it was made from, else the original."""
    statement = version.statement if version else None
    if statement is None:
        statement = Statement.objects.filter(pk=request.GET.get("statement")).first()
    if statement is None:
        return None
    if (
        version is not None
        and version.language == statement.original_language
        and not request.GET.get("source")
    ):
        # The original is written, not translated: no source beside it.
        return None
    versions = {v.language: v for v in statement.versions.all()}
    own_language = version.language if version else request.GET.get("language")
    wanted = request.GET.get("source") or (
        version.source_language if version and version.source_language else ""
    )
    source = versions.get(wanted) or versions.get(statement.original_language)
    if source is None or source.language == own_language:
        source = None
    aids = _translation_aids(version, source, own_language, statement)
    return {
        **aids,
        "statement": statement,
        "source": source,
        "paragraphs": source.plain_text().splitlines() if source else [],
        "choices": [
            (code, language_name(code)) for code in versions if code != own_language
        ],
        "changes": translation.changes_since_translation(version)
        if version is not None
        and version.outdated_since
        and not _draft_marked_up_to_date(version)
        else [],
        "can_edit": version is not None
        and workflow.may_edit_version(request.user, version),
    }


def _translation_aids(version, source, language, statement):
    """The memory's matches for each source paragraph and the term base's
    entries in the source, checked against the translation as last saved."""
    if source is None or not language:
        return {"memory": [], "terms": [], "missing_terms": [], "target_language": ""}
    item = workflow.working_item(version) if version is not None else None
    translated = item.plain_text() if item is not None else None
    terms = memory.terms_in(source.plain_text(), source.language, language, translated)
    return {
        "memory": memory.suggestions(source, language, exclude_statement=statement),
        "terms": terms,
        "missing_terms": [use for use in terms if use.found_in_translation is False],
        "target_language": language,
    }


def _draft_marked_up_to_date(version):
    draft = workflow.working_item(version)
    return isinstance(draft, WorkingDraft) and bool(draft.source_text)


class HistoryMixin:
    """History shows old text and restores it as a draft; it never publishes,
    unpublishes, renumbers or un-withdraws anything.

    django-reversion's revert re-saves the whole revision as it was (states,
    dates, reference numbers, every language); here a restore of a language
    version goes through workflow.restore_revision(), which writes only that
    language's text, as a draft. A statement's own revisions are shown but not
    restored, and deleted objects are not brought back (either would bring
    back a published state). Every history page checks the same object and
    language permissions as the edit page.
    """

    # reversion's change list adds "Recover deleted …", which is not offered.
    change_list_template = "admin/change_list.html"

    def compare_body(self, obj_compare):
        # History compares the text readers see, not the HTML behind it.
        return html_diff(
            html_to_text(obj_compare.value1), html_to_text(obj_compare.value2)
        )

    def _history_object(self, request, object_id):
        obj = self.model.objects.filter(pk=_int_or_none(object_id)).first()
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        user = request.user
        if isinstance(obj, StatementVersion):
            allowed = workflow.may_see_language(user, obj.statement, obj.language)
        else:
            # A statement's revisions carry every language's text.
            allowed = all(
                workflow.may_see_language(user, obj, code)
                for code in obj.versions.values_list("language", flat=True)
            )
        if not allowed:
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._history_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._history_object(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied

    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._history_object(request, object_id)
        old = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"),
            pk=_int_or_none(version_id),
        )
        restorable = isinstance(obj, StatementVersion) and workflow.may_edit_version(
            request.user, obj
        )
        history_url = reverse(
            f"admin:statements_{self.model._meta.model_name}_history", args=[obj.pk]
        )
        if request.method == "POST":
            if not restorable:
                raise PermissionDenied
            workflow.restore_revision(obj, old, request.user)
            messages.success(
                request,
                _(
                    "The old text is now a draft of this language version. Readers "
                    "see no change until it is approved."
                )
                if obj.status == VersionStatus.PUBLISHED
                else _("The old text is back in the draft."),
            )
            return HttpResponseRedirect(
                reverse("admin:statements_statementversion_change", args=[obj.pk])
            )
        fields = old.field_dict
        if isinstance(obj, StatementVersion):
            shown = [
                (_("Title"), fields.get("title", "")),
                (_("Summary"), fields.get("summary", "")),
                (_("Text"), html_to_text(fields.get("body", ""))),
            ]
        else:
            shown = [
                (capfirst(field.verbose_name), fields.get(field.attname, ""))
                for field in self.model._meta.concrete_fields
                if field.attname in fields and field.editable
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Revision of %(when)s")
            % {"when": workflow.local_moment(old.revision.date_created)},
            "old": old,
            "shown": shown,
            "restorable": restorable,
            "history_url": history_url,
        }
        return TemplateResponse(request, "admin/statements/revision.html", context)


def _editing_context(model_admin, request, obj):
    """Who else opened this for editing lately, and whether "Save and submit
    for review" is offered (the table's submit, after the save)."""
    if not model_admin.has_change_permission(request, obj):
        return {}
    return {
        "others_editing": presence.opened_for_editing(obj, request.user),
        "can_save_and_submit": True,
    }


def _public_address(obj):
    """A statement's or version's public address, if readers can open it now
    ("View on site" elsewhere would lead to a 404)."""
    if obj.released_at is not None and obj.released_at <= timezone.now():
        return obj.get_absolute_url()
    return None


def _visible_versions(queryset, user):
    condition = workflow.visible_versions_q(user)
    return queryset if condition is None else queryset.filter(condition)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
            translation.export_xliff(source, language),
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
            version = translation.import_xliff(
                statement,
                language,
                upload.read(),
                request.user,
                replace=request.POST.get("replace") == "yes",
            )
        except translation.ExchangeError as error:
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


def _apply_transition(request, name, versions, message):
    """A changelist action: the table's transition on each version it is open
    for, with the same checks as the button (and no confirmation page: the
    action's own "Go" is the confirmation)."""
    transition = workflow.TRANSITIONS[name]
    done = 0
    for version in versions.select_related("statement", "working_draft"):
        if not transition.is_open(version):
            continue
        try:
            workflow.perform(name, version, request.user)
        except (workflow.WorkflowError, PermissionDenied) as error:
            reason = str(error) or _("You may not do this.")
            messages.warning(request, f"{version}: {reason}")
        else:
            done += 1
    messages.info(request, message(done))


def submitted_message(count):
    return ngettext(
        "%(count)d version submitted for review.",
        "%(count)d versions submitted for review.",
        count,
    ) % {"count": count}


def approved_message(count):
    return ngettext(
        "%(count)d version approved.", "%(count)d versions approved.", count
    ) % {"count": count}


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


@admin.register(Term)
class TermAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    list_display = ["display_term", "note"]
    search_fields = translated_search_fields("texts")

    @admin.display(description=_("term"))
    def display_term(self, obj):
        return str(obj)


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
            translation.bring_up_to_date(version)
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
                initial["body"] = translation.structure_of(source.body)
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
        source = translation.source_of(version)
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


class CommemorationFigureInline(TranslatedFieldsMixin, admin.TabularInline):
    model = CommemorationFigure
    form = CommemorationFigureForm
    extra = 1


@admin.register(Commemoration)
class CommemorationAdmin(
    SaveFailuresAsFormErrorsMixin, TranslatedFieldsMixin, admin.ModelAdmin
):
    form = CommemorationForm
    inlines = [CommemorationFigureInline]
    list_display = ["display_name", "date", "key"]
    search_fields = ["key", *translated_search_fields("name")]
    date_hierarchy = "date"

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)


@admin.register(Person)
class PersonAdmin(
    SaveFailuresAsFormErrorsMixin, TranslatedFieldsMixin, admin.ModelAdmin
):
    list_display = ["display_name", "display_role", "key"]
    search_fields = ["key", *translated_search_fields("name", "role")]

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)

    @admin.display(description=pgettext_lazy("person's office", "role"))
    def display_role(self, obj):
        return obj.role_in()


@admin.register(Topic)
class TopicAdmin(
    SaveFailuresAsFormErrorsMixin, TranslatedFieldsMixin, admin.ModelAdmin
):
    form = TopicForm
    list_display = ["display_name", "key"]
    search_fields = ["key", *translated_search_fields("name")]

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)


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
