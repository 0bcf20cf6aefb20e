"""PostgreSQL text-search configuration per site language.

PostgreSQL ships stemmers for English and Russian but none for Azerbaijani,
so Azerbaijani uses ``ombudsman_az``: the ``simple`` parser with ``unaccent``,
which lets a reader who types "seki" find "Şəki". Languages added later fall
back to ``simple`` until someone maps them here.
"""

TEXT_SEARCH_CONFIGS = {"az": "ombudsman_az", "en": "english", "ru": "russian"}


def text_search_config(language):
    return TEXT_SEARCH_CONFIGS.get(language, "simple")
