"""The import's second pass: the records compared with the database and what
differs written, in one transaction; a published version's new text goes to
its working draft.
"""

from collections import defaultdict

from django.core.files.base import ContentFile
from django.utils import timezone

from statements.exchange.records import (
    ImportResult,
    _chunks,
    _digest,
    _office_time_zone,
)
from statements.models import (
    Attachment,
    Commemoration,
    CommemorationFigure,
    Correction,
    Coverage,
    Distribution,
    DraftStatus,
    Person,
    Statement,
    StatementVersion,
    Topic,
    VersionStatus,
    WorkingDraft,
)
from statements.workflow.references import next_reference_number, record_given


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
