"""The "nothing lost" check shared by the fixture and CommonMark tests: every block of a
note ends on a slide, in the speaker notes, or in a warning with its line.

Pictures, formulas, diagrams and code are looked up by what they are; text (paragraphs,
table cells, headings) by its words in everything the laid-out deck holds as text: titles,
bodies, cards, tables and the pages' notes with what the layout moved there."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from deckgen.note.model import (CodeBlock, Diagram, Formula, Image, Paragraph, Table, plain,
                                walk)

WORD = re.compile(r"[\w가-힣]{2,}")


def texts_of(value: object, seen: set[int] | None = None) -> Iterator[str]:
    """Every string a frozen value holds, however deep (a deck, a talk, their notes)."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen or isinstance(value, (bytes, int, float, bool)) or value is None:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts_of(getattr(value, field.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item, seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from texts_of(item, seen)


def all_blocks(note) -> list:
    def sections(items):
        for section in items:
            yield from section.blocks
            yield from sections(section.children)
    return list(walk([*note.preamble, *sections(note.sections)]))


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def lost_blocks(prepared) -> list[tuple[str, int, str]]:
    """(kind, line, what is missing) for each block of the note found nowhere."""
    warned = {w.line for w in prepared.warnings}
    said = "\n".join(texts_of(prepared.deck)) + "\n" + "\n".join(texts_of(prepared.talk))
    flat = re.sub(r"\s+", "", said)
    shown = {picture for slide in prepared.talk.slides for picture in slide.pictures}
    shown |= {card.picture for slide in prepared.talk.slides for card in slide.cards}
    lost = []

    def missing_words(text: str) -> str:
        gone = [w for w in _words(text) if w not in said and w not in flat]
        return " ".join(gone[:5])

    for block in all_blocks(prepared.loaded.note):
        if getattr(block, "line", None) in warned:
            continue
        match block:
            case Image():
                gone = "" if block.ref in shown or block.ref.target in said else block.ref.target
            case Formula():
                gone = "" if block in shown or block.latex.strip() in said else block.latex[:40]
            case Diagram():
                gone = "" if block in shown or block.source.strip() in said else "diagram"
            case CodeBlock():
                gone = missing_words(block.text)
            case Table():
                gone = missing_words(" ".join(plain(cell) for row in (block.header, *block.rows)
                                              for cell in row))
            case Paragraph():
                gone = missing_words(plain(block.spans))
            case _:
                gone = ""
        if gone:
            lost.append((type(block).__name__, getattr(block, "line", 0), gone))
    return lost
