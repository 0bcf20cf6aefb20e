from django import template

from readers.models import OfficeContact

register = template.Library()


@register.simple_tag
def office_contact():
    """The office's contact details, from the cache when they are there."""
    return OfficeContact.cached()
