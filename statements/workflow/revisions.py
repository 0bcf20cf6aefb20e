"""What django-reversion keeps: a statement with its children, each version
with its corrections, and the reference data. Every request that saves one of
these is a revision (RevisionMiddleware), so history is complete whoever saved.
"""

import reversion

from statements import models


def register_models():
    registrations = [
        (models.Statement, ["versions", "coverage", "sent_to", "attachments"]),
        (models.StatementVersion, ["corrections"]),
        (models.WorkingDraft, []),
        (models.Correction, []),
        (models.Coverage, []),
        (models.Distribution, []),
        (models.Attachment, []),
        (models.Commemoration, ["figures"]),
        (models.CommemorationFigure, []),
        (models.Person, []),
        (models.Topic, []),
    ]
    for model, follow in registrations:
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
