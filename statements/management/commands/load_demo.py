"""``manage.py load_demo``: the demo content and one demo account per role.

The accounts have fixed, published passwords. They are meant for a laptop or a
throw-away demo database, never for a site the public can reach.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction
from django.utils import timezone

from accounts import roles
from readers.demo import ensure_demo_contact
from statements.exchange.importers import (
    ImportValidationError,
    import_statements,
    load_file,
)
from statements.models import StaffProfile, Statement, Term

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "demo.json"
ADMIN_URL = "http://127.0.0.1:8000/admin/"
# The one demo statement that should always be "coming up": it is scheduled a
# week after the first load, so the site shows an unreleased statement.
SCHEDULED_SLUG = "care-home-monitoring-findings"
SCHEDULE_AHEAD = datetime.timedelta(days=7)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    superuser: bool = False
    languages: tuple = ()


DEMO_ACCOUNTS = (
    DemoAccount("admin", "demo-admin-2026", roles.ADMINISTRATOR, superuser=True),
    DemoAccount("editor", "demo-editor-2026", roles.EDITOR),
    DemoAccount("author", "demo-author-2026", roles.AUTHOR),
    DemoAccount(
        "translator",
        "demo-translator-2026",
        roles.TRANSLATOR,
        # Every language a demo statement is translated into: one original is
        # English, the others Azerbaijani.
        languages=("az", "en", "ru"),
    ),
)


# The office's fixed terms, for the translators' term base.
DEMO_TERMS = (
    {"az": "Müvəkkil", "en": "Commissioner", "ru": "Уполномоченный"},
    {
        "az": "20 Yanvar faciəsi",
        "en": "tragedy of 20 January",
        "ru": "трагедия 20 Января",
    },
    {"az": "Xocalı soyqırımı", "en": "Khojaly genocide", "ru": "Ходжалинский геноцид"},
    {"az": "insan hüquqları", "en": "human rights", "ru": "права человека"},
)


def ensure_terms():
    """The demo term base, once: an office that keeps its own is left alone."""
    if Term.objects.exists():
        return 0
    Term.objects.bulk_create(Term(texts=dict(texts)) for texts in DEMO_TERMS)
    return len(DEMO_TERMS)


def schedule_a_week_ahead(data, now=None):
    """Point the scheduled demo statement a week past ``now``, on the hour.

    Only on its first load: once the statement exists its stored time is written
    back into ``data``, so loading again changes nothing.
    """
    item = next(
        (
            statement
            for statement in data.get("statements") or []
            if isinstance(statement, dict) and statement.get("slug") == SCHEDULED_SLUG
        ),
        None,
    )
    if item is None:
        return None
    stored = list(
        Statement.objects.filter(slug=SCHEDULED_SLUG).values_list(
            "publish_at", flat=True
        )
    )
    if stored:
        moment = stored[0]
    else:
        office = ZoneInfo(settings.TIME_ZONE)
        later = (now or timezone.now()) + SCHEDULE_AHEAD
        moment = later.astimezone(office).replace(minute=0, second=0, microsecond=0)
    if moment is None:
        # Someone unscheduled it in the admin; an absent publish_at keeps it so.
        item.pop("publish_at", None)
    else:
        item["publish_at"] = moment.isoformat()
    return moment


def ensure_accounts():
    """Create the demo accounts that are missing: ``[(account, created)]``.

    An account that already exists is left exactly as it is, password included.
    """
    groups = {group.name: group for group in Group.objects.all()}
    missing = [account.role for account in DEMO_ACCOUNTS if account.role not in groups]
    if missing:
        raise CommandError(
            f"The role groups {', '.join(missing)} do not exist; "
            "run `manage.py migrate` first."
        )
    User = get_user_model()
    existing = set(
        User.objects.filter(
            username__in=[account.username for account in DEMO_ACCOUNTS]
        ).values_list("username", flat=True)
    )
    outcomes = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            outcomes.append((account, False))
            continue
        email = f"{account.username}@example.org"
        if account.superuser:
            user = User.objects.create_superuser(
                account.username, email, account.password
            )
        else:
            user = User.objects.create_user(
                account.username, email, account.password, is_staff=True
            )
        user.groups.add(groups[account.role])
        if account.languages:
            StaffProfile.objects.create(user=user, languages=list(account.languages))
        outcomes.append((account, True))
    return outcomes


class Command(BaseCommand):
    help = (
        "Load the demo statements from demo/demo.json and create one demo account "
        "per role (admin, editor, author, translator) with a fixed password. "
        "Running it again changes nothing. For demo databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even under production settings (public demo passwords!).",
        )

    @no_translations
    def handle(self, *args, **options):
        allowed = settings.DEBUG or getattr(settings, "DEMO_ALLOWED", False)
        if not allowed and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with published passwords outside "
                "development settings. Pass --allow-production for a public demo."
            )
        try:
            with transaction.atomic():
                accounts = ensure_accounts()
                ensure_terms()
                data = load_file(DEMO_FILE)
                scheduled = schedule_a_week_ahead(data)
                result = import_statements(
                    data, DEMO_FILE.parent, progress=False, stdout=self.stdout
                )
                ensure_demo_contact()
        except ImportValidationError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(
                f"{DEMO_FILE}: the demo content is invalid; nothing was loaded."
            ) from None
        self.stdout.write(f"Demo content: {result.summary()}")
        if scheduled is not None:
            when = scheduled.astimezone(ZoneInfo(settings.TIME_ZONE))
            self.stdout.write(
                f'"{SCHEDULED_SLUG}" is scheduled for {when:%Y-%m-%d %H:%M} '
                f"({settings.TIME_ZONE})."
            )
        self._print_accounts(accounts)

    def _print_accounts(self, accounts):
        rows = [("username", "password", "role", "")]
        for account, created in accounts:
            note = "created" if created else "already there, left unchanged"
            rows.append((account.username, account.password, account.role, note))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo accounts (demo only; anyone can read these):")
        for row in rows:
            cells = [
                cell.ljust(width) for cell, width in zip(row, widths, strict=False)
            ]
            self.stdout.write(f"  {'  '.join(cells)}  {row[3]}".rstrip())
        self.stdout.write("")
        self.stdout.write(f"Sign in at {ADMIN_URL}")
