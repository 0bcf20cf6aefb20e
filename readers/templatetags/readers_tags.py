from django import template

from readers.models import OfficeContact

register = template.Library()


@register.simple_tag
def office_contact():
    """The office's contact details: one small query, and the page around it
    is kept whole in the page cache."""
    return OfficeContact.current()
