"""A language version's change form (its text, hero image, working draft and
translation source) and the statement page's formset of versions.
"""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from statements import workflow
from statements.admin.editor import EditorMedia, RichTextEditor
from statements.admin.locking import OptimisticLockMixin
from statements.content.sanitizer import sanitize_html
from statements.i18n.languages import language_codes, language_name
from statements.models import (
    ChangeKind,
    Statement,
    StatementVersion,
    VersionStatus,
    WorkingDraft,
)

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
