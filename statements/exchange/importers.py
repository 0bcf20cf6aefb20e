"""Imports statements and what they refer to: the format of docs/import-format.md.

The file's structure is checked first against the JSON Schema
statements/exchange/schemas/import-v1.json; the readers below then check what a schema
cannot say (existing files, links between items, references, the models' own
rules) and turn the data into records.

The import runs in two passes. The first reads the whole file, and every image
and PDF it names, into plain records and collects every error it meets; nothing
is written unless that list is empty. The second compares the records with the
database and writes only what differs, in one transaction, so running the same
file twice changes nothing the second time.

A field absent from an item means "empty": the file describes each item whole,
the way ``export_statements`` writes it. Two exceptions keep what the office has
already done: a reference number already given is kept when the file has none,
and language versions the file does not mention are left alone.
"""

import copy
import datetime
import functools
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from jsonschema import Draft202012Validator
from tqdm import tqdm

from statements.content.sanitizer import sanitize_html
from statements.content.text import clean_text, text_problem
from statements.content.uploads import validate_image, validate_pdf
from statements.i18n.languages import language_codes
from statements.models import (
    BODY_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    DraftStatus,
    Person,
    Statement,
    StatementKind,
    StatementVersion,
    Topic,
    VersionStatus,
    WorkingDraft,
    anniversary_errors,
    parse_reference,
    release_refresh_deferred,
)
from statements.public.cache import content_changed
from statements.workflow.references import next_reference_number, record_given

SECTIONS = ("people", "topics", "commemorations", "statements")
SCHEMA_PATH = Path(__file__).parent / "schemas" / "import-v1.json"
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Date, "T" or a space, then at least hours and minutes: a bare date is refused
# rather than silently read as midnight.
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# Keeps every IN (...) list far below SQLite's limit on query parameters.
CHUNK = 500


