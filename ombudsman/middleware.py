"""Project-wide middleware: the admin's CSP and request limits.

A dead database needs none: its error reaches handler500
(ombudsman.errors.server_error), which answers with the 503 page.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig

from statements.admin.editor import EDITOR_SCRIPT


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict public policy everywhere; the admin's in the admin, relaxed
    for inline script only on the pages that show the rich-text editor.

    Whether a page shows the editor is read from what the server rendered (the
    form's media), never from the page's text, so nothing typed into a field
    can loosen the policy. It sits inside the page cache: a cached page is
    stored with its header, which depends only on the path.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            if renders_editor(response):
                parts.update = {
                    **(parts.update or {}),
                    **settings.EDITOR_CONTENT_SECURITY_POLICY_UPDATE,
                }
        return parts


def renders_editor(response):
    """Whether this admin page's form media includes CKEditor."""
    context = getattr(response, "context_data", None) or {}
    media = context.get("media")
    scripts = getattr(media, "_js", None) or []
    return any(EDITOR_SCRIPT in str(script) for script in scripts)


class RequestLimitsMiddleware:
    """Refuses, with Django's 400 page, what no form or filter can use.

    - A declared body over MAX_REQUEST_BODY_BYTES, before a byte of it is
      read: Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but would
      stream files of any size to disk.
    - A NUL character in a query or form field of the admin. No text here
      contains one, and PostgreSQL refuses it in any string, so a filter such
      as the admin's ?kind=%00 would otherwise end in a server error. (The
      public views check each parameter they read themselves.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            raise RequestDataTooBig(
                f"Request body of {length} bytes is over MAX_REQUEST_BODY_BYTES."
            )
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX) and (
            _has_nul(request.GET)
            or (request.method == "POST" and _has_nul(request.POST))
        ):
            raise BadRequest("A NUL character in the query or form data.")
        return self.get_response(request)


def _has_nul(data):
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in data.lists()
    )
