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

import json
import math
import shutil
import subprocess
from collections.abc import Callable

from ..note.mermaid import Diagram, Flowchart, FlowEdge, SequenceDiagram
from .layered import layered
from .placed import (DiagramStyle, EdgeStyle, Measure, PlacedCluster, PlacedDiagram, PlacedEdge,
                     PlacedNode, PlacedText, Point, Rect, ShapeKind, Typesetter, centred, fit,
                     normalised)
from .sequence import sequence_layout

__all__ = ["DiagramStyle", "EdgeStyle", "Measure", "PlacedCluster", "PlacedDiagram",
           "PlacedEdge", "PlacedNode", "PlacedText", "Point", "Rect", "ShapeKind", "find_dot",
           "lay_out_diagram"]


def find_dot() -> str | None:
    """The absolute path of Graphviz `dot`, or None when it is not installed."""
    return shutil.which("dot")


def lay_out_diagram(diagram: Diagram, measure: Measure, area_w: float, area_h: float,
                    style: DiagramStyle,
                    dot_finder: Callable[[], str | None] = find_dot) -> PlacedDiagram | None:
    """`diagram` placed to fit `area_w` x `area_h` points; None when it has nothing to draw."""
    if isinstance(diagram, SequenceDiagram):
        if not diagram.participants:
            return None
        # message labels run along arrows: room to be wider than a box's label
        return fit(sequence_layout(diagram, Typesetter(measure, style, style.wrap_em * 1.6)),
                   area_w, area_h, style)
    if not diagram.nodes:
        return None
    dot = dot_finder()
    best: PlacedDiagram | None = None
    for wrap_em in (style.wrap_em, style.wrap_em * 0.6):  # narrower labels help wide diagrams
        typeset = Typesetter(measure, style, wrap_em)
        natural = (_dot_layout(diagram, typeset, dot) if dot else None) or layered(
            diagram, typeset)
        placed = fit(natural, area_w, area_h, style)
        if best is None or placed.size > best.size + 0.01:
            best = placed
        if placed.size >= style.label_size - 0.01:
            break
    return best


# -- flowcharts with dot ------------------------------------------------------------------

_RANKDIR = {"TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}
_DOT_SHAPE = {"circle": "ellipse", "rhombus": "diamond"}


def _html_box(w: float, h: float) -> str:
    """A fixed-size, invisible HTML label: dot reserves exactly w x h points for our text."""
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{math.ceil(w)}" HEIGHT="{math.ceil(h)}"></TD>'
            '</TR></TABLE>>')


def _dot_source(chart: Flowchart, typeset: Typesetter, sizes: dict[str, tuple[float, float]],
                titles: dict[str, PlacedText], labels: list[PlacedText | None]) -> str:
    names = {node.id: f"n{i}" for i, node in enumerate(chart.nodes)}
    by_id = {sub.id: sub for sub in chart.subgraphs}
    gap, rank = (typeset.style.node_gap_em * typeset.size / 72,
                 typeset.style.rank_gap_em * typeset.size / 72)
    if any(labels):  # dot then puts every label on a rank of its own: two gaps per step
        rank /= 2
    out = [f"digraph G {{ graph [rankdir={_RANKDIR[chart.direction]} splines=polyline "
           f"nodesep={gap:.3f} ranksep={rank:.3f} compound=true];",
           'node [fixedsize=true label="" margin=0]; edge [arrowsize=0.7];']

    def cluster(sub_id: str) -> None:
        sub = by_id[sub_id]
        out.append(f"subgraph cluster_{list(by_id).index(sub_id)} {{ "
                   f"margin={typeset.pad_x:.0f} labeljust=l;")
        if sub_id in titles:
            title = titles[sub_id].box
            out.append(f"label={_html_box(title.w + 2 * typeset.pad_x, title.h)};")
        out.extend(f"{names[n]};" for n in sub.nodes if n in names)
        for child in sub.children:
            cluster(child)
        out.append("}")

    children = {c for sub in chart.subgraphs for c in sub.children}
    for sub in chart.subgraphs:
        if sub.id not in children:
            cluster(sub.id)
    for node in chart.nodes:
        w, h = sizes[node.id]
        out.append(f'{names[node.id]} [shape={_DOT_SHAPE.get(node.shape, "box")} '
                   f'width={w / 72:.4f} height={h / 72:.4f}];')
    for i, edge in enumerate(chart.edges):
        ends = [_endpoint(chart, end, names, list(by_id)) for end in (edge.source, edge.target)]
        if ends[0] is None or ends[1] is None:
            continue
        attrs = [f'id="e{i}"', "dir=" + _dot_dir(edge)]
        if ends[0][1]:
            attrs.append(f"ltail={ends[0][1]}")
        if ends[1][1]:
            attrs.append(f"lhead={ends[1][1]}")
        label = labels[i]
        if label is not None:
            attrs.append(f"label={_html_box(label.box.w + typeset.pad_x, label.box.h)}")
        out.append(f"{ends[0][0]} -> {ends[1][0]} [{' '.join(attrs)}];")
    out.append("}")
    return "\n".join(out)


