"""The content model: constraints, their clean() messages, slugs and references."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from statements.models import (
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
    parse_reference,
)
from tests.factories import (
    image_upload,
    make_commemoration,
    make_person,
    make_statement,
    make_version,
)

pytestmark = pytest.mark.django_db


def assert_integrity_error(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_version_per_language_in_the_database():
    """A second English version of the same statement is refused by the database."""
    statement = make_statement(languages=["en"])
    assert_integrity_error(lambda: make_version(statement, "en"))


def test_one_version_per_language_in_words():
    """validate_constraints() tells an editor the language is already there."""
    statement = make_statement(languages=["en"])
    duplicate = StatementVersion(statement=statement, language="en", title="Again")
    with pytest.raises(ValidationError) as caught:
        duplicate.validate_constraints()
    assert caught.value.messages == [
        "This statement already has a version in that language."
    ]


def test_version_language_must_be_a_site_language():
    """A version in a language not in LANGUAGES cannot be stored."""
    statement = make_statement(languages=["en"])
    assert_integrity_error(lambda: make_version(statement, "de"))
    version = StatementVersion(statement=statement, language="de", title="Erklärung")
    with pytest.raises(ValidationError) as caught:
        version.full_clean()
    assert "language" in caught.value.message_dict


def test_original_language_must_be_a_site_language():
    """The statement's original language is held to LANGUAGES too."""
    person = make_person()
    assert_integrity_error(
        lambda: Statement.objects.create(
            slug="x", issued_by=person, original_language="fr"
        )
    )


def test_slug_is_unique_in_the_database_and_in_words():
    """Two statements cannot share an address; clean() says which address."""
    make_statement(slug="same-address")
    assert_integrity_error(lambda: make_statement(slug="same-address"))
    other = Statement(slug="same-address", issued_by=make_person())
    with pytest.raises(ValidationError) as caught:
        other.clean()
    assert caught.value.message_dict["slug"] == [
        "Another statement already uses the address “same-address”."
    ]


def test_anniversary_needs_commemoration_and_year_in_the_database():
    """An anniversary statement without its commemoration cannot be stored."""
    assert_integrity_error(
        lambda: make_statement(kind=StatementKind.ANNIVERSARY, anniversary_year=2025)
    )
    commemoration = make_commemoration()
    assert_integrity_error(
        lambda: make_statement(
            kind=StatementKind.ANNIVERSARY, commemoration=commemoration
        )
    )


def test_anniversary_needs_commemoration_and_year_in_words():
    """clean() names both missing fields in sentences an editor understands."""
    statement = Statement(
        slug="a", kind=StatementKind.ANNIVERSARY, issued_by=make_person()
    )
    with pytest.raises(ValidationError) as caught:
        statement.clean()
    assert caught.value.message_dict == {
        "commemoration": [
            "An anniversary statement must name the commemoration it marks."
        ],
        "anniversary_year": ["An anniversary statement needs the year it marks."],
    }


def test_anniversary_year_not_before_the_event():
    """The 1989 'anniversary' of a 1990 event is refused with both years named."""
    commemoration = make_commemoration(date=datetime.date(1990, 1, 20))
    statement = Statement(
        slug="a",
        kind=StatementKind.ANNIVERSARY,
        issued_by=make_person(),
        commemoration=commemoration,
        anniversary_year=1989,
    )
    with pytest.raises(ValidationError) as caught:
        statement.clean()
    assert caught.value.message_dict["anniversary_year"] == [
        "The year 1989 is before the event itself (1990)."
    ]
    statement.anniversary_year = 1990
    statement.clean()


def test_reference_is_unique_within_its_year():
    """12/2025 can be given once; 12/2024 is a different reference."""
    make_statement(reference_number=12, reference_year=2025)
    make_statement(reference_number=12, reference_year=2024)
    assert_integrity_error(
        lambda: make_statement(reference_number=12, reference_year=2025)
    )
    clash = Statement(
        slug="b", issued_by=make_person(), reference_number=12, reference_year=2025
    )
    with pytest.raises(ValidationError) as caught:
        clash.clean()
    assert caught.value.message_dict["reference_number"] == [
        "The reference 12/2025 is already taken."
    ]


