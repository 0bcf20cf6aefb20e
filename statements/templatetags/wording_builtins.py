"""Filters installed as template built-ins (settings.TEMPLATES "builtins"), so
that they replace Django's own in every template, the admin's included."""

from django import template
from django.utils import translation

from statements.i18n.wording import upper_first

register = template.Library()


@register.filter(is_safe=True)
def capfirst(value):
    """Django's capfirst with the language's capitals: Azerbaijani i -> İ."""
    return upper_first(
        str(value) if value is not None else "", translation.get_language()
    )
