"""The staff roles and the model permissions each one holds.

The data migration creates the groups from this table; the workflow rules that
model permissions cannot express (who may publish what) build on the same
names.
"""

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
AUTHOR = "Author"
TRANSLATOR = "Translator"

CONTENT_MODELS = [
    "statement",
    "statementversion",
    "correction",
    "coverage",
    "distribution",
    "attachment",
    "person",
    "topic",
    "commemoration",
    "commemorationfigure",
    "term",
]
STATEMENT_PARTS = ["statement", "coverage", "distribution", "attachment"]
REFERENCE_MODELS = ["person", "topic", "commemoration", "commemorationfigure", "term"]


def _perms(actions, models):
    return [
        ("statements", f"{action}_{model}") for model in models for action in actions
    ]


EDITORIAL = [
    ("statements", "publish_statementversion"),
    ("statements", "schedule_statement"),
    ("statements", "withdraw_statement"),
    ("statements", "view_auditentry"),
]

# Administrators unlock sign-ins (deleting django-axes' attempts), remove a
# lost authenticator, and set which roles need two-factor authentication.
SIGN_IN_ADMINISTRATION = [
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accesslog"),
    ("otp_totp", "view_totpdevice"),
    ("otp_totp", "delete_totpdevice"),
    *(
        ("accounts", f"{action}_rolepolicy")
        for action in ("add", "change", "delete", "view")
    ),
]

ROLE_PERMISSIONS = {
    ADMINISTRATOR: _perms(["add", "change", "delete", "view"], CONTENT_MODELS)
    + EDITORIAL
    + _perms(["add", "change", "delete", "view"], ["staffprofile"])
    + [
        ("auth", f"{action}_{model}")
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ]
    + SIGN_IN_ADMINISTRATION,
    EDITOR: _perms(["add", "change", "delete", "view"], CONTENT_MODELS) + EDITORIAL,
    AUTHOR: _perms(["add", "change", "view"], [*STATEMENT_PARTS, "statementversion"])
    + _perms(["view"], [*REFERENCE_MODELS, "correction"]),
    TRANSLATOR: _perms(["add", "change", "view"], ["statementversion"])
    + _perms(["view"], [*STATEMENT_PARTS, *REFERENCE_MODELS, "correction"]),
}


def sync_role_permissions(apps):
    """Give each role group exactly the permissions in ROLE_PERMISSIONS.

    Called from migrations with the historical app registry; permissions of
    models or Meta options that do not exist yet at that point are skipped and
    granted by the later migration that calls this again.
    """
    from django.contrib.auth.management import create_permissions
    from django.db.models import Q

    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which would make
        # create_permissions skip them; lend one for the call.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        wanted = Q(pk__in=[])
        for app_label, codename in codenames:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(permission_model.objects.filter(wanted))
