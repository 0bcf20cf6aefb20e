# Django's Russian formats, with no-break spaces inside a date: between the day
# and the month ("20 января") and before "г." ("1948 г.").
# Anything not set here comes from Django's own module for the language.
DATE_FORMAT = "j\u00a0E Y\u00a0г."
DATETIME_FORMAT = "j\u00a0E Y\u00a0г. G:i"
MONTH_DAY_FORMAT = "j\u00a0F"
YEAR_MONTH_FORMAT = "F Y\u00a0г."
