"""Public reads may go to a read replica; everything else stays on the primary.

Only an anonymous reader's GET of a public page is routed to the replica
(statements.public.cache marks such requests in statements.public.replica.public_read):
staff must always read what they have just saved, and a replica may lag by a
moment.
"""

from django.conf import settings

from statements.public.replica import REPLICA, public_read


class PublicReadsToReplicaRouter:
    def db_for_read(self, model, **hints):
        if public_read.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
