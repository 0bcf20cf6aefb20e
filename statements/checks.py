"""System checks naming what a language in settings.LANGUAGES still lacks.

Adding a code to LANGUAGES is enough for the site to serve it; these checks
list what it then falls back on (English wording, the English ordinal rule,
the code as OpenGraph locale, the ``simple`` search configuration), so the
rest of docs/languages.md is not forgotten.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.translation import to_locale

from statements.i18n.languages import PROFILES, language_codes

# The msgids are English, so English reads correctly without a catalogue.
SOURCE_LANGUAGE = "en"


def has_catalogue(code):
    locale = to_locale(code)
    return any(
        (Path(path) / locale / "LC_MESSAGES" / "django.mo").exists()
        for path in settings.LOCALE_PATHS
    )


@register(Tags.translation)
def check_language_profiles(app_configs=None, **kwargs):
    warnings = []
    for code in language_codes():
        if code != SOURCE_LANGUAGE and not has_catalogue(code):
            warnings.append(
                Warning(
                    f"Language '{code}' has no translation catalogue: the site's "
                    "own words show in the default language "
                    f"('{settings.LANGUAGE_CODE}').",
                    hint=f"Run `make messages`, translate locale/{to_locale(code)}"
                    "/LC_MESSAGES/django.po and run it again to compile it.",
                    obj=code,
                    id="statements.W101",
                )
            )
        if code not in PROFILES:
            warnings.append(
                Warning(
                    f"Language '{code}' has no profile in "
                    "statements/i18n/languages.py: no ordinal rule (English is "
                    "used), no plural rule (one form is used), no alphabetical "
                    "order (code points are used), no OpenGraph locale (the code "
                    "is used), no search stemmer (whole words are matched), no "
                    "text-search configuration ('simple' is used).",
                    hint="Add a LanguageProfile to PROFILES, then a migration that "
                    "redefines the search column (see docs/languages.md).",
                    obj=code,
                    id="statements.W102",
                )
            )
    return warnings
