"""What the statements app's ModelAdmins share: translated fields, author
defaults, permissions by statement, the state column's symbols, and running
a workflow step on a selection.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from statements import workflow
from statements.admin import presence
from statements.admin.forms import GroupedTranslatedTextWidget
from statements.i18n.languages import language_codes
from statements.models import (
    AuditAction,
    VersionStatus,
)
from statements.models.fields import TranslatedTextFormField
from statements.translating import tracking

# A symbol per state for a quick look, always followed by the state in words
# so the column does not rely on the symbol (or a colour) alone.
STATE_SYMBOLS = {
    VersionStatus.PUBLISHED: "●",
    VersionStatus.REVIEW: "◐",
    VersionStatus.DRAFT: "○",
    "missing": "—",
}


def translated_search_fields(*names):
    """``name__az``, ``name__en``, … so a JSON text is searched in each language.

    Searching the JSON document itself would miss non-ASCII text on SQLite,
    which stores it \\u-escaped.
    """
    return [f"{name}__{code}" for name in names for code in language_codes()]


class TranslatedFieldsMixin:
    """Groups each translated field's inputs under the field's label."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield, TranslatedTextFormField):
            formfield.widget = GroupedTranslatedTextWidget.replacing(
                formfield.widget, group_label=formfield.label
            )
            # The model field's callable default turns on a hidden "initial"
            # input, whose text the multi-widget cannot decompress when the
            # admin compares it to work out what changed.
            formfield.show_hidden_initial = False
        return formfield


class AuthorFieldMixin:
    """Offers staff only as a version's author, without add/change user links."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["queryset"] = db_field.remote_field.model._default_manager.filter(
                is_staff=True
            )
            # Skipping the admin's wrapper: managing accounts is not part of
            # writing a statement.
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class StatementPermissionsMixin:
    """The statement's page is editable only by those the workflow allows."""

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        statement = getattr(obj, "statement", obj)
        return statement is None or workflow.may_edit_statement(request.user, statement)


def _after_versions_saved(request, forms, created_ids=()):
    """What follows a save of versions not yet public: their translations
    marked outdated by a substantive change, a new translation's record of the
    source it was made from. (A live text's draft has this done when it is
    approved: workflow.approve.)"""
    for form in forms:
        if not (form.is_bound and form.is_valid()) or form.instance.pk is None:
            continue
        version = form.instance
        if version.pk in created_ids:
            tracking.bring_up_to_date(version)
            continue
        if getattr(form, "conflict_overridden", False):
            workflow.record(
                request.user,
                AuditAction.CONFLICT_OVERRIDDEN,
                version.statement,
                version.language,
            )
        if form.writes_draft or not form.text_changed():
            continue
        tracking.source_changed(version, substantive=form.is_substantive_change())


def _editing_context(model_admin, request, obj):
    """Who else opened this for editing lately, and whether "Save and submit
    for review" is offered (the table's submit, after the save)."""
    if not model_admin.has_change_permission(request, obj):
        return {}
    return {
        "others_editing": presence.opened_for_editing(obj, request.user),
        "can_save_and_submit": True,
    }


def _public_address(obj):
    """A statement's or version's public address, if readers can open it now
    ("View on site" elsewhere would lead to a 404)."""
    if obj.released_at is not None and obj.released_at <= timezone.now():
        return obj.get_absolute_url()
    return None


def _visible_versions(queryset, user):
    condition = workflow.visible_versions_q(user)
    return queryset if condition is None else queryset.filter(condition)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _apply_transition(request, name, versions, message):
    """A changelist action: the table's transition on each version it is open
    for, with the same checks as the button (and no confirmation page: the
    action's own "Go" is the confirmation)."""
    transition = workflow.TRANSITIONS[name]
    done = 0
    for version in versions.select_related("statement", "working_draft"):
        if not transition.is_open(version):
            continue
        try:
            workflow.perform(name, version, request.user)
        except (workflow.WorkflowError, PermissionDenied) as error:
            reason = str(error) or _("You may not do this.")
            messages.warning(request, f"{version}: {reason}")
        else:
            done += 1
    messages.info(request, message(done))


def submitted_message(count):
    return ngettext(
        "%(count)d version submitted for review.",
        "%(count)d versions submitted for review.",
        count,
    ) % {"count": count}


def approved_message(count):
    return ngettext(
        "%(count)d version approved.", "%(count)d versions approved.", count
    ) % {"count": count}
