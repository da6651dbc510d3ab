"""Placing a Mermaid diagram in points, so render can draw it as native, editable shapes.

Flowcharts are laid out by Graphviz `dot` (ranked layout, crossing reduction, edge routing
around nodes: far better than anything small we could write). Every node is handed to dot as
a fixed-size box measured from its own label, and every edge label and cluster title as a
fixed-size HTML table, so dot leaves exactly the room our text needs. Without `dot` (or if it
fails) a plain layered layout keeps the deck building; its edges are straight and may cross.
Sequence diagrams are simple enough to lay out here: participants in columns spaced so each
message label fits between its lifelines, one row per message or note.

The diagram is laid out at the style's label size, then scaled uniformly to fit the area, but
never below the floor size: a diagram that still does not fit comes back at the floor with
`fits=False` and a warning, and the caller decides what to do with it.
"""

from __future__ import annotations

from collections.abc import Callable

from ...note.mermaid import Diagram, SequenceDiagram
from .dot import dot_layout, find_dot
from .layered import layered
from .placed import DiagramStyle, Measure, PlacedDiagram, Typesetter, fit
from .sequence import sequence_layout


Natural = dict[float, PlacedDiagram]  # a diagram's layouts at its label size, by label width


def lay_out_diagram(diagram: Diagram, measure: Measure, area_w: float, area_h: float,
                    style: DiagramStyle,
                    dot_finder: Callable[[], str | None] = find_dot,
                    natural: Natural | None = None) -> PlacedDiagram | None:
    """`diagram` placed to fit `area_w` x `area_h` points; None when it has nothing to draw.

    Laying out (Graphviz, the layered fallback) is done at the label size and then scaled to
    the area, so each layout is made once: pass the same `natural` dict for one diagram and
    fitting it to another area reuses what was laid out before."""
    natural = {} if natural is None else natural
    if isinstance(diagram, SequenceDiagram):
        if not diagram.participants:
            return None
        # message labels run along arrows: room to be wider than a box's label
        wrap = style.wrap_em * 1.6
        if wrap not in natural:
            natural[wrap] = sequence_layout(diagram, Typesetter(measure, style, wrap))
        return fit(natural[wrap], area_w, area_h, style)
    if not diagram.nodes:
        return None
    best: PlacedDiagram | None = None
    for wrap_em in (style.wrap_em, style.wrap_em * 0.6):  # narrower labels help wide diagrams
        if wrap_em not in natural:
            typeset = Typesetter(measure, style, wrap_em)
            dot = dot_finder()
            natural[wrap_em] = (dot_layout(diagram, typeset, dot) if dot else None) or layered(
                diagram, typeset)
        placed = fit(natural[wrap_em], area_w, area_h, style)
        if best is None or placed.size > best.size + 0.01:
            best = placed
        if placed.size >= style.label_size - 0.01:
            break
    return best