class ImportValidationError(Exception):
    """The data cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created}/{self.updated}/{self.unchanged}"


@dataclass
class ImportResult:
    """How many items of each kind were created, updated or left unchanged."""

    people: Counts = field(default_factory=Counts)
    topics: Counts = field(default_factory=Counts)
    commemorations: Counts = field(default_factory=Counts)
    statements: Counts = field(default_factory=Counts)

    def _total(self, outcome):
        return sum(getattr(getattr(self, kind), outcome) for kind in SECTIONS)

    @property
    def created(self):
        return self._total("created")

    @property
    def updated(self):
        return self._total("updated")

    @property
    def unchanged(self):
        return self._total("unchanged")

    def summary(self):
        details = ", ".join(f"{kind} {getattr(self, kind)}" for kind in SECTIONS)
        return (
            f"Created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged} ({details})"
        )


def load_file(path):
    """The parsed contents of the JSON file at ``path``, which must be an object."""
    path = Path(path)
    try:
        # utf-8-sig: files saved by some Windows editors start with a BOM.
        text = path.read_text(encoding="utf-8-sig")
    except ValueError:  # a NUL in the path: no file can have that name
        raise ImportValidationError([f"{_printable(path)}: no such file"]) from None
    except FileNotFoundError:
        raise ImportValidationError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        message = f"{path}: not UTF-8 text (byte {error.start} cannot be decoded)"
        raise ImportValidationError([message]) from None
    except OSError as error:
        raise ImportValidationError([f"{path}: cannot be read ({error})"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"{path}: line {error.lineno}, column {error.colno}: "
            f"malformed JSON: {error.msg}"
        )
        raise ImportValidationError([message]) from None
    except RecursionError:
        message = f"{path}: nested too deeply to be read (no import nests so deep)"
        raise ImportValidationError([message]) from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        message = f"{path}: a value cannot be read: {_printable(error)}"
        raise ImportValidationError([message]) from None
    if not isinstance(data, dict):
        raise ImportValidationError([_not_an_object(data)])
    return data


def import_statements(data, base_dir, *, progress=False, stdout=None):
    """Check ``data`` whole, then bring the database in line with it.

    ``base_dir`` is the folder the file's image and attachment paths are
    relative to. With ``progress``, progress bars are written to ``stdout``
    (standard error by default). Raises ImportValidationError, having written
    nothing, when anything in ``data`` is wrong.
    """
    bars = _Bars(progress, stdout or sys.stderr)
    plan = _Parser(Path(base_dir), bars).parse(data)
    writer = _Writer(bars)
    try:
        with transaction.atomic(), release_refresh_deferred():
            writer.write(plan)
            # Child rows are bulk-created without signals: say so once.
            content_changed()
    except BaseException:
        writer.discard_stored_files()
        raise
    return writer.result


class _Bars:
    def __init__(self, enabled, stream):
        self.enabled, self.stream = enabled, stream

    def __call__(self, items, description):
        if not self.enabled:
            return items
        return tqdm(items, desc=description, unit="statement", file=self.stream)


def _type_name(value):
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _listing(names):
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _not_an_object(data):
    return (
        f"top level: expected an object with {_listing(SECTIONS)}, "
        f"got {_type_name(data)}"
    )


def _office_time_zone():
    return ZoneInfo(settings.TIME_ZONE)


def _digest(content):
    return hashlib.sha256(content).hexdigest()


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


# The records the first pass builds and the second pass writes.


@dataclass(frozen=True)
class _Item:
    """An item of the file as errors name it, and where it sorts among them."""

    label: str
    order: tuple


@dataclass
class PersonRecord:
    item: _Item
    key: str
    name: dict
    role: dict


@dataclass
class TopicRecord:
    item: _Item
    key: str
    name: dict


@dataclass
class CommemorationRecord:
    item: _Item
    key: str
    date: datetime.date
    name: dict
    description: dict
    figures: list  # [(label, value, position)]


@dataclass
class FileRecord:
    """A checked file: what to store, and every digest that counts as "the same".

    An image is stored re-encoded. Re-encoding a JPEG again gives other bytes,
    so a file exported from this site matches its stored copy by its raw
    digest, and a file imported twice matches by its re-encoded digest.
    """

    content: bytes
    extension: str
    digests: frozenset


@dataclass
class VersionRecord:
    language: str
    title: str
    summary: str
    body: str
    status: str
    corrections: list  # [(at, note)]
    translated_from: str = ""  # the source's language; the original if blank


@dataclass
class StatementRecord:
    item: _Item
    slug: str
    kind: str
    issued_by: str
    publish_at: datetime.datetime | None
    commemoration: str | None
    anniversary_year: int | None
    topics: list
    original_language: str
    coverage: list  # [(outlet, url, date, language, reporter)]
    sent_to: list  # [(recipient, date)]
    required_languages: list
    reference: tuple | None
    hero_image: FileRecord | None
    hero_image_alt: dict
    hero_image_caption: dict
    attachments: list  # [(FileRecord, title)]
    related: list
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: dict
    versions: dict  # {language: VersionRecord}

    @property
    def index(self):
        return self.item.order[1]


@dataclass
class _Plan:
    people: list
    topics: list
    commemorations: list
    statements: list


# First pass: reading and checking.


class _Report:
    """Collects errors, then gives them back grouped by item in file order."""

    def __init__(self):
        self._entries = []

    def add(self, item, field_path, message):
        where = f"{item.label}: {field_path}" if field_path else item.label
        text = _printable(f"{where}: {message}")
        self._entries.append((item.order, len(self._entries), text))

    def messages(self):
        return [text for _order, _seq, text in sorted(self._entries)]


class _Fields:
    """One JSON object of the file, read field by field.

    Each reader returns the field's clean value, or None when the field is
    absent (``null`` counts as absent) or wrong. The schema has already
    reported what is structurally wrong (unknown fields, wrong types, missing
    fields, values outside a list or range), so readers skip such values
    silently and report only what the schema cannot say: control characters,
    lengths after cleaning, dates that do not exist, empty texts.
    """

    def __init__(self, report, item, data, prefix=""):
        self.report, self.item, self.data, self.prefix = report, item, data, prefix

    def error(self, name, message):
        self.report.add(self.item, f"{self.prefix}{name}", message)

    def typed(self, name, kind):
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, kind) or (
            isinstance(value, bool) and kind is not bool
        ):
            return None
        if isinstance(value, str) and text_problem(value):
            self.error(name, text_problem(value))
            return None
        return value

    def string(self, name, *, required=False, max_length=None, multiline=False):
        value = self.typed(name, str)
        if value is None:
            return None
        value = clean_text(value, multiline).strip()
        if required and not value:
            self.error(name, "required")
            return None
        if max_length and len(value) > max_length:
            self.error(name, f"longer than {max_length} characters")
            return None
        return value

    def integer(self, name):
        return self.typed(name, int)

    def choice(self, name, choices):
        value = self.typed(name, str)
        return value if value in choices else None

    def slug(self, name):
        value = self.typed(name, str)
        return value if value is not None and SLUG.match(value) else None

    def language(self, name):
        return self.choice(name, language_codes())

    def strings(self, name):
        """A list of strings, in order, without repeats."""
        values = self.typed(name, list) or []
        result = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            if text_problem(value):
                self.error(f"{name}[{index}]", text_problem(value))
            elif value not in result:
                result.append(value)
        return result

    def languages(self, name):
        return [code for code in self.strings(name) if code in language_codes()]

    def date(self, name):
        value = self.typed(name, str)
        if value is None:
            return None
        try:
            if not DATE.match(value):
                raise ValueError
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(name, f'"{value}" is not a date; expected YYYY-MM-DD')
            return None

    def datetime(self, name):
        value = self.typed(name, str)
        if value is None:
            return None
        try:
            if not DATETIME.match(value):
                raise ValueError
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            self.error(
                name,
                f'"{value}" is not a date and time; expected ISO 8601, e.g. '
                "2025-01-19T10:00:00+04:00",
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, _office_time_zone())
        return moment

    def translated(self, name, *, required=False, max_chars=500, multiline=False):
        """Texts keyed by language code, stripped, without the empty ones."""
        values = self.typed(name, dict)
        if values is None:
            return {}
        result, wrong = {}, False
        for code, text in values.items():
            if code not in language_codes() or not isinstance(text, str):
                wrong = True
            elif text_problem(text):
                self.error(f"{name}.{code}", text_problem(text))
                wrong = True
            elif len(text.strip()) > max_chars:
                self.error(f"{name}.{code}", f"longer than {max_chars} characters")
                wrong = True
            elif text.strip():
                result[code] = clean_text(text, multiline).strip()
        if required and not result and not wrong:
            self.error(name, "required in at least one language")
        return result

    def nested(self, name):
        value = self.typed(name, dict)
        if value is None:
            return None
        return _Fields(self.report, self.item, value, f"{self.prefix}{name}.")

    def nested_list(self, name):
        values = self.typed(name, list) or []
        return [
            _Fields(self.report, self.item, value, f"{self.prefix}{name}[{index}].")
            for index, value in enumerate(values)
            if isinstance(value, dict)
        ]


def _printable(value):
    """``value`` as text any terminal or log can show: unpaired surrogates and
    control characters appear as escapes."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(
        char if char.isprintable() or char in "\n\t" else f"\\u{ord(char):04x}"
        for char in text
    )


