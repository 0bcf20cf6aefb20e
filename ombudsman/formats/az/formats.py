# Django's Azerbaijani formats, with a no-break space between the day and the
# month so that "20 yanvar" never breaks across two lines.
# Anything not set here comes from Django's own module for the language.
DATE_FORMAT = "j\u00a0E Y"
DATETIME_FORMAT = "j\u00a0E Y, G:i"
MONTH_DAY_FORMAT = "j\u00a0F"
YEAR_MONTH_FORMAT = "F Y"
