"""``manage.py export_statements [FILE.json]``: the import format, written out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from statements.exchange.exporters import dumps, export_statements, file_paths


class Command(BaseCommand):
    help = (
        "Export people, topics, commemorations and statements as JSON that "
        "import_statements reads back. Given FILE, images and attachments are "
        "written beside it; without FILE the JSON goes to standard output and "
        "the files are not written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="Where to write the JSON (images/ and files/ go beside it).",
        )

    @no_translations
    def handle(self, *args, file=None, **options):
        destination = Path(file).parent if file else None
        if destination is not None:
            destination.mkdir(parents=True, exist_ok=True)
        try:
            data = export_statements(destination)
        except FileNotFoundError as error:
            raise CommandError(f"A stored file is missing: {error}") from None
        text, paths = dumps(data), file_paths(data)
        if file is None:
            self.stdout.write(text, ending="")
            if paths:
                self.stderr.write(
                    f"Warning: {len(paths)} images and attachments were not "
                    "written; give a FILE to write them beside it."
                )
            return
        Path(file).write_text(text, encoding="utf-8")
        self.stdout.write(
            f"Wrote {len(data['statements'])} statements to {file}, "
            f"with {len(paths)} images and attachments beside it."
        )
