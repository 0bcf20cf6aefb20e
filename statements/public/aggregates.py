"""Child rows folded into the parent's query as JSON, on SQLite and PostgreSQL.

A statement page shows coverage, distribution, attachments, corrections,
figures and topics. Fetching each with its own query would make the page's
query count grow with every new kind of child; folding them into the main
query as JSON arrays keeps it fixed.
"""

import json
from datetime import UTC

from django.db.models import Aggregate, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware


class JSONList(Aggregate):
    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="JSONB_AGG", **extra_context
        )


def json_rows(queryset, parent_field, outer_field, **fields):
    """A subquery: ``queryset``'s rows whose ``parent_field`` is the outer
    row's ``outer_field``, as a JSON list of ``{name: expression}``."""
    rows = (
        queryset.filter(**{parent_field: OuterRef(outer_field)})
        .order_by()
        .values(parent_field)
        .annotate(rows=JSONList(JSONObject(**fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def decode_rows(rows, json_fields=(), datetime_fields=(), date_fields=()):
    """Rows as dicts with real values, whatever the database returned."""
    if isinstance(rows, str):
        rows = json.loads(rows)
    decoded = []
    for row in rows or []:
        row = dict(row)
        for name in json_fields:
            if isinstance(row.get(name), str):
                # SQLite hands nested JSON columns over as text.
                row[name] = json.loads(row[name])
        for name in datetime_fields:
            if isinstance(row.get(name), str):
                value = parse_datetime(row[name])
                row[name] = make_aware(value, UTC) if is_naive(value) else value
        for name in date_fields:
            if isinstance(row.get(name), str):
                row[name] = parse_date(row[name][:10])
        decoded.append(row)
    return decoded
