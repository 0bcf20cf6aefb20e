"""Setting up and entering a second factor; the page shown when locked out."""

import io
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import TokenForm
from accounts.models import two_factor_required

DEVICE_NAME = "authenticator"

staff_only = staff_member_required(login_url="admin:login")


def _next_url(request):
    """Where to go after the code: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _to(view_name, next_url):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': next_url})}")


def _context(request, **extra):
    context = admin.site.each_context(request)
    context.update(extra)
    return context


def _qr_svg(text):
    """The otpauth:// URL as an inline SVG QR code, made here (no third party)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration
    # Made from the device's key alone, never from input: safe to embed.
    return mark_safe(svg)


def _grouped(key):
    secret = b32encode(key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _verified_login(request, device):
    """Marks the session as verified with ``device``, under a fresh session key."""
    django_otp.login(request, device)
    request.session.cycle_key()


@never_cache
@staff_only
def manage(request):
    """Whether two-factor authentication is on for this account, and the way to
    turn it on or off."""
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        _context(
            request,
            title=_("Two-factor authentication"),
            enabled=user_has_device(user),
            required=two_factor_required(user),
            verified=user.is_verified(),
            form=TokenForm(),
        ),
    )


@never_cache
@staff_only
@sensitive_post_parameters("token")
def setup(request):
    """Shows a new key as a QR code; the first correct code from it turns it on.

    Someone who already has an authenticator must enter its code before adding
    another, so a stolen password alone cannot replace the second factor.
    """
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return _to("accounts:verify", reverse("accounts:setup"))
    if user_has_device(user):
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("accounts:manage")
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    ) or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            _verified_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("That code is not right. Check the app's clock, then try the new code."),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        _context(
            request,
            title=_("Set up two-factor authentication"),
            form=form,
            qr_code=_qr_svg(device.config_url),
            secret=_grouped(device.bin_key),
            next=_next_url(request),
            required=two_factor_required(user),
        ),
    )


@never_cache
@staff_only
@sensitive_post_parameters("token")
def verify(request):
    """Asks for the code after a password sign-in; too many wrong codes slow
    down further tries (django-otp's throttling)."""
    user = request.user
    devices = list(devices_for_user(user))
    if not devices:
        if two_factor_required(user):
            return _to("accounts:setup", _next_url(request))
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices:
            verified = django_otp.verify_token(user, device.persistent_id, token)
            if verified is not None:
                _verified_login(request, verified)
                return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or it has been used."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        _context(
            request,
            title=_("Enter your code"),
            form=form,
            next=_next_url(request),
            has_permission=False,
        ),
    )


@never_cache
@staff_only
@require_POST
@sensitive_post_parameters("token")
def disable(request):
    """Turns two-factor authentication off with a current code, unless a role
    requires it."""
    user = request.user
    if two_factor_required(user):
        messages.error(
            request, _("Your role requires two-factor authentication; it stays on.")
        )
        return redirect("accounts:manage")
    form = TokenForm(request.POST)
    devices = list(devices_for_user(user))
    if form.is_valid() and any(
        django_otp.verify_token(user, device.persistent_id, form.cleaned_data["token"])
        for device in devices
    ):
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, _("Two-factor authentication is off."))
    else:
        messages.error(request, _("That code is not right; nothing was changed."))
    return redirect("accounts:manage")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page: the same for every account name, known or not,
    and for a locked address; it does not repeat the name that was typed."""
    response = render(
        request,
        "accounts/locked_out.html",
        _context(request, title=_("Sign-in locked"), has_permission=False),
        status=429,
    )
    response["Retry-After"] = str(int(get_cool_off(request).total_seconds()))
    return response