def _unknown_language(code):
    return f'unknown language code "{code}"; expected {_listing(language_codes())}'


def _item(section, index, value):
    """The item ``value`` at ``section[index]``, labelled by its key if it has one."""
    key_name = "slug" if section == "statements" else "key"
    label = f"{section}[{index}]"
    key = value.get(key_name) if isinstance(value, dict) else None
    if isinstance(key, str):
        label += f' ({key_name} "{key}")'
    return _Item(label, (SECTIONS.index(section), index))


@functools.cache
def _schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validator():
    """The schema's validator, with the site's languages as the codes allowed."""
    schema = copy.deepcopy(_schema())
    schema["$defs"]["language"]["enum"] = language_codes()
    return Draft202012Validator(schema)


class _SchemaChecker:
    """Reports what the schema finds, in the words the rest of the import uses.

    jsonschema's own messages quote Python values ("'x' is not one of [...]");
    these name the item and the field's path within it, like every other
    import error.
    """

    TYPE_NAMES = {
        "string": "a string",
        "integer": "a whole number",
        "object": "an object",
        "array": "a list",
    }

    def __init__(self, report):
        self.report = report

    def check(self, data):
        for error in _validator().iter_errors(data):
            path = list(error.absolute_path)
            if "propertyNames" in error.schema_path:
                # The error is about a key of the object at ``path``.
                path.append(error.instance)
            for field_path, message in self._messages(error, path):
                self._add(data, field_path, message)

    def _add(self, data, path, message):
        if len(path) < 2 or path[0] not in SECTIONS:
            top = _Item("top level", (-1, 0))
            self.report.add(top, _field_path(path), message)
            return
        item = _item(path[0], path[1], data[path[0]][path[1]])
        self.report.add(item, _field_path(path[2:]), message)

    def _messages(self, error, path):
        if error.validator == "anyOf":
            # "this or null": the reason is the non-null branch's.
            error = next(e for e in error.context if e.schema != {"type": "null"})
        schema, value = error.schema, error.instance
        if error.validator == "additionalProperties":
            allowed = list(schema["properties"])
            what = "unknown key" if not path else "unknown field"
            for name in value:
                if name not in allowed:
                    yield [*path, name], f"{what}; expected {_listing(allowed)}"
        elif error.validator == "required":
            for name in error.validator_value:
                if name not in value:
                    yield [*path, name], self._required(name)
        elif value is None and path and isinstance(path[-1], str):
            yield path, self._required(path[-1])
        elif schema.get("title") == "language code" and (
            "propertyNames" in error.schema_path or isinstance(path[-1], int)
        ):
            # A key or an item of a list of codes: the message names the list.
            key_path = path if "propertyNames" in error.schema_path else path[:-1]
            yield key_path, _unknown_language(value)
        elif error.validator == "type":
            yield path, f"expected {self._expected(schema)}, got {_type_name(value)}"
        elif error.validator == "enum":
            choices = [choice for choice in schema["enum"] if choice is not None]
            yield path, f'unknown value "{value}"; expected {_listing(choices)}'
        elif error.validator == "pattern":
            yield (
                path,
                (
                    f'"{value}" is not a valid slug: use only ASCII letters, digits, '
                    "hyphens and underscores"
                ),
            )
        elif error.validator == "maxLength":
            yield path, f"longer than {schema['maxLength']} characters"
        elif error.validator in ("minimum", "maximum"):
            bounds = f"{schema['minimum']} to {schema['maximum']}"
            yield path, f"{value} is out of range ({bounds})"
        else:  # a rule added to the schema without words here yet
            yield path, error.message

    @staticmethod
    def _required(name):
        if name == "versions":
            return "required: at least the original's version"
        return "required"

    def _expected(self, schema):
        if "propertyNames" in schema:
            return "an object keyed by language code"
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return self.TYPE_NAMES[next(kind for kind in kinds if kind != "null")]


