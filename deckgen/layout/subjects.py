"""What a continuation page adds, for its title: the method its code opens with, the
group (a sub-heading, a `▶ label`), the first bold phrase or step name of its list, the
range its numbered list or its table's first column covers, a callout's title.

A slide that continues its section says what it adds ("누수가 생기는 코드 · leak()",
"GC 알고리즘 · ZGC–Shenandoah", "목차 · 8–14"), so no run of pages shares one title;
"(계속)" stays where nothing short says it (prose, a takeaway, a long first cell).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import assert_never

from ..plan.talk import Box, Bullet, Bullets, Code, Columns, Element, TableData, Takeaway, Text, text_of

SUBJECT_CHARS = 18  # a subject short enough to join its section's title
_DECLARED = re.compile(r"^\s*(?:[\w<>\[\],?@]+\s+)*?(?:def\s+|fun\s+|func\s+|function\s+|fn\s+)?"
                       r"([A-Za-z_]\w*)\s*\([^;]*\)\s*(?:\{|:|->|throws\b|$)")
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "return", "new", "synchronized"})
_STEP = re.compile(rf"^\s*([^:：]{{1,{SUBJECT_CHARS}}}?)\s*[:：]\s+\S")  # "Mark: 살아 있는 …"
_KEY_BLOCK = re.compile(r"^(\s*)([A-Za-z_][\w.-]*):\s*$")  # a YAML key that opens a block
_NUMBER = re.compile(r"\d+")
RANGE = "–"


def page_subject(elements: Sequence[Element]) -> str:
    """The subject of a continuation page's first element, or "" when none is short."""
    for element in elements:
        match element:
            case Code():
                return _declared(element.text) or _opened_key(element.text)
            case Columns():
                return _short(element.groups[0].label) if element.groups else ""
            case Bullets():
                return _list_subject(element.items)
            case TableData():
                if all(text_of(row[0]).strip().isdigit() for row in element.rows if row):
                    continue  # numbered rows ("1", "2", "3") say less than what follows
                return _first_column(element.rows)
            case Box():
                return _short(element.title)
            case Takeaway():
                return ""  # a sentence: "(계속)" says it
            case _:
                assert_never(element)
    return ""


def _opened_key(code: str) -> str:
    """The outermost key whose block the page opens (YAML and the like): `spec`."""
    opened = [(len(found.group(1)), found.group(2)) for line in code.split("\n")
              for found in [_KEY_BLOCK.match(line)] if found]
    if not opened:
        return ""
    key = min(opened, key=lambda pair: pair[0])[1]
    return key if len(key) < SUBJECT_CHARS else ""


def _short(text: Text) -> str:
    shown = " ".join(text_of(text).split()).rstrip(":：")
    return shown if 0 < len(shown) <= SUBJECT_CHARS else ""


def _list_subject(items: tuple[Bullet, ...]) -> str:
    """The first point's bold phrase or step name ("Compact"), else the numbers the page's
    numbered points cover ("8–14")."""
    points = [b for b in items if b.level == 0]
    if not points:
        return ""
    first = points[0]
    bold = _short(_leading_bold(first.text))
    if bold:
        return bold
    step = _STEP.match(text_of(first.text))
    if step:
        return step.group(1).strip()
    numbers = [int(found.group()) for b in points if b.number
               for found in [_NUMBER.search(b.number)] if found]
    if numbers and numbers == sorted(set(numbers)):  # counted points: the range they cover
        return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}{RANGE}{numbers[-1]}"
    return _short(first.text)  # a short point names itself


def _leading_bold(text: Text) -> Text:
    """The bold (or highlighted) runs a point opens with."""
    shown = []
    for run in text:
        if not (run.marks.bold or run.marks.highlight):
            break
        shown.append(run)
    return tuple(shown)


def _first_column(rows: tuple[tuple[Text, ...], ...]) -> str:
    """The range of the page's rows by their first cells ("ZGC–Shenandoah")."""
    cells = [_short(row[0]) for row in rows if row]
    if not cells or not cells[0]:
        return ""
    if len(cells) == 1 or not cells[-1] or cells[-1] == cells[0]:
        return cells[0]
    both = f"{cells[0]}{RANGE}{cells[-1]}"
    return both if len(both) <= SUBJECT_CHARS * 1.5 else cells[0]


def _declared(code: str) -> str:
    """The first method or function the code declares: `leak()`."""
    for line in code.split("\n"):
        found = _DECLARED.match(line)
        if found and found.group(1) not in _KEYWORDS and len(found.group(1)) < SUBJECT_CHARS:
            return f"{found.group(1)}()"
    return ""


