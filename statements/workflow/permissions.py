"""Who may do what in the workflow beyond model permissions: editors,
translators and their languages, the versions a member of staff sees.
"""

from django.db.models import F, Q

from accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR
from statements.models import (
    VersionStatus,
)


class WorkflowError(Exception):
    """An action that cannot be taken now; the message says why, for a person."""


def is_editor(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("statements.publish_statementversion")
    )


def role_names(user):
    """The user's role groups, read once per user object (i.e. per request)."""
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return user._role_names


def is_translator_only(user):
    """A translator who holds no editorial or authoring role besides."""
    if user.is_superuser:
        return False
    names = role_names(user)
    return TRANSLATOR in names and not names & {EDITOR, ADMINISTRATOR, AUTHOR}


def translator_languages(user):
    profile = getattr(user, "profile", None)
    return list(profile.languages) if profile else []


def may_edit_version(user, version):
    """Whether ``user`` may change this version's text (not its state)."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        # Translators keep their languages current, published ones included
        # (their edits of a live text are a working draft, reviewed like any
        # other); never the source text, never a language not theirs.
        return (
            version.language in translator_languages(user)
            and version.language != version.statement.original_language
        )
    if version.pk and version.status == VersionStatus.REVIEW:
        # In review it waits for the reviewer; a published one is edited as a
        # working draft, which changes nothing readers see.
        return False
    return user.has_perm("statements.change_statementversion")


def may_edit_statement(user, statement):
    """Whether ``user`` may change the statement's shared fields."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        return False
    if statement.pk and statement.versions.exclude(status=VersionStatus.DRAFT).exists():
        return False
    return user.has_perm("statements.change_statement")


def may_see_language(user, statement, language):
    """Whether ``user`` may read unpublished text of ``statement`` in ``language``
    (previews, history, comparisons): the same rule as its edit page."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        languages = translator_languages(user)
        # A translator reads the original they translate from, and their own.
        return language in languages or bool(
            languages and language == statement.original_language
        )
    return user.has_perm("statements.view_statement")


def visible_versions_q(user):
    """The versions whose unpublished text ``user`` may read, as a filter
    (None: all). The same rule as may_see_language, for querysets."""
    if is_editor(user) or not is_translator_only(user):
        return None
    languages = translator_languages(user)
    if not languages:
        return Q(pk__in=[])
    return Q(language__in=languages) | Q(language=F("statement__original_language"))


def may_review(user):
    return is_editor(user)
