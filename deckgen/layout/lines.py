"""The lines each paragraph was measured to take, as values on the deck.

The .pptx leaves wrapping to the viewer, within the widths layout measured; a renderer that
draws line by line (the HTML page) needs the lines themselves. They are broken here in the
frames' widths with the faces' own advances (an exact `Measurer`: no stand-in, no margin),
which is where a viewer that has the bundled fonts (LibreOffice, PowerPoint with `deckgen fonts
install`) breaks them; layout sized each frame with its safety margin, so these lines never
need more room than the frame has.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from ..look.model import Look
from .frames import (CodeFrame, Deck, DiagramFrame, Frame, Para, PictureFrame, PlacedSlide,
                     ShapeFrame, TableFrame, TextFrame)
from .measure import Measurer
from .typeset import Typesetter


def with_lines(deck: Deck, look: Look, measurer: Measurer) -> Deck:
    """`deck` with `Para.lines` set on every text frame's, label's and table cell's paragraph."""
    ts = Typesetter(look.theme, measurer)
    return replace(deck, slides=tuple(_slide(placed, ts) for placed in deck.slides))


def _slide(placed: PlacedSlide, ts: Typesetter) -> PlacedSlide:
    title = _text(placed.title, ts) if placed.title is not None else None
    return replace(placed, title=title, frames=tuple(_frame(frame, ts) for frame in placed.frames))


def _frame(frame: Frame, ts: Typesetter) -> Frame:
    match frame:
        case TextFrame():
            return _text(frame, ts)
        case PictureFrame():
            return frame if frame.label is None else replace(frame, label=_text(frame.label, ts))
        case TableFrame():
            pad = frame.padding[0]
            rows = tuple(tuple(_para(para, width - 2 * pad, frame.face, True, ts)
                               for para, width in zip(row, frame.col_widths))
                         for row in frame.cells)
            return replace(frame, cells=rows)
        case CodeFrame() | ShapeFrame() | DiagramFrame():  # drawn line by line already
            return frame
        case _:
            assert_never(frame)


def _text(frame: TextFrame, ts: Typesetter) -> TextFrame:
    width = frame.rect.w - frame.insets[0] - frame.insets[2]
    return replace(frame, paras=tuple(_para(para, width, frame.face, frame.wrap, ts)
                                      for para in frame.paras))


def _para(para: Para, width: float, face, wraps: bool, ts: Typesetter) -> Para:
    text = "".join(run.text for run in para.runs)
    if not (wraps and para.wraps):
        return replace(para, lines=tuple(text.split("\n")))
    return replace(para, lines=tuple(ts.lines(para, width, face)))
