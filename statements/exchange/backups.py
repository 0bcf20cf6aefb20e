"""Backups of the whole site: the database's content and the uploaded files.

A backup is one .tar.gz holding

- ``data.json``: every row (``dumpdata`` with natural keys for content types
  and permissions, which the target database recreates itself), so it loads
  into SQLite or PostgreSQL alike;
- ``media/…``: every file under MEDIA_ROOT;
- ``manifest.json``: the applied migrations, and for every model its row
  count and a SHA-256 of its rows, and a SHA-256 of every file.

Times go into ``data.json`` to the millisecond, as ``dumpdata`` writes them,
so the rows' digest is taken over that same millisecond form.

A restore checks the archive against its manifest before it touches anything,
replaces the database's content in one transaction, checks the loaded rows
against the manifest again (rolling back if anything differs), then writes
the files.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 2
# Format 1 digested rows as dumpdata prints them, which names a time of
# 10:00:00.000400 "10:00:00.000" before the restore and, having loaded it as
# 10:00:00, "10:00:00" after: its restores are checked by row counts (and the
# data's own checksum) instead.
READABLE_FORMATS = {1, FORMAT}
# Rebuilt by migrate/flush in the target database, or not worth keeping:
# sessions (everyone signs in again) and sign-in lockouts.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    # Rendered from the rest and checked against stamps that a restore must
    # not bring back: made again after it (statements.public.prepared).
    "statements.articlestamp",
    "statements.preparedarticle",
    "statements.preparedcard",
    "statements.listcount",
]
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def backed_up_models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label.lower() for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and model._meta.managed
        and not model._meta.proxy
    ]


class _MillisecondEncoder(DjangoJSONEncoder):
    """Every time as data.json keeps it: cut to the millisecond, and always
    written with its milliseconds, so a row digests the same before it is
    dumped and after it is loaded back."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            cut = o.replace(microsecond=o.microsecond // 1000 * 1000)
            if isinstance(o, datetime.datetime) and o.tzinfo is not None:
                cut = cut.astimezone(datetime.UTC)
            return cut.isoformat(timespec="milliseconds")
        return super().default(o)


def content_summary():
    """{model label: {"count": rows, "sha256": digest of its rows}}."""
    summary = {}
    for model in backed_up_models():
        queryset = model._default_manager.order_by("pk")
        digest = hashlib.sha256()
        count = 0
        for start in range(0, queryset.count(), 1000):
            rows = list(queryset[start : start + 1000])
            count += len(rows)
            digest.update(
                json.dumps(
                    serializers.serialize(
                        "python", rows, use_natural_foreign_keys=True
                    ),
                    cls=_MillisecondEncoder,
                    sort_keys=True,
                ).encode()
            )
        summary[model._meta.label] = {"count": count, "sha256": digest.hexdigest()}
    return summary


def _changed_by_loading(loaded, manifest):
    """The labels whose loaded rows differ from what the manifest says."""
    expected = manifest["models"]
    if manifest["format"] == 1:
        loaded = {label: {"count": row["count"]} for label, row in loaded.items()}
        expected = {label: {"count": row["count"]} for label, row in expected.items()}
    return sorted(
        label
        for label in set(loaded) | set(expected)
        if loaded.get(label) != expected.get(label)
    )


def media_files(root=None):
    """{relative posix path: sha256} of every file under MEDIA_ROOT."""
    if root is None and not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "uploads are on object storage, not in MEDIA_ROOT: back the bucket up "
            "there (versioning or replication) and use --no-media"
        )
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def applied_migrations():
    recorder = MigrationRecorder(connection)
    latest = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        latest[app_label] = max(latest.get(app_label, name), name)
    return latest


def make_backup(destination, include_media=True):
    """Writes a backup to ``destination`` (a .tar.gz); returns its manifest."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / "data.json"
        # One transaction (REPEATABLE READ on PostgreSQL) so the dump and the
        # summary describe the same moment even while people keep editing.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"
                    )
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                output=str(data_path),
                verbosity=0,
            )
            summary = content_summary()
            migrations = applied_migrations()
        files = media_files() if include_media else {}
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "models": summary,
            "data_sha256": _sha256_file(data_path),
            "files": files,
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            archive.add(data_path, arcname="data.json")
            for relative in files:
                archive.add(
                    Path(settings.MEDIA_ROOT) / relative, arcname=f"media/{relative}"
                )
        # Only a complete archive ever carries the final name.
        partial.replace(destination)
    return manifest


def _safe_member(member):
    """The member's path inside the archive, or BackupError if it could write
    anywhere else (absolute, .., links, devices)."""
    name = PurePosixPath(member.name)
    if name.is_absolute() or ".." in name.parts or "\\" in member.name:
        raise BackupError(f"refusing the archive: unsafe path {member.name!r}")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"refusing the archive: {member.name!r} is not a file")
    return name


def read_backup(source, work):
    """Unpacks and checks ``source`` into ``work``; returns the manifest."""
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} is not a readable backup ({error})") from None
    with archive:
        members = archive.getmembers()
        for member in members:
            name = _safe_member(member)
            if name.parts[0] not in {"manifest.json", "data.json", "media"}:
                raise BackupError(f"refusing the archive: unexpected {member.name!r}")
        archive.extractall(work, filter="data")
    work = Path(work)
    try:
        manifest = json.loads((work / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"the backup has no readable manifest ({error})") from None
    if manifest.get("format") not in READABLE_FORMATS:
        raise BackupError("the backup was made by an unknown version of this tool")
    if _sha256_file(work / "data.json") != manifest["data_sha256"]:
        raise BackupError("data.json does not match its checksum: damaged backup")
    found = media_files(work / "media")
    if found != manifest["files"]:
        damaged = sorted(set(found.items()) ^ set(manifest["files"].items()))
        raise BackupError(f"media files do not match the manifest: {damaged[:5]}")
    return manifest


def restore_backup(source, include_media=True):
    """Replaces the database's content and the media with the backup's."""
    if include_media and not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "uploads are on object storage: restore them there and use --no-media"
        )
    with tempfile.TemporaryDirectory() as work:
        manifest = read_backup(source, work)
        current = applied_migrations()
        if manifest["migrations"] != current:
            raise BackupError(
                "the backup was made with other migrations than this code has "
                "applied; check out the version it was made with (or migrate "
                "to it) first"
            )
        with transaction.atomic():
            postgresql = connection.vendor == "postgresql"
            if postgresql:
                # TRUNCATE refuses tables with foreign-key checks still pending
                # in this transaction: run them now, and defer them again for
                # loaddata, whose rows refer to rows loaded after them.
                _set_constraints("IMMEDIATE")
            call_command("flush", interactive=False, verbosity=0)
            if postgresql:
                _set_constraints("DEFERRED")
            call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
            different = _changed_by_loading(content_summary(), manifest)
            if different:
                raise BackupError(
                    f"restored rows differ from the backup in {different}; "
                    "nothing was changed"
                )
        if include_media:
            media_root = Path(settings.MEDIA_ROOT)
            for relative in manifest["files"]:
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(Path(work) / "media" / relative, target)
    return manifest


def _set_constraints(mode):
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def default_name():
    return f"backups/site-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
