"""Admin forms: uploads checked by content, rich text, and per-statement rules.

Django's own ImageField form field would turn an SVG or a text file named
``.jpg`` away with a generic message before statements.content.uploads could say what
is wrong, so the upload fields here are plain FileFields and
``clean_<field>()`` hands them to statements.content.uploads.
"""

import re

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from statements import workflow
from statements.admin.editor import EditorMedia, RichTextEditor
from statements.content.diffs import paragraph_changes
from statements.content.sanitizer import html_to_text, sanitize_html
from statements.content.uploads import IMAGE_FORMATS, validate_image, validate_pdf
from statements.i18n.languages import language_codes, language_name
from statements.models import (
    Attachment,
    ChangeKind,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
    WorkingDraft,
    lock_statement_row,
)
from statements.models.fields import TranslatedTextWidget

IMAGE_CONTENT_TYPES = ",".join(
    content_type for _extension, content_type in IMAGE_FORMATS.values()
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


class GroupedTranslatedTextWidget(TranslatedTextWidget):
    """The translated-text inputs, grouped under the field's label for screen readers.

    The admin's own ``<label>`` cannot point at a widget made of several inputs,
    so the group carries the field's name itself (``role="group"``).
    """

    def __init__(self, multiline=False, attrs=None, group_label=""):
        super().__init__(multiline=multiline, attrs=attrs)
        self.group_label = group_label

    @classmethod
    def replacing(cls, widget, group_label):
        multiline = isinstance(widget.widgets[0], forms.Textarea)
        return cls(multiline=multiline, attrs=widget.attrs, group_label=group_label)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context


class StatementAdminForm(OptimisticLockMixin, forms.ModelForm):
    hero_image = forms.FileField(
        label=Statement._meta.get_field("hero_image").verbose_name,
        help_text=Statement._meta.get_field("hero_image").help_text,
        required=False,
        # Empty files reach clean_hero_image() so its message is the one shown.
        allow_empty_file=True,
        widget=AdminFileWidget(attrs={"accept": IMAGE_CONTENT_TYPES}),
    )

    class Meta:
        model = Statement
        fields = "__all__"
        help_texts = {
            "kind": _(
                "A press release, an official statement, or an anniversary "
                "statement marking a commemoration."
            ),
            "reference_year": _("The year of the reference, e.g. 2025 in 12/2025."),
            "topics": _("What the statement is about; readers browse by topic."),
            "related": _("Other statements a reader should see alongside this one."),
            "hero_image_caption": _("Shown under the image, in each language."),
            "withdrawn_at": _(
                "Set to withdraw the statement: its page stays up with the reason "
                "below."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels built here rather than by the model field start lower-case.
        for name in ("hero_image", "required_languages"):
            if name in self.fields:
                self.fields[name].label = capfirst(self.fields[name].label)

    def clean_slug(self):
        # Blank means "make one from the original title", which only the
        # versions inline knows and Statement.save() uses. None (not "") lets
        # the model's not-empty check pass, as SQL checks pass on NULL, until
        # then.
        return self.cleaned_data.get("slug") or None

    def clean_hero_image(self):
        image = self.cleaned_data.get("hero_image")
        if isinstance(image, UploadedFile):
            # The re-encoded copy is stored, never the bytes that were sent.
            return validate_image(image)
        return image

    def clean_required_languages(self):
        codes = self.cleaned_data.get("required_languages") or []
        unknown = sorted(set(codes) - set(language_codes()))
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(unknown)},
            )
        return codes

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("withdrawn_at") and not any(
            (cleaned_data.get("withdrawal_reason") or {}).values()
        ):
            self.add_error(
                "withdrawal_reason",
                ValidationError(
                    _("Say why the statement is withdrawn; readers see the reason."),
                    code="withdrawal_without_reason",
                ),
            )
        return cleaned_data


MINOR, SUBSTANTIVE = ChangeKind.MINOR, ChangeKind.SUBSTANTIVE
TEXT_FIELDS = ("title", "summary", "body")


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _normalised(markup):
    return re.sub(r">\s+<", "><", sanitize_html(markup or "")).strip()


class StatementVersionForm(OptimisticLockMixin, forms.ModelForm):
    """A language version's text. Its state changes only through the workflow.

    Until a version is first published, the form edits it. Once it is public,
    the form edits its working draft (statements.models.WorkingDraft): readers
    keep the live text until the draft is approved, and the draft says whether
    the change is minor (a typo: the page shows nothing) or substantive (a
    dated correction note, in the version's language, comes with it).
    """

    change_kind = forms.ChoiceField(
        label=_("This change is"),
        required=False,
        widget=forms.RadioSelect,
        choices=ChangeKind.choices,
        help_text=_(
            "Asked when a published or translated version is changed. A "
            "substantive change marks its translations as outdated."
        ),
    )
    correction_note = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was corrected, written in this version's language."),
    )

    class Meta:
        model = StatementVersion
        fields = ["language", "title", "summary", "body", "author"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": RichTextEditor(),
        }
        help_texts = {
            "language": _("The language this version is written in."),
            "title": _("The headline in this language."),
            "author": _("Left blank, it is whoever saves the new version."),
        }

    Media = EditorMedia

    # Set by the admin for the request: whose form this is.
    current_user = None

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        self.writes_draft = bool(
            instance is not None
            and instance.pk
            and instance.status == VersionStatus.PUBLISHED
        )
        self.draft = workflow.working_item(instance) if self.writes_draft else None
        if self.draft is not None:
            initial = dict(kwargs.get("initial") or {})
            for name in (*TEXT_FIELDS, "change_kind", "correction_note"):
                initial.setdefault(name, getattr(self.draft, name))
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.language_field_names = self._add_language_fields()

    def _add_language_fields(self):
        """The hero image's alt text and caption, the attachments' titles and
        the withdrawal notice in this version's language, on the same page as
        its text (statements.translating.language_fields)."""
        from statements.translating import language_fields as lf

        instance = self.instance
        if not instance.pk:
            # A new translation, opened from the queue with its statement and
            # language in the address (or posted with them).
            source = self.data if self.is_bound else self.initial
            statement = Statement.objects.filter(
                pk=_int_or_none(source.get("statement"))
            ).first()
            language = source.get("language")
            if statement is None or language not in language_codes():
                return []
            instance = StatementVersion(statement=statement, language=language)
        statement = instance.statement
        self.language_fields_version = instance
        values = lf.current_values(instance, self.draft)
        attachments = {a.pk: a for a in statement.attachments.all()}
        attrs = {"lang": instance.language}
        added = []
        for key in lf.names(statement):
            if key == lf.HERO_ALT:
                field = forms.CharField(
                    label=_("Hero image text alternative"),
                    help_text=_(
                        "What the image shows, for readers who cannot see it. "
                        "Required before this language can be published."
                    ),
                )
            elif key == lf.HERO_CAPTION:
                field = forms.CharField(label=_("Hero image caption"))
            elif key == lf.WITHDRAWAL:
                field = forms.CharField(
                    label=_("Withdrawal notice"),
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Why the statement was withdrawn, for readers."),
                )
            else:
                attachment = attachments[int(key.removeprefix(lf.ATTACHMENT))]
                field = forms.CharField(
                    label=_("Attachment “%(name)s”: its title")
                    % {"name": lf.attachment_name(attachment, statement)},
                    help_text=_("As readers see it in this language's list of files."),
                )
            field.required = False
            field.widget.attrs.update(attrs, **{"class": "vLargeTextField"})
            field.initial = values.get(key, "")
            self.fields[key] = field
            added.append(key)
        return added

    def submitted_language_fields(self):
        """The language fields the request carried (a form posted without them,
        as older pages and scripts do, leaves them as they are)."""
        return {
            name: self.cleaned_data.get(name) or ""
            for name in self.language_field_names
            if name in self.data
        }

    def language_fields(self):
        """[(bound field)] for the template, in page order."""
        return [self[name] for name in self.language_field_names]

    def language_fields_language(self):
        version = getattr(self, "language_fields_version", None)
        return language_name(version.language) if version else ""

    def missing_for_publication(self):
        """What readers of this language would still lack (alt text, titles,
        notice), as last saved."""
        from statements.translating.language_fields import missing

        version = getattr(self, "language_fields_version", None)
        if version is None:
            return []
        return missing(version, self.draft if self.draft is not version else None)

    def _post_clean(self):
        super()._post_clean()
        # The model refuses a published version without the image's alt text
        # in its language; typed on this same page, it is there.
        if (self.cleaned_data.get("hero_image_alt") or "").strip() and self.has_error(
            NON_FIELD_ERRORS, "hero_alt_missing"
        ):
            kept = [
                error
                for error in self.errors[NON_FIELD_ERRORS].as_data()
                if error.code != "hero_alt_missing"
            ]
            if kept:
                self._errors[NON_FIELD_ERRORS] = self.error_class(
                    kept, error_class="nonfield", renderer=self.renderer
                )
            else:
                del self._errors[NON_FIELD_ERRORS]

    def _changed_language_fields(self, live):
        """Only what the translator changed goes into the draft (and what it
        already holds), so that approving it later never puts back an old
        value over an editor's newer one."""
        from statements.translating.language_fields import live_values

        current = live_values(live.statement, live.language)
        held = getattr(self.draft, "language_fields", None) or {}
        return {
            key: value
            for key, value in self.submitted_language_fields().items()
            if key in held or value.strip() != current.get(key, "")
        }

    def save_language_fields(self):
        """For a version not yet published: readers see nothing in its
        language, so what was written is stored at once."""
        from statements.translating.language_fields import store

        values = self.submitted_language_fields()
        if values:
            store(self.instance, values, self.current_user)

    def last_saved(self, current):
        draft = WorkingDraft.objects.filter(version_id=self.instance.pk).first()
        if draft is None:
            return super().last_saved(current)
        return getattr(draft.updated_by, "username", None), draft.updated_at

    def shown_values(self, instance):
        values = super().shown_values(instance)
        draft = workflow.working_item(instance)
        if draft is not None and draft is not instance:
            values.update({name: getattr(draft, name) for name in TEXT_FIELDS})
        return values

    def clean_language(self):
        language = self.cleaned_data.get("language")
        user = self.current_user
        if self.instance.pk and language != self.instance.language:
            raise ValidationError(
                _("A version's language cannot be changed; add a new version."),
                code="language_changed",
            )
        if user is not None and workflow.is_translator_only(user):
            if language not in workflow.translator_languages(user):
                raise ValidationError(
                    _("You are not assigned to translate into %(language)s."),
                    code="language_not_assigned",
                    params={"language": language_name(language)},
                )
        return language

    def _differs(self, reference):
        for name in ("title", "summary"):
            if (self.cleaned_data.get(name) or "").strip() != (
                reference.get(name) or ""
            ).strip():
                return True
        return _normalised(self.cleaned_data.get("body")) != _normalised(
            reference.get("body")
        )

    def text_changed(self):
        """Whether this save changes the text the form showed."""
        return bool(self.instance.pk) and self._differs(self.initial)

    def differs_from_live(self):
        if not self.writes_draft:
            return self.text_changed()
        live = StatementVersion.objects.filter(pk=self.instance.pk).values(*TEXT_FIELDS)
        return self._differs(live.first() or {})

    def asks_change_kind(self):
        """Minor or substantive matters once readers or translators rely on it."""
        from statements.translating.tracking import has_translations

        if not self.instance.pk:
            return False
        return self.writes_draft or has_translations(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.writes_draft
            and "hero_image_alt" in self.fields
            and "hero_image_alt" in self.data
            and not (cleaned_data.get("hero_image_alt") or "").strip()
        ):
            # Readers of a published language always have it.
            self.add_error(
                "hero_image_alt",
                ValidationError(
                    _(
                        "This language is published: its image needs a text "
                        "alternative."
                    ),
                    code="required",
                ),
            )
        if not self.asks_change_kind() or not self.differs_from_live():
            return cleaned_data
        kind = cleaned_data.get("change_kind")
        if kind not in (MINOR, SUBSTANTIVE):
            message = (
                _(
                    "This version is published: say whether the change is "
                    "minor or substantive."
                )
                if self.writes_draft
                else _(
                    "This version has translations: say whether the change is "
                    "minor or substantive."
                )
            )
            self.add_error(
                "change_kind", ValidationError(message, code="change_kind_required")
            )
        elif (
            self.writes_draft
            and kind == SUBSTANTIVE
            and not (cleaned_data.get("correction_note") or "").strip()
        ):
            self.add_error(
                "correction_note",
                ValidationError(
                    _("A substantive change needs a correction note for readers."),
                    code="correction_note_required",
                ),
            )
        return cleaned_data

    def is_substantive_change(self):
        return self.text_changed() and self.cleaned_data.get("change_kind") != MINOR

    def save(self, commit=True):
        if not self.writes_draft:
            if self.text_changed() or not self.instance.pk:
                self.instance.edited_by = self.current_user
            return super().save(commit)
        if commit:
            self.save_draft()
        else:
            # The admin calls this after save_model(); a draft has no relations.
            self.save_m2m = lambda: None
        return self.instance

    def save_draft(self):
        """Write what was typed as the working draft; the live text stays."""
        values = {name: self.cleaned_data.get(name, "") for name in TEXT_FIELDS}
        values["change_kind"] = self.cleaned_data.get("change_kind") or ""
        values["correction_note"] = self.cleaned_data.get("correction_note") or ""
        live = StatementVersion.objects.get(pk=self.instance.pk)
        language_fields = self._changed_language_fields(live)
        if language_fields:
            values["language_fields"] = language_fields
        self.draft = workflow.save_draft(live, self.current_user, values)
        # What the admin holds afterwards is the live row, unchanged.
        self.instance.refresh_from_db()
        return self.draft


