"""Plural forms after numbers, alphabetical order and capitals, per language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from statements.i18n.wording import plural_form, sort_key, upper_first
from tests.factories import make_topic

RUSSIAN = "погибший | погибших | погибших"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "погибший"),
        (21, "погибший"),
        (2, "погибших"),
        (150, "погибших"),
        (11, "погибших"),
        (12, "погибших"),
        (101, "погибший"),
        (0, "погибших"),
    ],
)
def test_russian_takes_the_numerals_plural_form(number, expected):
    assert plural_form(RUSSIAN, number, "ru") == expected


def test_russian_few_differs_from_many_where_the_noun_does():
    forms = "мирный житель | мирных жителя | мирных жителей"
    assert [plural_form(forms, n, "ru") for n in (1, 3, 613)] == [
        "мирный житель",
        "мирных жителя",
        "мирных жителей",
    ]


def test_azerbaijani_keeps_one_form_and_english_two():
    assert plural_form("həlak olan", 150, "az") == "həlak olan"
    forms = "civilian killed | civilians killed"
    assert plural_form(forms, 1, "en") == "civilian killed"
    assert plural_form(forms, 613, "en") == "civilians killed"
    assert plural_form("killed", 150, "en") == "killed"


def test_azerbaijani_alphabetical_order():
    words = [
        "ölüm",
        "şəhid",
        "üz",
        "ilk",
        "ıldız",
        "ərazi",
        "çay",
        "ğ",
        "cəza",
        "xalq",
        "hüquq",
        "qadın",
        "kənd",
        "ev",
        "gənc",
        "uşaq",
        "sülh",
        "ordu",
    ]
    ordered = sorted(words, key=lambda word: sort_key(word, "az"))
    assert ordered == [
        "cəza",
        "çay",
        "ev",
        "ərazi",
        "gənc",
        "ğ",
        "hüquq",
        "xalq",
        "ıldız",
        "ilk",
        "kənd",
        "qadın",
        "ordu",
        "ölüm",
        "sülh",
        "şəhid",
        "uşaq",
        "üz",
    ]


def test_russian_puts_yo_after_ye():
    ordered = sorted(["ёж", "жук", "ель"], key=lambda word: sort_key(word, "ru"))
    assert ordered == ["ель", "ёж", "жук"]


def test_capfirst_gives_dotted_capital_i_in_azerbaijani():
    assert upper_first("ildönümü ilə bağlı bəyanat", "az") == (
        "İldönümü ilə bağlı bəyanat"
    )
    assert upper_first("ıldız", "az") == "Ildız"
    assert upper_first("international", "en") == "International"
    template = Template("{{ word|capfirst }}")
    with translation.override("az"):
        assert template.render(Context({"word": "insan"})) == "İnsan"
    with translation.override("en"):
        assert template.render(Context({"word": "insan"})) == "Insan"


@pytest.mark.django_db
def test_the_topic_filter_lists_topics_in_azerbaijani_order(client):
    for key, name in [
        ("u", "Uşaq hüquqları"),
        ("c", "Çağırış"),
        ("e", "Ədalət"),
        ("a", "Azadlıq"),
        ("s", "Şikayətlər"),
        ("i", "İşgəncə"),
    ]:
        make_topic(key=key, name={"az": name, "en": key})
    content = client.get("/az/statements/").content.decode()
    names = ["Azadlıq", "Çağırış", "Ədalət", "İşgəncə", "Şikayətlər", "Uşaq hüquqları"]
    positions = [content.index(f">{name}</option>") for name in names]
    assert positions == sorted(positions)
