"""The optimistic lock a change form carries: the row's ``lock_version`` when
the form was opened, compared under a row lock before any save, and what
changed meanwhile shown when it moved on.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from statements.content.diffs import paragraph_changes
from statements.content.sanitizer import html_to_text
from statements.models import (
    StatementVersion,
    lock_statement_row,
)


def snapshot(form, instance):
    """What ``form`` shows of ``instance`` as plain text, one line a field (a
    body one line a paragraph), to show what changed between two moments."""
    shown = form.shown_values(instance)
    lines = []
    for name, field in form.fields.items():
        if name not in shown or isinstance(field.widget, forms.HiddenInput):
            continue
        value = shown[name]
        if hasattr(value, "all"):
            value = ", ".join(sorted(str(item) for item in value.all()))
        elif isinstance(value, dict):
            value = " · ".join(f"{key}: {text}" for key, text in value.items() if text)
        value = html_to_text(value) if name == "body" else str(value or "")
        label = capfirst(str(field.label or name))
        for index, paragraph in enumerate(value.splitlines() or [""]):
            lines.append(f"{label}: {paragraph}" if index == 0 else paragraph)
    return "\n".join(lines)


class OptimisticLockMixin(forms.Form):
    """Refuses a save when someone else saved the row after the form was opened.

    The form carries the row's ``lock_version`` as ``edit_token`` and what it
    showed as ``opened_text``; clean() compares the token with the row, locked
    for the rest of the request (the admin saves in one transaction), so no
    save can slip in between. Refused, the form is shown again with
    everything typed and, above it, what the other person changed since it was
    opened. Keeping one's own text then is a choice ticked on purpose, and the
    audit log records it (``conflict_overridden``).
    """

    conflict_message = _(
        "%(who)s saved this after you opened it (%(when)s). Nothing of yours was "
        "saved and your text is still below. What they changed:"
    )

    # Named apart from the model's lock_version, which forms may not list.
    edit_token = forms.IntegerField(required=False, widget=forms.HiddenInput, label="")
    opened_text = forms.CharField(
        required=False, widget=forms.HiddenInput, label="", strip=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict_overridden = False
        self.fields["edit_token"].initial = (
            self.instance.lock_version if self.instance.pk else 0
        )
        if self.instance.pk:
            self.fields["opened_text"].initial = snapshot(self, self.instance)

    def shown_values(self, instance):
        """The values the form shows for ``instance``, by field name."""
        return {
            name: getattr(instance, name)
            for name in self.fields
            if hasattr(instance, name) and name not in ("edit_token", "opened_text")
        }

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        seen = cleaned_data.get("edit_token")
        model = type(self.instance)
        # A version's statement row first (models.lock_statement_row), then
        # this row alone: no ordering join may lock another row with it.
        if isinstance(self.instance, StatementVersion):
            lock_statement_row(self.instance.statement_id)
        current = (
            model.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .order_by()
            .values("lock_version", "updated_at", "updated_by_id")
            .first()
        )
        if current is None or seen is None or seen == current["lock_version"]:
            return cleaned_data
        if self._keeps_own_text(current["lock_version"]):
            self.conflict_overridden = True
            return cleaned_data
        opened_text = cleaned_data.get("opened_text")
        now_text = snapshot(self, model.objects.get(pk=self.instance.pk))
        if opened_text is not None and opened_text == now_text:
            # Saved since, but nothing this form shows changed (a state
            # change, or the statement saved along with a version): no one's
            # words are at stake.
            return cleaned_data
        saved_by, saved_at = self.last_saved(current)
        changes = paragraph_changes(cleaned_data.get("opened_text") or "", now_text)
        message = self.conflict_message % {
            "who": saved_by or _("Someone"),
            "when": formats.date_format(
                timezone.localtime(saved_at), "DATETIME_FORMAT"
            ),
        }
        raise ValidationError(
            format_html(
                '{}{}<label class="conflict-keep"><input type="checkbox" '
                'name="{}" value="{}"> {}</label>',
                message,
                render_changes(changes, _("When you opened it"), _("Saved since")),
                self.add_prefix("keep_mine"),
                current["lock_version"],
                _("Keep my text instead, replacing their changes (this is recorded)"),
            ),
            code="edit_conflict",
        )

    def last_saved(self, current):
        """Who saved what the form shows last, and when."""
        saved_by = (
            get_user_model()
            .objects.filter(pk=current["updated_by_id"])
            .values_list("username", flat=True)
            .first()
        )
        return saved_by, current["updated_at"]

    def _keeps_own_text(self, current_lock):
        # The box carries the token of the save it was shown against: ticked
        # against an older conflict, it does not cover a newer one.
        ticked = self.data.get(self.add_prefix("keep_mine"), "")
        return ticked.isdigit() and int(ticked) == current_lock


def render_changes(changes, before_label, after_label):
    if not changes:
        return format_html("<p>{}</p>", _("(no visible change to the text)"))
    rows = format_html_join(
        "",
        '<tr class="change change--{}"><td>{}</td><td>{}</td></tr>',
        (
            (
                change.kind,
                format_html("<del>{}</del>", change.before) if change.before else "",
                format_html("<ins>{}</ins>", change.after) if change.after else "",
            )
            for change in changes
        ),
    )
    return format_html(
        '<table class="conflict-diff"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        before_label,
        after_label,
        rows,
    )
