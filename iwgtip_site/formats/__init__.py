"""Date and number formats per language (settings.FORMAT_MODULE_PATH), and the one way to write a date in words.

Templates write dates in words with the `long_date` and `long_datetime` filters (iwgtip tags), code with
`date_in_words`: they follow DATE_FORMAT / DATETIME_FORMAT, except on the first of a month in a language whose
formats module has a FIRST_DAY_ variant (French: « 1er novembre 2001 », not « 1 novembre 2001 »). "Date
modified" stays in ISO form (2001-11-01), as on Canada.ca.
"""

import datetime

from django.utils import dateformat, formats, timezone


def date_in_words(value, format_name="DATE_FORMAT"):
    """`value`, a date or a datetime (shown in the site's time zone), written in the current language."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1:
        first_day = _first_day_format(format_name)
        if first_day:
            return dateformat.format(value, first_day)
    return formats.date_format(value, format_name)


def _first_day_format(format_name):
    for module in formats.get_format_modules():
        first_day = getattr(module, f"FIRST_DAY_{format_name}", None)
        if first_day:
            return first_day
    return None
