"""The placed-diagram model and what every diagram layout shares: label typesetting and
fitting the result into the slide's picture area.

Layouts (`diagram.py` with Graphviz, `layered.py` without it, `sequence.py`) produce a
`PlacedDiagram` at the style's label size; `fit` scales it uniformly into the area, never
below the floor size. Pure: points only, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal
from collections.abc import Callable

from ...look.model import Rect

if TYPE_CHECKING:  # render imports this module for every deck; the parser loads on demand
    from ...note.mermaid import Head

Measure = Callable[[str, float], float]  # (text, size in pt) -> width in pt
# stub: a node drawn on another page of a split chart; lifeline: a piece of a sequence
# diagram's lifeline, a vertical line (zero width) messages are glued to by its top end
ShapeKind = Literal["rect", "round", "stadium", "circle", "rhombus", "participant", "actor",
                    "note", "stub", "lifeline"]
EdgeStyle = Literal["solid", "dotted", "thick"]
Point = tuple[float, float]


@dataclass(frozen=True)
class DiagramStyle:
    """Sizes for laying out; proportions are in em of the label size so they scale with it."""

    label_size: float
    floor_size: float
    wrap_em: float = 10.0  # a label line wraps past this width
    pad_x_em: float = 0.7
    pad_y_em: float = 0.4
    line_spacing: float = 1.2
    min_width_em: float = 3.5
    node_gap_em: float = 1.5
    rank_gap_em: float = 2.0
    dot_timeout_s: float = 10.0


@dataclass(frozen=True)
class DiagramPaint:
    """Fonts, colours (hex RGB without '#') and line widths a diagram is drawn with: decided
    by layout from the theme, so render only writes them."""

    font: str  # Latin face name
    east_asian_font: str  # the face for Hangul
    text: str
    line: str
    fill: str  # node boxes
    accent: str  # thick edges and participant boxes' outline
    frame_fill: str  # subgraph frames
    note_fill: str  # sequence notes
    paper: str  # behind edge labels, so a line never runs through a label
    muted: str  # lifelines and frame outlines
    line_pt: float
    thick_pt: float


@dataclass(frozen=True)
class PlacedText:
    lines: tuple[str, ...]
    box: Rect  # the text block itself, centred where it is drawn
    size: float
    # each line as (text, Latin face name, East Asian face name) pieces, cut where the face
    # that draws it changes; set by layout once the diagram is placed (`visuals.py`)
    runs: tuple[tuple[tuple[str, str, str], ...], ...] = ()


@dataclass(frozen=True)
class PlacedNode:
    id: str
    shape: ShapeKind
    box: Rect
    text: PlacedText


Side = Literal["top", "left", "bottom", "right"]


@dataclass(frozen=True)
class PlacedEdge:
    points: tuple[Point, ...]  # a polyline from source to target
    style: EdgeStyle
    head: Head  # at the last point
    start_head: Head = "none"
    text: PlacedText | None = None
    ends: tuple[str, str] | None = None  # the node ids it joins, when both ends are nodes
    sites: tuple[Side, Side] | None = None  # the sides of `ends` it is glued to (`glued`)


@dataclass(frozen=True)
class PlacedCluster:
    box: Rect
    title: PlacedText | None


@dataclass(frozen=True)
class PlacedDiagram:
    width: float
    height: float
    size: float  # the label size after scaling
    nodes: tuple[PlacedNode, ...]  # sequence diagrams: lifeline pieces, participants, notes
    edges: tuple[PlacedEdge, ...]  # sequence diagrams: messages
    clusters: tuple[PlacedCluster, ...]
    engine: Literal["dot", "layered", "sequence"]
    fits: bool = True
    warning: str = ""


# -- text ---------------------------------------------------------------------------------

class Typesetter:
    """Wraps and measures labels at the unscaled label size."""

    def __init__(self, measure: Measure, style: DiagramStyle, wrap_em: float):
        self.measure, self.style, self.size = measure, style, style.label_size
        self.max_w = wrap_em * self.size
        self.pad_x, self.pad_y = style.pad_x_em * self.size, style.pad_y_em * self.size
        self.line_h = style.line_spacing * self.size

    def text(self, label: str, cx: float = 0.0, cy: float = 0.0) -> PlacedText:
        """`label` wrapped at spaces (between Korean words too), as a block centred at cx, cy."""
        lines: list[str] = []
        for paragraph in label.split("\n"):
            current = ""
            for word in paragraph.split():
                trial = f"{current} {word}" if current else word
                if current and self.measure(trial, self.size) > self.max_w:
                    lines.append(current)
                    current = word
                else:
                    current = trial
            lines.append(current)
        w = max(self.measure(line, self.size) for line in lines)
        h = len(lines) * self.line_h
        return PlacedText(tuple(lines), Rect(cx - w / 2, cy - h / 2, w, h), self.size)

    def node_size(self, text: PlacedText, shape: ShapeKind) -> tuple[float, float]:
        """The smallest box of `shape` whose text area holds `text` with padding."""
        tw, th = text.box.w + 2 * self.pad_x, text.box.h + 2 * self.pad_y
        min_w = self.style.min_width_em * self.size
        if shape == "circle":
            side = max(math.hypot(tw, th), th * 1.5)
            return side, side
        if shape == "rhombus":  # text rect inscribed: tw/W + th/H = 1
            return max(tw / 0.6, min_w), th / 0.4
        if shape == "stadium":
            return max(tw + th * 0.8, min_w), th
        return max(tw, min_w), th


def centred(text: PlacedText, cx: float, cy: float) -> PlacedText:
    box = text.box
    return replace(text, box=Rect(cx - box.w / 2, cy - box.h / 2, box.w, box.h))


# -- fitting ------------------------------------------------------------------------------

def normalised(placed: PlacedDiagram) -> PlacedDiagram:
    """Shifted so the leftmost and topmost drawn thing sits at 0, sized to what is drawn."""
    rects = ([n.box for n in placed.nodes] + [c.box for c in placed.clusters]
             + [t.box for t in texts_of(placed)])
    xs = [r.x for r in rects] + [p[0] for e in placed.edges for p in e.points]
    ys = [r.y for r in rects] + [p[1] for e in placed.edges for p in e.points]
    x2 = [r.x + r.w for r in rects] + xs
    y2 = [r.y + r.h for r in rects] + ys
    dx, dy = -min(xs), -min(ys)
    moved = transform(placed, lambda x, y: (x + dx, y + dy), 1.0)
    return replace(moved, width=max(x2) + dx, height=max(y2) + dy)


def glued(placed: PlacedDiagram) -> PlacedDiagram:
    """Each edge between two nodes as one straight line between the middles of a side of each,
    marked to be glued there, so a box moved in PowerPoint, Keynote or LibreOffice drags its
    arrows (those viewers route a glued line from those points: a bent route would be redrawn
    anyway, and LibreOffice reads bent connectors back unlike PowerPoint). The sides facing
    each other when that line misses every other box; else the shortest line between any
    two sides that passes through no other box and neither box's inside. Only an edge with
    no such line keeps the route the layout drew, unglued. A label follows its line."""
    boxes = {node.id: node.box for node in placed.nodes}
    edges = []
    for edge in placed.edges:
        if edge.ends is None or edge.ends[0] == edge.ends[1] or not all(
                end in boxes for end in edge.ends):
            edges.append(edge)
            continue
        a, b = boxes[edge.ends[0]], boxes[edge.ends[1]]
        others = [box for key, box in boxes.items() if key not in edge.ends]
        sides = _glue_sides(a, b, others, clear=placed.size / 4)
        if sides is None:
            edges.append(replace(edge, ends=None))
            continue
        start, end = _side_middle(a, sides[0]), _side_middle(b, sides[1])
        text = edge.text and centred(edge.text, (start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        edges.append(replace(edge, points=(start, end), sites=sides, text=text))
    return replace(placed, edges=tuple(edges))


_SIDES: tuple[Side, ...] = ("top", "left", "bottom", "right")


def _glue_sides(a: Rect, b: Rect, others: list[Rect],
                clear: float) -> tuple[Side, Side] | None:
    """The sides of a and b a glued straight line joins, or None when every line between
    two side middles passes through a box. A line that keeps `clear` off the other boxes
    is taken before a shorter one that grazes one (it reads as touching it)."""
    facing = _facing(a, b)
    if not any(_crosses(_side_middle(a, facing[0]), _side_middle(b, facing[1]), box)
               for box in others):
        return facing

    def length(sides: tuple[Side, Side]) -> float:
        (x0, y0), (x1, y1) = _side_middle(a, sides[0]), _side_middle(b, sides[1])
        return math.hypot(x1 - x0, y1 - y0)

    pairs = sorted(((side_a, side_b) for side_a in _SIDES for side_b in _SIDES), key=length)
    for margin in (-clear, 0.01):
        for side_a, side_b in pairs:
            start, end = _side_middle(a, side_a), _side_middle(b, side_b)
            if not any(_enters(start, end, box) for box in (a, b)) and not any(
                    _enters(start, end, box, margin) for box in others):
                return side_a, side_b
    return None


def _facing(a: Rect, b: Rect) -> tuple[Side, Side]:
    """The sides of a and b that face each other: across the wider of the two gaps."""
    dx = (b.x + b.w / 2) - (a.x + a.w / 2)
    dy = (b.y + b.h / 2) - (a.y + a.h / 2)
    gap_x = abs(dx) - (a.w + b.w) / 2
    gap_y = abs(dy) - (a.h + b.h) / 2
    if gap_y >= gap_x:
        return ("bottom", "top") if dy >= 0 else ("top", "bottom")
    return ("right", "left") if dx >= 0 else ("left", "right")


def _side_middle(box: Rect, side: Side) -> Point:
    return {"top": (box.x + box.w / 2, box.y), "bottom": (box.x + box.w / 2, box.y + box.h),
            "left": (box.x, box.y + box.h / 2), "right": (box.x + box.w, box.y + box.h / 2)}[side]


def _crosses(start: Point, end: Point, box: Rect, steps: int = 32) -> bool:
    """Whether the segment passes through the box (sampled: boxes are far larger than a step)."""
    for i in range(1, steps):
        t = i / steps
        x, y = start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t
        if box.x < x < box.x + box.w and box.y < y < box.y + box.h:
            return True
    return False


def _enters(start: Point, end: Point, box: Rect, margin: float = 0.01) -> bool:
    """Whether the segment runs through the box's inside, shrunk by `margin` (grown when it
    is negative); exact: a line leaving a side middle into its own box, or clipping a
    corner, counts; one along an edge does not."""
    low, high = 0.0, 1.0
    for p, d, lo, hi in ((start[0], end[0] - start[0], box.x, box.x + box.w),
                         (start[1], end[1] - start[1], box.y, box.y + box.h)):
        lo, hi = lo + margin, hi - margin
        if abs(d) < 1e-9:
            if not lo < p < hi:
                return False
            continue
        t0, t1 = sorted(((lo - p) / d, (hi - p) / d))
        low, high = max(low, t0), min(high, t1)
    return high - low > 1e-9


def texts_of(placed: PlacedDiagram) -> list[PlacedText]:
    return ([n.text for n in placed.nodes] + [e.text for e in placed.edges if e.text]
            + [c.title for c in placed.clusters if c.title])


def transform(placed: PlacedDiagram, move: Callable[[float, float], Point],
               scale: float) -> PlacedDiagram:
    def rect(r: Rect) -> Rect:
        x, y = move(r.x, r.y)
        return Rect(x, y, r.w * scale, r.h * scale)

    def text(t: PlacedText) -> PlacedText:
        return PlacedText(t.lines, rect(t.box), t.size * scale)

    return replace(
        placed, width=placed.width * scale, height=placed.height * scale,
        size=placed.size * scale,
        nodes=tuple(replace(n, box=rect(n.box), text=text(n.text)) for n in placed.nodes),
        edges=tuple(replace(e, points=tuple(move(*p) for p in e.points),
                            text=e.text and text(e.text)) for e in placed.edges),
        clusters=tuple(PlacedCluster(rect(c.box), c.title and text(c.title))
                       for c in placed.clusters))


def fit(placed: PlacedDiagram, area_w: float, area_h: float,
         style: DiagramStyle) -> PlacedDiagram:
    """Scaled uniformly into the area, never past the label size nor below the floor."""
    scale = min(1.0, area_w / placed.width, area_h / placed.height)
    floor = style.floor_size / style.label_size
    if scale >= floor:
        return transform(placed, lambda x, y: (x * scale, y * scale), scale)
    scaled = transform(placed, lambda x, y: (x * floor, y * floor), floor)
    warning = (f"the diagram needs {scaled.width:.0f} x {scaled.height:.0f} pt at the "
               f"{style.floor_size:g} pt floor but has {area_w:.0f} x {area_h:.0f} pt")
    return replace(scaled, fits=False, warning=warning)

