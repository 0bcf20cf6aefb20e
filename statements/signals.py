"""Sign-ins go to the audit log; stored text is cleaned; a release, the search
index and hero renditions follow the rows they depend on. Which changes cool
the page cache is in statements/public/cache_clearing.py."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models as django_models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from accounts.throttling import client_ip
from statements import models
from statements.content.text import clean_text
from statements.models import AuditAction, AuditEntry

# Imported first so its receivers run first, as when both lived here: the
# page cache hears of a save before the release and the search index react.
from statements.public import cache_clearing  # noqa: F401


@receiver(pre_save, dispatch_uid="clean_stored_text")
def clean_stored_text(sender, instance, raw=False, **kwargs):
    """The text hygiene rule (statements.content.text) on every text column of this
    app's models, whatever saves them. A backup being restored (raw) is
    stored exactly as it was taken."""
    if raw or sender._meta.app_label != "statements":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, django_models.TextField):
            multiline = True
        elif isinstance(field, django_models.CharField):
            multiline = False
        else:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, clean_text(value, multiline))


# What decides whether a statement is out: see models.release_ready_q().
RELEASE_FIELDS = {
    models.Statement: {"publish_at", "original_language", "required_languages"},
    models.StatementVersion: {"status", "language", "statement"},
}


def _refresh_release(sender, instance, update_fields=None, **kwargs):
    # Also on raw saves: reverting a version or loading a backup brings back
    # an old released_at, which must be recomputed from what is there now.
    if update_fields is not None and not RELEASE_FIELDS[sender] & set(update_fields):
        return
    statement_id = instance.pk if sender is models.Statement else instance.statement_id
    models.statement_release_changed(statement_id)


for _model in RELEASE_FIELDS:
    post_save.connect(_refresh_release, sender=_model, dispatch_uid=f"rel-{_model}")
    post_delete.connect(
        _refresh_release, sender=_model, dispatch_uid=f"rel-del-{_model}"
    )


# What a version's search terms are made of besides its release state: its
# text, and the names and numbers of its statement (statements/public/search/index.py).
SEARCHED_FIELDS = {
    models.Statement: {
        "reference_number",
        "reference_year",
        "issued_by",
        "issued_by_id",
        "commemoration",
        "commemoration_id",
    },
    models.StatementVersion: {"title", "summary", "body"},
}


def _search_changed(statement_ids):
    """Rewrite the search terms of ``statement_ids``, at once or with the
    release refresh that a bulk writer has deferred."""
    from statements.public.search.index import reindex

    pending = models._release_refresh_pending.get()
    if pending is None:
        reindex(statement_ids)
    else:
        pending.update(statement_ids)


def _reindex_saved(sender, instance, update_fields=None, **kwargs):
    # A full save goes through _refresh_release, which reindexes.
    if update_fields is None or RELEASE_FIELDS[sender] & set(update_fields):
        return
    if SEARCHED_FIELDS[sender] & set(update_fields):
        statement_id = (
            instance.pk if sender is models.Statement else instance.statement_id
        )
        _search_changed([statement_id])


for _model in SEARCHED_FIELDS:
    post_save.connect(_reindex_saved, sender=_model, dispatch_uid=f"search-{_model}")


def _reindex_named(sender, instance, **kwargs):
    """A person, topic or commemoration renamed: their statements' terms too."""
    if sender is models.Topic:
        statements = models.Statement.topics.through.objects.filter(topic=instance)
        ids = statements.values_list("statement_id", flat=True)
    else:
        field = "issued_by" if sender is models.Person else "commemoration"
        ids = models.Statement.objects.filter(
            **{field: instance}, released_at__isnull=False
        ).values_list("pk", flat=True)
    ids = list(ids)
    if ids:
        _search_changed(ids)


for _model in (models.Person, models.Topic, models.Commemoration):
    post_save.connect(_reindex_named, sender=_model, dispatch_uid=f"named-{_model}")


def _reindex_topics(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _search_changed([instance.pk])
    elif pk_set:
        _search_changed(pk_set)
    else:
        # A topic's statements cleared: which they were is no longer known
        # here, and a topic is rarely cleared, so all are rewritten.
        _search_changed(
            models.Statement.objects.filter(released_at__isnull=False).values_list(
                "pk", flat=True
            )
        )


m2m_changed.connect(
    _reindex_topics, sender=models.Statement.topics.through, dispatch_uid="search-m2m"
)


def client_address(request):
    """The reader's address, seen through the trusted proxies, not nginx's."""
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="audit_logged_in")
def audit_logged_in(sender, request, user, **kwargs):
    AuditEntry.objects.create(
        user=user,
        username=user.get_username(),
        action=AuditAction.LOGGED_IN,
        address=client_address(request),
    )


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed is kept: never the password.
    AuditEntry.objects.create(
        username=str(credentials.get("username", ""))[:150],
        action=AuditAction.LOGIN_FAILED,
        address=client_address(request),
    )


@receiver(post_save, sender=models.Statement, dispatch_uid="hero_renditions")
def make_hero_renditions(sender, instance, raw=False, **kwargs):
    """Make the responsive copies when the hero image is new or replaced."""
    from statements.content.renditions import make_renditions
    from statements.public import prepared

    image = instance.hero_image
    current = (instance.hero_image_renditions or {}).get("source")
    if raw or not image or current == image.name:
        return
    renditions = make_renditions(image)
    instance.hero_image_renditions = renditions
    models.Statement.objects.filter(pk=instance.pk).update(
        hero_image_renditions=renditions
    )
    # Written after the save's own change: a page or card prepared in
    # between (with the plain image) must not stay current.
    prepared.changed(instance.pk)
