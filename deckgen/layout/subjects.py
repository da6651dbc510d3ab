"""What a continuation page adds, for its title: the method its code opens with.

A slide that continues its section says what it adds ("누수가 생기는 코드 · leak()"), so no
run of code pages shares one title; "(계속)" stays where nothing short says it (a table's
next rows, a list's next items).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import assert_never

from ..plan.talk import Box, Bullets, Code, Columns, Element, TableData, Takeaway

SUBJECT_CHARS = 18  # a subject short enough to join its section's title
_DECLARED = re.compile(r"^\s*(?:[\w<>\[\],?@]+\s+)*?(?:def\s+|fun\s+|func\s+|function\s+|fn\s+)?"
                       r"([A-Za-z_]\w*)\s*\([^;]*\)\s*(?:\{|:|->|throws\b|$)")
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "return", "new", "synchronized"})


def page_subject(elements: Sequence[Element]) -> str:
    """The subject of a continuation page's first element, or "" when none is short."""
    for element in elements:
        match element:
            case Code():
                return _declared(element.text)
            case TableData() | Bullets() | Columns() | Takeaway() | Box():
                return ""  # a table's next rows, a list's next items: "(계속)" says it
            case _:
                assert_never(element)
    return ""


def _declared(code: str) -> str:
    """The first method or function the code declares: `leak()`."""
    for line in code.split("\n"):
        found = _DECLARED.match(line)
        if found and found.group(1) not in _KEYWORDS and len(found.group(1)) < SUBJECT_CHARS:
            return f"{found.group(1)}()"
    return ""


