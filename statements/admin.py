"""The staff interface: statements with their language versions, and what they cite."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from statements.fields import TranslatedTextFormField
from statements.forms import (
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
from statements.languages import language_codes
from statements.models import (
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Person,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
)

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


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


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


class VersionInline(AuthorFieldMixin, TranslatedFieldsMixin, admin.StackedInline):
    model = StatementVersion
    form = StatementVersionForm
    formset = VersionInlineFormSet
    fields = [("language", "status"), "title", "summary", "body", "author"]
    show_change_link = True
    verbose_name = _("language version")
    verbose_name_plural = _("language versions")

    def get_extra(self, request, obj=None, **kwargs):
        # A new statement opens with one empty version to write in; an existing
        # one adds more with "Add another".
        return 1 if obj is None else 0


class CoverageInline(admin.TabularInline):
    model = Coverage
    form = CoverageForm
    extra = 0


class DistributionInline(TranslatedFieldsMixin, admin.TabularInline):
    model = Distribution
    form = DistributionForm
    extra = 0


class AttachmentInline(TranslatedFieldsMixin, admin.TabularInline):
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


@admin.register(Statement)
class StatementAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    form = StatementAdminForm
    inlines = [VersionInline, CoverageInline, DistributionInline, AttachmentInline]
    fieldsets = [
        (
            _("What"),
            {"fields": ["kind", "original_language", "required_languages", "slug"]},
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
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    autocomplete_fields = ["topics", "related"]
    list_display = [
        "display_title",
        "kind",
        "publish_at",
        "display_reference",
        "is_public",
        "language_states",
    ]
    list_display_links = ["display_title"]
    list_filter = ["kind", IssuedYearFilter, LanguageStateFilter, "topics"]
    search_fields = ["versions__title", "versions__summary", "versions__body"]
    search_help_text = _(
        "Searches the title, summary and text of every language version."
    )
    date_hierarchy = "publish_at"

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
        versions = StatementVersion.objects.only(
            "id", "statement_id", "language", "status", "title"
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

    @admin.display(boolean=True, description=_("public"), ordering="public")
    def is_public(self, obj):
        return obj.public

    @admin.display(description=_("languages"))
    def language_states(self, obj):
        versions = {version.language: version for version in obj.versions.all()}
        rows = []
        for code in language_codes():
            version = versions.get(code)
            state = version.status if version else "missing"
            label = version.get_status_display() if version else _("missing")
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is StatementVersion:
            for version_form in formset.forms:
                version = version_form.instance
                if version.pk is None and version.author_id is None:
                    version.author = request.user
        super().save_formset(request, form, formset, change)


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = CorrectionForm
    extra = 0


@admin.register(StatementVersion)
class StatementVersionAdmin(AuthorFieldMixin, admin.ModelAdmin):
    form = StatementVersionForm
    fields = [
        "statement",
        ("language", "status"),
        "title",
        "summary",
        "body",
        "author",
        "published_at",
    ]
    readonly_fields = ["published_at"]
    autocomplete_fields = ["statement"]
    inlines = [CorrectionInline]
    list_display = ["title", "language", "status", "statement_slug", "updated_at"]
    list_filter = ["language", "status"]
    list_select_related = ["statement"]
    search_fields = ["title", "summary", "statement__slug"]

    @admin.display(description=_("statement"), ordering="statement__slug")
    def statement_slug(self, obj):
        return obj.statement.slug

    def save_model(self, request, obj, form, change):
        if obj.pk is None and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


class CommemorationFigureInline(TranslatedFieldsMixin, admin.TabularInline):
    model = CommemorationFigure
    form = CommemorationFigureForm
    extra = 1


@admin.register(Commemoration)
class CommemorationAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    form = CommemorationForm
    inlines = [CommemorationFigureInline]
    list_display = ["display_name", "date", "key"]
    search_fields = ["key", *translated_search_fields("name")]
    date_hierarchy = "date"

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)


@admin.register(Person)
class PersonAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    list_display = ["display_name", "display_role", "key"]
    search_fields = ["key", *translated_search_fields("name", "role")]

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)

    @admin.display(description=_("role"))
    def display_role(self, obj):
        return obj.role_in()


@admin.register(Topic)
class TopicAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    form = TopicForm
    list_display = ["display_name", "key"]
    search_fields = ["key", *translated_search_fields("name")]

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return str(obj)
