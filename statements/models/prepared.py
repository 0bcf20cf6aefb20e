"""What the public site prepares once and keeps while it is current (pages,
list cards, list counts), and the stamps it is checked against
(statements.public.prepared)."""

from django.db import models

from statements.models.versions import StatementVersion


class ArticleStamp(models.Model):
    """What a prepared page or card was made from (statements.public.prepared):
    a random value, new with every change a statement's page shows. ``key``
    is the statement's id, 0 for changes that touch many statements (a topic
    or a person renamed), or prepared.LISTS for the stored list counts.
    Random rather than counted, so that a value can never come back: a page
    stored under one is never taken as current after another change,
    whatever was restored in between."""

    key = models.PositiveBigIntegerField(primary_key=True)
    value = models.BigIntegerField()

    class Meta:
        verbose_name = "article stamp"
        default_permissions = ()

    def __str__(self):
        return f"{self.key}: {self.value}"


class PreparedArticle(models.Model):
    """The statement page of one public version, rendered once and stored with
    the stamps it was read under (statements.public.prepared): ``head`` and
    ``tail`` are the HTML before and after what it shows of other statements."""

    version = models.OneToOneField(
        StatementVersion,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="prepared",
    )
    statement_stamp = models.BigIntegerField()
    site_stamp = models.BigIntegerField()
    # What the page depends on that no stamp follows: see prepared.variant().
    variant = models.CharField(max_length=200)
    head = models.TextField()
    tail = models.TextField()
    # [{"key": ..., "id": ...}] of the version's topics, for "More on this topic".
    topics = models.JSONField(default=list)

    class Meta:
        verbose_name = "prepared article"
        default_permissions = ()

    def __str__(self):
        return f"prepared page of version {self.version_id}"


class PreparedCard(models.Model):
    """A public version's card in the statement list, rendered once and stored
    with the stamps it was read under (statements.public.prepared)."""

    version = models.OneToOneField(
        StatementVersion,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="prepared_card",
    )
    statement_stamp = models.BigIntegerField()
    site_stamp = models.BigIntegerField()
    # The code and settings that rendered it: prepared.release().
    release = models.CharField(max_length=32)
    html = models.TextField()

    class Meta:
        verbose_name = "prepared card"
        default_permissions = ()

    def __str__(self):
        return f"prepared card of version {self.version_id}"


class ListCount(models.Model):
    """How many public versions a list shows (one language, one set of
    filters), counted once and stored with the lists' stamp it was read
    under (statements.public.prepared.list_count)."""

    key = models.CharField(max_length=200, primary_key=True)
    stamp = models.BigIntegerField()
    # The next scheduled issue time when it was counted: a list grows then.
    valid_until = models.DateTimeField(null=True)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = "list count"
        default_permissions = ()

    def __str__(self):
        return f"{self.key}: {self.count}"