def test_reference_needs_number_and_year_together():
    """A number without a year is refused by the database."""
    assert_integrity_error(lambda: make_statement(reference_number=3))


def test_reference_round_trips_through_its_printed_form():
    """'12/2025' is stored as number and year and printed back the same."""
    statement = make_statement()
    statement.set_reference("12/2025")
    statement.save()
    statement.refresh_from_db()
    assert (statement.reference_number, statement.reference_year) == (12, 2025)
    assert statement.reference == "12/2025"


@pytest.mark.parametrize("bad", ["12", "12-2025", "0/2025", "x/2025", "5/25", ""])
def test_malformed_references_are_refused(bad):
    """Anything but number/four-digit-year is a clear error."""
    with pytest.raises(ValueError):
        parse_reference(bad)


def test_slug_is_made_from_the_original_title():
    """A blank slug becomes an ASCII transliteration of the original title."""
    statement = Statement(issued_by=make_person(), original_language="az")
    statement._pending_original_title = "Uşaq hüquqları üzrə bəyanat"
    statement.save()
    assert statement.slug == "ushaq-huquqlari-uzre-beyanat"


def test_generated_slugs_never_collide():
    """Two statements with the same title get different slugs."""
    first = Statement(issued_by=make_person())
    first._pending_original_title = "Заявление Омбудсмена"
    first.save()
    second = Statement(issued_by=make_person())
    second._pending_original_title = "Заявление Омбудсмена"
    second.save()
    assert first.slug == "zayavlenie-ombudsmena"
    assert second.slug == "zayavlenie-ombudsmena-2"


def test_version_body_is_sanitised_on_save():
    """Whatever reaches save(), the stored body has no script."""
    statement = make_statement()
    version = statement.versions.get()
    version.body = '<p onclick="steal()">Text<script>alert(1)</script></p>'
    version.save()
    version.refresh_from_db()
    assert version.body == "<p>Text</p>"


def test_publishing_stamps_the_approval_time_once():
    """published_at is set when a version is first saved as published."""
    statement = make_statement(status=VersionStatus.DRAFT)
    version = statement.versions.get()
    assert version.published_at is None
    version.status = VersionStatus.PUBLISHED
    version.save()
    first = version.published_at
    assert first is not None
    version.save()
    assert version.published_at == first


def test_published_version_needs_hero_alt_in_its_language():
    """With a hero image, an English version cannot be published without en alt."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    statement.hero_image = image_upload()
    statement.hero_image_alt = {"az": "Şəkil"}
    statement.save()
    version = statement.versions.get()
    version.status = VersionStatus.PUBLISHED
    with pytest.raises(ValidationError) as caught:
        version.clean()
    assert caught.value.messages == [
        "Add the hero image's text alternative in this language before publishing it."
    ]
    statement.hero_image_alt = {"az": "Şəkil", "en": "Carnations at the memorial"}
    statement.save()
    version.statement = statement
    version.clean()


def test_version_title_is_required():
    """A blank title is refused with a message on the title field."""
    statement = make_statement()
    version = StatementVersion(statement=statement, language="az", title="  ")
    with pytest.raises(ValidationError) as caught:
        version.clean()
    assert caught.value.message_dict == {"title": ["A title is required."]}


def test_person_and_topic_names_fall_back_to_the_default_language():
    """A name missing in Russian shows the Azerbaijani one rather than nothing."""
    person = make_person(name={"az": "Səbinə Əliyeva", "en": "Sabina Aliyeva"})
    assert person.name_in("ru") == "Səbinə Əliyeva"
    assert person.name_in("en") == "Sabina Aliyeva"


def test_unknown_language_in_translated_text_is_refused():
    """A translated name keyed by an unknown language fails validation."""
    person = make_person()
    person.name = {"en": "Name", "xx": "?"}
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.message_dict["name"] == ["Unknown language code: xx."]


def test_required_languages_are_stored_in_site_order():
    """Required languages come back as a list in LANGUAGES order, deduplicated."""
    statement = make_statement(required_languages=["ru", "az", "ru"])
    statement.refresh_from_db()
    assert statement.required_languages == ["az", "ru"]
    assert Statement.objects.filter(required_languages__contains=",ru,").count() == 1
