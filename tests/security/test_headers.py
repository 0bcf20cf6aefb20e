"""Security headers and redirects: CSP, HSTS, nosniff, framing, referrer,
cookies in production, and redirects that only ever stay on this site."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.factories import make_statement, make_superuser, make_version

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def policy(response):
    """The Content-Security-Policy header as {directive: {sources}}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


def assert_same_site(location):
    """A redirect a browser resolves to this site: a path, no host or scheme."""
    parsed = urlsplit(location)
    assert not parsed.scheme and not parsed.netloc, location
    assert location.startswith("/") and not location.startswith(("//", "/\\"))


def assert_hardened(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/az/statements/",
        "/ru/search/?q=x",
        "/en/statements/no-such-page/",
        "/en/anniversaries/",
        "/admin/login/",
    ],
)
def test_public_pages_have_the_strict_policy(client, path):
    """Public pages (and the sign-in page) allow no inline script or style, no
    plugins, no framing, no foreign base or form target."""
    response = client.get(path)
    found = policy(response)
    if path.startswith("/admin/"):
        assert found["script-src"] == {"'self'"}
        assert "script-src-elem" not in found
    else:
        assert found == PUBLIC_POLICY
    assert_hardened(response)


@pytest.mark.django_db
def test_headers_are_on_pages_served_from_the_cache(client, settings):
    """A page the cache serves carries the same security headers as a fresh one."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    make_statement(languages=["en"])
    first = client.get("/en/")
    second = client.get("/en/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert policy(second) == PUBLIC_POLICY
    assert_hardened(second)


@pytest.mark.django_db
def test_only_the_editor_pages_allow_inline_script(client):
    """The admin is strict except where CKEditor 4 is on the page, which needs
    inline script; nowhere may script come from another site or be eval'ed."""
    statement = make_statement(languages=["en"])
    client.force_login(make_superuser())
    strict = [
        "/admin/",
        "/admin/statements/statement/",
        f"/admin/statements/statement/{statement.pk}/history/",
        "/admin/auth/user/",
        "/admin/two-factor/",
    ]
    editor = [
        "/admin/statements/statement/add/",
        f"/admin/statements/statement/{statement.pk}/change/",
    ]
    for path in strict + editor:
        response = client.get(path)
        assert response.status_code == 200, path
        found = policy(response)
        inline = "'unsafe-inline'" in found["script-src"]
        assert inline == (path in editor), path
        assert "'unsafe-eval'" not in found["script-src"]
        assert found["object-src"] == {"'none'"}
        assert found["frame-ancestors"] == {"'none'"}
        assert found["connect-src"] == {"'self'"}
        assert_hardened(response)


@pytest.mark.django_db
def test_typed_text_cannot_loosen_the_admin_policy(client):
    """A title that contains the editor's markers does not make a list page
    allow inline script: the policy follows what the server rendered."""
    statement = make_statement(languages=[])
    make_version(
        statement,
        "en",
        title='data-type="ckeditortype" /static/ckeditor/ckeditor/ckeditor.js',
    )
    client.force_login(make_superuser())
    response = client.get("/admin/statements/statement/")
    assert "'unsafe-inline'" not in policy(response)["script-src"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "http://testserver@evil.example/",
        "/%2F%2Fevil.example",
        "\x00https://evil.example/",
    ],
)
def test_sign_in_redirects_only_within_the_site(client, target):
    """After signing in, next= pointing anywhere else lands on the admin."""
    make_superuser(password="correct horse battery")
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": "admin", "password": "correct horse battery", "next": target},
    )
    # A NUL byte in the form is refused outright (400): no redirect at all.
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert_same_site(response["Location"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/en/", "javascript:alert(1)"]
)
def test_language_switch_redirects_only_within_the_site(client, target):
    """Switching language goes back to this site, whatever next= or Referer say."""
    response = client.post(
        "/i18n/setlang/",
        {"language": "ru", "next": target},
        HTTP_REFERER="https://evil.example/phish",
    )
    assert response.status_code == 302
    assert_same_site(response["Location"])


@pytest.mark.django_db
def test_logout_redirects_only_within_the_site(client):
    """Logging out with next= to another site stays on this one."""
    client.force_login(make_superuser())
    response = client.post("/admin/logout/?next=https://evil.example/")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert_same_site(response["Location"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//evil.example", "//evil.example/en/", "/\\evil.example/"]
)
def test_paths_that_look_like_other_sites_do_not_redirect_there(client, path):
    """Adding the language prefix or a slash never turns a path into a link
    to another host."""
    # PATH_INFO set directly: the test client would read "//host" as a host.
    response = client.get("/", PATH_INFO=path)
    if response.status_code in (301, 302):
        assert_same_site(response["Location"])
    else:
        assert response.status_code == 404


PRODUCTION_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
get_user_model().objects.create_superuser("admin", "a@example.org", "pass phrase 2026")
client = Client()
plain = client.get("/healthz")
secure = client.get("/healthz", secure=True)
login = client.post(
    "/admin/login/", {"username": "admin", "password": "pass phrase 2026"},
    secure=True,
)
cookies = {
    name: {key: str(morsel[key]) for key in ("secure", "httponly", "samesite")}
    for name, morsel in login.cookies.items()
}
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security", ""),
    "login": login.status_code,
    "cookies": cookies,
}))
"""


def test_production_sends_hsts_and_secure_cookies():
    """With production settings: plain HTTP is redirected to HTTPS, HTTPS
    answers carry HSTS (a year, subdomains, preload), and the session and CSRF
    cookies are Secure and SameSite=Lax (the session cookie HttpOnly too)."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.prod",
        "SECRET_KEY": "p" * 64,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["plain"] == [301, "https://testserver/healthz"]
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert found["login"] == 302
    session = found["cookies"]["sessionid"]
    assert session == {"secure": "True", "httponly": "True", "samesite": "Lax"}
    csrf = found["cookies"]["csrftoken"]
    assert csrf["secure"] == "True" and csrf["samesite"] == "Lax"


@pytest.mark.browser
def test_no_page_breaks_its_content_security_policy_in_a_browser(
    page, live_server, transactional_db
):
    """In Chromium, public pages and the admin (CKEditor included, typing and
    opening the image dialog) run without a single CSP violation."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    make_superuser(password="correct horse battery")
    statement = make_statement(languages=["az", "en", "ru"])
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in (
        "/az/",
        "/en/statements/",
        f"/ru/statements/{statement.slug}/",
        "/en/search/?q=statement",
        "/en/anniversaries/",
        "/en/statements/missing/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/statements/statement/add/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    editor = "#cke_id_versions-0-body"
    page.wait_for_selector(f"{editor} .cke_top", state="visible")
    frame = page.frame_locator(f"{editor} iframe.cke_wysiwyg_frame")
    frame.locator("body").click()
    page.keyboard.type("Typed under the policy.")
    page.click(f"{editor} .cke_button__image")
    page.locator(".cke_dialog a.cke_dialog_tab", has_text="Upload").click()
    page.wait_for_timeout(500)
    for path in ("/admin/", "/admin/statements/statement/", "/admin/two-factor/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []
