"""The exchange of text with outside translators as XLIFF: a version's text
out as units with its glossary's notes, a translator's file read back in
with every unit checked.
"""

import hashlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import G, X

from statements.content.sanitizer import html_to_text, sanitize_html
from statements.content.text import clean_text
from statements.models import (
    BODY_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    StatementVersion,
    VersionStatus,
)
from statements.translating import language_fields
from statements.translating.tracking import bring_up_to_date

TEXT_BETWEEN_TAGS = re.compile(r">([^<>]*[^\s<>][^<>]*)<")


TEXT_ATTRIBUTE = re.compile(r'\b(alt|title)="[^"]*"')


def structure_of(body):
    """The source body with its headings, lists, quotes, link addresses and
    images kept and the words replaced by "…", for a translator who prefers to
    fill in the shape. Texts in the source's language (an image's alt text, a
    link's title) are emptied, to be written anew rather than left behind."""
    skeleton = TEXT_BETWEEN_TAGS.sub(">…<", sanitize_html(body or ""))
    return TEXT_ATTRIBUTE.sub(r'\1=""', skeleton)


BLOCK = re.compile(r"<(h[2-4]|p|li)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)


CONTAINER = re.compile(r"<(ul|ol|blockquote)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.S)


PAIRED = {"a", "strong", "b", "em", "i"}


EMPTY = {"br", "img"}


DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class ExchangeError(Exception):
    """A file that cannot be taken in; the message says why, for a person."""


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _blocks(body):
    """``[(path, inner html)]``: each block of the body with where it sits."""
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
        if html_to_text(match.group(2)).strip():
            blocks.append((f"{parent}>{tag}" if parent else tag, match.group(2)))
    return blocks


def _inline(markup):
    """``(elements, tags)``: inline HTML as translate-toolkit placeables, and
    what each placeholder id stands for (``{id: element}``)."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    tags = {}

    def convert(element):
        parts = [element.text] if element.text else []
        for child in element:
            name = child.tag.lower() if isinstance(child.tag, str) else ""
            if name in PAIRED:
                tags[str(len(tags) + 1)] = child
                parts.append(G(id=str(len(tags)), sub=convert(child) or [""]))
            elif name in EMPTY:
                tags[str(len(tags) + 1)] = child
                parts.append(X(id=str(len(tags))))
            else:
                parts.extend(convert(child))
            if child.tail:
                parts.append(child.tail)
        return parts

    return convert(root), tags


def _placeholders_to_html(element, tags):
    """A unit's translated content back to HTML, each placeholder replaced by
    the source's element of that id; an id the source does not have keeps
    only its words."""
    from django.utils.html import escape

    if isinstance(element, str):
        return escape(element)
    inner = "".join(_placeholders_to_html(sub, tags) for sub in element.sub)
    source = tags.get(getattr(element, "id", None))
    if isinstance(element, (G, X)) and source is not None:
        name = source.tag.lower()
        attributes = "".join(
            f' {key}="{escape(value)}"'
            for key, value in source.attrib.items()
            if key not in {"alt", "title"}
        )
        if name == "img":
            # The alt text travels as a unit of its own; the scaffold's
            # emptiness must not hide that it is missing.
            return f'<img{attributes} alt="">'
        if name == "br":
            return "<br>"
        return f"<{name}{attributes}>{inner}</{name}>"
    return inner


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

    def add(unit_id, path, content):
        unit = store.UnitClass("")
        store.addunit(unit)
        unit.setid(unit_id)
        unit.rich_source = [StringElem(content)]
        unit.addnote(path, origin="developer")

    add("title", "title", [source.title])
    if source.summary:
        add("summary", "summary", [source.summary])
    for index, (path, markup) in enumerate(_blocks(source.body), start=1):
        add(f"body-{index}", path, _inline(markup)[0])
    # The image's alt text and caption, the attachments' titles and a
    # withdrawal notice are the translator's too.
    live = language_fields.live_values(source.statement, source.language)
    for key, text in live.items():
        if text.strip():
            add(key, key, [text])
    _add_term_notes(store, source.language, target_language)
    return bytes(store)


def _add_term_notes(store, source_language, target_language):
    """A note on each unit with the term base's entries in it, as CAT tools
    show a glossary beside the segment."""
    from statements.translating.memory import terms_in

    for unit in store.units:
        if unit.isheader():
            continue
        for use in terms_in(unit.source, source_language, target_language):
            unit.addnote(f"{use.source} → {use.target}", origin="translator")


@dataclass
class ImportedTranslation:
    slug: str
    source_language: str
    target_language: str
    source_fingerprint: str
    units: dict  # unit id: translated content (translate-toolkit StringElem)


def _refuse_declarations(content):
    """A DOCTYPE or entity could pull in files or blow up memory; a CAT
    tool's XLIFF never needs one, so the file is refused as a whole."""
    from lxml import etree

    if DECLARATION.search(content):
        raise ExchangeError(
            _(
                "The file declares a DOCTYPE or entities, which XLIFF files do not "
                "need; it was refused as a whole. Export it again from your tool."
            )
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.fromstring(content, parser).getroottree()
    except etree.XMLSyntaxError:
        raise ExchangeError(_("The file is not a readable XLIFF file.")) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        # The same declaration in another encoding than the search above read.
        raise ExchangeError(
            _(
                "The file declares a DOCTYPE or entities, which XLIFF files do not "
                "need; it was refused as a whole. Export it again from your tool."
            )
        )


def read_xliff(content):
    """Parse a translated XLIFF file into its translated units."""
    _refuse_declarations(content)
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
    units, untranslated = {}, []
    for unit in store.units:
        if unit.isheader():
            continue
        # getid() prefixes the file's name; the unit's own id is what we wrote.
        unit_id = unit.xmlelement.get("id") or unit.getid()
        if not (unit.target or "").strip():
            untranslated.append(f"{unit_id} (“{_shorten(unit.source)}”)")
            continue
        units[unit_id] = unit.rich_target[0] if unit.rich_target else unit.target
    if untranslated:
        raise ExchangeError(
            _(
                "Nothing was imported: these units are not translated: %(units)s. "
                "Translate them in your tool and export the file again."
            )
            % {"units": "; ".join(untranslated)}
        )
    return ImportedTranslation(
        slug=slug,
        source_language=source_language,
        target_language=store.gettargetlanguage() or "",
        source_fingerprint=source_fingerprint,
        units=units,
    )


def _shorten(text, length=60):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _plain(element):
    if isinstance(element, str):
        return element
    return "".join(_plain(sub) for sub in element.sub)


def _rebuild_body(source, units):
    html, open_container = [], None
    for index, (path, markup) in enumerate(_blocks(source.body), start=1):
        translated = units.get(f"body-{index}")
        if translated is None:
            continue
        container, _sep, tag = path.rpartition(">")
        if container != open_container:
            if open_container:
                html.append(f"</{open_container}>")
            if container:
                html.append(f"<{container}>")
            open_container = container or None
        inner = _placeholders_to_html(translated, _inline(markup)[1])
        html.append(f"<{tag}>{inner}</{tag}>")
    if open_container:
        html.append(f"</{open_container}>")
    return sanitize_html("".join(html))


def import_xliff(statement, target_language, content, user, replace=False):
    """Take a translated file in: as a draft version of ``statement``, or as
    the working draft of a published one (readers keep the live text until
    it is approved).

    Refused with a clear message when the file is for another statement or
    language, when the source changed since it was exported, when a unit is
    not translated, or when it would overwrite text (unless ``replace``).
    """
    from statements import workflow

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
    title = clean_text(_plain(data.units.get("title", "")).strip(), multiline=False)
    summary = clean_text(_plain(data.units.get("summary", "")).strip())
    body = _rebuild_body(source, data.units)
    limits = [
        (_("title"), title, StatementVersion._meta.get_field("title").max_length),
        (_("summary"), summary, SUMMARY_MAX_LENGTH),
        (_("body"), body, BODY_MAX_LENGTH),
    ]
    for name, text, limit in limits:
        if len(text) > limit:
            raise ExchangeError(
                _(
                    "The translated %(name)s has %(length)d characters; at most "
                    "%(limit)d are allowed. Nothing was imported."
                )
                % {"name": name, "length": len(text), "limit": limit}
            )
    extras = {
        key: _plain(data.units[key]).strip()
        for key in language_fields.names(statement)
        if key in data.units
    }
    version = statement.versions.filter(language=target_language).first()
    if version is not None and version.status == VersionStatus.PUBLISHED:
        if workflow.working_item(version) is not None and not replace:
            raise ExchangeError(
                _(
                    "The %(language)s version already has a draft of its live "
                    "text. Tick “Replace the draft's text” to overwrite it."
                )
                % {"language": target_language}
            )
        workflow.save_draft(
            version,
            user,
            {
                "title": title,
                "summary": summary,
                "body": body,
                "source_text": source.plain_text(),
                "restored_from": "import",
                **({"language_fields": extras} if extras else {}),
            },
        )
        return version
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
    version.title = title
    version.summary = summary
    version.body = body
    version.updated_by = user
    version.save()
    bring_up_to_date(version, source)
    if extras:
        language_fields.store(version, extras, user)
    return version
