"""The site's languages, read from settings.LANGUAGES every time they are needed."""

from django.conf import settings


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The language's name from LANGUAGES, in the active language."""
    return str(dict(settings.LANGUAGES).get(code, code))


def default_language():
    return settings.LANGUAGE_CODE


def localized(values, language, fallback=True):
    """Pick ``language`` from a ``{code: text}`` mapping.

    With ``fallback`` the default language, then any filled language, stands in
    for a missing one, so a name never renders empty when some text exists.
    """
    values = values or {}
    if values.get(language):
        return values[language]
    if not fallback:
        return ""
    if values.get(default_language()):
        return values[default_language()]
    return next((text for text in values.values() if text), "")