def _dot_dir(edge: FlowEdge) -> str:
    has_head, has_start = edge.head != "none", edge.start_head != "none"
    return {(True, True): "both", (True, False): "forward", (False, True): "back",
            (False, False): "none"}[(has_head, has_start)]


def _endpoint(chart: Flowchart, end: str, names: dict[str, str],
              clusters: list[str]) -> tuple[str, str] | None:
    """The dot node for an edge end, and the cluster it is clipped to if it names a subgraph."""
    if end in names:
        return names[end], ""
    by_id = {sub.id: sub for sub in chart.subgraphs}
    pending = [end]
    while pending:
        sub = by_id.get(pending.pop(0))
        if sub is None:
            continue
        for node in sub.nodes:
            if node in names:
                return names[node], f"cluster_{clusters.index(end)}"
        pending.extend(sub.children)
    return None


def _dot_layout(chart: Flowchart, typeset: Typesetter, dot: str) -> PlacedDiagram | None:
    texts = {node.id: typeset.text(node.label) for node in chart.nodes}
    sizes = {node.id: typeset.node_size(texts[node.id], node.shape) for node in chart.nodes}
    titles = {sub.id: typeset.text(sub.title) for sub in chart.subgraphs if sub.title.strip()}
    labels = [typeset.text(edge.label) if edge.label.strip() else None for edge in chart.edges]
    source = _dot_source(chart, typeset, sizes, titles, labels)
    try:
        done = subprocess.run([dot, "-Tjson"], input=source, capture_output=True, text=True,
                              timeout=typeset.style.dot_timeout_s, check=True)
        graph = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    x0, y0, x1, y1 = (float(v) for v in graph["bb"].split(","))

    def at(text: str) -> Point:
        x, y = (float(v) for v in text.split(",")[-2:])
        return x - x0, y1 - y

    objects = {obj.get("name", ""): obj for obj in graph.get("objects", [])}
    nodes = []
    for i, node in enumerate(chart.nodes):
        cx, cy = at(objects[f"n{i}"]["pos"])
        w, h = sizes[node.id]
        nodes.append(PlacedNode(node.id, node.shape, Rect(cx - w / 2, cy - h / 2, w, h),
                                centred(texts[node.id], cx, cy)))
    clusters = []
    for i, sub in enumerate(chart.subgraphs):
        obj = objects[f"cluster_{i}"]
        bx0, by0, bx1, by1 = (float(v) for v in obj["bb"].split(","))
        title = titles.get(sub.id)
        if title is not None and "lp" in obj:
            title = centred(title, *at(obj["lp"]))
        clusters.append(PlacedCluster(Rect(bx0 - x0, y1 - by1, bx1 - bx0, by1 - by0), title))
    edges = []
    for placed in graph.get("edges", []):
        i = int(placed["id"][1:])
        edge, label = chart.edges[i], labels[i]
        if label is not None and "lp" in placed:
            label = centred(label, *at(placed["lp"]))
        edges.append(PlacedEdge(_dot_polyline(placed["pos"], at), edge.style, edge.head,
                                edge.start_head, label))
    return normalised(PlacedDiagram(x1 - x0, y1 - y0, typeset.size, tuple(nodes),
                                     tuple(edges), tuple(clusters), "dot"))


def _dot_polyline(pos: str, at: Callable[[str], Point]) -> tuple[Point, ...]:
    """dot's polyline spline (3n+1 Bezier points on straight runs) as its corners, tip to tip."""
    start = end = None
    points: list[Point] = []
    for token in pos.split():
        if token.startswith("e,"):
            end = at(token[2:])
        elif token.startswith("s,"):
            start = at(token[2:])
        else:
            points.append(at(token))
    corners = points[::3] if len(points) >= 4 else points
    if end is not None:
        corners[-1] = end
    if start is not None:
        corners[0] = start
    return tuple(_without_straight_corners(corners))


def _without_straight_corners(points: list[Point]) -> list[Point]:
    out = points[:1]
    for here, after in zip(points[1:-1], points[2:]):
        before = out[-1]
        cross = (here[0] - before[0]) * (after[1] - here[1]) - (here[1] - before[1]) * (
            after[0] - here[0])
        if abs(cross) > 0.5 * math.dist(before, here) + 1e-6:
            out.append(here)
    return out + points[-1:]


