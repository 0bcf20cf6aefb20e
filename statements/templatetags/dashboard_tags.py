from django import template

from statements.admin.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("admin/statements/dashboard.html", takes_context=True)
def editorial_dashboard(context):
    request = context["request"]
    return {
        "dashboard": dashboard_for(request.user),
        "request": request,
        "perms": context.get("perms"),
        "csrf_token": context.get("csrf_token"),
    }
