"""Ordinal numbers written after digits, one rule per site language.

Each rule is a language profile's ``ordinal`` (statements/i18n/languages.py); the
phrases built from them are gettext msgids.

English: the suffix follows the last digit, except 11, 12 and 13 (and 111…),
which take "th" (the rule given by the usual style guides, e.g. the Chicago
Manual of Style's section on ordinals).

Azerbaijani: the ordinal suffix -ıncı/-inci/-uncu/-üncü follows the vowel
harmony of the last word of the number as spoken ("otuz beş" -> beş -> e ->
"35-ci"); written after digits it is shortened to -cı/-ci/-cu/-cü, the form
the Azerbaijani orthographic rules (Azərbaycan dilinin orfoqrafiya qaydaları)
prescribe for numbers written in digits. Four-way harmony: back unrounded
a/ı -> ı, front unrounded e/ə/i -> i, back rounded o/u -> u, front rounded
ö/ü -> ü.

Russian: after digits the ordinal takes the ending of the adjective form that
agrees with the noun; "годовщина" is feminine, so in the nominative every
number is written "N-я годовщина", with the one-letter increment that
Rosenthal's Справочник по правописанию и стилистике gives for ordinals
written in digits whose ending is preceded by a vowel ("5-я", not "5-ая").
In the oblique cases the feminine ending is -ой ("к 35-й годовщине").

Every rule takes the grammatical ``case`` of the noun it qualifies; only
Russian declines an ordinal written in digits, so the others ignore it.
"""

NOMINATIVE = "nominative"
DATIVE = "dative"

AZ_UNITS = {
    1: "bir",
    2: "iki",
    3: "üç",
    4: "dörd",
    5: "beş",
    6: "altı",
    7: "yeddi",
    8: "səkkiz",
    9: "doqquz",
}
AZ_TENS = {
    10: "on",
    20: "iyirmi",
    30: "otuz",
    40: "qırx",
    50: "əlli",
    60: "altmış",
    70: "yetmiş",
    80: "səksən",
    90: "doxsan",
}
AZ_POWERS = [(10**9, "milyard"), (10**6, "milyon"), (1000, "min"), (100, "yüz")]
AZ_HARMONY = {
    "a": "ı",
    "ı": "ı",
    "e": "i",
    "ə": "i",
    "i": "i",
    "o": "u",
    "u": "u",
    "ö": "ü",
    "ü": "ü",
}


def _azerbaijani_last_word(number):
    if number % 10:
        return AZ_UNITS[number % 10]
    if number % 100:
        return AZ_TENS[number % 100]
    for power, word in AZ_POWERS:
        if number % power == 0:
            return word
    raise ValueError(number)  # unreachable for positive integers


def ordinal_az(number, case=NOMINATIVE):
    word = _azerbaijani_last_word(number)
    last_vowel = next(letter for letter in reversed(word) if letter in AZ_HARMONY)
    return f"{number}-c{AZ_HARMONY[last_vowel]}"


def ordinal_en(number, case=NOMINATIVE):
    if number % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def ordinal_ru_feminine(number, case=NOMINATIVE):
    return f"{number}-я" if case == NOMINATIVE else f"{number}-й"
