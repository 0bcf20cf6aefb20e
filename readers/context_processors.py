from django.conf import settings
from django.urls import reverse


def complaint(request):
    """Where "Submit a complaint" leads, on every page: no database query."""

    def url():
        if settings.COMPLAINT_URL:
            return settings.COMPLAINT_URL
        return reverse("readers:contact") + "#complaints"

    return {"complaint_url": url, "complaint_form_url": settings.COMPLAINT_URL}
