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

from ..pictures.model import DrawnDiagram
from ..theme import Face, Theme
from .diagram.placed import DiagramPaint, PlacedDiagram, PlacedText

if TYPE_CHECKING:
    from ..note.mermaid import Flowchart, SequenceDiagram
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


def drawn_chart(drawing: DrawnDiagram) -> Flowchart | SequenceDiagram | None:
    """What layout draws for a diagram: the chart it chose (turned, a part) or the parsed one."""
    from ..note.mermaid import Flowchart, SequenceDiagram

    parsed = drawing.chart or drawing.diagram.parsed
    return parsed if isinstance(parsed, (Flowchart, SequenceDiagram)) else None


def _name(drawing: DrawnDiagram) -> str:
    """What the outline calls the picture: the diagram, and how layout drew it otherwise."""
    from ..note.mermaid import Flowchart

    told = [drawing.part] if drawing.part else []
    written = drawing.diagram.parsed
    chart = drawing.chart
    if isinstance(chart, Flowchart) and isinstance(written, Flowchart) \
            and chart.direction != written.direction:
        told.append(f"{chart.direction}, written {written.direction}")
    name = drawing.diagram.target
    return f"{name} ({'; '.join(told)})" if told else name


def diagram_picture(drawing: DrawnDiagram, theme: Theme, measurer: Measurer,
                    natural: Natural | None = None) -> Picture:
    """The picture the arranger places for a diagram, at its natural size (its layouts kept
    in `natural`, for `diagram_frame` to fit to the rectangle it is given)."""
    visual = drawing.diagram
    name = visual.target
    if not visual.drawable:
        problem = ("does not parse (see the warning); the source is in the speaker notes"
                   if visual.broken else
                   "is not drawn by deckgen; the source is in the speaker notes")
        return Picture(name, 1600, 900, None, problem, None, visual.line, drawing=drawing)
    full = laid_out(drawing, theme, measurer, 1e6, 1e6, natural)
    if full is None:
        return Picture(name, 1600, 900, None, "is empty", None, visual.line)
    return Picture(_name(drawing), max(1, round(full.width)), max(1, round(full.height)), None,
                   None, None, visual.line, drawing=drawing)


def laid_out(drawing: DrawnDiagram, theme: Theme, measurer: Measurer, width: float,
             height: float, natural: Natural | None = None) -> PlacedDiagram | None:
    """The diagram fitted to width x height points (`fits` says whether at the floor or
    above); None when it has nothing to draw."""
    from .diagram import lay_out_diagram

    chart = drawn_chart(drawing)
    if chart is None:
        return None
    return lay_out_diagram(chart, measure_in(theme, measurer), width, height,
                           diagram_style(theme), natural=natural)


def _squeezed(placed: PlacedDiagram, rect: Rect) -> PlacedDiagram:
    """A diagram too big for its rectangle even at the label floor, scaled into it: smaller
    labels are better than shapes off the slide or over the text; the warning says so. The
    last resort, after turning, a slide of its own and splitting (`diagramfit.py`), for a
    part that no cut makes small enough (a rank of very many nodes)."""
    from .diagram.placed import transform

    scale = min(1.0, rect.w / placed.width, rect.h / placed.height)
    if scale >= 1.0:
        return placed
    squeezed = transform(placed, lambda x, y: (x * scale, y * scale), scale)
    return replace(squeezed, warning=f"{placed.warning}; drawn at {squeezed.size:.0f} pt to "
                                     f"stay on the slide (no cut makes it fit: shorten its labels "
                                     f"or split it in the note)")


def _with_stubs(placed: PlacedDiagram, stubs: frozenset[str]) -> PlacedDiagram:
    """The nodes that stand for another page's nodes drawn as stubs."""
    if not stubs:
        return placed
    return replace(placed, nodes=tuple(replace(node, shape="stub") if node.id in stubs else node
                                       for node in placed.nodes))


def diagram_frame(frame: PictureFrame, theme: Theme, measurer: Measurer,
                  natural: Natural | None = None) -> DiagramFrame | PictureFrame:
    """A picture frame holding a diagram, laid out for its rectangle (one that does not fit
    even at the floor size says so in `placed.fits`)."""
    drawing = frame.picture.drawing
    if not isinstance(drawing, DrawnDiagram):
        return frame
    rect = frame.rect
    placed = laid_out(drawing, theme, measurer, rect.w, rect.h, natural)
    if placed is None:
        return frame
    if not placed.fits:  # never off the slide nor over the text: below the floor, and said
        placed = _squeezed(placed, rect)
    x = rect.x + (rect.w - placed.width) / 2
    y = rect.y + (rect.h - placed.height) / 2
    shown = Rect(x, y, placed.width, placed.height)
    placed = with_label_faces(_with_stubs(placed, drawing.stubs), (theme.body, *theme.fallbacks))
    return DiagramFrame(shown, placed, frame.picture, paint_for(theme))
