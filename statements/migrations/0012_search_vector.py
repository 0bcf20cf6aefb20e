"""Full-text search on PostgreSQL: a stored tsvector column and one GIN index.

0004 indexed ``to_tsvector(config, search_document)`` as an expression, so
ranking had to compute the vector again for every matching row: over a second
for a common word at ten thousand statements, eleven seconds at a hundred
thousand. ``search_vector`` is computed by PostgreSQL when a row is written (a
generated column follows every edit, whoever writes the row) and read back
for matching and ranking.

The title, the first line of ``search_document``, is added again with weight
A, so that ts_rank puts a statement about a word above one that mentions it
in passing.

The column is not in Django's model state: SQLite has no tsvector, and the
ORM never writes a generated column. Adding it rewrites the table once, with
the table locked: 38 seconds for the 30,000 versions of the 10,000-statement
benchmark database, six minutes for 300,000.
"""

from django.db import migrations

from statements.i18n.languages import language_codes
from statements.public.search.config import text_search_config

TABLE = "statements_statementversion"
INDEX = "version_search"
OLD_INDEX = "version_search_{}"


def config_by_language():
    """The regconfig for the row's language, as an immutable SQL expression.

    The literals are the names in search_config.py (fixed names, never input);
    languages outside it get ``simple``, as text_search_config() says.
    """
    branches = " ".join(
        f"WHEN '{code}' THEN '{text_search_config(code)}'::regconfig"
        for code in language_codes()
    )
    return f"CASE language {branches} ELSE 'simple'::regconfig END"


def vector_expression():
    config = config_by_language()
    return (
        f"setweight(to_tsvector({config}, split_part(search_document, E'\\n', 1)), "
        f"'A') || to_tsvector({config}, search_document)"
    )


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector_expression()}) STORED"
    )
    # Only released versions are ever searched; drafts stay out of the index.
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_vector) "
        "WHERE released_at IS NOT NULL"
    )
    for code in language_codes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX.format(code)}")
    # Without statistics on the new column the planner guesses how common a
    # word is, and cannot tell when walking the newest versions is cheaper;
    # autovacuum would not gather them until much of the table changed.
    schema_editor.execute(f"ANALYZE {TABLE}")


def remove_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in language_codes():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX.format(code)} ON {TABLE} "
            f"USING gin (to_tsvector('{text_search_config(code)}'::regconfig, "
            f"search_document)) WHERE language = '{code}'"
        )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("statements", "0011_release_state")]

    operations = [migrations.RunPython(add_search_vector, remove_search_vector)]
