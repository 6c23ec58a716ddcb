"""Rich text in XLIFF 1.2 as inline markup: each HTML tag a native code that CAT tools protect.

XLIFF 1.2 keeps a format's own codes inside a unit's `<source>` and `<target>`: each HTML tag is a `<bpt>`/`<ept>`
pair (or a `<ph>` for `<br>`, `<img>`...) that holds the tag itself, and only the text between them is for the
translator. `write` fills an element from HTML; `read` gives back the HTML an element holds, whatever the CAT
tool added around the codes (`<g>`, `<mrk>`). iwgtip_site.translation_exchange uses both.
"""

import re

_TAG = re.compile(r"(<[^>]*>)")
_VOID = {"br", "hr", "img", "wbr"}
_NATIVE_CODES = {"bpt", "ept", "ph", "it"}


def _tag_name(tag):
    return re.match(r"</?\s*([a-zA-Z0-9]+)", tag).group(1).lower() if re.match(r"</?\s*[a-zA-Z0-9]", tag) else ""


def write(node, html, namespace):
    """Fill the XLIFF element `node` with `html`: text, and each tag as a native code."""
    for child in list(node):
        node.remove(child)
    node.text, last, opened, number = "", None, [], 0
    for piece in _TAG.split(html):
        if not piece:
            continue
        if not _TAG.fullmatch(piece):
            if last is None:
                node.text += piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        number += 1
        name = _tag_name(piece)
        if piece.startswith("</") and opened:
            kind, code_id = "ept", opened.pop()
        elif name in _VOID or piece.endswith("/>"):
            kind, code_id = "ph", str(number)
        else:
            kind, code_id = "bpt", str(number)
            opened.append(code_id)
        last = node.makeelement(f"{{{namespace}}}{kind}", {"id": code_id})
        last.text = piece
        node.append(last)


def read(node):
    """The HTML an XLIFF element holds: its text, with native codes put back as the tags they hold (`<g>`
    and `<mrk>`, which CAT tools may add, are read through)."""
    parts = [node.text or ""]
    for child in node:
        name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if name in _NATIVE_CODES:
            parts.append("".join(child.itertext()))
        elif name in ("g", "mrk"):
            parts.append(read(child))
        parts.append(child.tail or "")
    return "".join(parts)
