"""The workflow's buttons in the admin: one POST endpoint per statement.

The buttons shown, and what the endpoint accepts, both come from
statements.workflow.TRANSITIONS; a hand-made POST meets the same checks as a
button. Every button posts with the ``lock_version`` the person saw. Moves the
table marks ``confirm`` ask on a page of their own, which works without
JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from statements import workflow
from statements.i18n.languages import language_codes, language_name
from statements.models import Statement, StatementVersion, VersionStatus
from statements.translating import language_fields


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def workflow_view(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    statement = Statement.objects.filter(pk=_int(object_id)).first()
    if statement is None or not model_admin.has_view_permission(request, statement):
        raise Http404
    transition = workflow.TRANSITIONS.get(request.POST.get("action", ""))
    if transition is None:
        raise Http404
    subject = statement
    if transition.subject == "language":
        # Only a version of this statement: another statement's id is a 404.
        subject = StatementVersion.objects.filter(
            pk=_int(request.POST.get("version")), statement=statement
        ).first()
        if subject is None:
            raise Http404
    if not transition.allowed(request.user, subject):
        raise PermissionDenied
    lock = _int(request.POST.get("lock_version"))
    change_url = reverse("admin:statements_statement_change", args=[statement.pk])
    if transition.confirm and request.POST.get("confirmed") != "yes":
        return _confirmation(model_admin, request, statement, subject, transition, lock)
    try:
        params = _params(request, transition)
        message = workflow.perform(
            transition.name, subject, request.user, expected_lock_version=lock, **params
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        if transition.needs and transition.confirm:
            return _confirmation(
                model_admin, request, statement, subject, transition, lock
            )
    else:
        messages.success(request, message)
    return HttpResponseRedirect(request.POST.get("next") or change_url)


def _params(request, transition):
    params = {}
    if "comment" in transition.needs:
        params["comment"] = request.POST.get("comment", "")
    if "reason" in transition.needs:
        params["reason"] = request.POST.get("reason", "")
    if "reasons" in transition.needs:
        params["reasons"] = {
            code: request.POST.get(f"reason_{code}", "") for code in language_codes()
        }
    if "publish_at" in transition.needs:
        when = _parse_local(request.POST.get("publish_at", ""))
        if when is None:
            raise workflow.WorkflowError(
                _("Enter a date and time, e.g. 2025-01-19 10:00.")
            )
        params["publish_at"] = when
    return params


def _parse_local(text):
    text = (text or "").strip().replace(" ", "T")
    moment = parse_datetime(text) if text else None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _confirmation(model_admin, request, statement, subject, transition, lock):
    opts = model_admin.model._meta
    version = subject if transition.subject == "language" else None
    item = workflow.working_item(version) if version is not None else None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": _("Confirm"),
        "statement": statement,
        "version": version,
        "item": item,
        "is_new_edition": version is not None and item is not version,
        "still_missing": language_fields.missing(
            version, item if item is not version else None
        )
        if version is not None
        else [],
        "action": transition.name,
        "transition": transition,
        "lock_version": lock,
        "state": workflow.describe_statement(statement),
        "goes_public": _what_approval_does(statement, version),
        "missing": [language_name(c) for c in workflow.missing_languages(statement)],
        "reason": request.POST.get("reason", ""),
        "reason_fields": [
            {
                "code": code,
                "name": language_name(code),
                "value": request.POST.get(f"reason_{code}", ""),
                # One language is enough: translators write the others
                # (each page meanwhile shows a dated notice in its language).
                "required": False,
            }
            for code in language_codes()
        ],
        "change_url": reverse("admin:statements_statement_change", args=[statement.pk]),
    }
    return TemplateResponse(
        request, "admin/statements/statement/workflow_confirm.html", context
    )


def _what_approval_does(statement, version):
    """The sentence under "Approve?": when readers will see it."""
    if version is None:
        return ""
    if version.status == VersionStatus.PUBLISHED:
        return _("Readers see the new text as soon as you approve it.")
    missing = [
        code
        for code in workflow.missing_languages(statement)
        if code != version.language
    ]
    if missing:
        return _(
            "It goes public together with the other languages, once these are "
            "approved too: %(languages)s."
        ) % {"languages": ", ".join(map(language_name, missing))}
    if statement.publish_at is None:
        return _("The statement is not scheduled, so it goes public at once.")
    if statement.publish_at > timezone.now():
        return _("It goes public: %(when)s.") % {
            "when": workflow.local_moment(statement.publish_at)
        }
    return _("It goes public at once.")


def workflow_panel(request, statement):
    """What the edit page shows: each language's live and working state and
    the moves the table allows this person."""
    user = request.user
    versions = {
        v.language: v for v in statement.versions.select_related("working_draft")
    }
    rows = []
    for code in language_codes():
        version = versions.get(code)
        item = workflow.working_item(version)
        row = {
            "code": code,
            "name": language_name(code),
            "version": version,
            "item": item,
            "state": workflow.describe_language(version),
            "transitions": workflow.available(user, version, "language")
            if version is not None
            else [],
        }
        rows.append(row)
    return {
        "rows": rows,
        "statement": statement,
        "state": workflow.describe_statement(statement),
        "transitions": {
            t.name: t for t in workflow.available(user, statement, "statement")
        },
        "missing": [language_name(c) for c in workflow.missing_languages(statement)],
        "publish_at_local": (
            timezone.localtime(statement.publish_at).strftime("%Y-%m-%dT%H:%M")
            if statement.publish_at
            else ""
        ),
        "zone": workflow.zone_name(),
        "workflow_url": reverse(
            "admin:statements_statement_workflow", args=[statement.pk]
        ),
    }
