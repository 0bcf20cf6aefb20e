"""PostgreSQL text-search configuration per site language, as migrations
0004 and 0012 used it. Search no longer reads it: since 0014 the app makes the
terms itself (statements/public/search/text.py) and stores them with ``simple``.

PostgreSQL ships stemmers for English and Russian but none for Azerbaijani,
so Azerbaijani uses ``ombudsman_az``: the ``simple`` parser with ``unaccent``,
which lets a reader who types "seki" find "Şəki". The mapping is each language
profile's ``text_search_config`` (statements/i18n/languages.py); a language without
one falls back to ``simple``.

Migration 0012 writes this mapping into the definition of the stored column
``search_vector``: the database applies it to documents, this module to
queries. Changing it therefore needs a migration that redefines the column,
or documents and queries would be stemmed differently and stop matching.
"""

from statements.i18n.languages import profile


def text_search_config(language):
    return profile(language).text_search_config
