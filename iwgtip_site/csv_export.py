"""CSV exports of the public lists (legislation, partners, pamphlet editions): the same items as the list
page, in its language and with its filters, for spreadsheet users.

UTF-8 with a byte-order mark, so that spreadsheet programs read accents and other scripts (Excel assumes a
legacy code page without it); one header row in the reader's language; addresses absolute. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) is written with a
leading apostrophe, as OWASP advises against CSV injection.
"""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, columns, rows):
    """A CSV attachment named `filename`: `columns` is [(header, function of a row)], `rows` the items."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header, _value in columns])
    for row in rows:
        writer.writerow([_cell(value(row)) for _header, value in columns])
    return response
