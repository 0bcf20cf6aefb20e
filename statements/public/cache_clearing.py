"""Which changes cool which cached public pages.

Every model of the statements app clears the page cache when it changes,
unless listed in ``NOT_ON_PUBLIC_PAGES``, so a model added for a new page
cannot be forgotten. A change to a row that belongs to one statement cools
only the pages that show that statement.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from statements import models
from statements.public.cache import content_changed, statements_linked

# What no public page shows. Every other model of the app clears the page
# cache when it changes, so a model added for a new page cannot be forgotten;
# one that readers never see is added here instead. ContentStamp is the
# cache's own record of changes and must not trigger itself; so are the
# prepared pages, cards and counts and their stamps (statements.public.prepared).
NOT_ON_PUBLIC_PAGES = {
    models.ArticleStamp,
    models.AuditEntry,
    models.ContentStamp,
    models.PreparedArticle,
    models.PreparedCard,
    models.ListCount,
    models.ReferenceCounter,
    models.ReminderSent,
    models.StaffProfile,
    models.WorkingDraft,
}


def shown_on_public_pages():
    """The app's models whose changes readers can see, many-to-many tables too."""
    return [
        model
        for model in apps.get_app_config("statements").get_models(
            include_auto_created=True
        )
        if model not in NOT_ON_PUBLIC_PAGES
    ]


# Rows that belong to one statement: a change to one cools only the pages
# that show that statement (statements.public.cache.statements_changed). A change to
# anything else, or a statement deleted, cools every page.
OF_ONE_STATEMENT = {
    models.StatementVersion: lambda row: row.statement_id,
    models.Correction: lambda row: (
        models.StatementVersion.objects.filter(pk=row.version_id)
        .values_list("statement_id", flat=True)
        .first()
    ),
    models.Coverage: lambda row: row.statement_id,
    models.Distribution: lambda row: row.statement_id,
    models.Attachment: lambda row: row.statement_id,
}


def _content_saved(sender, instance=None, **kwargs):
    if kwargs.get("raw"):
        # A backup being loaded: everything may change at once.
        content_changed()
        return
    if sender is models.Statement and kwargs.get("signal") is post_save:
        content_changed(instance.pk, getattr(instance, "_shown_before", ()))
        return
    statement_id = None
    if sender in OF_ONE_STATEMENT:
        statement_id = OF_ONE_STATEMENT[sender](instance)
    content_changed(statement_id)


@receiver(pre_save, sender=models.Statement, dispatch_uid="cache-shown-before")
def _remember_shown_before(sender, instance, raw=False, **kwargs):
    """The slugs of the anniversary neighbours a statement had before the save:
    moved to another commemoration, their pages stop showing it."""
    if raw or instance.pk is None:
        return
    before = (
        models.Statement.objects.filter(pk=instance.pk)
        .values_list("commemoration_id", flat=True)
        .first()
    )
    instance._shown_before = (
        [
            f"statement:{slug}"
            for slug in models.Statement.objects.filter(
                commemoration_id=before
            ).values_list("slug", flat=True)
        ]
        if before and before != instance.commemoration_id
        else []
    )


def _relations_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if not isinstance(instance, models.Statement) or not pk_set:
        # Which statements were linked is no longer known, or a topic's
        # statements changed from the topic's side: cool every page.
        content_changed()
        return
    if sender is _RELATED:
        # A link shows on the two pages it joins and nowhere else.
        statements_linked({instance.pk, *pk_set})
        return
    # Topics added or taken away: "More on this topic" on those topics'
    # statements may gain or lose this one.
    keys = models.Topic.objects.filter(pk__in=pk_set).values_list("key", flat=True)
    content_changed(instance.pk, [f"topic:{key}" for key in keys])


_RELATED = models.Statement.related.through

for _model in shown_on_public_pages():
    if _model._meta.auto_created:  # a many-to-many table
        # Topics and related statements cool only what shows them; any other
        # many-to-many table added later cools every page.
        known = _model in (models.Statement.topics.through, _RELATED)
        m2m_changed.connect(
            _relations_changed if known else _content_saved,
            sender=_model,
            dispatch_uid=f"m2m-{_model}",
        )
        continue
    post_save.connect(_content_saved, sender=_model, dispatch_uid=f"cache-{_model}")
    post_delete.connect(
        _content_saved, sender=_model, dispatch_uid=f"cache-del-{_model}"
    )
