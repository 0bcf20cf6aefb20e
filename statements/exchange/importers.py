"""Imports statements and what they refer to: the format of docs/import-format.md.

The file's structure is checked first against the JSON Schema
statements/exchange/schemas/import-v1.json (validation.py); the readers
(reading.py) then check what a schema cannot say (existing files, links
between items, references, the models' own rules) and turn the data into
records.

The import runs in two passes. The first reads the whole file, and every image
and PDF it names, into plain records and collects every error it meets; nothing
is written unless that list is empty. The second compares the records with the
database and writes only what differs, in one transaction, so running the same
file twice changes nothing the second time.

A field absent from an item means "empty": the file describes each item whole,
the way ``export_statements`` writes it. Two exceptions keep what the office has
already done: a reference number already given is kept when the file has none,
and language versions the file does not mention are left alone.

The records both passes share are in records.py; the first pass is
validation.py and reading.py, the second writing.py.
"""

import json
import sys
from pathlib import Path

from django.db import transaction

from statements.exchange.reading import _Parser
from statements.exchange.records import (
    ImportResult,
    ImportValidationError,
    _Bars,
    _not_an_object,
    _printable,
)
from statements.exchange.writing import _Writer
from statements.models import (
    release_refresh_deferred,
)
from statements.public.cache import content_changed

# What callers use: the two entry points and what they return or raise.
__all__ = ["ImportResult", "ImportValidationError", "import_statements", "load_file"]


def load_file(path):
    """The parsed contents of the JSON file at ``path``, which must be an object."""
    path = Path(path)
    try:
        # utf-8-sig: files saved by some Windows editors start with a BOM.
        text = path.read_text(encoding="utf-8-sig")
    except ValueError:  # a NUL in the path: no file can have that name
        raise ImportValidationError([f"{_printable(path)}: no such file"]) from None
    except FileNotFoundError:
        raise ImportValidationError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        message = f"{path}: not UTF-8 text (byte {error.start} cannot be decoded)"
        raise ImportValidationError([message]) from None
    except OSError as error:
        raise ImportValidationError([f"{path}: cannot be read ({error})"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"{path}: line {error.lineno}, column {error.colno}: "
            f"malformed JSON: {error.msg}"
        )
        raise ImportValidationError([message]) from None
    except RecursionError:
        message = f"{path}: nested too deeply to be read (no import nests so deep)"
        raise ImportValidationError([message]) from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        message = f"{path}: a value cannot be read: {_printable(error)}"
        raise ImportValidationError([message]) from None
    if not isinstance(data, dict):
        raise ImportValidationError([_not_an_object(data)])
    return data


def import_statements(data, base_dir, *, progress=False, stdout=None):
    """Check ``data`` whole, then bring the database in line with it.

    ``base_dir`` is the folder the file's image and attachment paths are
    relative to. With ``progress``, progress bars are written to ``stdout``
    (standard error by default). Raises ImportValidationError, having written
    nothing, when anything in ``data`` is wrong.
    """
    bars = _Bars(progress, stdout or sys.stderr)
    plan = _Parser(Path(base_dir), bars).parse(data)
    writer = _Writer(bars)
    try:
        with transaction.atomic(), release_refresh_deferred():
            writer.write(plan)
            if writer.result.created or writer.result.updated:
                # Child rows are bulk-created without signals: say so once.
                # (Not for a file that changes nothing: it writes nothing, not
                # even the prepared pages' stamp.)
                content_changed()
    except BaseException:
        writer.discard_stored_files()
        raise
    return writer.result