class VersionInlineFormSet(BaseInlineFormSet):
    """The language versions of one statement, checked together."""

    def clean(self):
        errors = []
        seen = {}
        for form in self.forms:
            if self._should_delete_form(form) and (
                form.instance.pk and form.instance.status == VersionStatus.PUBLISHED
            ):
                errors.append(
                    ValidationError(
                        _(
                            "The published %(language)s version is part of the "
                            "record and cannot be deleted; withdraw the statement "
                            "instead."
                        ),
                        code="published_version_deleted",
                        params={"language": language_name(form.instance.language)},
                    )
                )
                continue
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            language = form.cleaned_data.get("language")
            if not language:
                continue
            if language in seen:
                errors.append(
                    ValidationError(
                        _(
                            "Two versions have the same language (%(language)s); "
                            "keep one and remove the other."
                        ),
                        code="duplicate_language",
                        params={"language": language_name(language)},
                    )
                )
                continue
            seen[language] = form
            errors.extend(self._hero_alt_errors(form, language))
        original = self.instance.original_language
        if original and original not in seen:
            errors.append(
                ValidationError(
                    _(
                        "Write the version in the original language (%(language)s): "
                        "a statement cannot be saved without it."
                    ),
                    code="original_language_missing",
                    params={"language": language_name(original)},
                )
            )
        if errors:
            raise ValidationError(errors)
        # Django's own check for duplicates comes after the clearer one above.
        super().clean()
        original_form = seen.get(original)
        if original_form is not None:
            # The admin validates the inlines before it saves the statement, and
            # the statement needs its slug (made from this title) on that first
            # save; formset.instance is the very object the admin will save.
            self.instance._pending_original_title = original_form.cleaned_data.get(
                "title", ""
            )

    def _hero_alt_errors(self, form, language):
        # StatementVersion.clean() says the same on the version's own form; this
        # is the safety net should that check move, so it is not said twice.
        if form.has_error(NON_FIELD_ERRORS, "hero_alt_missing"):
            return []
        statement = self.instance
        if (
            form.instance.status == VersionStatus.PUBLISHED
            and statement.hero_image
            and not (statement.hero_image_alt or {}).get(language)
        ):
            return [
                ValidationError(
                    _(
                        "Add the hero image's text alternative for this language "
                        "(%(language)s) before publishing this version."
                    ),
                    code="hero_alt_missing",
                    params={"language": language_name(language)},
                )
            ]
        return []


