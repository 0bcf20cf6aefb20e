"""Slugs are ASCII, meaningful in every language, never empty, never colliding."""

import pytest

from statements.i18n.slugs import MAX_SLUG_LENGTH, slug_from_title, unique_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "20 Yanvar faciəsinin 35-ci ildönümü",
            "20-yanvar-faciesinin-35-ci-ildonumu",
        ),
        ("Şəki, Gəncə, Ağdam və Çeşmə", "sheki-gence-agdam-ve-cheshme"),
        ("İnsan hüquqları", "insan-huquqlari"),
        (
            "Заявление по случаю 35-й годовщины",
            "zayavlenie-po-sluchayu-35-y-godovshchiny",
        ),
        ("Statement on Children's Rights", "statement-on-childrens-rights"),
    ],
)
def test_titles_become_readable_ascii(title, slug):
    """Azerbaijani letters and Cyrillic are transliterated, not dropped."""
    assert slug_from_title(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "!!!", "«»", "—"])
def test_slug_is_never_empty(title):
    """A title with nothing to transliterate still gives a usable slug."""
    assert slug_from_title(title) == "statement"


def test_long_titles_are_cut_at_a_word():
    """Long slugs stop at a word boundary within the limit."""
    slug = slug_from_title("human rights " * 20)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug.endswith("rights") or slug.endswith("human")


def test_unique_slug_numbers_a_taken_slug():
    """A taken slug gets -2, then -3, and so on."""
    taken = {"bayanat", "bayanat-2"}
    assert unique_slug("Bayanat", taken.__contains__) == "bayanat-3"
