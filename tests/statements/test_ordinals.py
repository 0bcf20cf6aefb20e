"""'The Nth anniversary' in three languages, checked for every N from 1 to 150.

The expected tables below are written from each language's rules, not from the
code under test:

- English (the usual style guides' rule for ordinals in figures): "st", "nd",
  "rd" after a last digit of 1, 2, 3, "th" otherwise; 11, 12 and 13 (in any
  hundred) always take "th".
- Azerbaijani (the orthographic rules, Azərbaycan dilinin orfoqrafiya
  qaydaları, and grammars' chapter on ordinal numerals, sıra sayları): the suffix
  -ıncı/-inci/-uncu/-üncü takes the last vowel of the number's last spoken
  word by four-way harmony and is written after digits as -cı/-ci/-cu/-cü.
  The last word is the units word (bir, iki, üç, dörd, beş, altı, yeddi,
  səkkiz, doqquz), else the tens word (on, iyirmi, otuz, qırx, əlli, altmış,
  yetmiş, səksən, doxsan), else "yüz".
- Russian (Д. Э. Розенталь, Справочник по правописанию и стилистике:
  наращение падежного окончания у порядковых числительных, written in
  digits): the ordinal agrees with "годовщина" (feminine, nominative) and takes
  the one-letter increment "-я" after any number: "5-я", "35-я", "150-я".
"""

import pytest

from statements.i18n.languages import anniversary_phrase
from statements.i18n.ordinals import ordinal_az, ordinal_en

AZ_AFTER_UNITS = {
    1: "ci",  # bir
    2: "ci",  # iki
    3: "cü",  # üç
    4: "cü",  # dörd
    5: "ci",  # beş
    6: "cı",  # altı
    7: "ci",  # yeddi
    8: "ci",  # səkkiz
    9: "cu",  # doqquz
}
AZ_AFTER_TENS = {
    10: "cu",  # on
    20: "ci",  # iyirmi
    30: "cu",  # otuz
    40: "cı",  # qırx
    50: "ci",  # əlli
    60: "cı",  # altmış
    70: "ci",  # yetmiş
    80: "ci",  # səksən
    90: "cı",  # doxsan
}
AZ_AFTER_HUNDRED = "cü"  # yüz


def expected_az(number):
    if number % 10:
        suffix = AZ_AFTER_UNITS[number % 10]
    elif number % 100:
        suffix = AZ_AFTER_TENS[number % 100]
    else:
        suffix = AZ_AFTER_HUNDRED
    return f"{number}-{suffix} ildönümü"


def expected_en(number):
    if number % 100 in (11, 12, 13):
        return f"{number}th anniversary"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') } anniversary"


NUMBERS = range(1, 151)


@pytest.mark.parametrize("number", NUMBERS)
def test_english(number):
    """English ordinal suffixes, including the 11–13 exception in every hundred."""
    assert anniversary_phrase(number, "en") == expected_en(number)


@pytest.mark.parametrize("number", NUMBERS)
def test_azerbaijani(number):
    """Azerbaijani suffixes follow the harmony of the number's last word."""
    assert anniversary_phrase(number, "az") == expected_az(number)


@pytest.mark.parametrize("number", NUMBERS)
def test_russian(number):
    """Russian ordinals agree with the feminine noun годовщина."""
    assert anniversary_phrase(number, "ru") == f"{number}-я годовщина"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (122, "122nd"),
        (1000, "1000th"),
    ],
)
def test_english_examples_from_the_issue(number, text):
    """The examples the issue names."""
    assert ordinal_en(number) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (35, "35-ci"),
        (30, "30-cu"),
        (40, "40-cı"),
        (3, "3-cü"),
        (100, "100-cü"),
        (1000, "1000-ci"),
        (2000, "2000-ci"),
        (1_000_000, "1000000-cu"),
    ],
)
def test_azerbaijani_examples(number, text):
    """35-ci, 30-cu, 40-cı and 3-cü as the issue gives them, and larger numbers."""
    assert ordinal_az(number) == text


def test_zero_is_not_an_anniversary():
    """The event's own year has no anniversary."""
    with pytest.raises(ValueError):
        anniversary_phrase(0, "en")


def test_unknown_language_falls_back_to_english():
    """A language added later shows the English form until it has rules."""
    assert anniversary_phrase(22, "de") == "22nd anniversary"
