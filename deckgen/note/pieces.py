"""The pieces a paragraph's inline tokens become, and the small rules joining them: spans
with the marks open where they stand, neighbours with the same marks merged, a task list's
`[x]` taken off its first line."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Union

from .model import (Block, Demo, Embed, Formula, ImageRef, Inline, Marks, Paragraph, Span,
                    merge_neighbours)


def marked_span(text: str, marks: dict[str, int], link: str | None, code: bool = False) -> Span:
    """A span carrying the marks open at this point of the inline stream."""
    return Span(text, Marks(bold=marks["bold"] > 0, italic=marks["italic"] > 0, code=code,
                            highlight=marks["highlight"] > 0, strike=marks["strike"] > 0,
                            link=link))


def task_marker(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], bool | None]:
    if not blocks or not isinstance(blocks[0], Paragraph) or not blocks[0].spans:
        return blocks, None
    first = blocks[0].spans[0]
    match = re.match(r"^\[([ xX])\]\s+", first.text)
    if not match or first.code:
        return blocks, None
    rest = (replace(first, text=first.text[match.end():]),) + blocks[0].spans[1:]
    return (Paragraph(rest, blocks[0].line),) + blocks[1:], match.group(1) != " "


Piece = Union[Span, ImageRef, Embed, Formula, Demo]  # what a paragraph's inline content holds


def merge_pieces(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring spans with the same marks; line breaks and pictures stay apart. A
    demo mark splits nothing: it goes after the rest."""
    out: list[Piece] = []
    run: list[Span] = []
    demos: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Demo):
            demos.append(piece)
            continue
        if isinstance(piece, Span) and not piece.is_break:
            if piece.text:
                run.append(piece)
            continue
        out.extend(merge_neighbours(run))
        run = []
        out.append(piece)
    out.extend(merge_neighbours(run))
    return out + demos


def trim_breaks(spans: list[Span]) -> Inline:
    start, end = 0, len(spans)
    while start < end and (spans[start].is_break or not spans[start].text.strip()):
        start += 1
    while end > start and (spans[end - 1].is_break or not spans[end - 1].text.strip()):
        end -= 1
    return tuple(spans[start:end])
