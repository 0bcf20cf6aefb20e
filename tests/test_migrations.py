"""The migrations describe a database, not today's code.

A migration that imports the live application breaks when that code is
renamed or changed, and one that reads settings.LANGUAGES makes a different
database for a different list. The only project code a migration may name is
what Django itself writes into a field's definition: custom field classes,
upload_to callables and defaults.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PROJECT = ("ombudsman", "accounts", "statements", "readers")
# (module, name) pairs a field definition refers to; makemigrations compares
# them with the models, so they cannot be written any other way.
FIELD_REFERENCES = {
    ("statements.models.fields", "TranslatedTextField"),
    ("statements.models.fields", "LanguageListField"),
    ("statements.models.fields", "WebAddressField"),
    ("statements.content.uploads", "hero_image_path"),
    ("statements.content.uploads", "attachment_path"),
    ("readers.models", "_new_key"),
}


def migration_files():
    return sorted(
        path
        for app in PROJECT
        for path in (ROOT / app / "migrations").glob("[0-9]*.py")
    )


def dotted(node):
    """'a.b.c' for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def project_references(path):
    """Every project module imported and every project name used in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            # "from statements.x import y" or "from django.conf import settings"
            # hides what is used behind a bare name: never allowed.
            if module.split(".")[0] in PROJECT or module == "django.conf":
                yield f"from {module} import ..."
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "settings":
            yield "settings"
        name = dotted(node) if isinstance(node, ast.Attribute) else None
        if name and name.split(".")[0] in PROJECT:
            module, _dot, attribute = name.rpartition(".")
            if module in imported:
                yield (module, attribute)
    yield from (module for module in imported if module.split(".")[0] in PROJECT)


def test_there_are_migrations_to_check():
    names = {f"{path.parent.parent.name}/{path.name}" for path in migration_files()}
    assert {
        "statements/0001_initial.py",
        "accounts/0001_initial.py",
        "readers/0001_initial.py",
    } <= names


def test_migrations_name_no_project_code_but_field_definitions():
    allowed_modules = {module for module, _name in FIELD_REFERENCES}
    found = {
        f"{path.relative_to(ROOT)}: {reference}"
        for path in migration_files()
        for reference in project_references(path)
        if reference not in FIELD_REFERENCES and reference not in allowed_modules
    }
    assert found == set()


def test_the_check_sees_a_forbidden_reference(tmp_path):
    """The check above is not vacuous: it names what it is there to refuse."""
    path = tmp_path / "0099_example.py"
    path.write_text(
        "from django.conf import settings\n"
        "import statements.i18n.languages\n"
        "import statements.models.fields\n"
        "CODES = statements.i18n.languages.language_codes()\n"
        "FIELD = statements.models.fields.TranslatedTextField\n"
        "OTHER = statements.models.fields.something_else\n"
        "LANGUAGES = settings.LANGUAGES\n",
        encoding="utf-8",
    )
    references = set(project_references(path))
    assert "from django.conf import ..." in references
    assert "settings" in references
    assert ("statements.i18n.languages", "language_codes") in references
    assert ("statements.models.fields", "something_else") in references
    assert ("statements.models.fields", "TranslatedTextField") in references


def test_migrate_from_zero_makes_the_search_storage(db):
    """The test database is built by the migrations: the search storage the
    models do not describe is there, as statements/search_index.py writes it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'statements_statementversion' "
                "AND column_name = 'search_vector'"
            )
            assert cursor.fetchall() == [("tsvector",)]
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'version_search'"
            )
            [(definition,)] = cursor.fetchall()
            assert "USING gin (search_vector)" in definition
            assert "WHERE (released_at IS NOT NULL)" in definition
            # Common words are told from rare ones (0002_search_statistics).
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute "
                "WHERE attrelid = 'statements_statementversion'::regclass "
                "AND attname = 'search_vector'"
            )
            assert cursor.fetchall() == [(1000,)]
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'statements_search'"
            )
            [(definition,)] = cursor.fetchall()
            assert "USING fts5(" in definition
            assert "statement_id UNINDEXED, title, meta, body, alt" in definition
            assert "remove_diacritics 0" in definition
