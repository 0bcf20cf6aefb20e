"""History and comparison: a version's revisions, the side-by-side view of a
translation and its source, restoring an earlier text.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.helpers import html_diff

from statements import workflow
from statements.admin.common import _int_or_none
from statements.content.sanitizer import html_to_text
from statements.i18n.languages import language_name
from statements.models import (
    Statement,
    StatementVersion,
    VersionStatus,
    WorkingDraft,
)
from statements.translating import memory, tracking


def side_by_side(request, version):
    """The source shown beside a translation: chosen with ?source=, else the one
    it was made from, else the original."""
    statement = version.statement if version else None
    if statement is None:
        statement = Statement.objects.filter(pk=request.GET.get("statement")).first()
    if statement is None:
        return None
    if (
        version is not None
        and version.language == statement.original_language
        and not request.GET.get("source")
    ):
        # The original is written, not translated: no source beside it.
        return None
    versions = {v.language: v for v in statement.versions.all()}
    own_language = version.language if version else request.GET.get("language")
    wanted = request.GET.get("source") or (
        version.source_language if version and version.source_language else ""
    )
    source = versions.get(wanted) or versions.get(statement.original_language)
    if source is None or source.language == own_language:
        source = None
    aids = _translation_aids(version, source, own_language, statement)
    return {
        **aids,
        "statement": statement,
        "source": source,
        "paragraphs": source.plain_text().splitlines() if source else [],
        "choices": [
            (code, language_name(code)) for code in versions if code != own_language
        ],
        "changes": tracking.changes_since_translation(version)
        if version is not None
        and version.outdated_since
        and not _draft_marked_up_to_date(version)
        else [],
        "can_edit": version is not None
        and workflow.may_edit_version(request.user, version),
    }


def _translation_aids(version, source, language, statement):
    """The memory's matches for each source paragraph and the term base's
    entries in the source, checked against the translation as last saved."""
    if source is None or not language:
        return {"memory": [], "terms": [], "missing_terms": [], "target_language": ""}
    item = workflow.working_item(version) if version is not None else None
    translated = item.plain_text() if item is not None else None
    terms = memory.terms_in(source.plain_text(), source.language, language, translated)
    return {
        "memory": memory.suggestions(source, language, exclude_statement=statement),
        "terms": terms,
        "missing_terms": [use for use in terms if use.found_in_translation is False],
        "target_language": language,
    }


def _draft_marked_up_to_date(version):
    draft = workflow.working_item(version)
    return isinstance(draft, WorkingDraft) and bool(draft.source_text)


class HistoryMixin:
    """History shows old text and restores it as a draft; it never publishes,
    unpublishes, renumbers or un-withdraws anything.

    django-reversion's revert re-saves the whole revision as it was (states,
    dates, reference numbers, every language); here a restore of a language
    version goes through workflow.restore_revision(), which writes only that
    language's text, as a draft. A statement's own revisions are shown but not
    restored, and deleted objects are not brought back (either would bring
    back a published state). Every history page checks the same object and
    language permissions as the edit page.
    """

    # reversion's change list adds "Recover deleted …", which is not offered.
    change_list_template = "admin/change_list.html"

    def compare_body(self, obj_compare):
        # History compares the text readers see, not the HTML behind it.
        return html_diff(
            html_to_text(obj_compare.value1), html_to_text(obj_compare.value2)
        )

    def _history_object(self, request, object_id):
        obj = self.model.objects.filter(pk=_int_or_none(object_id)).first()
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        user = request.user
        if isinstance(obj, StatementVersion):
            allowed = workflow.may_see_language(user, obj.statement, obj.language)
        else:
            # A statement's revisions carry every language's text.
            allowed = all(
                workflow.may_see_language(user, obj, code)
                for code in obj.versions.values_list("language", flat=True)
            )
        if not allowed:
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._history_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._history_object(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied

    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._history_object(request, object_id)
        old = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"),
            pk=_int_or_none(version_id),
        )
        restorable = isinstance(obj, StatementVersion) and workflow.may_edit_version(
            request.user, obj
        )
        history_url = reverse(
            f"admin:statements_{self.model._meta.model_name}_history", args=[obj.pk]
        )
        if request.method == "POST":
            if not restorable:
                raise PermissionDenied
            workflow.restore_revision(obj, old, request.user)
            messages.success(
                request,
                _(
                    "The old text is now a draft of this language version. Readers "
                    "see no change until it is approved."
                )
                if obj.status == VersionStatus.PUBLISHED
                else _("The old text is back in the draft."),
            )
            return HttpResponseRedirect(
                reverse("admin:statements_statementversion_change", args=[obj.pk])
            )
        fields = old.field_dict
        if isinstance(obj, StatementVersion):
            shown = [
                (_("Title"), fields.get("title", "")),
                (_("Summary"), fields.get("summary", "")),
                (_("Text"), html_to_text(fields.get("body", ""))),
            ]
        else:
            shown = [
                (capfirst(field.verbose_name), fields.get(field.attname, ""))
                for field in self.model._meta.concrete_fields
                if field.attname in fields and field.editable
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Revision of %(when)s")
            % {"when": workflow.local_moment(old.revision.date_created)},
            "old": old,
            "shown": shown,
            "restorable": restorable,
            "history_url": history_url,
        }
        return TemplateResponse(request, "admin/statements/revision.html", context)
