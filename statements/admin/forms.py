"""Admin forms: uploads checked by content, rich text, and per-statement rules.

Django's own ImageField form field would turn an SVG or a text file named
``.jpg`` away with a generic message before statements.content.uploads could say
what is wrong, so the upload fields here are plain FileFields and
``clean_<field>()`` hands them to statements.content.uploads.

The optimistic lock every change form carries is in locking.py, a language
version's form and formset in version_forms.py.
"""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from statements.admin.locking import OptimisticLockMixin
from statements.content.uploads import IMAGE_FORMATS, validate_image, validate_pdf
from statements.i18n.languages import language_codes
from statements.models import (
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    Statement,
    Topic,
)
from statements.models.fields import TranslatedTextWidget

IMAGE_CONTENT_TYPES = ",".join(
    content_type for _extension, content_type in IMAGE_FORMATS.values()
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