class AttachmentForm(forms.ModelForm):
    file = forms.FileField(
        label=Attachment._meta.get_field("file").verbose_name,
        help_text=Attachment._meta.get_field("file").help_text,
        allow_empty_file=True,
        widget=AdminFileWidget(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Attachment
        fields = ["file", "title", "position"]
        help_texts = {
            "title": _("What the file is, e.g. Signed statement (PDF)."),
            "position": _("Attachments are listed from the lowest number up."),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return validate_pdf(upload)
        return upload


class HttpsURLField(forms.URLField):
    """A link typed without a scheme is taken to be https://, not http://."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class CoverageForm(forms.ModelForm):
    class Meta:
        model = Coverage
        fields = ["outlet", "url", "date", "language", "reporter"]
        field_classes = {"url": HttpsURLField}
        help_texts = {
            "outlet": _("The newspaper, site or channel that reported it."),
            "url": _("The address of the report, if it is online."),
            "date": _("When it was reported."),
            "language": _("The language of the report."),
            "reporter": _("The byline, if the report names one."),
        }


class DistributionForm(forms.ModelForm):
    class Meta:
        model = Distribution
        fields = ["recipient", "date"]
        help_texts = {"date": _("When it was officially sent.")}


class CommemorationForm(forms.ModelForm):
    class Meta:
        model = Commemoration
        fields = ["key", "date", "name", "description"]
        help_texts = {
            "name": _("The event's name as readers know it, in each language."),
            "description": _("A short paragraph shown on the commemoration's page."),
        }


class CommemorationFigureForm(forms.ModelForm):
    class Meta:
        model = CommemorationFigure
        fields = ["label", "value", "position"]
        help_texts = {
            "label": _(
                "What is counted, as it reads after the number. Where the words "
                "change with the number, give their forms separated by “|”: in "
                "Russian for 1, 2 and 5 (погибший | погибших | погибших), in "
                "English for 1 and 2 (civilian killed | civilians killed). "
                "Azerbaijani takes one form (həlak olan)."
            ),
            "value": _("The number, e.g. 150."),
            "position": _("Figures are listed from the lowest number up."),
        }


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["key", "name"]
        help_texts = {"name": _("The topic's name as readers see it.")}


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["at", "note"]
        help_texts = {"at": _("When the correction was made; shown with the note.")}
