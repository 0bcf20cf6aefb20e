from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from statements.i18n.wording import sorted_by_name, upper_first
from statements.models import StatementKind, Topic


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the alerts"), widget=forms.RadioSelect
    )
    kinds = forms.MultipleChoiceField(
        label=_("Only these kinds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to receive every kind."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Only these topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to receive every topic."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language()
        self.fields["language"].initial = language
        self.fields["language"].choices = [
            (code, translation.get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
        ]
        self.fields["kinds"].choices = [
            (value, upper_first(str(label), language))
            for value, label in StatementKind.choices
        ]
        self.fields["topics"].choices = [
            (topic.key, topic.name_in(language))
            for topic in sorted_by_name(
                Topic.objects.all(), language, name=lambda t: t.name_in(language)
            )
        ]

    def clean_topics(self):
        return list(Topic.objects.filter(key__in=self.cleaned_data["topics"]))
