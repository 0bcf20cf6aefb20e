"""The site's languages: one profile per language, the single place to look.

``settings.LANGUAGES`` says which languages the site publishes in; a
``LanguageProfile`` below says what the code needs to know about each one
beyond its name: the OpenGraph locale, how to write an ordinal after digits,
how search turns its words into terms (statements/public/search/text.py), the
PostgreSQL text-search configuration. The wording of phrases built from
those parts ("35th anniversary", the proposed title of an anniversary
statement) is a gettext msgid, so translators own it in the language's
catalogue rather than a table in the code.

A language in ``LANGUAGES`` without a profile still works: it gets the
English ordinal rule, its code as OpenGraph locale, search by case-folded
whole words and the ``simple`` search configuration, its anniversary phrases
are worded in English, and ``manage.py check`` names each of those gaps
(``statements.checks``). docs/languages.md is the checklist for adding one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from statements.i18n.ordinals import DATIVE, ordinal_az, ordinal_en, ordinal_ru_feminine

# Phrases as msgids; the placeholder is the profile's ordinal ("35th",
# "35-ci", "35-я"). In the title the ordinal follows a preposition, so it is
# given in the dative, the case Russian needs there ("к 35-й годовщине").
ANNIVERSARY_PHRASE = gettext_noop("%(ordinal)s anniversary")
ANNIVERSARY_TITLE = gettext_noop("%(name)s: statement on the %(ordinal)s anniversary")


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    # og:locale, language_TERRITORY as the Open Graph protocol asks.
    opengraph_locale: str
    # (number, case) -> "35th": the ordinal written after digits.
    ordinal: object
    # The CLDR plural categories of cardinal numbers, in CLDR's order: the
    # forms an editor writes "a | b | c" for (statements.i18n.wording).
    plural_categories: tuple = ("other",)
    # The letters whose place in the alphabet is not their code point's
    # order, in alphabetical order (CLDR's collation); "" sorts by code point.
    alphabet: str = ""
    # Turkic casing: I <-> ı and İ <-> i.
    dotted_i: bool = False
    # The translation note on a statement translated from this language, a
    # whole sentence because other languages decline the language's name.
    translated_from: str = ""
    # Search (statements/public/search/text.py): letters folded after case
    # folding, so a reader typing without them still finds the word;
    search_letters: tuple = ()
    # whether accents and other marks go too ("café" -> "cafe"; Russian keeps
    # them, or "й" would become "и");
    search_strips_marks: bool = True
    # whether an apostrophe inside a word belongs to it (English "don't");
    # elsewhere it separates a name from its ending (Bakı'da) and the ending
    # goes;
    search_keeps_apostrophe: bool = False
    # the stemmer: a Snowball algorithm PyStemmer knows, or "az_stemmer" for
    # the suffix stripper in statements/public/search/az_stemmer.py; "" keeps
    # whole words.
    stemmer: str = ""


PROFILES = {
    profile.code: profile
    for profile in (
        LanguageProfile(
            "az",
            "az_AZ",
            ordinal_az,
            # The noun stays singular after any number ("150 həlak olan").
            plural_categories=("other",),
            # A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z
            alphabet="abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
            dotted_i=True,
            translated_from=gettext_noop("Translated from Azerbaijani."),
            # Readers often type Azerbaijani in plain ASCII letters ("xocali",
            # "seki", "sehid"): ə and ı here, the rest are marks.
            search_letters=(("ı", "i"), ("ə", "e")),
            stemmer="az_stemmer",
        ),
        LanguageProfile(
            "en",
            "en_GB",
            ordinal_en,
            plural_categories=("one", "other"),
            translated_from=gettext_noop("Translated from English."),
            search_keeps_apostrophe=True,
            stemmer="english",
        ),
        LanguageProfile(
            "ru",
            "ru_RU",
            ordinal_ru_feminine,
            plural_categories=("one", "few", "many"),
            # Ё after Е.
            alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            translated_from=gettext_noop("Translated from Russian."),
            search_letters=(("ё", "е"),),
            search_strips_marks=False,
            stemmer="russian",
        ),
    )
}


def fallback_profile(code):
    """What a language without a profile gets: correct, if not idiomatic."""
    return LanguageProfile(code, code, ordinal_en)


def profile(code):
    return PROFILES.get(code) or fallback_profile(code)


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The language's name from LANGUAGES, in the active language."""
    return str(dict(settings.LANGUAGES).get(code, code))


def default_language():
    return settings.LANGUAGE_CODE


def phrase_in(language, msgid, **params):
    """``msgid`` translated into ``language`` (not the active one), filled in."""
    if translation.get_language() == language:
        return gettext(msgid) % params
    with translation.override(language):
        return gettext(msgid) % params


def _wording(language):
    """The language a phrase is worded in: English without a profile.

    Django stands in the default language's catalogue for a language without
    one, and "22nd ildönümü" would mix two languages; the fallback ordinal
    rule is English, so the fallback wording is too.
    """
    return language if language in PROFILES else "en"


def anniversary_phrase(number, language):
    """'35th anniversary', '35-ci ildönümü', '35-я годовщина'."""
    if number < 1:
        raise ValueError("an anniversary is counted from 1")
    ordinal = profile(language).ordinal(number)
    return phrase_in(_wording(language), ANNIVERSARY_PHRASE, ordinal=ordinal)


def anniversary_title(name, number, language):
    """The proposed title of an anniversary statement.

    Only the fixed words are declined; the commemoration's name stays in the
    nominative before the colon, so no language needs to decline it.
    """
    ordinal = profile(language).ordinal(number, DATIVE)
    return phrase_in(
        _wording(language),
        ANNIVERSARY_TITLE,
        name=name,
        ordinal=ordinal,
    )


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
