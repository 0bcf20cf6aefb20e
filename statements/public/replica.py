"""Whether this request's reads may go to the read replica.

The page cache (statements.public.cache) sets ``public_read`` for an anonymous
reader's GET of a public page; the project's database router
(ombudsman.routers) reads it. It lives in the app so the app does not import
the project package: the project depends on its apps, never the reverse.
"""

from contextvars import ContextVar

REPLICA = "replica"
public_read = ContextVar("public_read", default=False)
