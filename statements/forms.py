"""Admin forms: uploads checked by content, rich text, and per-statement rules.

Django's own ImageField form field would turn an SVG or a text file named
``.jpg`` away with a generic message before statements.uploads could say what
is wrong, so the upload fields here are plain FileFields and
``clean_<field>()`` hands them to statements.uploads.
"""

import re

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from statements import workflow
from statements.fields import TranslatedTextWidget
from statements.languages import language_codes, language_name
from statements.models import (
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
)
from statements.sanitizer import sanitize_html
from statements.uploads import IMAGE_FORMATS, validate_image, validate_pdf

IMAGE_CONTENT_TYPES = ",".join(
    content_type for _extension, content_type in IMAGE_FORMATS.values()
)


class OptimisticLockMixin(forms.Form):
    """Refuses a save when someone else saved the row after the form was opened.

    The form carries the row's ``lock_version`` as ``edit_token``; clean()
    compares it with the row, locked for the rest of the request (the admin saves in one
    transaction), so no save can slip in between. Refused, the form is shown
    again with everything typed, and its token moves to the current row so
    that saving again, having looked, is a deliberate overwrite.
    """

    conflict_message = _(
        "%(who)s saved this after you opened it (%(when)s). Nothing of yours was "
        "saved and your text is still below: check their changes in History, "
        "then save again to keep yours."
    )

    # Named apart from the model's lock_version, which forms may not list.
    edit_token = forms.IntegerField(required=False, widget=forms.HiddenInput, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_token"].initial = (
            self.instance.lock_version if self.instance.pk else 0
        )

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        seen = cleaned_data.get("edit_token")
        model = type(self.instance)
        # Lock the row alone: FOR UPDATE may not reach across an outer join.
        current = (
            model.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("lock_version", "updated_at", "updated_by_id")
            .first()
        )
        if current is None or seen is None or seen == current["lock_version"]:
            return cleaned_data
        saved_by = (
            get_user_model()
            .objects.filter(pk=current["updated_by_id"])
            .values_list("username", flat=True)
            .first()
        )
        data = self.data.copy()
        data[self.add_prefix("edit_token")] = current["lock_version"]
        self.data = data
        raise ValidationError(
            self.conflict_message,
            code="edit_conflict",
            params={
                "who": saved_by or _("Someone"),
                "when": formats.date_format(
                    timezone.localtime(current["updated_at"]), "DATETIME_FORMAT"
                ),
            },
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


class CKEditorMedia:
    # editor-csrf.js registers a CKEDITOR listener, so it must come after
    # ckeditor.js; naming both here makes Django's media merging keep that order.
    js = ("ckeditor/ckeditor/ckeditor.js", "js/editor-csrf.js")


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


MINOR, SUBSTANTIVE = "minor", "substantive"


def _normalised(markup):
    return re.sub(r">\s+<", "><", sanitize_html(markup or "")).strip()


class StatementVersionForm(OptimisticLockMixin, forms.ModelForm):
    """A language version's text. Its state changes only through the workflow.

    Editing a published version asks whether the change is minor (a typo: the
    page shows nothing) or substantive (a dated correction note, in the
    version's language, shown to readers).
    """

    change_kind = forms.ChoiceField(
        label=_("This change is"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (MINOR, _("minor: a typo or formatting, readers are not told")),
            (SUBSTANTIVE, _("substantive: readers see a dated correction note")),
        ],
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
            "body": CKEditorWidget(config_name="default"),
        }
        help_texts = {
            "language": _("The language this version is written in."),
            "title": _("The headline in this language."),
            "author": _("Left blank, it is whoever saves the new version."),
        }

    Media = CKEditorMedia

    # Set by the admin for the request: whose form this is.
    current_user = None

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

    def text_changed(self):
        if not self.instance.pk:
            return False
        for name in ("title", "summary"):
            if (self.cleaned_data.get(name) or "").strip() != (
                self.initial.get(name) or ""
            ).strip():
                return True
        return _normalised(self.cleaned_data.get("body")) != _normalised(
            self.initial.get("body")
        )

    def asks_change_kind(self):
        """Minor or substantive matters once readers or translators rely on it."""
        from statements.translation import has_translations

        if not self.instance.pk:
            return False
        return self.instance.status == VersionStatus.PUBLISHED or has_translations(
            self.instance
        )

    def clean(self):
        cleaned_data = super().clean()
        published = self.instance.pk and self.instance.status == VersionStatus.PUBLISHED
        if not self.asks_change_kind() or not self.text_changed():
            return cleaned_data
        kind = cleaned_data.get("change_kind")
        if kind not in (MINOR, SUBSTANTIVE):
            message = (
                _(
                    "This version is published: say whether the change is "
                    "minor or substantive."
                )
                if published
                else _(
                    "This version has translations: say whether the change is "
                    "minor or substantive."
                )
            )
            self.add_error(
                "change_kind", ValidationError(message, code="change_kind_required")
            )
        elif (
            published
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

    def is_substantive_correction(self):
        return (
            self.instance.status == VersionStatus.PUBLISHED
            and self.cleaned_data.get("change_kind") == SUBSTANTIVE
            and bool((self.cleaned_data.get("correction_note") or "").strip())
        )


class VersionInlineFormSet(BaseInlineFormSet):
    """The language versions of one statement, checked together."""

    def clean(self):
        errors = []
        seen = {}
        for form in self.forms:
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
