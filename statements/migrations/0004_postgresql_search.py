"""Full-text search on PostgreSQL: the Azerbaijani configuration and GIN indexes.

Each index is partial (one language) so that its configuration is a constant,
which PostgreSQL requires of an index expression. SQLite gets nothing here; its
search falls back to matching the stored case-folded text.
"""

from django.db import migrations

from statements.i18n.languages import language_codes
from statements.public.search.config import text_search_config


def index_name(language):
    return f"version_search_{language}"


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'ombudsman_az')
            THEN
                CREATE TEXT SEARCH CONFIGURATION ombudsman_az (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION ombudsman_az
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
            END IF;
        END $$;
        """
    )
    for language in language_codes():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(language)} "
            "ON statements_statementversion USING gin "
            f"(to_tsvector('{text_search_config(language)}'::regconfig, "
            "search_document)) "
            f"WHERE language = '{language}'"
        )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in language_codes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(language)}")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS ombudsman_az")


class Migration(migrations.Migration):
    dependencies = [("statements", "0003_search_redirects_sizes")]

    operations = [migrations.RunPython(create_search, drop_search)]
