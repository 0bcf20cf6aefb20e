"""What an import file becomes once read: plain records, the plan the writer
follows, the counts it reports, and the error that stops an import.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from tqdm import tqdm

from statements.i18n.languages import language_codes

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
