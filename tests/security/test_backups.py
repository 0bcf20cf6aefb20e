"""Backups: a round trip restores every row and file exactly; a damaged or
hostile archive is refused before anything is touched."""

import datetime
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from reversion.models import Revision, Version

from accounts.models import RolePolicy
from statements.exchange.backups import content_summary, media_files
from statements.models import Attachment, Statement, StatementVersion
from tests.factories import (
    image_upload,
    make_staff,
    make_statement,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

CHECKED = [
    "statements.Statement",
    "statements.StatementVersion",
    "statements.Attachment",
    "reversion.Revision",
    "reversion.Version",
    "auth.User",
    "auth.Group",
]


@pytest.fixture
def site():
    """Statements in three languages with revisions, a hero image and a PDF,
    staff accounts and a sign-in policy."""
    editor = make_staff("Editor", username="editor", password="pass phrase 2026")
    RolePolicy.objects.create(group=editor.groups.get())
    for number in range(3):
        statement = make_statement(languages=["az", "en", "ru"])
        with reversion.create_revision():
            for version in statement.versions.all():
                version.title = f"{version.title} (revised {number})"
                version.save()
        Attachment.objects.create(
            statement=statement, file=pdf_upload(), title={"en": "Signed"}
        )
    statement.hero_image.save("hero.png", image_upload())
    return statement


def snapshot():
    summary = content_summary()
    return {label: summary[label] for label in CHECKED}, media_files()


def backup(tmp_path, name="site.tar.gz"):
    path = tmp_path / name
    call_command("backup_site", str(path), stdout=io.StringIO())
    return path


def restore(path):
    call_command("restore_site", str(path), "--yes", stdout=io.StringIO())


def test_round_trip_restores_every_row_and_file(site, tmp_path):
    """After a backup, the site is changed and files lost; restoring brings
    back identical statements, versions, revisions, accounts and files (same
    counts, same checksums), and the people can sign in again."""
    before = snapshot()
    assert before[0]["reversion.Revision"]["count"] >= 3
    assert len(before[1]) >= 4  # hero, its renditions, the PDFs
    path = backup(tmp_path)

    Statement.objects.filter(pk=site.pk).delete()
    StatementVersion.objects.update(title="Defaced")
    make_statement(languages=["en"], slug="added-after-the-backup")
    for name in list(before[1])[:2]:
        (settings.MEDIA_ROOT / name).unlink()
    assert snapshot() != before

    restore(path)
    assert snapshot() == before
    assert not Statement.objects.filter(slug="added-after-the-backup").exists()
    assert not StatementVersion.objects.filter(title="Defaced").exists()
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="editor", password="pass phrase 2026")
    assert Version.objects.get_for_object(site.versions.first()).exists()
    assert Revision.objects.count() == before[0]["reversion.Revision"]["count"]


def test_times_finer_than_a_millisecond_restore(site, tmp_path):
    """dumpdata keeps times to the millisecond: 10:00:00.000400 comes back as
    10:00:00, and the restore's own check does not take that for a change."""
    base = datetime.datetime(2026, 12, 5, 10, 0, 0, tzinfo=datetime.UTC)
    first, second = StatementVersion.objects.order_by("pk")[:2]
    StatementVersion.objects.filter(pk=first.pk).update(
        submitted_at=base.replace(microsecond=400)
    )
    StatementVersion.objects.filter(pk=second.pk).update(
        submitted_at=base.replace(microsecond=123456)
    )
    path = backup(tmp_path)
    StatementVersion.objects.update(title="Defaced")

    restore(path)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.submitted_at == base
    assert second.submitted_at == base.replace(microsecond=123000)
    assert "Defaced" not in set(
        StatementVersion.objects.values_list("title", flat=True)
    )


