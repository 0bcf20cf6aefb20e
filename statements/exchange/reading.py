"""The import's first pass: the file checked against its JSON Schema, then
read item by item into records, with every error collected; nothing is
written here.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from statements.content.sanitizer import sanitize_html
from statements.content.text import clean_text, text_problem
from statements.exchange.records import (
    DATE,
    DATETIME,
    SLUG,
    CommemorationRecord,
    ImportValidationError,
    PersonRecord,
    StatementRecord,
    TopicRecord,
    VersionRecord,
    _item,
    _not_an_object,
    _office_time_zone,
    _Plan,
    _Report,
)
from statements.exchange.validation import _check_file, _LinkChecker, _SchemaChecker
from statements.i18n.languages import language_codes
from statements.models import (
    BODY_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Statement,
    StatementKind,
    VersionStatus,
    parse_reference,
)


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
