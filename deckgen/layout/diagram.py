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
from dataclasses import dataclass, replace
from typing import Callable, Literal

from ..note.mermaid import Diagram, Flowchart, FlowEdge, Head, Message, SequenceDiagram

Measure = Callable[[str, float], float]  # (text, size in pt) -> width in pt
ShapeKind = Literal["rect", "round", "stadium", "circle", "rhombus", "participant", "actor",
                    "note"]
EdgeStyle = Literal["solid", "dotted", "thick", "lifeline"]
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
class Rect:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PlacedText:
    lines: tuple[str, ...]
    box: Rect  # the text block itself, centred where it is drawn
    size: float


@dataclass(frozen=True)
class PlacedNode:
    id: str
    shape: ShapeKind
    box: Rect
    text: PlacedText


@dataclass(frozen=True)
class PlacedEdge:
    points: tuple[Point, ...]  # a polyline from source to target
    style: EdgeStyle
    head: Head  # at the last point
    start_head: Head = "none"
    text: PlacedText | None = None


@dataclass(frozen=True)
class PlacedCluster:
    box: Rect
    title: PlacedText | None


@dataclass(frozen=True)
class PlacedDiagram:
    width: float
    height: float
    size: float  # the label size after scaling
    nodes: tuple[PlacedNode, ...]  # sequence diagrams: participants and notes
    edges: tuple[PlacedEdge, ...]  # sequence diagrams: lifelines and messages
    clusters: tuple[PlacedCluster, ...]
    engine: Literal["dot", "layered", "sequence"]
    fits: bool = True
    warning: str = ""


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
        return _fit(_sequence(diagram, _Typesetter(measure, style, style.wrap_em * 1.6)),
                    area_w, area_h, style)
    if not diagram.nodes:
        return None
    dot = dot_finder()
    best: PlacedDiagram | None = None
    for wrap_em in (style.wrap_em, style.wrap_em * 0.6):  # narrower labels help wide diagrams
        typeset = _Typesetter(measure, style, wrap_em)
        natural = (_dot_layout(diagram, typeset, dot) if dot else None) or _layered(
            diagram, typeset)
        placed = _fit(natural, area_w, area_h, style)
        if best is None or placed.size > best.size + 0.01:
            best = placed
        if placed.size >= style.label_size - 0.01:
            break
    return best


# -- text ---------------------------------------------------------------------------------

class _Typesetter:
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


def _centred(text: PlacedText, cx: float, cy: float) -> PlacedText:
    box = text.box
    return replace(text, box=Rect(cx - box.w / 2, cy - box.h / 2, box.w, box.h))


# -- flowcharts with dot ------------------------------------------------------------------

_RANKDIR = {"TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}
_DOT_SHAPE = {"circle": "ellipse", "rhombus": "diamond"}


def _html_box(w: float, h: float) -> str:
    """A fixed-size, invisible HTML label: dot reserves exactly w x h points for our text."""
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{math.ceil(w)}" HEIGHT="{math.ceil(h)}"></TD>'
            '</TR></TABLE>>')


