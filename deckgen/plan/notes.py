"""Speaker notes: the note's own words for a slide, as clean text without Markdown marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union, assert_never

import re

from ..note.model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                          ListBlock, Paragraph, Rule, Table, lines_of, plain)
from .labels import word
from .talk import Notes
from .timing import clock

_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bmailto:\S+")


@dataclass(frozen=True)
class NotesOnly:
    """Text that only the speaker notes carry: the unshown end of a long code block."""

    text: str
    line: int


Flowing = Union[Block, NotesOnly]  # what a topic carries: the note's blocks, notes-only text


def notes_of(blocks: Sequence[Block | NotesOnly]) -> str:
    """Paragraphs keep their line breaks, list items their numbers; pictures are left out."""
    parts = [text for block in blocks if (text := _block_text(block, 0))]
    return "\n\n".join(parts)


def _block_text(block: Block | NotesOnly, depth: int) -> str:
    match block:
        case Paragraph():
            return "\n".join(plain(line) for line in lines_of(block.spans))
        case Heading():
            return plain(block.spans)
        case ListBlock():
            return "\n".join(_item_lines(block, depth))
        case Callout():
            inner = notes_of(block.blocks)
            title = plain(block.title)
            return f"{title}\n{inner}".strip() if title else inner
        case NotesOnly():
            return block.text
        case Table() | CodeBlock() | Image() | Diagram() | Formula() | Rule() | Demo():
            return ""  # on the slide (a diagram's source goes with it), or nothing to say
        case Embed():
            return ""  # resolved before planning; one left over brings nothing
        case _:
            assert_never(block)


def _item_lines(block: ListBlock, depth: int) -> list[str]:
    out: list[str] = []
    indent = "  " * depth
    for item in block.items:
        marker = f"{item.number}{block.delimiter}" if block.ordered and item.number is not None \
            else "•" if depth == 0 else "–"
        texts = [t for b in item.blocks if not isinstance(b, ListBlock)
                 and (t := _block_text(b, depth + 1))]
        first = " ".join(" ".join(texts).split()) if texts else ""
        if first:
            out.append(f"{indent}{marker} {first}")
        for nested in item.blocks:
            if isinstance(nested, ListBlock):
                out.extend(_item_lines(nested, depth + 1))
    return out


def spoken(notes: str) -> str:
    """What a speaker actually says from notes: URLs are not read out."""
    return _URL.sub(" ", notes)


def notes_text(notes: Notes, language: str) -> str:
    """The notes as the speaker reads them: the script with what the slide draws and the
    demo's time, then, under one "more detail" line, the script's unsaid end and what fitting
    moved off the slide. The words deckgen adds follow the talk's language."""
    head = "\n\n".join(part for part in (notes.script, *notes.sources) if part)
    if notes.demo:
        head = f"{head}\n\n{word(language, 'demo')} {clock(notes.demo)}".strip()
    if not notes.unsaid and not notes.detail:
        return head
    moved = "\n".join(f"• {item}" if "\n" not in item else item for item in notes.detail)
    tail = "\n\n".join(part for part in (notes.unsaid, moved) if part)
    text = f"{head}\n\n{word(language, 'more_detail')}\n{tail}"
    return text.lstrip("\n") if notes.unsaid else text.strip()