def _with_manifest(path, target, change):
    def rewrite(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            change(manifest)
            return json.dumps(manifest).encode()
        return data

    return _rewrite(path, target, rewrite)


def test_a_backup_keeping_json_keys_in_another_order_restores(site, tmp_path):
    """SQLite keeps a JSON object's keys as written, PostgreSQL's jsonb in its
    own order: a site moved from one to the other has the same rows."""
    Statement.objects.filter(pk=site.pk).update(
        hero_image_alt={"az": "Şəkil", "en": "Picture", "ru": "Снимок"}
    )

    original = backup(tmp_path)
    with tarfile.open(original) as archive:
        rows = json.load(archive.extractfile("data.json"))
    for row in rows:
        for field, value in row["fields"].items():
            if isinstance(value, dict):
                row["fields"][field] = dict(reversed(value.items()))
    data = json.dumps(rows, ensure_ascii=False).encode()

    def moved_data(name, content):
        if name == "data.json":
            return data
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
            return json.dumps(manifest).encode()
        return content

    moved = _rewrite(original, tmp_path / "moved.tar.gz", moved_data)
    restore(moved)

    site.refresh_from_db()
    assert site.hero_image_alt == {"az": "Şəkil", "en": "Picture", "ru": "Снимок"}


def test_rows_that_load_otherwise_than_backed_up_are_refused(site, tmp_path):
    """If the loaded rows are not the rows the backup was made from, the load
    is rolled back and the site is as it was."""

    def other_digest(manifest):
        manifest["models"]["statements.StatementVersion"]["sha256"] = "0" * 64

    path = _with_manifest(backup(tmp_path), tmp_path / "other.tar.gz", other_digest)
    _refused(
        path, "restored rows differ from the backup in ['statements.StatementVersion']"
    )


def test_a_backup_made_in_the_first_format_restores(site, tmp_path):
    """Backups made before the digest took times to the millisecond are
    checked by their row counts, and restore."""

    def first_format(manifest):
        manifest["format"] = 1
        for row in manifest["models"].values():
            row["sha256"] = "digest of the first format"

    path = _with_manifest(backup(tmp_path), tmp_path / "first.tar.gz", first_format)
    StatementVersion.objects.update(title="Defaced")
    restore(path)
    assert "Defaced" not in set(
        StatementVersion.objects.values_list("title", flat=True)
    )

    def one_row_more(manifest):
        first_format(manifest)
        manifest["models"]["statements.StatementVersion"]["count"] += 1

    path = _with_manifest(path, tmp_path / "counted.tar.gz", one_row_more)
    _refused(path, "restored rows differ")


def test_a_backup_from_a_later_version_is_refused(site, tmp_path):
    def later(manifest):
        manifest["format"] = 3

    path = _with_manifest(backup(tmp_path), tmp_path / "later.tar.gz", later)
    _refused(path, "unknown version of this tool")


def test_backup_is_written_whole_or_not_at_all(site, tmp_path):
    """The archive appears under its name only once complete."""
    path = backup(tmp_path)
    assert path.exists()
    assert not list(tmp_path.glob("*.partial"))
    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert "manifest.json" in names and "data.json" in names


def _rewrite(path, target, change):
    """A copy of the archive at ``target`` with ``change(name, bytes)`` applied."""
    with tarfile.open(path) as source, tarfile.open(target, "w:gz") as output:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            data = change(member.name, data)
            if data is None and member.isfile():
                continue
            if member.isfile():
                member.size = len(data)
                output.addfile(member, io.BytesIO(data))
            else:
                output.addfile(member)
    return target


def _add_member(path, target, info, data=b""):
    _rewrite(path, target, lambda name, content: content)
    with tarfile.open(target) as archive:
        members = [(m, archive.extractfile(m).read()) for m in archive.getmembers()]
    with tarfile.open(target, "w:gz") as archive:
        for member, content in members:
            archive.addfile(member, io.BytesIO(content))
        archive.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return target


def _refused(path, message):
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        restore(path)
    assert message in str(caught.value)
    assert "Nothing was restored" in str(caught.value)
    assert snapshot() == before


def test_damaged_data_is_refused_and_nothing_changes(site, tmp_path):
    """A backup whose data was altered after it was made is refused."""
    path = backup(tmp_path)

    def tamper(name, data):
        if name == "data.json":
            return data.replace(b"revised 0", b"hacked! 0")
        return data

    _refused(_rewrite(path, tmp_path / "tampered.tar.gz", tamper), "checksum")


def test_a_changed_media_file_is_refused(site, tmp_path):
    """A backup whose files differ from its manifest is refused."""
    path = backup(tmp_path)

    def tamper(name, data):
        if name.startswith("media/files/"):
            return data + b"<script>alert(1)</script>"
        return data

    _refused(_rewrite(path, tmp_path / "files.tar.gz", tamper), "media files")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("../../outside.txt", tarfile.REGTYPE),
        ("/etc/cron.d/evil", tarfile.REGTYPE),
        ("media/../../outside.txt", tarfile.REGTYPE),
        ("media/link", tarfile.SYMTYPE),
        ("media/device", tarfile.CHRTYPE),
        ("extra/file.txt", tarfile.REGTYPE),
    ],
    ids=["parent", "absolute", "nested-parent", "symlink", "device", "unexpected"],
)
def test_hostile_archive_members_are_refused(site, tmp_path, name, kind):
    """An archive that would write outside its folder, or holds links or
    devices, is refused before anything is unpacked or changed."""
    path = backup(tmp_path)
    info = tarfile.TarInfo(name)
    info.type = kind
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    data = b"owned"
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    hostile = _add_member(path, tmp_path / "hostile.tar.gz", info, data)
    _refused(hostile, "refusing the archive")
    assert not (tmp_path.parent / "outside.txt").exists()


def test_not_a_backup_is_refused(site, tmp_path):
    """Any other file is refused with a clear message."""
    path = tmp_path / "holiday.tar.gz"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not an archive")
    _refused(path, "not a readable backup")


def test_backup_from_other_migrations_is_refused(site, tmp_path):
    """A backup made with another schema is refused, not half-loaded."""
    path = backup(tmp_path)

    def older(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"]["statements"] = "0001_initial"
            return json.dumps(manifest).encode()
        return data

    _refused(_rewrite(path, tmp_path / "older.tar.gz", older), "other migrations")


def test_restore_asks_before_replacing_content(site, tmp_path):
    """Without --yes, a database with content is not replaced."""
    path = backup(tmp_path)
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command(
            "restore_site", str(path), stdout=io.StringIO(), stdin=io.StringIO()
        )


def test_media_checksums_are_real_file_digests(site):
    """The manifest's checksums are the files' SHA-256, as sha256sum prints."""
    for name, digest in media_files().items():
        content = Path(settings.MEDIA_ROOT, name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == digest
