"""Plain text: typed by the public (a search query, a feedback comment), made safe to store and search; and
spaces collapsed for display without losing the no-break ones.

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


# Whitespace that may break a line. No-break spaces (French typography puts one before « : ; ! ? » and
# inside « », and in "1 000") are not in it: they keep what they join together.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def collapse_spaces(text):
    """`text` with each run of breaking whitespace made one space, trimmed; no-break spaces are kept."""
    return _BREAKING_SPACE.sub(" ", str(text or "")).strip()