def _field_path(parts):
    """["versions", "en", "corrections", 0, "at"] -> versions.en.corrections[0].at"""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


class _Parser:
    """The first pass: turns the data into records, or raises with every error."""

    def __init__(self, base_dir, bars):
        self.base_dir, self.bars = base_dir, bars
        self.report = _Report()
        # Files already checked, by (path, kind): an office's old site often
        # reuses one portrait or logo across hundreds of statements.
        self._checked = {}

    def parse(self, data):
        if not isinstance(data, dict):
            raise ImportValidationError([_not_an_object(data)])
        _SchemaChecker(self.report).check(data)
        plan = _Plan(
            people=self._section(data, "people", "key", self._person),
            topics=self._section(data, "topics", "key", self._topic),
            commemorations=self._section(
                data, "commemorations", "key", self._commemoration
            ),
            statements=self._section(data, "statements", "slug", self._statement),
        )
        for records, name in (
            (plan.people, "key"),
            (plan.topics, "key"),
            (plan.commemorations, "key"),
            (plan.statements, "slug"),
        ):
            self._check_unique(records, name)
        _LinkChecker(self.report, plan).check()
        errors = self.report.messages()
        if errors:
            raise ImportValidationError(errors)
        return plan

    def _section(self, data, section, key_name, read):
        items = data.get(section)
        if items is None:
            return []
        if not isinstance(items, list):
            return []
        if section == "statements":
            items = self.bars(items, "Checking")
        return [
            read(_item(section, index, value), value)
            for index, value in enumerate(items)
            if isinstance(value, dict)
        ]

    def _check_unique(self, records, name):
        first = {}
        for record in records:
            value = getattr(record, name)
            if value is None:
                continue
            if value in first:
                message = f'"{value}" is also used by {first[value].label}'
                self.report.add(record.item, name, message)
            else:
                first[value] = record.item

    def _person(self, item, data):
        fields = _Fields(self.report, item, data)
        return PersonRecord(
            item,
            key=fields.slug("key"),
            name=fields.translated("name", required=True),
            role=fields.translated("role"),
        )

    def _topic(self, item, data):
        fields = _Fields(self.report, item, data)
        return TopicRecord(
            item,
            key=fields.slug("key"),
            name=fields.translated("name", required=True),
        )

    def _commemoration(self, item, data):
        fields = _Fields(self.report, item, data)
        figures = [
            (
                figure.translated("label", required=True),
                figure.integer("value"),
                position,
            )
            for position, figure in enumerate(fields.nested_list("figures"))
        ]
        return CommemorationRecord(
            item,
            key=fields.slug("key"),
            date=fields.date("date"),
            name=fields.translated("name", required=True),
            description=fields.translated(
                "description", max_chars=5000, multiline=True
            ),
            figures=figures,
        )

    def _statement(self, item, data):
        fields = _Fields(self.report, item, data)
        hero = fields.nested("hero_image")
        withdrawn = fields.nested("withdrawn")
        record = StatementRecord(
            item,
            slug=fields.slug("slug"),
            kind=fields.choice("kind", StatementKind.values),
            issued_by=fields.string("issued_by"),
            publish_at=fields.datetime("publish_at"),
            commemoration=fields.string("commemoration") or None,
            anniversary_year=fields.integer("anniversary_year"),
            topics=fields.strings("topics"),
            original_language=fields.language("original_language"),
            coverage=[self._coverage(f) for f in fields.nested_list("coverage")],
            sent_to=[
                (f.translated("recipient", required=True), f.date("date"))
                for f in fields.nested_list("sent_to")
            ],
            required_languages=Statement._meta.get_field(
                "required_languages"
            ).to_python(fields.languages("required_languages")),
            reference=self._reference(fields),
            hero_image=self._file(hero, "file", "image") if hero else None,
            hero_image_alt=hero.translated("alt") if hero else {},
            hero_image_caption=hero.translated("caption") if hero else {},
            attachments=[
                (self._file(f, "file", "pdf"), f.translated("title", required=True))
                for f in fields.nested_list("attachments")
            ],
            related=fields.strings("related"),
            withdrawn_at=withdrawn.datetime("at") if withdrawn else None,
            withdrawal_reason=(
                withdrawn.translated("reason", max_chars=2000, multiline=True)
                if withdrawn
                else {}
            ),
            versions={},
        )
        record.versions = self._versions(fields, record.original_language)
        self._check_statement(fields, record, has_hero=hero is not None)
        return record

    def _coverage(self, fields):
        url = fields.string("url", max_length=500) or ""
        if url:
            try:
                URLValidator()(url)
            except ValidationError:
                fields.error("url", f'"{url}" is not a valid web address')
        return (
            fields.string("outlet", required=True, max_length=200),
            url,
            fields.date("date"),
            fields.language("language") or "",
            fields.string("reporter", max_length=200) or "",
        )

    def _reference(self, fields):
        text = fields.string("reference")
        if not text:
            return None
        try:
            return parse_reference(text)
        except ValueError:
            fields.error(
                "reference", f'"{text}" is not of the form number/year, e.g. 12/2025'
            )
            return None

    def _versions(self, fields, original):
        versions = fields.typed("versions", dict)
        if versions is None:
            return {}
        records = {}
        for code, data in versions.items():
            if code in language_codes() and isinstance(data, dict):
                version = _Fields(fields.report, fields.item, data, f"versions.{code}.")
                records[code] = self._version(version, code, code == original)
        if original and original not in versions:
            message = f'no version in the original language "{original}"'
            fields.error("versions", message)
        return records

    def _version(self, fields, code, is_original):
        title = fields.data.get("title")
        if title is None or (isinstance(title, str) and not title.strip()):
            reason = " for the original language" if is_original else ""
            fields.error("title", f"required{reason}")
        corrections = fields.nested_list("corrections")
        return VersionRecord(
            language=code,
            title=fields.string("title", max_length=300) or "",
            summary=fields.string(
                "summary", max_length=SUMMARY_MAX_LENGTH, multiline=True
            )
            or "",
            body=self._body(fields),
            status=fields.choice("status", VersionStatus.values) or VersionStatus.DRAFT,
            corrections=[
                (
                    c.datetime("at"),
                    c.string(
                        "note",
                        required=True,
                        max_length=NOTE_MAX_LENGTH,
                        multiline=True,
                    ),
                )
                for c in corrections
            ],
            translated_from=fields.language("translated_from") or "",
        )

    @staticmethod
    def _body(fields):
        body = fields.typed("body", str) or ""
        if len(body) > BODY_MAX_LENGTH:
            fields.error("body", f"longer than {BODY_MAX_LENGTH} characters")
            return ""
        return clean_text(sanitize_html(body))

    def _check_statement(self, fields, record, *, has_hero):
        if not has_hero:
            return
        for code, version in record.versions.items():
            published = version.status == VersionStatus.PUBLISHED
            if published and not record.hero_image_alt.get(code):
                fields.error(
                    f"hero_image.alt.{code}",
                    f"required: the {code} version is published and the statement "
                    "has a hero image",
                )

    def _file(self, fields, name, kind):
        """A FileRecord for the image or PDF the field names, checked like uploads."""
        relative = fields.string(name, required=True)
        path = self._resolve(fields, name, relative) if relative else None
        if path is None:
            return None
        if (path, kind) not in self._checked:
            self._checked[path, kind] = _check_file(path, kind)
        record, problem = self._checked[path, kind]
        if problem:
            fields.error(name, f'"{relative}" {problem}')
        return record

    def _resolve(self, fields, name, relative):
        candidate = Path(relative)
        if candidate.is_absolute():
            fields.error(name, f'"{relative}" must be relative to the JSON file')
            return None
        path = (self.base_dir / candidate).resolve()
        if not path.is_relative_to(self.base_dir.resolve()):
            message = f'"{relative}" is outside the folder of the JSON file'
            fields.error(name, message)
            return None
        if not path.is_file():
            fields.error(name, f'no file at "{relative}" (relative to the JSON file)')
            return None
        return path


