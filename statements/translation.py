"""Translations: which source each was made from, when it fell behind, and the
paragraphs that changed since; plus the exchange of text with outside
translators as XLIFF.
"""

import hashlib
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from translate.storage import xliff

from statements.diffs import paragraph_changes
from statements.models import StatementVersion, VersionStatus
from statements.sanitizer import html_to_text, sanitize_html

# --- keeping track of the source -------------------------------------------


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


# --- a new translation with the source's structure -------------------------

TEXT_BETWEEN_TAGS = re.compile(r">([^<>]*[^\s<>][^<>]*)<")


TEXT_ATTRIBUTE = re.compile(r'\b(alt|title)="[^"]*"')


def structure_of(body):
    """The source body with its headings, lists, quotes, link addresses and
    images kept and the words replaced by "…", for a translator who prefers to
    fill in the shape. Texts in the source's language (an image's alt text, a
    link's title) are emptied, to be written anew rather than left behind."""
    skeleton = TEXT_BETWEEN_TAGS.sub(">…<", sanitize_html(body or ""))
    return TEXT_ATTRIBUTE.sub(r'\1=""', skeleton)


# --- exchange with outside translators (XLIFF 1.1) --------------------------

BLOCK = re.compile(r"<(h[2-4]|p|li)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
CONTAINER = re.compile(r"<(ul|ol|blockquote)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.S)


class ExchangeError(Exception):
    """A file that cannot be taken in; the message says why, for a person."""


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _blocks(body):
    """``[(path, text)]``: each block of the body with where it sits, in order."""
    body = sanitize_html(body or "")
    blocks = []
    containers = [
        (m.start(), m.end(), m.group(1).lower()) for m in CONTAINER.finditer(body)
    ]
    for match in BLOCK.finditer(body):
        tag = match.group(1).lower()
        parent = next(
            (name for start, end, name in containers if start < match.start() < end),
            "",
        )
        if parent == "blockquote" and tag == "li":
            parent = ""
        text = html_to_text(match.group(2)).replace("\n", " ").strip()
        if text:
            blocks.append((f"{parent}>{tag}" if parent else tag, text))
    return blocks


def export_xliff(source, target_language):
    """The source version's text as XLIFF units, to be translated elsewhere."""
    store = xliff.xlifffile(
        sourcelanguage=source.language, targetlanguage=target_language
    )
    original = (
        f"statement/{source.statement.slug}/{source.language}/"
        f"{fingerprint(source.plain_text())}"
    )
    store.switchfile(original, createifmissing=True)
    units = [("title", "title", source.title)]
    if source.summary:
        units.append(("summary", "summary", source.summary))
    for index, (path, text) in enumerate(_blocks(source.body), start=1):
        units.append((f"body-{index}", path, text))
    for unit_id, path, text in units:
        unit = store.UnitClass(text)
        store.addunit(unit)
        unit.setid(unit_id)
        unit.addnote(path, origin="developer")
    return bytes(store)


@dataclass
class ImportedTranslation:
    slug: str
    source_language: str
    target_language: str
    source_fingerprint: str
    title: str
    summary: str
    body: str


def read_xliff(content):
    """Parse a translated XLIFF file back into a title, summary and body."""
    try:
        store = xliff.xlifffile.parsestring(content)
    except Exception:  # lxml raises several kinds for a broken file
        raise ExchangeError(_("The file is not a readable XLIFF file.")) from None
    names = store.getfilenames()
    parts = names[0].split("/") if names else []
    if len(parts) != 4 or parts[0] != "statement":
        raise ExchangeError(
            _("This XLIFF file was not exported from this site (no statement in it).")
        )
    _prefix, slug, source_language, source_fingerprint = parts
    title, summary, blocks = "", "", []
    for unit in store.units:
        if unit.isheader():
            continue
        text = (unit.target or "").strip()
        unit_id = unit.getid()
        path = (unit.getnotes() or "p").strip()
        if unit_id.endswith("title"):
            title = text
        elif unit_id.endswith("summary"):
            summary = text
        else:
            blocks.append((path, text))
    if not title:
        raise ExchangeError(_("The title has not been translated."))
    return ImportedTranslation(
        slug=slug,
        source_language=source_language,
        target_language=store.gettargetlanguage() or "",
        source_fingerprint=source_fingerprint,
        title=title,
        summary=summary,
        body=_rebuild_body(blocks),
    )


def _rebuild_body(blocks):
    from django.utils.html import escape

    html, open_container = [], None
    for path, text in blocks:
        container, _sep, tag = path.rpartition(">")
        if container != open_container:
            if open_container:
                html.append(f"</{open_container}>")
            if container:
                html.append(f"<{container}>")
            open_container = container or None
        html.append(f"<{tag}>{escape(text)}</{tag}>")
    if open_container:
        html.append(f"</{open_container}>")
    return sanitize_html("".join(html))


def import_xliff(statement, target_language, content, user, replace=False):
    """Take a translated file in as a draft version of ``statement``.

    Refused with a clear message when the file is for another statement or
    language, when the source changed since it was exported, or when it would
    overwrite a version that is not an empty draft (unless ``replace``).
    """
    data = read_xliff(content)
    if data.slug != statement.slug:
        raise ExchangeError(
            _("This file is for another statement (“%(slug)s”).") % {"slug": data.slug}
        )
    if data.target_language and data.target_language != target_language:
        raise ExchangeError(
            _("This file is a translation into %(found)s, not %(wanted)s.")
            % {"found": data.target_language, "wanted": target_language}
        )
    source = statement.versions.filter(language=data.source_language).first()
    if source is None:
        raise ExchangeError(_("The source version of this file no longer exists."))
    if fingerprint(source.plain_text()) != data.source_fingerprint:
        raise ExchangeError(
            _(
                "The source text changed after this file was exported. Export it "
                "again and translate the changes."
            )
        )
    version = statement.versions.filter(language=target_language).first()
    if version is not None:
        if version.status != VersionStatus.DRAFT:
            raise ExchangeError(
                _("The %(language)s version is not a draft; nothing was changed.")
                % {"language": target_language}
            )
        if (version.body or version.summary) and not replace:
            raise ExchangeError(
                _(
                    "The %(language)s draft already has text. Tick “Replace the "
                    "draft's text” to overwrite it."
                )
                % {"language": target_language}
            )
    else:
        version = StatementVersion(
            statement=statement, language=target_language, author=user
        )
    version.title = data.title
    version.summary = data.summary
    version.body = data.body
    version.updated_by = user
    version.save()
    bring_up_to_date(version, source)
    return version
