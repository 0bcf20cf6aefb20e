"""A language added to LANGUAGES: the site serves it, the check names its gaps."""

import re

import pytest
from django.conf import settings
from django.core import checks
from django.test import override_settings

from statements.checks import check_language_profiles
from statements.i18n.languages import (
    PROFILES,
    anniversary_phrase,
    anniversary_title,
    language_codes,
    profile,
)
from tests.factories import make_commemoration, make_statement, make_superuser

pytestmark = pytest.mark.django_db

WITH_GEORGIAN = override_settings(
    LANGUAGES=[*settings.LANGUAGES, ("ka", "Georgian")],
)


def hreflangs(content):
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)"', content)


def test_every_configured_language_has_a_profile_and_a_clean_check():
    """The shipped languages lack nothing: `manage.py check` is silent."""
    assert sorted(PROFILES) == sorted(language_codes())
    assert check_language_profiles() == []


@WITH_GEORGIAN
def test_the_check_names_what_a_new_language_lacks():
    """Georgian without a catalogue or a profile: two warnings, both naming it."""
    warnings = check_language_profiles()
    assert [(w.id, w.obj) for w in warnings] == [
        ("statements.W101", "ka"),
        ("statements.W102", "ka"),
    ]
    assert all(isinstance(w, checks.Warning) for w in warnings)
    assert "no translation catalogue" in warnings[0].msg
    assert "no ordinal rule" in warnings[1].msg
    assert "no text-search configuration" in warnings[1].msg
    assert "no plural rule" in warnings[1].msg
    # The registered check is the one `manage.py check` runs.
    assert {w.id for w in checks.run_checks(tags=[checks.Tags.translation])} >= {
        "statements.W101",
        "statements.W102",
    }


@WITH_GEORGIAN
def test_a_new_language_falls_back_on_correct_english_forms():
    """Until it has a profile: English ordinal and wording, code as og:locale."""
    assert anniversary_phrase(22, "ka") == "22nd anniversary"
    assert anniversary_title("Khojaly", 33, "ka") == (
        "Khojaly: statement on the 33rd anniversary"
    )
    assert profile("ka").opengraph_locale == "ka"


def test_the_profiles_word_the_phrases_through_the_catalogues():
    """Each shipped language's phrase and proposed title, from gettext."""
    assert anniversary_phrase(35, "az") == "35-ci ildönümü"
    assert anniversary_phrase(35, "ru") == "35-я годовщина"
    assert anniversary_title("Xocalı", 33, "az") == (
        "Xocalı: 33-cü ildönümü ilə bağlı bəyanat"
    )
    assert anniversary_title("Ходжалы", 33, "ru") == (
        "Ходжалы: заявление к 33-й годовщине"
    )
    assert anniversary_title("Khojaly", 33, "en") == (
        "Khojaly: statement on the 33rd anniversary"
    )


@WITH_GEORGIAN
@pytest.mark.parametrize(
    "path", ["/ka/", "/ka/statements/", "/ka/anniversaries/", "/ka/search/?q=x"]
)
def test_public_pages_open_in_the_new_language(client, path):
    """Each public page answers in Georgian, with hreflang to all four."""
    make_statement(languages=("az", "en"))
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="ka"' in content
    assert '<meta property="og:locale" content="ka">' in content
    assert hreflangs(content) == ["az", "en", "ru", "ka"]


@WITH_GEORGIAN
def test_a_statement_lists_only_the_languages_it_exists_in(client):
    """A statement in az and en does not point readers at a Georgian page."""
    statement = make_statement(languages=("az", "en"))
    response = client.get(f"/en/statements/{statement.slug}/")
    assert response.status_code == 200
    assert hreflangs(response.content.decode()) == ["az", "en"]
    assert client.get(f"/ka/statements/{statement.slug}/").status_code == 404


@WITH_GEORGIAN
def test_the_admin_offers_the_new_language(client):
    """Editors can require Georgian and fill a commemoration's Georgian name."""
    make_superuser()
    client.login(username="admin", password="correct horse battery")
    response = client.get("/admin/statements/statement/add/")
    assert response.status_code == 200
    assert re.search(
        r'<input type="checkbox" name="required_languages" value="ka"',
        response.content.decode(),
    )
    commemoration = make_commemoration()
    response = client.get(f"/admin/statements/commemoration/{commemoration.pk}/change/")
    assert response.status_code == 200
    assert 'lang="ka"' in response.content.decode()
    assert client.get("/admin/").status_code == 200


@WITH_GEORGIAN
def test_wording_falls_back_for_a_new_language():
    """Georgian without a profile: one plural form, code-point order, plain case."""
    from statements.i18n.wording import plural_form, sorted_by_name, upper_first

    assert plural_form("a | b | c", 5, "ka") == "a"
    assert sorted_by_name(["b", "a"], "ka") == ["a", "b"]
    assert upper_first("iki", "ka") == "Iki"
    assert upper_first("iki", "az") == "İki"