def _check_file(path, kind):
    """``(FileRecord, None)`` for a good image or PDF, else ``(None, problem)``."""
    try:
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            if kind == "image":
                checked = validate_image(upload)
                content, extension = checked.read(), Path(checked.name).suffix
            else:
                validate_pdf(upload)
                content, extension = None, ".pdf"
            handle.seek(0)
            raw = handle.read()
    except ValidationError as error:
        # English whatever language is active: the rest of the report is.
        with translation.override(None):
            reason = " ".join(error.messages)
        return None, f"is not accepted: {reason}"
    except OSError as error:
        return None, f"cannot be read ({error.strerror})"
    content = raw if content is None else content
    digests = frozenset({_digest(raw), _digest(content)})
    return FileRecord(content, extension.lstrip("."), digests), None


class _LinkChecker:
    """Checks what items name in one another and in the database."""

    def __init__(self, report, plan):
        self.report, self.plan = report, plan

    def check(self):
        statements = self.plan.statements
        people = self._known(
            Person, self.plan.people, {r.issued_by for r in statements}
        )
        topics = self._known(
            Topic, self.plan.topics, {k for r in statements for k in r.topics}
        )
        event_years = self._event_years({r.commemoration for r in statements})
        slugs = self._known_slugs({s for r in statements for s in r.related})
        for record in statements:
            self._check_links(record, people, topics, event_years, slugs)
        self._check_references()

    def _error(self, record, name, message):
        self.report.add(record.item, name, message)

    def _known(self, model, records, wanted):
        known = {record.key for record in records}
        missing = {key for key in wanted if key and key not in known}
        for chunk in _chunks(missing):
            known.update(
                model.objects.filter(key__in=chunk).values_list("key", flat=True)
            )
        return known

    def _event_years(self, wanted):
        years = {
            r.key: r.date.year if r.date else None for r in self.plan.commemorations
        }
        missing = {key for key in wanted if key and key not in years}
        for chunk in _chunks(missing):
            queryset = Commemoration.objects.filter(key__in=chunk)
            years.update(
                (key, day.year) for key, day in queryset.values_list("key", "date")
            )
        return years

    def _known_slugs(self, wanted):
        known = {record.slug for record in self.plan.statements}
        missing = {slug for slug in wanted if slug not in known}
        for chunk in _chunks(missing):
            queryset = Statement.objects.filter(slug__in=chunk)
            known.update(queryset.values_list("slug", flat=True))
        return known

    def _check_links(self, record, people, topics, event_years, slugs):
        elsewhere = "(not in the file nor in the database)"
        if record.issued_by and record.issued_by not in people:
            message = f'unknown person "{record.issued_by}" {elsewhere}'
            self._error(record, "issued_by", message)
        for key in record.topics:
            if key not in topics:
                self._error(record, "topics", f'unknown topic "{key}" {elsewhere}')
        if record.commemoration and record.commemoration not in event_years:
            message = f'unknown commemoration "{record.commemoration}" {elsewhere}'
            self._error(record, "commemoration", message)
        problems = anniversary_errors(
            record.kind,
            record.anniversary_year,
            event_years.get(record.commemoration),
            names_commemoration=bool(record.commemoration),
        )
        # English whatever language is active, like the rest of the report.
        with translation.override(None):
            for name, problem in problems.items():
                self._error(record, name, problem.messages[0])
        for slug in record.related:
            if slug == record.slug:
                message = "a statement cannot be related to itself"
                self._error(record, "related", message)
            elif slug not in slugs:
                message = f'unknown statement "{slug}" {elsewhere}'
                self._error(record, "related", message)

    def _check_references(self):
        """A reference given in the file must not end up on two statements, and
        a reference once given never changes (docs/import-format.md)."""
        claimed = {}
        for record in self.plan.statements:
            if record.reference is None:
                continue
            printed = "{}/{}".format(*record.reference)
            if record.reference in claimed:
                other = claimed[record.reference].item.label
                self._error(record, "reference", f"{printed} is also given to {other}")
            else:
                claimed[record.reference] = record
        by_slug = {record.slug: record for record in self.plan.statements}
        given = Statement.objects.filter(
            slug__in=list(by_slug), reference_number__isnull=False
        ).values_list("slug", "reference_number", "reference_year")
        for slug, number, year in given:
            record = by_slug[slug]
            if record.reference not in (None, (number, year)):
                message = (
                    f"{number}/{year} was given to this statement and a reference "
                    "number never changes; give it in the file or leave it out"
                )
                self._error(record, "reference", message)
        years = {year for _number, year in claimed}
        holders = Statement.objects.filter(reference_year__in=years).values_list(
            "slug", "reference_number", "reference_year"
        )
        for slug, number, year in holders:
            claimant = claimed.get((number, year))
            if claimant is None or claimant.slug == slug:
                continue
            message = f'{number}/{year} is already used by statement "{slug}"'
            self._error(claimant, "reference", message)


