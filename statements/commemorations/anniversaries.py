"""Drafting this year's anniversary statement for a commemoration in one step."""

from django.conf import settings
from django.db import transaction

from statements.i18n.languages import anniversary_title, language_codes, localized
from statements.i18n.slugs import unique_slug
from statements.models import (
    Person,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)


def proposed_title(commemoration, year, language):
    number = year - commemoration.date.year
    name = localized(commemoration.name, language)
    return anniversary_title(name, number, language)


def draft_anniversary_statement(commemoration, year, user):
    """``(statement, created)``: the existing one, or a new draft in every language.

    The issuer is last year's, or else the first person on record.
    """
    with transaction.atomic():
        existing = Statement.objects.filter(
            kind=StatementKind.ANNIVERSARY,
            commemoration=commemoration,
            anniversary_year=year,
        ).first()
        if existing:
            return existing, False
        previous = (
            Statement.objects.filter(commemoration=commemoration)
            .order_by("-anniversary_year")
            .select_related("issued_by")
            .first()
        )
        issuer = previous.issued_by if previous else Person.objects.first()
        if issuer is None:
            raise ValueError("no person to issue the statement")
        original = settings.LANGUAGE_CODE
        titles = {
            code: proposed_title(commemoration, year, code) for code in language_codes()
        }
        statement = Statement(
            kind=StatementKind.ANNIVERSARY,
            commemoration=commemoration,
            anniversary_year=year,
            issued_by=issuer,
            original_language=original,
            required_languages=language_codes(),
            created_by=user,
            updated_by=user,
        )
        statement.slug = unique_slug(
            f"{titles.get('en', titles[original])} {year}",
            lambda slug: Statement.objects.filter(slug=slug).exists(),
        )
        statement.save()
        for code in language_codes():
            StatementVersion.objects.create(
                statement=statement,
                language=code,
                title=titles[code],
                status=VersionStatus.DRAFT,
                author=user,
            )
        if previous is not None:
            statement.related.add(previous)
    return statement, True
