"""Month names as Django's date filter asks for them in "j E Y" dates.

Listed here so that makemessages puts them in this project's catalogues:
Django's own Azerbaijani catalogue capitalises them ("19 Yanvar 2025"), while
Azerbaijani orthography writes months in lower case inside a date
("19 yanvar 2025"). Nothing imports this module.
"""

from django.utils.translation import pgettext_lazy

ALTERNATIVE_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
