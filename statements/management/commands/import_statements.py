"""``manage.py import_statements FILE.json``: the format is docs/import-format.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from statements.exchange.importers import (
    ImportValidationError,
    import_statements,
    load_file,
)

# Below this many statements an import is over before a progress bar helps.
LONG_FILE = 100


class Command(BaseCommand):
    help = (
        "Import people, topics, commemorations and statements from a JSON file. "
        "The whole file is checked first: if anything is wrong, every problem is "
        "listed and nothing is written. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="The JSON file. Image and attachment paths in it are relative to "
            "its folder.",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show progress bars even when standard error is not a terminal.",
        )

    @no_translations
    def handle(self, *args, file, progress, **options):
        path = Path(file)
        try:
            data = load_file(path)
            statements = data.get("statements")
            long_file = isinstance(statements, list) and len(statements) >= LONG_FILE
            result = import_statements(
                data,
                path.parent,
                progress=progress or (long_file and self.stderr.isatty()),
                # The raw stream: OutputWrapper would end every bar redraw
                # with a newline.
                stdout=getattr(self.stderr, "_out", self.stderr),
            )
        except ImportValidationError as error:
            for message in error.errors:
                self.stderr.write(message)
            count = len(error.errors)
            noun = "problem" if count == 1 else "problems"
            raise CommandError(
                f"{path}: {count} {noun} found; nothing was imported."
            ) from None
        self.stdout.write(result.summary())
