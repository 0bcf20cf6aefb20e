"""Search terms made by the app's own pipeline, stored where each database
searches best (statements/search_index.py, docs/search.md).

PostgreSQL: the generated ``search_vector`` of 0012 applied PostgreSQL's
configurations to the text, which fold "İ" into two characters and know no
Azerbaijani. It becomes a plain tsvector column that the app writes from the
pipeline's terms, with the same partial GIN index. Dropping a column and
adding a nullable one rewrites no table. SQLite: an FTS5 table, so that a development or
single-machine site searches as production does.

Both are filled here from the released versions: about 50 seconds per
10,000 statements in three languages.
"""

from django.db import migrations

from statements import search_index


def create(apps, schema_editor):
    search_index.create_storage(schema_editor)
    search_index.reindex(apps=apps, using=schema_editor.connection.alias)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {search_index.VERSION_TABLE}")


def remove(apps, schema_editor):
    search_index.drop_storage(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("statements", "0012_search_vector")]

    operations = [migrations.RunPython(create, remove)]
