"""Translations: which source each was made from, when it fell behind, and the
paragraphs that changed since. The exchange with outside translators is in
xliff.py.
"""

from django.db.models import Q
from django.utils import timezone

from statements.content.diffs import paragraph_changes
from statements.models import (
    StatementVersion,
)


def source_of(version):
    """The version this one translates: its recorded source, else the original."""
    language = version.source_language or version.statement.original_language
    if language == version.language:
        return None
    return version.statement.versions.filter(language=language).first()


def bring_up_to_date(version, source=None):
    """Record the source's text as translated now; the version is current again."""
    source = source or source_of(version)
    if source is None:
        return version
    version.source_language = source.language
    version.source_text = source.plain_text()
    version.outdated_since = None
    StatementVersion.objects.filter(pk=version.pk).update(
        source_language=version.source_language,
        source_text=version.source_text,
        outdated_since=None,
    )
    return version


def translations_of(source):
    """Versions of the same statement that were translated from ``source``."""
    others = source.statement.versions.exclude(pk=source.pk)
    from_it = Q(source_language=source.language)
    if source.language == source.statement.original_language:
        # A translation that names no source was made from the original.
        from_it |= Q(source_language="")
    return others.filter(from_it)


def source_changed(source, substantive, now=None):
    """After ``source`` was saved: a substantive change makes its translations
    outdated (a minor one, a typo, does not). Returns how many were marked."""
    if not substantive:
        return 0
    now = now or timezone.now()
    text = source.plain_text()
    marked = 0
    for translation in translations_of(source).filter(outdated_since__isnull=True):
        if translation.source_text and translation.source_text != text:
            StatementVersion.objects.filter(pk=translation.pk).update(
                outdated_since=now
            )
            marked += 1
    return marked


def has_translations(version):
    """Whether some version was really translated from this one (a proposed
    title alone, as drafted for an anniversary, is not a translation yet)."""
    return (
        version.pk is not None
        and translations_of(version).exclude(source_text="").exists()
    )


def changes_since_translation(version):
    """The source's paragraphs that differ from when ``version`` was translated."""
    source = source_of(version)
    if source is None:
        return []
    return paragraph_changes(version.source_text, source.plain_text())
