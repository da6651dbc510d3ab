"""What the user should know about a laid-out deck, read from the deck itself.

Layout does not collect warnings as it goes: each is a fact the placed slides carry (a title
cut to fit, text moved to the notes, a picture shown as a placeholder, a diagram still too
big at its smallest labels, a layout the template lacks), so the warnings are a function of
the deck and say exactly what the user will find in it.
"""

from __future__ import annotations

from typing import assert_never

from ..errors import BuildWarning
from ..look.model import Look
from ..pictures.model import Drawn, DrawnDiagram
from ..plan.talk import text_of
from .frames import (MAX_NOTES_CHARS, CodeFrame, Deck, DiagramFrame, Frame, PictureFrame,
                     PlacedSlide, ShapeFrame, TableFrame, TextFrame)

TITLE_CUT = "title too long for the slide; shortened (the full title is in the speaker notes)"
TEXT_MOVED = "text too long for one slide; the rest is in the speaker notes"
NOTES_CUT_WARNING = (f"speaker notes longer than {MAX_NOTES_CHARS:,} characters; cut there "
                     "(the rest stays in the note)")


def title_cut(placed: PlacedSlide) -> bool:
    """The page shows its title shortened (with an ellipsis) to fit."""
    title = placed.title
    return title is not None and bool(title.paras) and \
        text_of(title.paras[0].runs) != placed.title_text


def deck_warnings(deck: Deck, look: Look) -> list[BuildWarning]:
    """One warning per fact, in slide order; the CLI prints each once."""
    out: list[BuildWarning] = []
    for index, placed in enumerate(deck.slides, 1):
        line = placed.source.line if placed.source is not None else None
        if title_cut(placed):
            out.append(BuildWarning(TITLE_CUT, line))
        if placed.notes is not None and placed.notes.overflow:
            out.append(BuildWarning(TEXT_MOVED, line))
        if placed.notes is not None and placed.notes.cut:
            out.append(BuildWarning(NOTES_CUT_WARNING, line))
        for frame in placed.frames:
            out.extend(_frame_warnings(frame, index, line))
    for name in dict.fromkeys(placed.layout for placed in deck.slides):  # each name once
        choice = look.layout_for(name)
        if choice.stand_in:
            out.append(BuildWarning(f"template has no layout named '{name}'; using "
                                    f"'{choice.shown}' for those slides"))
    return out


def _frame_warnings(frame: Frame, index: int, line: int | None) -> list[BuildWarning]:
    match frame:
        case DiagramFrame():
            drawing = frame.picture.drawing
            kind = drawing.diagram.kind if isinstance(drawing, DrawnDiagram) else "diagram"
            told = [drawing.fitted] if isinstance(drawing, DrawnDiagram) and drawing.fitted \
                else []  # turned or split to fit: said once, on its first page
            if not frame.placed.fits:
                told.append(frame.placed.warning)
            return [BuildWarning(f"Mermaid {kind}: {text}", frame.picture.line or line)
                    for text in told]
        case PictureFrame():
            picture = frame.picture
            if picture.ok or isinstance(picture.drawing, DrawnDiagram):
                return []  # (a diagram that cannot be drawn: the parser warned, at its line)
            what = "display" if isinstance(picture.drawing, Drawn) else "image"
            return [BuildWarning(f"{what} '{picture.name}' {picture.problem}",
                                 picture.line).at_slide(index, "placeholder on slide")]
        case TextFrame() | TableFrame() | CodeFrame() | ShapeFrame():
            return []
        case _:
            assert_never(frame)
