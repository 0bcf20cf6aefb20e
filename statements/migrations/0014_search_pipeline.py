"""Search terms made by the app's own pipeline, stored where each database
searches best (statements/search_index.py, docs/search.md).

PostgreSQL: the generated ``search_vector`` of 0012 applied PostgreSQL's
configurations to the text, which fold "İ" into two characters and know no
Azerbaijani. It becomes a plain tsvector column that the app writes from the
pipeline's terms, with the same partial GIN index. Dropping a column and
adding a nullable one rewrites no table. SQLite: an FTS5 table, so that a development or
single-machine site searches as production does.

Both are filled here from the released versions, a batch at a time: 48
seconds for 10,000 statements in three languages on a busy 2-core machine,
23 minutes for 100,000 on the same machine under heavy load.
"""

from django.db import migrations, transaction

from statements.public.search import index as search_index


def create(apps, schema_editor):
    with transaction.atomic(using=schema_editor.connection.alias):
        search_index.create_storage(schema_editor)


def fill(apps, schema_editor):
    search_index.reindex(apps=apps, using=schema_editor.connection.alias)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {search_index.VERSION_TABLE}")


def remove(apps, schema_editor):
    with transaction.atomic(using=schema_editor.connection.alias):
        search_index.drop_storage(schema_editor)


class Migration(migrations.Migration):
    # Filling takes minutes on a large archive. In one transaction the
    # versions table would stay locked against reading from the DROP COLUMN
    # to the end; outside one, each batch of 500 versions is committed as it
    # is written, and the site reads on meanwhile.
    atomic = False

    dependencies = [("statements", "0013_editions")]

    operations = [
        migrations.RunPython(create, remove),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
