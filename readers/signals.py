from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from readers.models import CACHE_KEY, OfficeContact
from statements.cache import content_changed


@receiver([post_save, post_delete], sender=OfficeContact)
def contact_changed(sender, **kwargs):
    cache.delete(CACHE_KEY)
    # Statement pages show the press contact.
    content_changed()