# Second pass: writing what differs.


def _by_position(rows):
    return sorted(rows, key=lambda row: (getattr(row, "position", 0), row.pk))


def _stored_digest(field_file):
    if not field_file:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            return _digest(handle.read())
    except OSError:
        return None


class _Writer:
    """The second pass: saves only the rows that differ from the records."""

    def __init__(self, bars):
        self.bars = bars
        self.result = ImportResult()
        self._stored = []

    def write(self, plan):
        people = self._keyed(Person, plan.people, ("name", "role"))
        self._count(self.result.people, people.values())
        topics = self._keyed(Topic, plan.topics, ("name",))
        self._count(self.result.topics, topics.values())
        self._commemorations(plan.commemorations)
        self._statements(plan.statements)

    def discard_stored_files(self):
        """Remove the files this import stored, when its transaction failed."""
        for storage, name in self._stored:
            storage.delete(name)
        self._stored.clear()

    def _store(self, field_file, record):
        # upload_to makes the stored name; the name in the file is never used.
        # A named ContentFile lets ImageField read the width and height.
        name = f"upload.{record.extension}"
        content = ContentFile(record.content, name=name)
        field_file.save(name, content, save=False)
        self._stored.append((field_file.storage, field_file.name))

    @staticmethod
    def _keyed(model, records, fields, queryset=None):
        """Save the records' rows that are new or differ: {key: outcome}."""
        queryset = model.objects.all() if queryset is None else queryset
        existing = {}
        for chunk in _chunks(record.key for record in records):
            existing.update((row.key, row) for row in queryset.filter(key__in=chunk))
        outcomes = {}
        for record in records:
            instance = existing.get(record.key) or model(key=record.key)
            created = instance.pk is None
            changed = False
            for name in fields:
                if getattr(instance, name) != getattr(record, name):
                    setattr(instance, name, getattr(record, name))
                    changed = True
            if created or changed:
                instance.save()
            outcomes[record.key] = [instance, created, changed]
        return outcomes

    @staticmethod
    def _count(counts, outcomes):
        for _instance, created, changed in outcomes:
            if created:
                counts.created += 1
            elif changed:
                counts.updated += 1
            else:
                counts.unchanged += 1

    def _commemorations(self, records):
        queryset = Commemoration.objects.prefetch_related("figures")
        fields = ("date", "name", "description")
        outcomes = self._keyed(Commemoration, records, fields, queryset)
        for record in records:
            outcome = outcomes[record.key]
            if _FIGURES.sync(outcome[0], outcome[1], "figures", record.figures):
                outcome[2] = True
        self._count(self.result.commemorations, outcomes.values())

    def _statements(self, records):
        existing = {}
        for chunk in _chunks(record.slug for record in records):
            queryset = Statement.objects.filter(slug__in=chunk).prefetch_related(
                "topics",
                "related",
                "coverage",
                "sent_to",
                "attachments",
                "versions__corrections",
            )
            existing.update((statement.slug, statement) for statement in queryset)
        references = _References(records, existing).assign()
        highest = defaultdict(int)
        for number, year in filter(None, references.values()):
            highest[year] = max(highest[year], number)
        for year, number in highest.items():
            # Later publications through the workflow continue after these.
            record_given(year, number)
        ids = _Ids(records)
        outcomes = {}
        for record in self.bars(records, "Writing"):
            statement = existing.get(record.slug) or Statement(slug=record.slug)
            created = statement.pk is None
            changed = _apply_fields(statement, record, ids, references[record.slug])
            changed |= self._hero_image(statement, record.hero_image)
            if created or changed:
                statement.save()
            parts = [
                _sync_topics(statement, created, record.topics, ids),
                _sync_versions(statement, created, record.versions),
                _COVERAGE.sync(statement, created, "coverage", record.coverage),
                _SENT_TO.sync(statement, created, "sent_to", record.sent_to),
                self._attachments(statement, created, record.attachments),
            ]
            outcomes[record.slug] = [statement, created, changed or any(parts)]
        ids.add_statements({slug: o[0].pk for slug, o in outcomes.items()})
        for record in records:
            outcome = outcomes[record.slug]
            statement, created = outcome[0], outcome[1]
            if _sync_related(statement, created, record.related, ids):
                outcome[2] = True
        self._count(self.result.statements, outcomes.values())

    def _hero_image(self, statement, wanted):
        current = statement.hero_image
        if wanted is None:
            if not current:
                return False
            statement.hero_image = ""
            return True
        if current and _stored_digest(current) in wanted.digests:
            return False
        self._store(statement.hero_image, wanted)
        return True

    def _attachments(self, statement, created, wanted):
        current = [] if created else _by_position(statement.attachments.all())
        digests = {row.pk: _stored_digest(row.file) for row in current}
        same = len(current) == len(wanted) and all(
            digests[row.pk] in record.digests and row.title == title
            for row, (record, title) in zip(current, wanted, strict=False)
        )
        if same:
            return False
        reusable = {digests[row.pk]: row.file.name for row in current}
        Attachment.objects.filter(statement=statement).delete()
        for position, (record, title) in enumerate(wanted):
            # An unchanged file keeps its stored copy, even if it moved in the list.
            stored = next((reusable[d] for d in record.digests if d in reusable), "")
            row = Attachment(
                statement=statement, title=title, position=position, file=stored
            )
            if not stored:
                self._store(row.file, record)
            # save(), not bulk_create(): Attachment.save() records the file's size.
            row.save()
        return True


