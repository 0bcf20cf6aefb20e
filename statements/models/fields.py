"""Model and form fields for text kept in every site language."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from statements.content.text import clean_translated
from statements.i18n.languages import language_codes


def _language_names():
    from django.conf import settings

    return dict(settings.LANGUAGES)


class TranslatedTextWidget(forms.MultiWidget):
    """One input per site language, each labelled with the language's name."""

    template_name = "admin/widgets/translated_text.html"

    def __init__(self, multiline=False, attrs=None):
        widget_class = forms.Textarea if multiline else forms.TextInput
        widget_attrs = {"rows": 3, "cols": 60} if multiline else {"size": 60}
        widgets = {
            code: widget_class(attrs={**widget_attrs, "lang": code})
            for code in language_codes()
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in language_codes()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        names = _language_names()
        for code, subwidget in zip(
            language_codes(), context["widget"]["subwidgets"], strict=True
        ):
            subwidget["language_code"] = code
            subwidget["language_name"] = names[code]
        return context


class TranslatedTextFormField(forms.MultiValueField):
    """Collects ``{code: text}``; ``required_languages`` must not be left blank."""

    def __init__(
        self, *, multiline=False, required_languages=(), max_chars=None, **kwargs
    ):
        self.required_languages = tuple(required_languages)
        kwargs.pop("max_length", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [
            forms.CharField(required=False, max_length=max_chars)
            for _code in language_codes()
        ]
        super().__init__(
            fields=fields,
            widget=TranslatedTextWidget(multiline=multiline),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list:
            return {}
        return {
            code: text.strip()
            for code, text in zip(language_codes(), data_list, strict=False)
            if text and text.strip()
        }

    def clean(self, value):
        result = super().clean(value)
        missing = [code for code in self.required_languages if not result.get(code)]
        if missing and self.required:
            raise ValidationError(
                _("Fill in the text for: %(languages)s."),
                code="missing_language",
                params={"languages": ", ".join(missing)},
            )
        return result


class TranslatedTextField(models.JSONField):
    """Short text in every site language, stored as ``{"az": …, "en": …}``.

    A JSON object rather than a column per language so that an office can add a
    language in settings without a schema change.
    """

    def __init__(self, *args, multiline=False, max_chars=None, **kwargs):
        self.multiline = multiline
        # The longest text allowed in each language; the same on every database.
        self.max_chars = max_chars or (2000 if multiline else 500)
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.max_chars != (2000 if self.multiline else 500):
            kwargs["max_chars"] = self.max_chars
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, dict):
            raise ValidationError(
                _("Expected texts keyed by language code."), code="invalid"
            )
        unknown = sorted(set(value) - set(language_codes()))
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(unknown)},
            )
        too_long = sorted(
            code
            for code, text in value.items()
            if isinstance(text, str) and len(text) > self.max_chars
        )
        if too_long:
            raise ValidationError(
                _("At most %(limit)d characters in each language (%(codes)s)."),
                code="max_length",
                params={"limit": self.max_chars, "codes": ", ".join(too_long)},
            )

    def get_prep_value(self, value):
        # The text hygiene rule (statements.content.text), whatever writes the value.
        return super().get_prep_value(clean_translated(value, self.multiline))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": TranslatedTextFormField,
            "multiline": self.multiline,
            "max_chars": self.max_chars,
            # A callable default would add a hidden "initial" copy holding the
            # text "{}", which the multi-input widget cannot read back.
            "show_hidden_initial": False,
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class LanguageListField(models.CharField):
    """A set of language codes, stored as ``,az,en,`` so SQL can test membership.

    The surrounding commas make ``field__contains=",en,"`` an exact membership
    test on every database, which the public queryset relies on.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    @staticmethod
    def membership(code):
        return f",{code},"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set):
            codes = list(value)
        else:
            codes = [code for code in str(value).split(",") if code]
        order = {code: index for index, code in enumerate(language_codes())}
        return sorted(dict.fromkeys(codes), key=lambda c: (order.get(c, 99), c))

    def get_prep_value(self, value):
        if isinstance(value, str):
            # Lookups such as __contains pass a raw fragment through untouched.
            return value
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = sorted(set(value) - set(language_codes()))
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s."),
                code="unknown_language",
                params={"codes": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        from django.conf import settings
        from django.utils.text import capfirst

        options = {
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "required": not self.blank,
        }
        options.update(
            {k: v for k, v in kwargs.items() if k in {"label", "help_text", "required"}}
        )
        return forms.TypedMultipleChoiceField(
            choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, **options
        )


class WebAddressField(models.URLField):
    """A URL field whose form assumes https for an address typed without scheme."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
