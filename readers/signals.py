from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from readers.models import OfficeContact
from statements.public.cache import content_changed


@receiver([post_save, post_delete], sender=OfficeContact)
def contact_changed(sender, **kwargs):
    # Statement pages show the press contact.
    content_changed()
