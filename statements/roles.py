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
]
STATEMENT_PARTS = ["statement", "coverage", "distribution", "attachment"]
REFERENCE_MODELS = ["person", "topic", "commemoration", "commemorationfigure"]


def _perms(actions, models):
    return [
        ("statements", f"{action}_{model}") for model in models for action in actions
    ]


ROLE_PERMISSIONS = {
    ADMINISTRATOR: _perms(["add", "change", "delete", "view"], CONTENT_MODELS)
    + [
        ("auth", f"{action}_{model}")
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ],
    EDITOR: _perms(["add", "change", "delete", "view"], CONTENT_MODELS),
    AUTHOR: _perms(["add", "change", "view"], [*STATEMENT_PARTS, "statementversion"])
    + _perms(["view"], [*REFERENCE_MODELS, "correction"]),
    TRANSLATOR: _perms(["add", "change", "view"], ["statementversion"])
    + _perms(["view"], [*STATEMENT_PARTS, *REFERENCE_MODELS, "correction"]),
}
