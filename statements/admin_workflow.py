"""The workflow's buttons in the admin: one POST endpoint per statement.

Every button posts here with the version and the ``lock_version`` the person
saw; statements.workflow decides whether it is allowed. Publishing and
withdrawing ask for confirmation on a page of their own, which works without
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
from statements.languages import language_codes, language_name
from statements.models import Statement, StatementVersion, VersionStatus

NEEDS_CONFIRMATION = {"approve", "publish_anyway", "publish_now", "withdraw"}


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
    action = request.POST.get("action", "")
    version = None
    if request.POST.get("version"):
        # Only a version of this statement: another statement's id is a 404.
        version = StatementVersion.objects.filter(
            pk=_int(request.POST["version"]), statement=statement
        ).first()
        if version is None:
            raise Http404
    lock = _int(request.POST.get("lock_version"))
    change_url = reverse("admin:statements_statement_change", args=[statement.pk])
    if action in NEEDS_CONFIRMATION and request.POST.get("confirmed") != "yes":
        return _confirmation(model_admin, request, statement, version, action, lock)
    try:
        message = _perform(request, statement, version, action, lock)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        if action == "withdraw":
            return _confirmation(model_admin, request, statement, version, action, lock)
    except PermissionDenied:
        raise
    else:
        messages.success(request, message)
    return HttpResponseRedirect(change_url)


def _perform(request, statement, version, action, lock):
    user = request.user
    if action in {"submit", "approve", "publish_anyway", "request_changes"}:
        if version is None:
            raise Http404
    if action == "submit":
        workflow.submit(version, user, expected_lock_version=lock)
        return _("%(language)s version submitted for review.") % _named(version)
    if action in {"approve", "publish_anyway"}:
        workflow.approve(
            version,
            user,
            publish_anyway=action == "publish_anyway",
            expected_lock_version=lock,
        )
        return _release_message(statement.pk, version)
    if action == "request_changes":
        workflow.request_changes(
            version, user, request.POST.get("comment", ""), expected_lock_version=lock
        )
        return _("%(language)s version sent back to its author.") % _named(version)
    if action == "schedule":
        when = _parse_local(request.POST.get("publish_at", ""))
        if when is None:
            raise workflow.WorkflowError(
                _("Enter a date and time, e.g. 2025-01-19 10:00.")
            )
        workflow.schedule(statement, user, when, expected_lock_version=lock)
        return _("Scheduled for %(when)s.") % {
            "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
        }
    if action == "publish_now":
        workflow.publish_now(statement, user, expected_lock_version=lock)
        return _release_message(statement.pk, None)
    if action == "withdraw":
        reasons = {
            code: request.POST.get(f"reason_{code}", "") for code in language_codes()
        }
        workflow.withdraw(statement, user, reasons, expected_lock_version=lock)
        return _("Withdrawn. The page stays up with the notice.")
    if action == "reinstate":
        workflow.reinstate(statement, user, expected_lock_version=lock)
        return _("Reinstated: the withdrawal notice is gone.")
    raise Http404


def _named(version):
    return {"language": language_name(version.language)}


def _release_message(statement_id, version):
    statement = Statement.objects.get(pk=statement_id)
    missing = workflow.missing_languages(statement)
    if missing:
        return _(
            "Approved. The statement goes public once these are approved too: "
            "%(languages)s."
        ) % {"languages": ", ".join(language_name(c) for c in missing)}
    if statement.publish_at and statement.publish_at > timezone.now():
        return _("Approved. It will appear on %(when)s, reference %(reference)s.") % {
            "when": timezone.localtime(statement.publish_at).strftime("%Y-%m-%d %H:%M"),
            "reference": statement.reference,
        }
    return _("Published, reference %(reference)s.") % {"reference": statement.reference}


def _parse_local(text):
    text = (text or "").strip().replace(" ", "T")
    moment = parse_datetime(text) if text else None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _confirmation(model_admin, request, statement, version, action, lock):
    opts = model_admin.model._meta
    published = set(
        statement.versions.filter(status=VersionStatus.PUBLISHED).values_list(
            "language", flat=True
        )
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": _("Confirm"),
        "statement": statement,
        "version": version,
        "action": action,
        "lock_version": lock,
        "missing": [language_name(c) for c in workflow.missing_languages(statement)],
        "reason_fields": [
            {
                "code": code,
                "name": language_name(code),
                "value": request.POST.get(f"reason_{code}", ""),
                "required": code in published,
            }
            for code in language_codes()
        ],
        "change_url": reverse("admin:statements_statement_change", args=[statement.pk]),
    }
    return TemplateResponse(
        request, "admin/statements/statement/workflow_confirm.html", context
    )


def workflow_panel(request, statement):
    """What the edit page shows: each version's state and the buttons allowed."""
    user = request.user
    editor = workflow.is_editor(user)
    versions = {v.language: v for v in statement.versions.all()}
    rows = []
    for code in language_codes():
        version = versions.get(code)
        row = {"code": code, "name": language_name(code), "version": version}
        if version is not None:
            may_edit = workflow.may_edit_version(user, version)
            row["can_submit"] = version.status == VersionStatus.DRAFT and (
                may_edit or editor
            )
            row["can_review"] = editor and version.status == VersionStatus.REVIEW
            row["own_work"] = version.submitted_by_id == user.pk
            row["can_publish_anyway"] = editor and version.status in (
                VersionStatus.DRAFT,
                VersionStatus.REVIEW,
            )
        rows.append(row)
    return {
        "rows": rows,
        "statement": statement,
        "can_schedule": user.has_perm("statements.schedule_statement"),
        "can_withdraw": user.has_perm("statements.withdraw_statement")
        and (
            statement.withdrawn_at is not None
            or Statement.objects.published().filter(pk=statement.pk).exists()
        ),
        "missing": [language_name(c) for c in workflow.missing_languages(statement)],
        "publish_at_local": (
            timezone.localtime(statement.publish_at).strftime("%Y-%m-%dT%H:%M")
            if statement.publish_at
            else ""
        ),
        "workflow_url": reverse(
            "admin:statements_statement_workflow", args=[statement.pk]
        ),
    }
