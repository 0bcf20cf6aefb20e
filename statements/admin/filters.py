"""The changelists' filters: year issued, a language's state, outdated
translations.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from statements.i18n.languages import language_codes, language_name
from statements.models import (
    Statement,
    StatementVersion,
    VersionStatus,
)


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
