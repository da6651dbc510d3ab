"""Raw HTML blocks to their text, in one pass.

Regexes such as `<!--.*?-->` and `<[^>]*>` restart their search at every opener, so a block
of many `<` (or `<!--`) with no closer took time in the square of its length. This scanner
moves forward only: once no closer follows an opener, none follows a later one either.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"br\s*/?", re.I)


def html_text(html: str) -> str:
    """Comments dropped, `<br>` as a line break, every other tag as a space."""
    return _tags(_comments(html))


def _comments(text: str) -> str:
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        out.append(" ")
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _tags(text: str) -> str:
    out, pos = [], 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            break
        end = text.find(">", start + 1)
        if end < 0:
            break
        out.append(text[pos:start])
        out.append("\n" if _BREAK.fullmatch(text, start + 1, end) else " ")
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)
