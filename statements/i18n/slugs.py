"""ASCII slugs from titles in any of the site's languages.

The Azerbaijani Latin letters are mapped first, the way the office's own
romanisation writes them (``ş`` as ``sh``, ``ç`` as ``ch``); everything else,
Cyrillic included, goes through anyascii (ISC-licensed, unlike the GPL
Unidecode, so the project can keep a permissive licence).
"""

from anyascii import anyascii
from django.utils.text import slugify

AZERBAIJANI_LETTERS = str.maketrans(
    {
        "ə": "e",
        "Ə": "E",
        "ğ": "g",
        "Ğ": "G",
        "ı": "i",
        "I": "I",
        "İ": "I",
        "ö": "o",
        "Ö": "O",
        "ş": "sh",
        "Ş": "Sh",
        "ç": "ch",
        "Ç": "Ch",
        "ü": "u",
        "Ü": "U",
    }
)
MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "statement"


def slug_from_title(title):
    """An ASCII slug of ``title``, never empty, at most MAX_SLUG_LENGTH long."""
    ascii_text = anyascii((title or "").translate(AZERBAIJANI_LETTERS))
    slug = slugify(ascii_text)
    if len(slug) > MAX_SLUG_LENGTH:
        # Cut at a word boundary so the slug does not end in half a word.
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_SLUG_LENGTH]
    return slug.strip("-") or FALLBACK_SLUG


def unique_slug(title, taken):
    """A slug of ``title`` for which ``taken(slug)`` is false, numbered if need be."""
    base = slug_from_title(title)
    candidate, number = base, 2
    while taken(candidate):
        suffix = f"-{number}"
        candidate = base[: MAX_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate
