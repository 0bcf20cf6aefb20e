"""The app's modules the bench uses, imported in this one place.

The bench reaches into the app for its models, its sanitiser and its search
pipeline, so that what it loads is what the app would store. When those
modules move, this is the file to change.
"""

import functools
from types import SimpleNamespace


@functools.cache
def app():
    """The modules, once Django is set up."""
    from django.apps import apps
    from django.db import DEFAULT_DB_ALIAS
    from django.utils import translation
    from django.utils.translation import gettext

    from statements import models
    from statements.content.sanitizer import html_to_text, sanitize_html
    from statements.i18n.languages import anniversary_phrase, localized
    from statements.public.queries import public_versions
    from statements.public.search import index as search_index
    from statements.public.search.query import search
    from statements.public.search.text import terms

    return SimpleNamespace(
        models=models,
        refresh_release=models.refresh_release,
        search_index=search_index,
        tsvector_literal=search_index.tsvector_literal,
        # search_index's own reading of the rows, as reindex() writes them.
        documents=lambda ids: search_index._documents(ids, apps, DEFAULT_DB_ALIAS),
        refresh_release_only=functools.partial(
            _refresh_release_only, models, search_index
        ),
        terms=terms,
        localized=localized,
        anniversary_phrase=anniversary_phrase,
        html_to_text=html_to_text,
        sanitize_html=sanitize_html,
        search=search,
        public_versions=public_versions,
        translation=translation,
        gettext=gettext,
    )


def _refresh_release_only(models, search_index):
    """The app's refresh_release() for every statement, but for its search pass.

    The loader has already written the terms of every published version;
    reindexing them all again is what made the load slow. The versions that
    did not come out (a language missing, a draft) lose their terms here,
    as reindex() would have removed them.
    """
    from unittest import mock

    from django.db import connection

    with mock.patch.object(search_index, "reindex", lambda *a, **k: None):
        models.refresh_release()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {search_index.VERSION_TABLE} SET search_vector = NULL "
            "WHERE released_at IS NULL AND search_vector IS NOT NULL"
        )
