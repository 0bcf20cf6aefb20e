"""The import's checks beyond reading a field: the JSON Schema (with the site's
languages), the files an item names, and the links between items
(keys, slugs, references, the models' own rules).
"""

import copy
import functools
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import translation
from jsonschema import Draft202012Validator

from statements.content.uploads import validate_image, validate_pdf
from statements.exchange.records import (
    SCHEMA_PATH,
    SECTIONS,
    FileRecord,
    _chunks,
    _digest,
    _Item,
    _item,
    _listing,
    _type_name,
    _unknown_language,
)
from statements.i18n.languages import language_codes
from statements.models import (
    Commemoration,
    Person,
    Statement,
    Topic,
    anniversary_errors,
)


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