class _Children:
    """A list of child rows replaced as a whole, and only when it differs."""

    def __init__(self, model, parent_field, fields):
        self.model, self.parent_field, self.fields = model, parent_field, fields

    def sync(self, parent, created, related_name, wanted):
        current = []
        if not created:
            rows = _by_position(getattr(parent, related_name).all())
            current = [
                tuple(getattr(row, name) for name in self.fields) for row in rows
            ]
        if current == [tuple(row) for row in wanted]:
            return False
        if not created:
            self.model.objects.filter(**{self.parent_field: parent}).delete()
        self.model.objects.bulk_create(
            self.model(
                **{self.parent_field: parent},
                **dict(zip(self.fields, row, strict=True)),
            )
            for row in wanted
        )
        return True


_COVERAGE = _Children(
    Coverage, "statement", ("outlet", "url", "date", "language", "reporter")
)
_SENT_TO = _Children(Distribution, "statement", ("recipient", "date"))
_CORRECTIONS = _Children(Correction, "version", ("at", "note"))
_FIGURES = _Children(
    CommemorationFigure, "commemoration", ("label", "value", "position")
)


class _Ids:
    """Primary keys of the people, topics, commemorations and statements named."""

    def __init__(self, records):
        self.people = self._lookup(Person, "key", {r.issued_by for r in records})
        self.topics = self._lookup(Topic, "key", {k for r in records for k in r.topics})
        self.commemorations = self._lookup(
            Commemoration, "key", {r.commemoration for r in records} - {None}
        )
        self._related = {s for r in records for s in r.related}
        self.statements = {}

    @staticmethod
    def _lookup(model, name, values):
        found = {}
        for chunk in _chunks(values):
            queryset = model.objects.filter(**{f"{name}__in": chunk})
            found.update(queryset.values_list(name, "pk"))
        return found

    def add_statements(self, ids):
        self.statements = {
            **self._lookup(Statement, "slug", self._related - set(ids)),
            **ids,
        }


