"""Reference data: the glossary, commemorations, people and topics."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from statements.admin.common import TranslatedFieldsMixin, translated_search_fields
from statements.admin.forms import CommemorationFigureForm, CommemorationForm, TopicForm
from statements.admin.saves import SaveFailuresAsFormErrorsMixin
from statements.models import (
    Commemoration,
    CommemorationFigure,
    Person,
    Term,
    Topic,
)


@admin.register(Term)
class TermAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    list_display = ["display_term", "note"]
    search_fields = translated_search_fields("texts")

    @admin.display(description=_("term"))
    def display_term(self, obj):
        return str(obj)


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
