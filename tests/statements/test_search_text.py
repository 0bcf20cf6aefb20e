"""The search pipeline: the same terms for a document's words and a query's."""

import itertools

import pytest

from statements.public.search import az_stemmer
from statements.public.search.text import parse_query, profile, terms, tokens
from tests.statements.az_word_forms import DIFFERENT, SAME


def same_terms(language, a, b):
    return terms(a, language) == terms(b, language)


@pytest.mark.parametrize(
    "language,typed,written",
    [
        ("az", "İnsan", "insan"),
        ("az", "XOCALI", "Xocalı"),
        ("az", "xocali", "Xocalı"),
        ("az", "seki", "Şəki"),
        ("az", "sehid", "şəhid"),
        ("az", "ISTINTAQ", "istintaq"),
        ("az", "Bakı", "Bakıda"),
        ("az", "qurbanlar", "qurbanlarının"),
        ("az", "faciəsi", "faciənin"),
        ("az", "bəyanatlar", "bəyanat"),
        ("ru", "прием", "приём"),
        ("ru", "ЗАЯВЛЕНИЯ", "заявление"),
        ("ru", "трагедия", "трагедии"),
        ("en", "statements", "statement"),
        ("en", "Children's", "children"),
        ("en", "café", "cafe"),
    ],
)
def test_what_readers_type_meets_what_was_written(language, typed, written):
    """Capitals, missing letters and endings give the same terms."""
    query = parse_query(typed, language).terms
    document = {term for word in terms(written, language) for term in word}
    assert query & document, (query, document)


def test_dotted_capital_i_stays_one_letter():
    """ "İ" does not become "i" plus a combining dot, which split words before."""
    assert [t.terms for t in tokens("İnsan", "az")] == [
        t.terms for t in tokens("insan", "az")
    ]
    assert len(tokens("İnsan hüquqları", "en")) == 2


def test_azerbaijani_capital_i_is_dotless():
    """In Azerbaijani "I" is the capital of "ı", so "ISTI" is "ıstı", not "isti"."""
    assert profile("az").fold("ILIQ") == profile("az").fold("ılıq")
    assert profile("en").fold("ILIQ") == "iliq"


def test_russian_keeps_its_short_i():
    """Only ё is folded in Russian: й stays a letter of its own."""
    assert profile("ru").fold("Йод ёж") == "йод еж"


@pytest.mark.parametrize("group", SAME, ids=lambda group: group[0])
def test_azerbaijani_forms_of_one_word_meet(group):
    """Every pair of forms in a group of the table shares a stem."""
    stems = {word: set(az_stemmer.stems(profile("az").fold(word))) for word in group}
    for a, b in itertools.combinations(group, 2):
        assert stems[a] & stems[b], (a, stems[a], b, stems[b])


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_azerbaijani_words_stay_apart(a, b):
    """Words that only look alike are not joined."""
    fold = profile("az").fold
    assert not set(az_stemmer.stems(fold(a))) & set(az_stemmer.stems(fold(b)))


def test_quoted_words_are_one_phrase():
    """Inside quotation marks the words form one group; outside, each word does."""
    query = parse_query('"human rights" day', "en")
    assert [len(group) for group in query.groups] == [2, 1]
    assert parse_query("«Знай свои права»", "ru").groups[0] == tuple(
        terms("знай свои права", "ru")
    )


def test_a_reference_number_is_a_phrase_of_its_numbers():
    """ "12/2025" must find 12 next to 2025, not either anywhere."""
    assert parse_query("12/2025", "en").groups == ((("12",), ("2025",)),)


@pytest.mark.parametrize(
    "raw",
    [
        "!!! & | ( ) :* <->",
        '"',
        '""',
        "NEAR(a b)",
        "title:x OR ^y*",
        "\x00",
        "' OR 1=1 --",
    ],
)
def test_operators_are_only_separators(raw):
    """Nothing typed is query syntax: only words are kept, as plain terms."""
    query = parse_query(raw, "en")
    for term in query.terms:
        assert term.isalnum(), term


def test_a_huge_query_is_bounded():
    """However long the input, at most twelve words are searched."""
    query = parse_query("word " * 5000 + '"a b c d e f g h i j k l m n"', "en")
    assert sum(len(group) for group in query.groups) <= 12


def test_an_unclosed_quote_runs_to_the_end():
    """A phrase with no closing mark is still a phrase."""
    assert [
        len(g) for g in parse_query('rights "pre trial detention', "en").groups
    ] == [
        1,
        3,
    ]
