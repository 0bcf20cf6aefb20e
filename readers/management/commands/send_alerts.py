from django.core.management.base import BaseCommand

from readers.alerts import run


class Command(BaseCommand):
    help = (
        "E-mail subscribers about statements that have become public since the "
        "last run (scheduled ones included). Safe to run often and from several "
        "machines at once: each alert is sent once. See docs/operations.md."
    )

    def handle(self, *args, **options):
        outcome = run()
        self.stdout.write(
            f"Alerts: {outcome.planned} planned, {outcome.sent} sent, "
            f"{outcome.failed} failed."
        )
        if outcome.failed:
            # A non-zero exit makes the timer's unit show as failed.
            raise SystemExit(1)
