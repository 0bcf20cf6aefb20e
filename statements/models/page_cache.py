"""The content stamp the page cache and replica reads compare."""

from django.db import models


class ContentStamp(models.Model):
    """A counter moved on after every committed change to public content.

    It travels to a read replica with the data: a replica whose counter is
    behind the primary's has not yet replayed some change, and the page cache
    then reads the primary instead (statements.public.cache). One row.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "content stamp"
        default_permissions = ()

    def __str__(self):
        return str(self.value)
