"""Mermaid diagrams and display formulas as pictures the arranger can place like images.

Before arranging, each gets a `Picture` whose size is its natural size in points (labels at
`Sizes.diagram`, formulas at `Sizes.formula`): the arranger keeps the aspect and never shows
it larger. Once a rectangle is chosen, `diagram_frame` lays the diagram out again for that
rectangle (scaled, not below `Sizes.diagram_min`), so every label is measured in the theme's
fonts at the size it is drawn. A formula is drawn once, as a PNG sharp at its natural size.
What cannot be drawn becomes a placeholder naming the diagram type or the formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from ..note.model import Diagram, Formula
from ..theme import Theme
from .frames import DiagramFrame, Picture, PictureFrame, Rect
from .measure import Measurer, Style

FORMULA_DPI = 216  # three pixels per point: sharp on a 1920-pixel-wide screen and in print
_FORMULA_PROBLEM = ("cannot be drawn as a formula (Hangul inside \\text{}, or a macro the "
                    "math engine does not know); the LaTeX is in the speaker notes")


@dataclass(frozen=True)
class DrawnDiagram:
    diagram: Diagram


@dataclass(frozen=True)
class DrawnFormula:
    png: bytes


def measure_in(theme: Theme, measurer: Measurer) -> Callable[[str, float], float]:
    """Label widths in the theme's body face (and its fallbacks), as text frames measure."""
    style = Style(theme.body, theme.code, theme.fallbacks)
    return lambda text, size: measurer.width(text, size, style)


def diagram_style(theme: Theme):
    from .diagram.placed import DiagramStyle

    return DiagramStyle(label_size=theme.sizes.diagram, floor_size=theme.sizes.diagram_min)


def visual_picture(visual: Diagram | Formula, theme: Theme, measurer: Measurer) -> Picture:
    """The picture the arranger places for a diagram or formula, at its natural size."""
    if isinstance(visual, Formula):
        return _formula(visual, theme)
    name = visual.target
    if not visual.drawable:
        problem = ("does not parse (see the warning); the source is in the speaker notes"
                   if visual.broken else
                   "is not drawn by deckgen; the source is in the speaker notes")
        return Picture(name, 1600, 900, None, problem, None, visual.line,
                       drawing=DrawnDiagram(visual))
    from .diagram import lay_out_diagram

    from ..note.mermaid import Flowchart, SequenceDiagram

    assert isinstance(visual.parsed, (Flowchart, SequenceDiagram))  # drawable, checked above
    natural = lay_out_diagram(visual.parsed, measure_in(theme, measurer), 1e6, 1e6,
                              diagram_style(theme))
    if natural is None:
        return Picture(name, 1600, 900, None, "is empty", None, visual.line)
    return Picture(name, max(1, round(natural.width)), max(1, round(natural.height)), None, None,
                   None, visual.line, drawing=DrawnDiagram(visual))


def _formula(formula: Formula, theme: Theme) -> Picture:
    from ..pictures.formula import formula_png

    drawn = formula_png(formula.latex, theme.colors.text, theme.sizes.formula, FORMULA_DPI)
    if drawn is None:
        return Picture("formula", 1600, 300, None, _FORMULA_PROBLEM, None, formula.line,
                       drawing=DrawnFormula(b""))
    return Picture("formula", max(1, round(drawn.width_pt)), max(1, round(drawn.height_pt)),
                   None, None, None, formula.line, drawing=DrawnFormula(drawn.png))


def diagram_frame(frame: PictureFrame, theme: Theme, measurer: Measurer
                  ) -> tuple[DiagramFrame | PictureFrame, str]:
    """A picture frame holding a diagram, laid out for its rectangle; and a warning, if any."""
    drawing = frame.picture.drawing
    if not isinstance(drawing, DrawnDiagram):
        return frame, ""
    from .diagram import lay_out_diagram

    rect = frame.rect
    from ..note.mermaid import Flowchart, SequenceDiagram

    parsed = drawing.diagram.parsed
    if not isinstance(parsed, (Flowchart, SequenceDiagram)):
        return frame, ""
    placed = lay_out_diagram(parsed, measure_in(theme, measurer), rect.w, rect.h,
                             diagram_style(theme))
    if placed is None:
        return frame, ""
    # centred in its rectangle; one that does not fit at the floor grows from the centre
    x = rect.x + (rect.w - placed.width) / 2
    y = rect.y + (rect.h - placed.height) / 2
    shown = Rect(x, y, placed.width, placed.height)
    warning = "" if placed.fits else f"Mermaid {drawing.diagram.kind}: {placed.warning}"
    return DiagramFrame(shown, placed, frame.picture), warning