def _dot_source(chart: Flowchart, typeset: _Typesetter, sizes: dict[str, tuple[float, float]],
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


def _dot_layout(chart: Flowchart, typeset: _Typesetter, dot: str) -> PlacedDiagram | None:
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
                                _centred(texts[node.id], cx, cy)))
    clusters = []
    for i, sub in enumerate(chart.subgraphs):
        obj = objects[f"cluster_{i}"]
        bx0, by0, bx1, by1 = (float(v) for v in obj["bb"].split(","))
        title = titles.get(sub.id)
        if title is not None and "lp" in obj:
            title = _centred(title, *at(obj["lp"]))
        clusters.append(PlacedCluster(Rect(bx0 - x0, y1 - by1, bx1 - bx0, by1 - by0), title))
    edges = []
    for placed in graph.get("edges", []):
        i = int(placed["id"][1:])
        edge, label = chart.edges[i], labels[i]
        if label is not None and "lp" in placed:
            label = _centred(label, *at(placed["lp"]))
        edges.append(PlacedEdge(_dot_polyline(placed["pos"], at), edge.style, edge.head,
                                edge.start_head, label))
    return _normalised(PlacedDiagram(x1 - x0, y1 - y0, typeset.size, tuple(nodes),
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


# -- flowcharts without dot ---------------------------------------------------------------

class _Box:
    """The view grandalf places: a size in, a centre out."""

    def __init__(self, w: float, h: float):
        self.w, self.h, self.xy = w, h, (0.0, 0.0)


def _layered(chart: Flowchart, typeset: _Typesetter) -> PlacedDiagram:
    """grandalf's Sugiyama layout (pure Python): ranks, crossing reduction, bends around nodes.

    An edge label becomes a node of its own on the edge, as dot does it, so it gets room.
    grandalf lays out top-down only: for LR and RL the boxes go in turned and come out turned.
    """
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout
    from grandalf.routing import EdgeViewer, route_with_lines

    turned = chart.direction in ("LR", "RL")
    texts = {node.id: typeset.text(node.label) for node in chart.nodes}
    sizes = {n.id: typeset.node_size(texts[n.id], n.shape) for n in chart.nodes}
    vertices = {}
    for key, (w, h) in sizes.items():
        vertices[key] = Vertex(key)
        vertices[key].view = _Box(*((h, w) if turned else (w, h)))
    links, labels = [], {}
    for i, edge in enumerate(chart.edges):
        if edge.source not in vertices or edge.target not in vertices:
            continue
        if edge.label.strip():
            labels[i] = typeset.text(edge.label)
            w, h = labels[i].box.w + typeset.pad_x, labels[i].box.h
            vertices[f"label {i}"] = Vertex(f"label {i}")
            vertices[f"label {i}"].view = _Box(*((h, w) if turned else (w, h)))
            links += [(edge.source, f"label {i}", i), (f"label {i}", edge.target, i)]
        else:
            links.append((edge.source, edge.target, i))
    graph = Graph(list(vertices.values()), [Edge(vertices[s], vertices[t]) for s, t, _ in links])
    paths: dict[tuple[str, str], list[Point]] = {}
    offset = 0.0
    for component in graph.C:
        for link in component.sE:
            link.view = EdgeViewer()
        sugiyama = SugiyamaLayout(component)
        sugiyama.route_edge = route_with_lines
        sugiyama.xspace = typeset.style.node_gap_em * typeset.size
        sugiyama.yspace = (typeset.style.rank_gap_em  # room for frame titles too
                           + typeset.style.line_spacing * bool(chart.subgraphs)) * typeset.size
        sugiyama.init_all()
        sugiyama.draw()
        left = min(v.view.xy[0] - v.view.w / 2 for v in component.sV)
        for v in component.sV:
            v.view.xy = (v.view.xy[0] - left + offset, v.view.xy[1])
        for link in component.sE:
            paths[(link.v[0].data, link.v[1].data)] = [
                (x - left + offset, y) for x, y in link.view._pts]
        offset = max(v.view.xy[0] + v.view.w / 2 for v in component.sV) + sugiyama.xspace

    def place(point: Point) -> Point:
        x, y = (point[1], point[0]) if turned else point
        return (-x, y) if chart.direction == "RL" else (x, -y) if chart.direction == "BT" else (x, y)

    centres = {key: place(v.view.xy) for key, v in vertices.items()}
    nodes = tuple(PlacedNode(n.id, n.shape, Rect(centres[n.id][0] - sizes[n.id][0] / 2,
                                                 centres[n.id][1] - sizes[n.id][1] / 2,
                                                 *sizes[n.id]),
                             _centred(texts[n.id], *centres[n.id])) for n in chart.nodes)
    boxes = {node.id: node for node in nodes}
    edges = []
    for i, edge in enumerate(chart.edges):
        hops = ([edge.source, f"label {i}", edge.target] if i in labels
                else [edge.source, edge.target])
        if any(hop not in vertices for hop in hops) or edge.source == edge.target:
            continue
        points = [centres[hops[0]]]
        for a, b in zip(hops, hops[1:]):
            points += [place(p) for p in paths[(a, b)][1:-1]] + [centres[b]]
        points[0] = _clip(boxes[edge.source], points[1])
        points[-1] = _clip(boxes[edge.target], points[-2])
        label = _centred(labels[i], *centres[f"label {i}"]) if i in labels else None
        edges.append(PlacedEdge(tuple(points), edge.style, edge.head, edge.start_head, label))
    clusters = tuple(_frame(sub.title, [boxes[n].box for n in sub.nodes if n in boxes], typeset)
                     for sub in chart.subgraphs if any(n in boxes for n in sub.nodes))
    return _normalised(PlacedDiagram(0, 0, typeset.size, nodes, tuple(edges), clusters,
                                     "layered"))


def _clip(node: PlacedNode, toward: Point) -> Point:
    """Where the line from the node's centre toward a point leaves its outline."""
    box = node.box
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    rx, ry = box.w / 2, box.h / 2
    if node.shape == "circle":
        t = 1 / math.hypot(dx / rx, dy / ry)
    elif node.shape == "rhombus":
        t = 1 / (abs(dx) / rx + abs(dy) / ry)
    else:
        t = min(rx / abs(dx) if dx else math.inf, ry / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _frame(title: str, boxes: list[Rect], typeset: _Typesetter) -> PlacedCluster:
    pad = typeset.pad_x
    x0, y0 = min(b.x for b in boxes) - pad, min(b.y for b in boxes) - pad
    x1, y1 = max(b.x + b.w for b in boxes) + pad, max(b.y + b.h for b in boxes) + pad
    text = typeset.text(title) if title.strip() else None
    if text is not None:  # on the left, where edges into the frame rarely run
        y0 -= text.box.h + typeset.pad_y
        x1 = max(x1, x0 + text.box.w + 2 * pad)
        text = _centred(text, x0 + pad + text.box.w / 2, y0 + typeset.pad_y + text.box.h / 2)
    return PlacedCluster(Rect(x0, y0, x1 - x0, y1 - y0), text)


# -- sequence diagrams --------------------------------------------------------------------

def _sequence(chart: SequenceDiagram, typeset: _Typesetter) -> PlacedDiagram:
    """Participants in a row, spaced so every label fits; then one row per event."""
    em, pad = typeset.size, typeset.pad_x
    order = {p.id: i for i, p in enumerate(chart.participants)}
    heads = [typeset.text(p.label) for p in chart.participants]
    sizes = [typeset.node_size(text, "participant") for text in heads]
    head_h = max(h for _, h in sizes)
    texts = [typeset.text(_message_text(e) if isinstance(e, Message) else e.text)
             for e in chart.events]
    loop_w = 1.5 * em
    need: dict[tuple[int, int], float] = {}  # minimum distance between two centres

    def require(a: int, b: int, distance: float) -> None:
        need[(a, b)] = max(need.get((a, b), 0.0), distance)

    for i in range(len(sizes) - 1):
        require(i, i + 1, (sizes[i][0] + sizes[i + 1][0]) / 2 + typeset.style.node_gap_em * em)
    right_room = [sizes[i][0] / 2 for i in range(len(sizes))]
    left_room = [sizes[i][0] / 2 for i in range(len(sizes))]
    for event, text in zip(chart.events, texts):
        if isinstance(event, Message):
            a, b = sorted((order[event.source], order[event.target]))
            if a != b:
                require(a, b, text.box.w + 2 * pad)
                continue
            extent = loop_w + pad / 2 + text.box.w + pad
        else:
            cols = sorted(order[p] for p in event.participants)
            extent = text.box.w + 2 * pad + em
            if event.placement == "left":
                left_room[cols[0]] = max(left_room[cols[0]], extent)
                if cols[0] > 0:
                    require(cols[0] - 1, cols[0], extent + sizes[cols[0] - 1][0] / 2)
                continue
            if event.placement == "over":
                extra = (text.box.w + 2 * pad) / 2
                left_room[cols[0]] = max(left_room[cols[0]], extra)
                right_room[cols[-1]] = max(right_room[cols[-1]], extra)
                continue
            a = cols[-1]
        right_room[a] = max(right_room[a], extent)
        if a + 1 < len(sizes):
            require(a, a + 1, extent + sizes[a + 1][0] / 2)
    centres = [left_room[0]]
    for j in range(1, len(sizes)):
        centres.append(max(centres[i] + need.get((i, j), 0.0) for i in range(j)))
    nodes = [PlacedNode(p.id, "actor" if p.actor else "participant",
                        Rect(c - w / 2, 0, w, head_h), _centred(t, c, head_h / 2))
             for p, c, (w, _), t in zip(chart.participants, centres, sizes, heads)]
    edges: list[PlacedEdge] = []
    y = head_h + typeset.style.node_gap_em * em / 2
    for event, text in zip(chart.events, texts):
        if isinstance(event, Message):
            xa, xb = centres[order[event.source]], centres[order[event.target]]
            style: EdgeStyle = "dotted" if event.dotted else "solid"
            shown = text if text.lines != ("",) else None
            if xa == xb:
                h = max(text.box.h, em)
                points: tuple[Point, ...] = ((xa, y), (xa + loop_w, y), (xa + loop_w, y + h),
                                             (xa, y + h))
                label = _centred(text, xa + loop_w + pad / 2 + text.box.w / 2, y + h / 2)
                edges.append(PlacedEdge(points, style, event.head, text=shown and label))
                y += h + em
            else:
                line_y = y + text.box.h + 0.3 * em
                label = _centred(text, (xa + xb) / 2, y + text.box.h / 2)
                edges.append(PlacedEdge(((xa, line_y), (xb, line_y)), style, event.head,
                                        text=shown and label))
                y = line_y + em
            continue
        cols = sorted(order[p] for p in event.participants)
        w, h = text.box.w + 2 * pad, text.box.h + 2 * typeset.pad_y
        if event.placement == "over":
            x0 = min(centres[cols[0]] - w / 2, centres[cols[0]] - em)
            x1 = max(centres[cols[-1]] + w / 2, centres[cols[-1]] + em, x0 + w)
        elif event.placement == "right":
            x0 = centres[cols[-1]] + em / 2
            x1 = x0 + w
        else:
            x1 = centres[cols[0]] - em / 2
            x0 = x1 - w
        nodes.append(PlacedNode("", "note", Rect(x0, y, x1 - x0, h),
                                _centred(text, (x0 + x1) / 2, y + h / 2)))
        y += h + 0.6 * em
    bottom = y
    lifelines = [PlacedEdge(((c, head_h), (c, bottom)), "lifeline", "none") for c in centres]
    width = max(max(n.box.x + n.box.w for n in nodes),
                max(c + r for c, r in zip(centres, right_room)))
    return _normalised(PlacedDiagram(width, bottom, typeset.size, tuple(nodes),
                                     tuple(lifelines + edges), (), "sequence"))


def _message_text(message: Message) -> str:
    return f"{message.number}. {message.text}" if message.number is not None else message.text


# -- fitting ------------------------------------------------------------------------------

def _normalised(placed: PlacedDiagram) -> PlacedDiagram:
    """Shifted so the leftmost and topmost drawn thing sits at 0, sized to what is drawn."""
    rects = ([n.box for n in placed.nodes] + [c.box for c in placed.clusters]
             + [t.box for t in _texts(placed)])
    xs = [r.x for r in rects] + [p[0] for e in placed.edges for p in e.points]
    ys = [r.y for r in rects] + [p[1] for e in placed.edges for p in e.points]
    x2 = [r.x + r.w for r in rects] + xs
    y2 = [r.y + r.h for r in rects] + ys
    dx, dy = -min(xs), -min(ys)
    moved = _transform(placed, lambda x, y: (x + dx, y + dy), 1.0)
    return replace(moved, width=max(x2) + dx, height=max(y2) + dy)


def _texts(placed: PlacedDiagram) -> list[PlacedText]:
    return ([n.text for n in placed.nodes] + [e.text for e in placed.edges if e.text]
            + [c.title for c in placed.clusters if c.title])


def _transform(placed: PlacedDiagram, move: Callable[[float, float], Point],
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


def _fit(placed: PlacedDiagram, area_w: float, area_h: float,
         style: DiagramStyle) -> PlacedDiagram:
    """Scaled uniformly into the area, never past the label size nor below the floor."""
    scale = min(1.0, area_w / placed.width, area_h / placed.height)
    floor = style.floor_size / style.label_size
    if scale >= floor:
        return _transform(placed, lambda x, y: (x * scale, y * scale), scale)
    scaled = _transform(placed, lambda x, y: (x * floor, y * floor), floor)
    warning = (f"the diagram needs {scaled.width:.0f} x {scaled.height:.0f} pt at the "
               f"{style.floor_size:g} pt floor but has {area_w:.0f} x {area_h:.0f} pt")
    return replace(scaled, fits=False, warning=warning)
