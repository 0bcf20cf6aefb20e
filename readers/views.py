"""The contact page and the e-mail alert pages."""

from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from readers.forms import SubscribeForm
from readers.models import OfficeContact, Subscriber
from readers.subscriptions import confirm as confirm_subscription
from readers.subscriptions import read_token, request_subscription


@require_GET
def contact(request):
    return render(request, "readers/contact.html", {"contact": OfficeContact.current()})


# No CSRF token on these forms: a forged request could only do what anyone
# may do anyway (ask for a confirmation mail, follow a link from it), and a
# page without a token's cookie stays in the public page cache.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def alerts(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            request_subscription(
                data["email"], data["language"], data["kinds"], data["topics"]
            )
            return redirect("readers:alerts_sent")
    else:
        form = SubscribeForm()
    return render(request, "readers/alerts.html", {"form": form})


@never_cache
@require_GET
def alerts_sent(request):
    return render(request, "readers/alerts_sent.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A button rather than the link itself confirms: mail scanners that
    follow links must not subscribe anyone."""
    data = read_token(token)
    if data is None:
        return render(request, "readers/confirm.html", {"invalid": True}, status=410)
    if request.method == "POST":
        subscriber = confirm_subscription(data)
        with translation.override(subscriber.language):
            return render(
                request,
                "readers/confirm.html",
                {"done": True, "subscriber": subscriber},
            )
    return render(request, "readers/confirm.html", {"email": data["e"]})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, key):
    """GET asks; POST, from the page or a mail client's one-click
    (List-Unsubscribe-Post, RFC 8058), removes the address. Every key, known
    or not, gets the same answer."""
    if request.method == "POST":
        Subscriber.objects.filter(key=key).delete()
        return render(request, "readers/unsubscribe.html", {"done": True})
    return render(request, "readers/unsubscribe.html", {"done": False})
