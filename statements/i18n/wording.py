"""Words that change with the language: plural forms after a number, the
alphabetical order of names, and the capital of a first letter.

Plural categories follow CLDR's rules for cardinal numbers: English has "one"
and "other"; Russian "one" (1, 21, 101…), "few" (2–4, 22–24…) and "many"
(0, 5–20, 25…); Azerbaijani puts the noun in the singular after any number
("150 həlak olan", "3 kitab"), so it needs one form.
"""

from statements.i18n.languages import profile


def _one_few_many(number):
    if number % 10 == 1 and number % 100 != 11:
        return 0
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return 1
    return 2


# Each language's profile (statements.i18n.languages) names its CLDR categories;
# these are the rules that pick among them.
PLURAL_RULES = {
    ("other",): lambda number: 0,
    ("one", "other"): lambda number: 0 if number == 1 else 1,
    ("one", "few", "many"): _one_few_many,
}


def plural_index(number, language):
    """The position, among a language's plural forms, of the one ``number`` takes."""
    rule = PLURAL_RULES[profile(language).plural_categories]
    return rule(abs(int(number)))


def plural_form(forms, number, language):
    """One of ``forms`` ("погибший | погибших | погибших") for ``number``.

    Forms are written in CLDR's order, separated by "|". Text with fewer forms
    than the language has uses its last one, so a single word stays as it is.
    """
    choices = [form.strip() for form in (forms or "").split("|")]
    return choices[min(plural_index(number, language), len(choices) - 1)]


def lower(text, language):
    """Lower case by the language's rules: Azerbaijani I -> ı and İ -> i."""
    if profile(language).dotted_i:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def upper_first(text, language):
    """``text`` with its first letter a capital: Azerbaijani i -> İ, ı -> I."""
    if not text:
        return text
    first = text[0]
    if profile(language).dotted_i and first in "iı":
        first = "İ" if first == "i" else "I"
    else:
        first = first.upper()
    return first + text[1:]


def sort_key(text, language):
    """A key that puts ``text`` in the language's alphabetical order."""
    text = lower(text or "", language)
    alphabet = profile(language).alphabet
    if not alphabet:
        return text.casefold()
    # Letters of the alphabet take their place in it, after anything else
    # (digits, spaces, Latin letters in Russian), which keeps its code point.
    return tuple(
        (1, alphabet.index(char)) if char in alphabet else (0, ord(char))
        for char in text
    )


def sorted_by_name(items, language, name=lambda item: item):
    """``items`` in the language's alphabetical order of ``name(item)``."""
    return sorted(items, key=lambda item: sort_key(name(item), language))
