"""Accounts under attack: password guessing, stolen passwords, stolen sessions
and password-reset tricks.

Sign-in throttling (django-axes), two-factor authentication (django-otp,
accounts app), session handling and password reset, each driven through the
real admin pages with the test client.
"""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RolePolicy
from accounts.roles import ADMINISTRATOR, EDITOR
from statements.models import AuditAction, AuditEntry
from tests.factories import make_staff, make_statement, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery"
WRONG = "Tr0ub4dor&3 wrong"
CSRF_INPUT = re.compile(
    r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">'
)


def attempt(client, username, password, address="192.0.2.1", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


def signed_in(client):
    return client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def page_text(response):
    return CSRF_INPUT.sub("", response.content.decode())


# Throttling ----------------------------------------------------------------


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    """Before any lockout, a wrong password and a made-up name get the same
    page with the same message."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    known = attempt(client, "leyla", WRONG)
    unknown = attempt(client, "nobody-here", WRONG)
    assert known.status_code == unknown.status_code == 200
    message = "Please enter the correct username and password for a staff account."
    assert message in known.content.decode()
    assert page_text(known).replace("leyla", "NAME") == page_text(unknown).replace(
        "nobody-here", "NAME"
    )


def test_account_is_locked_after_repeated_failures_even_with_the_password(client):
    """After AXES_FAILURE_LIMIT wrong passwords the right one is refused with
    the lockout page (429), and every try is still in the audit log."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "leyla", WRONG).status_code == 200
    assert attempt(client, "leyla", WRONG).status_code == 429
    locked = attempt(client, "leyla", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    assert not signed_in(client)
    failures = AuditEntry.objects.filter(
        action=AuditAction.LOGIN_FAILED, username="leyla"
    )
    assert failures.count() >= settings.AXES_FAILURE_LIMIT


def test_lockout_page_is_the_same_for_unknown_and_known_accounts():
    """The lockout page does not tell whether the account exists: it is the
    same page, without the name typed, for both."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    pages = []
    for name, address in (("leyla", "192.0.2.1"), ("ghost-account", "192.0.2.2")):
        client = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, name, WRONG, address=address)
        response = attempt(client, name, WRONG, address=address)
        assert response.status_code == 429
        assert name not in response.content.decode()
        pages.append(page_text(response))
    assert pages[0] == pages[1]


def test_one_address_guessing_many_accounts_is_locked(client):
    """Failures spread over many names from one address lock that address:
    even a real account with its right password cannot sign in from it."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{number}", WRONG, address="198.51.100.7")
    assert attempt(client, "leyla", PASSWORD, address="198.51.100.7").status_code == 429
    other = Client()
    assert attempt(other, "leyla", PASSWORD, address="203.0.113.9").status_code == 302


def test_forged_forwarded_for_does_not_spread_the_failures(client):
    """A client cannot escape the per-address count by sending a different
    X-Forwarded-For each time: without a trusted proxy the header is ignored."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            f"guess{number}",
            WRONG,
            address="198.51.100.8",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    response = attempt(
        client,
        "leyla",
        PASSWORD,
        address="198.51.100.8",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert response.status_code == 429


def test_one_account_guessed_from_many_addresses_is_locked():
    """Failures against one account from many addresses lock the account, so
    a botnet cannot keep guessing it."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "leyla", WRONG, address=f"203.0.113.{number + 1}")
    fresh = Client()
    assert attempt(fresh, "leyla", PASSWORD, address="192.0.2.200").status_code == 429


def test_an_administrator_can_unlock(client):
    """An administrator (the role, not a superuser) deletes the lockout in the
    admin's list of sign-in attempts; the person can then sign in."""
    make_user(username="leyla", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "leyla", WRONG, address="192.0.2.50")
    assert attempt(Client(), "leyla", PASSWORD, address="192.0.2.50").status_code == 429

    administrator = make_staff(ADMINISTRATOR)
    client.force_login(administrator)
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = client.get(changelist, HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert "leyla" in listing.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    confirm = client.post(
        changelist, {"action": "delete_selected", "_selected_action": ids}
    )
    assert confirm.status_code == 200
    done = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(Client(), "leyla", PASSWORD, address="192.0.2.50").status_code == 302


def test_editors_cannot_unlock_or_set_sign_in_policies(client):
    """Only administrators see sign-in attempts, authenticators and policies."""
    client.force_login(make_staff(EDITOR))
    for name in (
        "admin:axes_accessattempt_changelist",
        "admin:accounts_rolepolicy_changelist",
        "admin:otp_totp_totpdevice_changelist",
    ):
        assert client.get(reverse(name)).status_code == 403


# Two-factor authentication -------------------------------------------------


def code_for(device, offset=0):
    """The code an authenticator app shows now (``offset`` steps away)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def staff_with_authenticator():
    user = make_staff(EDITOR, username="rashad", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def password_sign_in(client, user):
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 302
    return response


def test_a_password_alone_does_not_open_the_admin_when_2fa_is_on(
    client, staff_with_authenticator
):
    """With an authenticator set up, the admin, the uploader and staff previews
    all send a password-only session to the code page."""
    user, _device = staff_with_authenticator
    password_sign_in(client, user)
    statement = make_statement(languages=["en"], status="draft")
    for path in (
        "/admin/",
        "/admin/statements/statement/",
        f"/admin/statements/statement/{statement.pk}/change/",
        f"/en/statements/{statement.slug}/preview/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/verify/?next=")
    upload = client.post("/admin/editor-upload/")
    assert upload.status_code == 302
    assert upload["Location"].startswith("/admin/two-factor/verify/")


def test_a_wrong_code_is_refused_and_the_right_one_opens_the_admin(
    client, staff_with_authenticator
):
    """A wrong code keeps the door shut; the right one opens it, under a new
    session key."""
    user, device = staff_with_authenticator
    password_sign_in(client, user)
    verify = "/admin/two-factor/verify/?next=/admin/"
    wrong = client.post(verify, {"token": "000000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert not signed_in(client)
    time.sleep(1.1)  # django-otp's throttling after the failure
    before = client.session.session_key
    right = client.post(verify, {"token": code_for(device), "next": "/admin/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.session.session_key != before
    assert signed_in(client)


@pytest.mark.parametrize(
    "token", ["", "12345", "1234567", "abcdef", "12 345", "١٢٣٤٥٦", "' OR 1=1 --"]
)
def test_malformed_codes_are_refused(client, staff_with_authenticator, token):
    """Codes of the wrong length, letters, non-ASCII digits or SQL are refused
    as a form error, never a server error."""
    user, _device = staff_with_authenticator
    password_sign_in(client, user)
    response = client.post("/admin/two-factor/verify/", {"token": token})
    assert response.status_code == 200
    assert not signed_in(client)


def test_a_code_cannot_be_used_twice(staff_with_authenticator):
    """A code seen over someone's shoulder does not work after they used it."""
    user, device = staff_with_authenticator
    token = code_for(device)
    first, second = Client(), Client()
    password_sign_in(first, user)
    assert first.post("/admin/two-factor/verify/", {"token": token}).status_code == 302
    password_sign_in(second, user)
    second.post("/admin/two-factor/verify/", {"token": token})
    assert not signed_in(second)


def test_guessing_codes_is_throttled(client, staff_with_authenticator):
    """After wrong codes even the right one is refused for a while (the wait
    doubles with each failure), so codes cannot be guessed at speed."""
    user, device = staff_with_authenticator
    password_sign_in(client, user)
    for guess in ("111111", "222222", "333333", "444444"):
        client.post("/admin/two-factor/verify/", {"token": guess})
    client.post("/admin/two-factor/verify/", {"token": code_for(device)})
    assert not signed_in(client)
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_next_after_the_code_stays_on_this_site(client, staff_with_authenticator):
    """The code page's next= cannot send anyone to another site."""
    user, device = staff_with_authenticator
    password_sign_in(client, user)
    response = client.post(
        "/admin/two-factor/verify/",
        {"token": code_for(device), "next": "https://evil.example/phish"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_stolen_password_cannot_replace_the_authenticator(
    client, staff_with_authenticator
):
    """Someone with the password but not the phone cannot set up a new
    authenticator: set-up asks for the current code first."""
    user, _device = staff_with_authenticator
    password_sign_in(client, user)
    response = client.get("/admin/two-factor/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_role_policy_makes_staff_set_up_2fa_before_using_the_admin(client):
    """When an administrator requires 2FA for editors, an editor without it is
    sent to set it up; the QR code is drawn on the page (no outside service);
    the first right code turns it on and opens the admin."""
    editor = make_staff(EDITOR, username="nigar", password=PASSWORD)
    RolePolicy.objects.create(group=Group.objects.get(name=EDITOR))
    password_sign_in(client, editor)
    response = client.get("/admin/statements/statement/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/")
    setup = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    content = setup.content.decode()
    assert setup.status_code == 200
    figure = content[content.index('class="two-factor__qr"') :]
    svg = figure[figure.index("<svg") : figure.index("</svg>")]
    assert "<path" in svg
    assert not re.search(r'(?:src|href)="https?://', content)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    done = client.post(
        "/admin/two-factor/setup/",
        {"token": code_for(device), "next": "/admin/statements/statement/"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/admin/statements/statement/"
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/admin/statements/statement/").status_code == 200


def test_policy_applies_to_sessions_already_signed_in(client):
    """Requiring 2FA for a role takes effect for its members' open sessions."""
    editor = make_staff(EDITOR, username="nigar", password=PASSWORD)
    password_sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    policy = RolePolicy.objects.create(group=Group.objects.get(name=EDITOR))
    from accounts.policy import _bump

    _bump()  # what the transaction's on_commit does outside a test
    assert client.get("/admin/").status_code == 302
    policy.delete()


def test_required_2fa_cannot_be_turned_off(client):
    """An editor whose role requires 2FA cannot switch it off, even with a code."""
    editor = make_staff(EDITOR, username="nigar", password=PASSWORD)
    RolePolicy.objects.create(group=Group.objects.get(name=EDITOR))
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    password_sign_in(client, editor)
    client.post("/admin/two-factor/verify/", {"token": code_for(device)})
    client.post("/admin/two-factor/disable/", {"token": code_for(device, 1)})
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_an_administrator_sets_the_policy_in_the_admin(client):
    """The Administrator role can require 2FA for a role from the admin."""
    client.force_login(make_staff(ADMINISTRATOR))
    response = client.post(
        reverse("admin:accounts_rolepolicy_add"),
        {"group": Group.objects.get(name=EDITOR).pk, "require_two_factor": "on"},
    )
    assert response.status_code == 302
    assert RolePolicy.objects.get().require_two_factor


def test_administrators_see_authenticators_but_never_their_keys(client):
    """The authenticator admin lists who has one and can remove it; the secret
    key is shown nowhere."""
    user = make_user(username="kamran")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(make_staff(ADMINISTRATOR))
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.exists()


# Sessions -------------------------------------------------------------------


def test_sign_in_rotates_the_session_key(client):
    """A session id planted before sign-in (fixation) is not the one after."""
    user = make_user(username="leyla", password=PASSWORD, is_staff=True)
    client.get(LOGIN)
    session = client.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = planted
    password_sign_in(client, user)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert not signed_in(stolen)


def test_logout_ends_the_session_everywhere_it_was_copied(client):
    """A copied session cookie stops working once its owner logs out."""
    user = make_user(username="leyla", password=PASSWORD, is_staff=True)
    password_sign_in(client, user)
    copy = Client()
    copy.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    assert signed_in(copy)
    assert client.post("/admin/logout/").status_code == 200
    assert not signed_in(copy)


def test_password_change_ends_other_sessions(client):
    """Changing one's password signs out every other session of the account
    and gives this one a new key."""
    user = make_user(username="leyla", password=PASSWORD, is_staff=True)
    other = Client()
    password_sign_in(other, user)
    password_sign_in(client, user)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    new = "a much longer new passphrase 2026"
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert not signed_in(other)


def test_password_set_by_an_administrator_ends_the_users_sessions(client):
    """When an administrator sets someone's password, their sessions end."""
    user = make_user(username="leyla", password=PASSWORD, is_staff=True)
    victim = Client()
    password_sign_in(victim, user)
    client.force_login(make_staff(ADMINISTRATOR))
    new = "another long passphrase 2026"
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = client.post(
        url, {"password1": new, "password2": new, "usable_password": "true"}
    )
    assert response.status_code == 302
    assert not signed_in(victim)


def test_deactivation_ends_the_session(client):
    """A deactivated account's open session no longer opens anything."""
    user = make_user(username="leyla", password=PASSWORD, is_staff=True)
    password_sign_in(client, user)
    assert signed_in(client)
    user.is_active = False
    user.save()
    assert not signed_in(client)
    assert attempt(Client(), "leyla", PASSWORD).status_code == 200


# Password reset ---------------------------------------------------------------


def request_reset(client, email, **extra):
    return client.post(
        reverse("admin_password_reset"),
        {"email": email},
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


def test_reset_mails_the_stored_address_only():
    """Asking with another capitalisation still mails the address on file."""
    make_user(username="mike", email="mike@example.org", is_staff=True)
    response = request_reset(Client(), "MIKE@EXAMPLE.ORG")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["mike@example.org"]]


@pytest.mark.parametrize(
    "look_alike",
    [
        "mıke@example.org",  # dotless ı (Azerbaijani, Turkish)
        "MİKE@example.org",  # dotted capital İ
        "mike@examp1e.org",
        "mike@example.org\nBcc: attacker@evil.example",
        "mike@example.org, attacker@evil.example",
        "ｍｉｋｅ@example.org",  # full-width letters
    ],
    ids=["dotless-i", "dotted-capital-i", "digit-one", "header", "list", "fullwidth"],
)
def test_reset_never_mails_a_look_alike_address(look_alike):
    """A Unicode look-alike or a smuggled second address gets no mail at all,
    or only the stored address does; never the address typed."""
    make_user(username="mike", email="mike@example.org", is_staff=True)
    response = request_reset(Client(), look_alike)
    assert response.status_code in (200, 302)
    for message in mail.outbox:
        assert message.to == ["mike@example.org"]
        assert message.bcc == [] and message.cc == []


def test_reset_does_not_tell_whether_an_address_exists():
    """A known and an unknown address get the same "sent" answer."""
    make_user(username="mike", email="mike@example.org", is_staff=True)
    known = request_reset(Client(), "mike@example.org")
    unknown = request_reset(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_reset_link_works_once(client):
    """The link in the mail sets a new password once; used again, it is void."""
    make_user(username="mike", email="mike@example.org", is_staff=True)
    request_reset(client, "mike@example.org")
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "a brand new passphrase 2026"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    again = Client().get(link, follow=True)
    assert "new_password1" not in again.content.decode()


def test_reset_ignores_inactive_accounts():
    """A deactivated account cannot be brought back by a password reset."""
    make_user(username="mike", email="mike@example.org", is_staff=True, is_active=False)
    request_reset(Client(), "mike@example.org")
    assert mail.outbox == []


def test_reset_refuses_a_forged_host_header():
    """A forged Host cannot plant its own domain in the reset link."""
    make_user(username="mike", email="mike@example.org", is_staff=True)
    response = request_reset(Client(), "mike@example.org", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert mail.outbox == []
