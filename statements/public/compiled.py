"""Public queries compiled once per thread, then run with each request's values.

Building a queryset and compiling it to SQL costs more than running it: on
the statement page at 100,000 statements the ORM's work was about two thirds
of the request (some 8 of 12 ms), the database's about 1 ms. The queries of
the hottest paths are the same on every request but for a few values (a
slug, a language, the time), so each is built once with markers in place of
those values, compiled by the ORM itself, and kept with where each marker
landed in its parameters. A request then only puts its values in those
places, runs the SQL and converts the rows with the ORM's own converters.

The queryset is still written with the ORM, starting from ``published()``,
the one definition of what a reader may see; nothing here writes SQL.

On PostgreSQL with persistent connections (``CONN_MAX_AGE`` not 0), each
compiled query is also prepared on the server once per connection and then
executed by name: planning these queries took 0.4–0.6 ms each, several times
their execution. ``PREPARED_STATEMENTS=false`` in the environment turns that
off, for a connection pooler in transaction mode that cannot keep them.
"""

import itertools
import re
import secrets
import threading
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connections, router

_compiled = threading.local()
# Compiled queries kept per thread; past this many (a shape is never made
# from a reader's free text, but stay safe), all are compiled again.
_KEPT = 256
_names = itertools.count(1)
_PLACEHOLDER = re.compile(r"%s|%%")


def _marker(name, value):
    """A value of the same kind as ``value`` that no real value equals."""
    token = secrets.token_hex(8)
    if isinstance(value, datetime):
        return datetime(1901, 1, 1, tzinfo=UTC) + timedelta(
            microseconds=secrets.randbits(40)
        )
    if isinstance(value, bool):
        raise TypeError(f"{name}: a boolean cannot be told apart in parameters")
    if isinstance(value, int):
        return -(secrets.randbits(60) + 1)
    if isinstance(value, str):
        return f"compiled-marker:{name}:{token}"
    raise TypeError(f"{name}: no marker for {type(value).__name__}")


def _adapted(connection, value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledQuery:
    """``build(**values)`` returns a ``values()`` queryset; ``rows(**values)``
    runs it as compiled for those names (lists compile once per length)."""

    def __init__(self, model, build, prepare=True):
        self.model = model
        self.build = build
        # False where a plan made for each request's values matters more than
        # the time to make it.
        self.prepare = prepare

    def rows(self, fixed=(), **values):
        """``fixed``: (name, value) pairs given to ``build`` as they are, not
        as parameters (an offset, a year the ORM turns into dates): each
        combination is compiled on its own, so keep them few."""
        alias = router.db_for_read(self.model)
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(values.items())
        ) + tuple(fixed)
        cache = _compiled.__dict__.setdefault("queries", {})
        key = (id(self), alias, shape)
        compiled = cache.get(key)
        if compiled is None:
            if len(cache) >= _KEPT:
                cache.clear()
            compiled = cache[key] = self._compile(alias, values, dict(fixed))
        sql, params, places, names, compiler, converters = compiled[:6]
        connection = connections[alias]
        params = list(params)
        for index, name, position in places:
            value = values[name] if position is None else values[name][position]
            params[index] = _adapted(connection, value)
        with connection.cursor() as cursor:
            name = _prepared_name(connection, compiled)
            if name is None:
                cursor.execute(sql, params)
            else:
                placeholders = ", ".join(["%s"] * len(params))
                cursor.execute(f"EXECUTE {name}({placeholders})", params)
            found = cursor.fetchall()
        if compiler.has_extra_select:
            # Columns the ORM adds for its own ordering, as it drops them.
            found = [row[: compiler.col_count] for row in found]
        if converters:
            found = compiler.apply_converters(found, converters)
        return alias, [dict(zip(names, row, strict=True)) for row in found]

    def _compile(self, alias, values, fixed):
        markers = {}
        for name, value in values.items():
            if isinstance(value, list | tuple):
                markers[name] = [_marker(name, item) for item in value]
            else:
                markers[name] = _marker(name, value)
        try:
            queryset = self.build(**fixed, **markers).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
        except (ArithmeticError, TypeError, ValueError) as error:
            # A value the ORM computes with (a year made into dates) rather
            # than passes on: pass it in ``fixed`` instead.
            raise ValueError(
                f"{', '.join(markers)}: not compilable as parameters ({error})"
            ) from error
        connection = connections[alias]
        wanted = {}
        for name, marker in markers.items():
            if isinstance(marker, list):
                for position, item in enumerate(marker):
                    wanted[_adapted(connection, item)] = (name, position)
            else:
                wanted[_adapted(connection, marker)] = (name, None)
        places = []
        for index, param in enumerate(params):
            try:
                found = wanted.get(param)
            except TypeError:  # an unhashable parameter is never a marker
                found = None
            if found is not None:
                places.append((index, *found))
        missing = set(wanted.values()) - {(name, pos) for _i, name, pos in places}
        if missing:
            raise ValueError(f"values the query does not take as parameters: {missing}")
        query = queryset.query
        names = (
            list(query.selected)
            if query.selected
            else [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        server_sql = None
        if connection.vendor == "postgresql" and params and self.prepare:
            numbers = itertools.count(1)
            server_sql = _PLACEHOLDER.sub(
                lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql
            )
        name = f"public_query_{next(_names)}"
        return (
            sql,
            tuple(params),
            places,
            names,
            compiler,
            converters,
            name,
            server_sql,
        )


def _prepared_name(connection, compiled):
    """The name ``compiled`` is prepared under on this connection's session,
    preparing it first; None where it is run as plain SQL instead."""
    name, server_sql = compiled[6:]
    if (
        server_sql is None
        or not settings.PREPARED_STATEMENTS
        or connection.settings_dict.get("CONN_MAX_AGE") == 0
    ):
        # A connection per request would prepare on every request.
        return None
    raw = connection.connection
    session = getattr(connection, "_prepared_public_queries", None)
    if session is None or session[0] is not raw:
        # A new session (Django reconnected): nothing is prepared on it.
        session = connection._prepared_public_queries = (raw, set())
    if name not in session[1]:
        # Not a query of the page: not logged with them, like the session's
        # own settings.
        raw.execute(f"PREPARE {name} AS {server_sql}")
        session[1].add(name)
    return name
