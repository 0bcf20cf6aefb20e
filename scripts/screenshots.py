"""Screenshots of the public site for docs/screenshots/.

Run as ``.venv/bin/python scripts/screenshots.py``. It builds a throw-away
SQLite database in a temporary folder, loads the demo content (or, before
``load_demo`` exists, a couple of statements built here), serves it with
``runserver`` on a free local port, photographs the pages with Playwright and
Debian's Chromium, then stops the server and removes the folder. Nothing in
the working tree changes but the PNG files.
"""

import datetime
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "screenshots"
BROWSER_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
LANGUAGES = ("az", "en", "ru")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(workdir):
    """The environment shared by this process and the server it starts."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_URL": "dummy://",
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return {**os.environ, **environment}


def load_content():
    """The demo content when ``load_demo`` exists, else a small stand-in."""
    from django.core.management import call_command, get_commands

    call_command("migrate", verbosity=0, interactive=False)
    if "load_demo" in get_commands():
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
    else:
        build_stand_in()
    return anniversary_slug()


def anniversary_slug():
    """The slug of the statement on the 35th anniversary of 20 January 1990."""
    from statements.models import Statement, StatementKind

    anniversaries = Statement.objects.published().filter(
        kind=StatementKind.ANNIVERSARY, anniversary_year=2025
    )
    statement = (
        anniversaries.filter(commemoration__date=datetime.date(1990, 1, 20)).first()
        or anniversaries.order_by("publish_at").first()
    )
    if statement is None:
        raise SystemExit("No anniversary statement for 2025 in the content.")
    return statement.slug


def build_stand_in():
    """Two statements modelled on the example, for when the demo is missing."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from statements.models import (
        Commemoration,
        CommemorationFigure,
        Coverage,
        Person,
        Statement,
        StatementKind,
        StatementVersion,
        Topic,
        VersionStatus,
    )

    commissioner = Person.objects.create(
        key="commissioner",
        name={"en": "Sabina Aliyeva", "az": "Səbinə Əliyeva", "ru": "Сабина Алиева"},
        role={
            "en": "Commissioner for Human Rights",
            "az": "İnsan hüquqları üzrə müvəkkil",
            "ru": "Уполномоченный по правам человека",
        },
    )
    memory = Topic.objects.create(
        key="historical-memory",
        name={"en": "Historical memory", "az": "Tarixi yaddaş", "ru": "Память"},
    )
    january = Commemoration.objects.create(
        key="20-january",
        date=datetime.date(1990, 1, 20),
        name={"en": "Tragedy of 20 January", "az": "20 Yanvar faciəsi"},
    )
    for position, (label, value) in enumerate(
        [
            ({"en": "killed", "az": "həlak olub", "ru": "погибли"}, 150),
            ({"en": "injured", "az": "yaralanıb", "ru": "ранены"}, 744),
            ({"en": "detained", "az": "saxlanılıb", "ru": "задержаны"}, 841),
        ]
    ):
        CommemorationFigure.objects.create(
            commemoration=january, label=label, value=value, position=position
        )
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (60, 62, 70)).save(buffer, "JPEG")
    statement = Statement(
        slug="thirty-fifth-anniversary-of-20-january",
        kind=StatementKind.ANNIVERSARY,
        issued_by=commissioner,
        publish_at=datetime.datetime(2025, 1, 19, 6, tzinfo=datetime.UTC),
        original_language="en",
        commemoration=january,
        anniversary_year=2025,
        reference_number=12,
        reference_year=2025,
        hero_image_alt={
            "en": "Carnations laid at a memorial",
            "az": "Xatirə kompleksinə qərənfillər qoyulub",
            "ru": "Гвоздики у мемориала",
        },
    )
    statement.hero_image.save("memorial.jpg", ContentFile(buffer.getvalue()), False)
    statement.save()
    statement.topics.set([memory])
    Coverage.objects.create(
        statement=statement,
        outlet="News agency",
        url="https://example.org/",
        language="en",
    )
    titles = {
        "en": "Ombudsman issues statement on the 35th anniversary of 20 January",
        "az": "Ombudsman 20 Yanvar faciəsinin 35-ci ildönümü ilə bağlı bəyanat yayıb",
        "ru": "Омбудсмен выступила с заявлением в связи с 35-й годовщиной 20 Января",
    }
    for language, title in titles.items():
        StatementVersion.objects.create(
            statement=statement,
            language=language,
            title=title,
            summary=title,
            body="<p>" + title + ".</p>",
            status=VersionStatus.PUBLISHED,
        )


def start_server(environment, port, log):
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_healthy(base_url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver exited with status {server.returncode}.")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"{base_url}/healthz did not answer within {timeout} seconds.")


def stop_server(server):
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def photograph(base_url, slug):
    from playwright.sync_api import sync_playwright

    shots = [(f"home-{code}.png", f"/{code}/", DESKTOP) for code in LANGUAGES]
    shots += [
        (f"statement-{code}.png", f"/{code}/statements/{slug}/", DESKTOP)
        for code in LANGUAGES
    ]
    shots += [
        ("list-en.png", "/en/statements/", DESKTOP),
        ("phone-statement-en.png", f"/en/statements/{slug}/", PHONE),
    ]
    for code in LANGUAGES:
        shots += [
            (f"contact-{code}.png", f"/{code}/contact/", DESKTOP),
            (f"phone-contact-{code}.png", f"/{code}/contact/", PHONE),
            (f"alerts-{code}.png", f"/{code}/alerts/", DESKTOP),
            (f"phone-alerts-{code}.png", f"/{code}/alerts/", PHONE),
            (f"phone-statement-{code}.png", f"/{code}/statements/{slug}/", PHONE),
        ]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=BROWSER_PATH, headless=True, args=BROWSER_ARGS
        )
        try:
            for name, path, viewport in shots:
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                response = page.goto(base_url + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    status = response.status if response else "no response"
                    raise SystemExit(f"{path} answered {status}.")
                page.screenshot(path=str(OUTPUT / name), full_page=True)
                context.close()
                sys.stdout.write(f"docs/screenshots/{name}  {path}\n")
        finally:
            browser.close()


def main():
    workdir = Path(tempfile.mkdtemp(prefix="ombudsman-screenshots-"))
    server = None
    try:
        environment = configure(workdir)
        slug = load_content()
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        with open(workdir / "runserver.log", "w") as log:
            server = start_server(environment, port, log)
            try:
                wait_until_healthy(base_url, server)
                photograph(base_url, slug)
            finally:
                stop_server(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
