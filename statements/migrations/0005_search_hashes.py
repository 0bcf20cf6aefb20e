"""A small copy of each stored vector's terms, for finding matches, on PostgreSQL.

A common word is searched by walking the newest public versions and testing
each one until RANKED_MATCHES are found (migration 0002). Testing the tsvector
reads its TOASTed 5 kB from another table: at 100,000 statements, walking the
3,800 newest English versions to find the 1,001 newest with "detention" took
20 ms, and 5 ms of it was the walk itself. ``search_hashes`` holds a 32-bit
hash of each of the vector's terms (1.5 kB, kept in the row), so the walk
tests the row alone (9 ms), and only the versions kept read their vector, to
rank them and to drop the rare match that is only a hash collision.

The column is generated from ``search_vector``, so it follows every write of
it with nothing to keep in step. A term's hash is the first four bytes of its
SHA-256 as a signed integer: statements/public/search/query.py computes the
query's the same way. Its statistics are as fine as the vector's, for the
same reason, and a GIN index answers the match of a rare word.

Adding the column rewrites the table: about 3 minutes at 100,000 statements.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE FUNCTION statements_search_hashes(tsvector) RETURNS int4[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(
            array_agg(
                ('x' || left(encode(sha256(convert_to(term, 'UTF8')), 'hex'), 8))
                ::bit(32)::int4
            ),
            '{}'
        )
        FROM unnest(tsvector_to_array($1)) AS term
    $$
    """,
    "ALTER TABLE statements_statementversion ADD COLUMN search_hashes int4[] "
    "GENERATED ALWAYS AS (statements_search_hashes(search_vector)) STORED",
    "ALTER TABLE statements_statementversion "
    "ALTER COLUMN search_hashes SET STATISTICS 1000",
    "CREATE INDEX version_search_hashes ON statements_statementversion "
    "USING gin (search_hashes) WHERE released_at IS NOT NULL",
    "ANALYZE statements_statementversion",
]

BACKWARD = [
    "DROP INDEX IF EXISTS version_search_hashes",
    "ALTER TABLE statements_statementversion DROP COLUMN IF EXISTS search_hashes",
    "DROP FUNCTION IF EXISTS statements_search_hashes(tsvector)",
]


def add_hashes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def drop_hashes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("statements", "0004_prepared_pages_cards_and_counts")]

    operations = [migrations.RunPython(add_hashes, drop_hashes)]
