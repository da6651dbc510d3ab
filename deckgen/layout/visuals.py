"""Mermaid diagrams as pictures the arranger can place like images.

Before arranging, each gets a `Picture` whose size is its natural size in points (labels at
`Sizes.diagram`): the arranger keeps the aspect and never shows it larger. Once a rectangle
is chosen, `diagram_frame` lays the diagram out for that rectangle (scaled, not below
`Sizes.diagram_min`), so every label is measured in the theme's fonts at the size it is
drawn. A diagram that cannot be drawn becomes a placeholder naming its type. (Formulas and
the QR code are drawn by the pictures stage.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..note.model import Diagram
from ..pictures.model import DrawnDiagram
from ..theme import Face, Theme
from .diagram.placed import DiagramPaint, PlacedDiagram, PlacedText

if TYPE_CHECKING:
    from .diagram.place import Natural
from .glyphs import label_segments
from .frames import DiagramFrame, Picture, PictureFrame, Rect
from .measure import Measurer, Style


def measure_in(theme: Theme, measurer: Measurer) -> Callable[[str, float], float]:
    """Label widths in the theme's body face (and its fallbacks), as text frames measure."""
    style = Style(theme.body, theme.code, theme.fallbacks)
    return lambda text, size: measurer.width(text, size, style)


def paint_for(theme: Theme) -> DiagramPaint:
    """The theme's look for diagrams: body face, text colour, the diagram colours and lines."""
    colors = theme.colors
    return DiagramPaint(
        font=theme.body.name, east_asian_font=theme.body.east_asian_name, text=colors.text,
        line=colors.diagram_line, fill=colors.diagram_fill, accent=colors.accent,
        frame_fill=colors.diagram_frame, note_fill=colors.diagram_note,
        paper=colors.background, muted=colors.muted, line_pt=theme.decor.diagram_line,
        thick_pt=theme.decor.diagram_thick)


def with_label_faces(placed: PlacedDiagram, faces: tuple[Face, ...]) -> PlacedDiagram:
    """Every label's lines cut into pieces by the face that draws them."""
    def runs(text: PlacedText) -> PlacedText:
        return replace(text, runs=tuple(label_segments(line, faces) for line in text.lines))

    return replace(
        placed,
        nodes=tuple(replace(node, text=runs(node.text)) for node in placed.nodes),
        edges=tuple(replace(edge, text=runs(edge.text) if edge.text is not None else None)
                    for edge in placed.edges),
        clusters=tuple(replace(cluster, title=runs(cluster.title) if cluster.title else None)
                       for cluster in placed.clusters))


def diagram_style(theme: Theme):
    from .diagram.placed import DiagramStyle

    return DiagramStyle(label_size=theme.sizes.diagram, floor_size=theme.sizes.diagram_min)


def diagram_picture(visual: Diagram, theme: Theme, measurer: Measurer,
                    natural: Natural | None = None) -> Picture:
    """The picture the arranger places for a diagram, at its natural size (its layouts kept
    in `natural`, for `diagram_frame` to fit to the rectangle it is given)."""
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
    full = lay_out_diagram(visual.parsed, measure_in(theme, measurer), 1e6, 1e6,
                           diagram_style(theme), natural=natural)
    if full is None:
        return Picture(name, 1600, 900, None, "is empty", None, visual.line)
    return Picture(name, max(1, round(full.width)), max(1, round(full.height)), None, None,
                   None, visual.line, drawing=DrawnDiagram(visual))


def _squeezed(placed: PlacedDiagram, rect: Rect) -> PlacedDiagram:
    """A diagram too big for its rectangle even at the label floor, scaled into it: smaller
    labels are better than shapes off the slide or over the text; the warning says so."""
    from .diagram.placed import transform

    scale = min(1.0, rect.w / placed.width, rect.h / placed.height)
    if scale >= 1.0:
        return placed
    squeezed = transform(placed, lambda x, y: (x * scale, y * scale), scale)
    return replace(squeezed, warning=f"{placed.warning}; drawn at {squeezed.size:.0f} pt to "
                                     f"stay on the slide (split the diagram or give it a slide)")


def diagram_frame(frame: PictureFrame, theme: Theme, measurer: Measurer,
                  natural: Natural | None = None) -> DiagramFrame | PictureFrame:
    """A picture frame holding a diagram, laid out for its rectangle (one that does not fit
    even at the floor size says so in `placed.fits`)."""
    drawing = frame.picture.drawing
    if not isinstance(drawing, DrawnDiagram):
        return frame
    from .diagram import lay_out_diagram

    rect = frame.rect
    from ..note.mermaid import Flowchart, SequenceDiagram

    parsed = drawing.diagram.parsed
    if not isinstance(parsed, (Flowchart, SequenceDiagram)):
        return frame
    placed = lay_out_diagram(parsed, measure_in(theme, measurer), rect.w, rect.h,
                             diagram_style(theme), natural=natural)
    if placed is None:
        return frame
    if not placed.fits:  # never off the slide nor over the text: below the floor, and said
        placed = _squeezed(placed, rect)
    x = rect.x + (rect.w - placed.width) / 2
    y = rect.y + (rect.h - placed.height) / 2
    shown = Rect(x, y, placed.width, placed.height)
    placed = with_label_faces(placed, (theme.body, *theme.fallbacks))
    return DiagramFrame(shown, placed, frame.picture, paint_for(theme))
