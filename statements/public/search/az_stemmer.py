"""A small suffix stripper for Azerbaijani, for search only.

Snowball has no Azerbaijani stemmer. Two existing ones were tried against
the word forms of the demo content (``tests/statements/az_word_forms.py``,
158 checks; ``scripts/evaluate_az_stemmers.py``, docs/search.md): Snowball's
Turkish stemmer passes 61 (101 on ASCII-folded text), since "ə" is not a
Turkish letter and the endings differ; the ``azstemmer`` package, a longest
prefix found in a word list, passes 131 (139 with its ASCII list). Neither
passed, so this one was written against that table, which the test suite
checks on every run.

It works on text already folded to ASCII by the search pipeline (ə→e, ı→i,
ş→s, ç→c, ğ→g, ö→o, ü→u), so "qurbanlarinin" typed without the letters is
stemmed exactly as "qurbanlarının". Folding merges the vowel pairs that
vowel harmony tells apart, so harmony is checked only where it survives: a
suffix with "a" never follows a stem whose last vowel is "e" (and the other
way round), and a suffix with "u" follows only "o" or "u".

A noun is stem + plural + possessive + case (+ "dır" or "ki"), so at most one
suffix of each slot is removed, right to left. Of all the ways to do it, two
readings are kept: the one leaving the shortest stem (never under three
letters), and the one leaving a stem that ends in a consonant after removing
one suffix. Without a dictionary "insanın" (insan+ın) and "faciənin"
(faciə+nin) cannot be told apart; two words match when a stem is shared.
Then a final vowel is dropped, since "ailə" and the "ailə" left of "ailələr"
must meet whether or not a vowel there was a suffix. A "g" or "y" left before a
removed vowel becomes "q" or "k" again (uşağın → uşaq, qanunvericiliyə →
qanunvericilik). Derivational suffixes (-lıq, -çı, -sız, -lı) are kept: they
make other words. Verbs are left alone.
"""

from functools import lru_cache

VOWELS = set("aeiou")
MIN_STEM = 3

# Slots from the end of the word inwards. "A" stands for a/e, "I" for i/u
# (ı/i and u/ü after folding); "V" marks a suffix that follows only a vowel
# (a possessive ending), "C" one that follows only a consonant.
SLOTS = [
    # copula and the relative -ki
    [("dIr", None), ("ki", None)],
    # case
    [
        ("ndAn", "P"),
        ("dAn", None),
        ("ndA", "P"),
        ("dA", None),
        ("nIn", "V"),
        ("In", "C"),
        ("nI", "V"),
        ("I", "C"),
        ("yA", "V"),
        ("nA", "P"),
        ("A", "C"),
        ("ylA", "V"),
        ("lA", "C"),
    ],
    # possessive
    [
        ("lArI", None),
        ("ImIz", "C"),
        ("mIz", "V"),
        ("InIz", "C"),
        ("nIz", "V"),
        ("sI", "V"),
        ("I", "C"),
    ],
    # plural
    [("lAr", None)],
]


def _expand(pattern):
    forms = [""]
    for char in pattern:
        options = {"A": "ae", "I": "iu"}.get(char, char)
        forms = [form + option for form in forms for option in options]
    return forms


def _last_vowel(text):
    for char in reversed(text):
        if char in VOWELS:
            return char
    return None


def _harmonious(stem, suffix):
    """Whether ``suffix``'s first vowel may follow ``stem`` (after folding)."""
    vowel = _last_vowel(suffix)
    if vowel is None:
        return True
    first = next(char for char in suffix if char in VOWELS)
    last = _last_vowel(stem)
    if last is None:
        return False
    if first == "a":
        return last != "e"
    if first == "e":
        return last != "a"
    if first == "u":
        return last in "ou"
    if first == "i":
        return last in "aei"
    return True


EXPANDED = [
    sorted(
        ((form, after) for pattern, after in slot for form in _expand(pattern)),
        key=lambda item: -len(item[0]),
    )
    for slot in SLOTS
]


def _parses(word, slot_index):
    """Every (stem, removed) pair reachable from ``slot_index`` inwards."""
    if slot_index == len(EXPANDED):
        yield word, "", 0
        return
    yield from _parses(word, slot_index + 1)
    for suffix, after in EXPANDED[slot_index]:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if len(stem) < MIN_STEM or _last_vowel(stem) is None:
            continue
        ends_in_vowel = stem[-1] in VOWELS
        if (after == "V" and not ends_in_vowel) or (after == "C" and ends_in_vowel):
            continue
        if after == "P" and (stem[-1] not in "iu" or len(stem) < MIN_STEM + 2):
            continue
        if not _harmonious(stem, suffix):
            continue
        for inner, removed, count in _parses(stem, slot_index + 1):
            yield inner, removed or suffix, count + 1


def _canonical(stem, removed):
    if removed and removed[0] in VOWELS and stem[-2] in VOWELS:
        if stem.endswith("g"):
            stem = stem[:-1] + "q"
        elif stem.endswith("y"):
            stem = stem[:-1] + "k"
    if len(stem) > MIN_STEM and stem[-1] in VOWELS and _harmonious(stem[:-1], stem[-1]):
        stem = stem[:-1]
    return stem


def _shortest(parse):
    return (len(parse[0]), parse[0])


def _one_suffix_consonant_final(parse):
    return (parse[0][-1] in VOWELS, parse[2] != 1, len(parse[0]), parse[0])


@lru_cache(maxsize=100_000)
def stems(word):
    """The stems of an ASCII-folded, lower-case Azerbaijani word, best first.

    Usually one. A second comes where the word reads two ways with no
    dictionary to choose: "insanın" is insan+ın, but "faciənin" is faciə+nin
    and ends alike. Two words match when their stems share one.
    """
    if len(word) <= MIN_STEM or not word.isalpha():
        return (word,)
    parses = list(_parses(word, 0))
    found = []
    for choose in (_shortest, _one_suffix_consonant_final):
        stem, removed, _count = min(parses, key=choose)
        stem = _canonical(stem, removed)
        if stem not in found:
            found.append(stem)
    return tuple(found)


def stem(word):
    """The first of stems(word)."""
    return stems(word)[0]