def _apply_fields(statement, record, ids, reference):
    """Set the fields that differ; True when there was one."""
    number, year = reference or (None, None)
    values = {
        "kind": record.kind,
        "issued_by_id": ids.people[record.issued_by],
        "publish_at": record.publish_at,
        "commemoration_id": ids.commemorations.get(record.commemoration),
        "anniversary_year": record.anniversary_year,
        "original_language": record.original_language,
        "required_languages": record.required_languages,
        "reference_number": number,
        "reference_year": year,
        "hero_image_alt": record.hero_image_alt,
        "hero_image_caption": record.hero_image_caption,
        "withdrawn_at": record.withdrawn_at,
        "withdrawal_reason": record.withdrawal_reason,
    }
    changed = False
    for name, value in values.items():
        if getattr(statement, name) != value:
            setattr(statement, name, value)
            changed = True
    return changed


def _sync_topics(statement, created, wanted, ids):
    current = set() if created else {topic.key for topic in statement.topics.all()}
    if current == set(wanted):
        return False
    statement.topics.set([ids.topics[key] for key in wanted])
    return True


def _sync_related(statement, created, wanted, ids):
    current = set() if created else {other.slug for other in statement.related.all()}
    if current == set(wanted):
        return False
    statement.related.set([ids.statements[slug] for slug in wanted])
    return True


def _sync_versions(statement, created, records):
    """Create or update the versions in the file; the others are left alone.

    A version already published keeps its live text and state: where the file
    says otherwise, its text becomes the version's working draft, to be
    reviewed like any edit (docs/import-format.md).
    """
    current = {} if created else {v.language: v for v in statement.versions.all()}
    changed = False
    for code, record in records.items():
        version = current.get(code) or StatementVersion(
            statement=statement, language=code
        )
        fresh = version.pk is None
        values = {
            "title": record.title,
            "summary": record.summary,
            "body": record.body,
            "status": record.status,
        }
        differs = [
            name for name, value in values.items() if getattr(version, name) != value
        ]
        if not fresh and version.status == VersionStatus.PUBLISHED:
            if set(differs) - {"status"}:
                changed |= _import_as_draft(version, values)
            continue
        for name in differs:
            setattr(version, name, values[name])
        if fresh or differs:
            version.save()
            changed = True
        if _CORRECTIONS.sync(version, fresh, "corrections", record.corrections):
            changed = True
    _record_sources(statement, records)
    return changed


def _record_sources(statement, records):
    """Each imported translation remembers the text it was made from (the
    original unless the file names another), so that a substantive change of
    that source marks it outdated like any translation done here."""
    from statements.translating.tracking import bring_up_to_date

    versions = {v.language: v for v in statement.versions.all()}
    for code, record in records.items():
        version = versions.get(code)
        if code == statement.original_language or version is None:
            continue
        if version.source_text:
            continue
        source = versions.get(record.translated_from or statement.original_language)
        if source is not None and source.pk != version.pk:
            bring_up_to_date(version, source)


def _import_as_draft(version, values):
    draft = WorkingDraft.objects.filter(version=version).first() or WorkingDraft(
        version=version
    )
    text = {name: values[name] for name in ("title", "summary", "body")}
    if draft.pk and all(getattr(draft, name) == value for name, value in text.items()):
        return False
    for name, value in text.items():
        setattr(draft, name, value)
    draft.status = DraftStatus.DRAFT
    draft.restored_from = "import"
    draft.save()
    StatementVersion.objects.filter(pk=version.pk).update(
        lock_version=version.lock_version + 1
    )
    return True


class _References:
    """Decides every statement's reference before any statement is saved."""

    def __init__(self, records, existing):
        self.records, self.existing = records, existing

    def assign(self):
        final, waiting = {}, []
        for record in self.records:
            statement = self.existing.get(record.slug)
            kept = None
            if statement is not None and statement.reference_number is not None:
                kept = (statement.reference_number, statement.reference_year)
            final[record.slug] = record.reference or kept
            if final[record.slug] is None and self._due(record):
                waiting.append(record)
        highest_in_file = defaultdict(int)
        for number, year in filter(None, final.values()):
            highest_in_file[year] = max(highest_in_file[year], number)
        next_numbers = {}
        office = _office_time_zone()
        for record in sorted(waiting, key=lambda r: (r.publish_at, r.index)):
            year = timezone.localtime(record.publish_at, office).year
            if year not in next_numbers:
                next_numbers[year] = max(
                    next_reference_number(year), highest_in_file[year] + 1
                )
            final[record.slug] = (next_numbers[year], year)
            next_numbers[year] += 1
        return final

    @staticmethod
    def _due(record):
        original = record.versions[record.original_language]
        return record.publish_at is not None and (
            original.status == VersionStatus.PUBLISHED
        )
