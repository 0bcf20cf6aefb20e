"""The exchange format's JSON Schema: valid, met by the demo and by exports."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.test import override_settings

from statements.exchange.exporters import export_statements
from statements.exchange.records import SCHEMA_PATH
from statements.exchange.validation import _validator
from tests.factories import make_commemoration, make_statement

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "demo" / "demo.json"


def test_the_schema_is_a_valid_draft_2020_12_schema():
    """Any JSON Schema tool can read the file in the repository."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith("/import-v1.json")


def test_the_demo_file_meets_the_schema():
    """demo/demo.json, the format's full example, is valid."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    assert list(_validator().iter_errors(data)) == []


def test_an_export_meets_the_schema():
    """What export_statements writes is what the schema describes."""
    commemoration = make_commemoration()
    make_statement(
        languages=("az", "en", "ru"),
        kind="anniversary",
        commemoration=commemoration,
        anniversary_year=commemoration.date.year + 10,
    )
    data = json.loads(json.dumps(export_statements(), default=str))
    assert list(_validator().iter_errors(data)) == []


@override_settings(LANGUAGES=[*settings.LANGUAGES, ("ka", "Georgian")])
def test_the_language_codes_come_from_settings():
    """A language added in settings is accepted without touching the schema."""
    errors = _validator().iter_errors({"topics": [{"key": "t", "name": {"ka": "x"}}]})
    assert list(errors) == []
    errors = _validator().iter_errors({"topics": [{"key": "t", "name": {"de": "x"}}]})
    assert [error.instance for error in errors] == ["de"]
