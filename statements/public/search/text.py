"""The search pipeline: text to search terms, by each language's profile.

The same functions turn a stored document and a reader's query into terms,
so the two always meet; the databases only store and match the terms
(statements/public/search/index.py). What differs between languages is in
their profiles (statements/i18n/languages.py). See docs/search.md, which also
says how to add a language.

A word goes through, in order:

1. Unicode NFC, then case folding by the language's rules (Azerbaijani and
   Turkish: "İ"→"i" and "I"→"ı", where Python's lower() gives "i̇" and "i").
2. Letter folding: Russian "ё"→"е"; Azerbaijani to plain ASCII letters
   (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u), because readers often type it
   that way ("xocali", "seki", "sehid"); English accents dropped (café).
3. Stemming: Snowball (PyStemmer) for English and Russian, the suffix
   stripper in az_stemmer.py for Azerbaijani.

Words are runs of letters and digits; every other character separates them,
and words joined by punctuation in a query ("12/2025", "pre-trial") must stand
next to each other in the text, as a quoted phrase must.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from statements.i18n import languages
from statements.i18n.languages import LanguageProfile
from statements.public.search import az_stemmer

# Letters and digits, with an apostrophe inside a word kept for the stemmer.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Opening and closing quotation marks readers type in the three languages.
QUOTES = re.compile(r"[\"“”„«»]")
MAX_WORD_LENGTH = 60


def _strip_marks(text):
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(ch)
    )


def _turkic_fold(text):
    return text.replace("İ", "i").replace("I", "ı").lower()


@dataclass(frozen=True)
class Pipeline:
    """How one language's words become terms, read from its profile."""

    language: LanguageProfile

    def fold(self, word):
        """Case and letter folding: the form words are compared in."""
        lang = self.language
        word = unicodedata.normalize("NFC", word).replace("’", "'")
        word = _turkic_fold(word) if lang.dotted_i else word.casefold()
        word = word.translate(str.maketrans(dict(lang.search_letters)))
        if lang.search_strips_marks:
            word = _strip_marks(word)
        if not lang.search_keeps_apostrophe:
            word = word.split("'", 1)[0]
        return word

    def stems(self, folded):
        """The terms for one folded word: usually one, at most two."""
        if not folded.replace("'", "").isalpha():
            return (folded.replace("'", ""),)
        if self.language.stemmer == "az_stemmer":
            return az_stemmer.stems(folded)
        if self.language.stemmer:
            return (_snowball(self.language.stemmer, folded).replace("'", ""),)
        return (folded.replace("'", ""),)


# PyStemmer's stemmers are not safe to share between threads.
_stemmers = threading.local()


def _snowball(algorithm, word):
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        setattr(_stemmers, algorithm, stemmer)
    return stemmer.stemWord(word)


def profile(language):
    """The language's pipeline; a language without a profile is only folded."""
    return Pipeline(languages.profile(language))


@dataclass(frozen=True)
class Token:
    """A word of a text: where it is and the terms it is found by."""

    start: int
    end: int
    terms: tuple


def iter_tokens(text, language, start=0, end=None):
    """The words of ``text[start:end]`` with their offsets and terms, lazily."""
    for match in WORD.finditer(
        text or "", start, len(text or "") if end is None else end
    ):
        terms = word_terms(language, match.group())
        if terms:
            yield Token(match.start(), match.end(), terms)


def tokens(text, language):
    """The words of ``text`` with their offsets and terms, in order."""
    return list(iter_tokens(text, language))


@lru_cache(maxsize=200_000)
def word_terms(language, word):
    """The terms of one word as written. Cached: a language's texts use a few
    tens of thousands of distinct words, and this is most of indexing's time."""
    lang = profile(language)
    folded = lang.fold(word)[:MAX_WORD_LENGTH]
    if not folded:
        return ()
    return tuple(term for term in lang.stems(folded) if term)


def terms(text, language):
    """Each word's terms, in order (a list of tuples, usually of one)."""
    return [token.terms for token in tokens(text, language)]


@dataclass(frozen=True)
class Query:
    """A reader's query as groups of words; each group is matched as a phrase.

    ``groups`` holds, per group, each word's terms (alternatives). A group of
    one word is a single word. All groups must match.
    """

    groups: tuple

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Every term of the query, for highlighting."""
        return {term for group in self.groups for word in group for term in word}


def parse_query(text, language, max_words=12):
    """The reader's query as a Query; nothing in it is syntax but quotes.

    Text inside quotation marks is a phrase; outside them each space-separated
    chunk is one (a single word, or words joined by punctuation such as
    "12/2025"). An unclosed quote runs to the end. Operators, brackets and
    the like are only separators, so no input can make the query fail.
    """
    groups = []
    words = 0
    for index, part in enumerate(QUOTES.split(text or "")):
        chunks = [part] if index % 2 else part.split()
        for chunk in chunks:
            group = tuple(terms(chunk, language))[: max_words - words]
            if group and group not in groups:
                groups.append(group)
                words += len(group)
            if words >= max_words:
                return Query(tuple(groups))
    return Query(tuple(groups))
