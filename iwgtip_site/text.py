"""Plain text typed by the public (a search query, a feedback comment), made safe to store and search.

Control characters have no business in either: a NUL byte even makes PostgreSQL refuse the query.
They become spaces, rather than being refused, so a reader who pasted one gets an answer, not an error.
"""

import re

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_EXCEPT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def without_control_characters(text, *, keep_newlines=False):
    """`text` with each control character made a space; with `keep_newlines`, line breaks stay (as "\\n")."""
    text = str(text or "")
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL_EXCEPT_NEWLINE.sub(" ", text)
    return _CONTROL.sub(" ", text)
