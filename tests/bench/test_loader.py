"""The bench's loader stores what the app would: bodies, search text and terms.

The bench fills its database with COPY, past ``StatementVersion.save()`` and
the search index's signals, so a difference would measure a search other
than the app's. Here a few generated statements are saved through the app
instead, and what the app stored is compared with the loader's rows.
"""

import datetime
import json

import pytest
from django.utils import timezone

from scripts.bench import content, data, search_terms
from scripts.bench.app import app
from statements.models import (
    Commemoration,
    Person,
    Statement,
    StatementVersion,
    Topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    """The loader's plans and rows for a small scale, with the people, topics
    and commemorations they refer to saved through the app."""
    demo = json.loads(data.DEMO.read_text(encoding="utf-8"))
    people = [Person.objects.create(**p) for p in demo["people"]]
    people += [
        Person.objects.create(key=key, name=name._asdict(), role=role._asdict())
        for key, (name, role) in content.EXTRA_PEOPLE.items()
    ]
    topics = [
        Topic.objects.create(key=t["key"], name=t["name"]) for t in demo["topics"]
    ]
    topics += [
        Topic.objects.create(key=key, name=name._asdict())
        for key, name in content.EXTRA_TOPICS.items()
    ]
    commemorations = [
        Commemoration.objects.create(
            key=c["key"],
            date=datetime.date.fromisoformat(c["date"]),
            name=c["name"],
        )
        for c in demo["commemorations"][:3]
    ]
    now = timezone.now().replace(microsecond=0)
    plans, _references = data.make_plans(
        300,
        2025,
        now,
        [{"id": c.id, "date": c.date, "name": c.name} for c in commemorations],
        [p.key for p in people],
        [t.key for t in topics],
    )
    documents = search_terms.Documents(
        people={p.key: p.name for p in people},
        topics={t.key: t.name for t in topics},
        commemorations={c.id: c.name for c in commemorations},
    )
    speaker = next(p for p in demo["people"] if p["key"] == "commissioner")["name"]
    return {
        "plans": plans,
        "documents": documents,
        "speaker": speaker,
        "people": {p.key: p.id for p in people},
        "topics": {t.key: t.id for t in topics},
        "now": now,
    }


def _chosen(plans):
    """Released statements: an anniversary, one with a reference and several
    topics, one out in two languages only."""
    released = [p for p in plans if p.state == "released" and not p.withdrawn]
    return [
        next(p for p in released if p.kind == "anniversary"),
        next(p for p in released if p.reference and len(p.topics) > 1),
        next(p for p in released if p.missing_language),
    ]


def _save_through_the_app(plan, generated):
    """The plan's statement and versions, saved as an editor's would be."""
    row = next(data._statement_rows([plan], generated["people"], generated["now"]))
    # The hero image is left out: its renditions need the file, and it is no
    # part of what search stores.
    left_out = ("id", "created_at", "updated_at")
    statement = Statement.objects.create(
        **{
            k: v
            for k, v in row.items()
            if k not in left_out and not k.startswith("hero_image")
        }
    )
    statement.topics.set([generated["topics"][key] for key in plan.topics])
    plan.id = statement.id
    for language in data.LANGUAGES:
        published = language != plan.missing_language
        StatementVersion.objects.create(
            statement=statement,
            language=language,
            title=data.title_of(plan, language),
            summary=data.summary_of(plan, language),
            body=data.body_of(plan, language, generated["speaker"][language]),
            status="published" if published else "review",
        )
    return statement


def test_loaded_versions_are_what_the_app_stores(generated):
    modules = app()
    for plan in _chosen(generated["plans"]):
        statement = _save_through_the_app(plan, generated)
        rows = {
            row["language"]: row
            for row in data._version_rows(
                [plan], generated["speaker"], modules, generated["documents"]
            )
        }
        stored = {v.language: v for v in statement.versions.all()}
        app_terms = {
            version_id: modules.tsvector_literal(fields)
            for version_id, _statement, fields in modules.documents([statement.id])
        }
        for language, version in stored.items():
            row = rows[language]
            assert row["body"] == version.body
            assert row["search_document"] == version.search_document
            # What search_index.reindex() wrote for it, or nothing when the
            # version is not out: the loader's literal must be the same.
            assert row["search_vector"] == app_terms.get(version.id)
        assert any(rows[code]["search_vector"] for code in rows)


def test_the_loaders_terms_are_the_pipelines_for_any_text():
    terms = search_terms.Terms()
    pipeline = app().terms
    texts = [
        "Ombudsman visited Ganja. \n The detainees (12/2025) spoke; «Bakı'da» too!",
        "Müvəkkil İnsan hüquqları üzrə: Şəki, Gəncə.  Ещё одно — заявление.",
        "pre-trial detention.No space after the stop. A\u00a0non-breaking space.",
    ]
    for text in texts:
        for language in data.LANGUAGES:
            assert terms(text, language) == pipeline(text, language)
            # Twice: the second answer comes from the memo.
            assert terms(text, language) == pipeline(text, language)


def test_the_shortcut_literal_is_the_apps():
    index = app().search_index
    literal = search_terms.Literal(
        index.tsvector_literal,
        index.WEIGHTS,
        index.FIELD_GAP,
        index.MAX_POSITIONS,
        index.MAX_POSITION,
    )
    terms = app().terms
    repeated = " ".join(["the right to life"] * 300)  # past 256 positions
    for fields in (
        ["A title", "No. 1/2025\nRight to health", "It's the body, o'clock \\ 'x'"],
        ["", "", repeated],
    ):
        words = [terms(text, "en") for text in fields]
        assert literal(words) == index.tsvector_literal(words)


def test_a_migrated_database_has_the_codes_schema():
    assert data.schema_problems() == []
