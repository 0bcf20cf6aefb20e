"""``manage.py backup_site [FILE.tar.gz]``: see statements/exchange/backups.py."""

from django.core.management.base import BaseCommand, CommandError

from statements.exchange.backups import BackupError, default_name, make_backup


class Command(BaseCommand):
    help = (
        "Write the database's content and the uploaded files to one .tar.gz, "
        "with a manifest of row counts and checksums that restore_site checks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="Where to write the backup (default: backups/site-<time>.tar.gz).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the uploaded files out (when media is backed up apart).",
        )

    def handle(self, *args, file, no_media, **options):
        destination = file or default_name()
        try:
            manifest = make_backup(destination, include_media=not no_media)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        rows = sum(model["count"] for model in manifest["models"].values())
        self.stdout.write(
            f"Backed up {rows} rows and {len(manifest['files'])} files to {destination}"
        )
