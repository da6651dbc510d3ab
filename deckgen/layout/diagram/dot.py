"""Flowcharts laid out by Graphviz `dot`: every node a fixed-size box measured from its own
label, every edge label and cluster title a fixed-size HTML table, so dot leaves exactly the
room our text needs; dot's JSON output read back into a `PlacedDiagram`."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Callable

from ...note.mermaid import Flowchart, FlowEdge
from .placed import (PlacedCluster, PlacedDiagram, PlacedEdge, PlacedNode, PlacedText, Point, Rect,
                     Typesetter, centred, glued, normalised)


def find_dot() -> str | None:
    """The absolute path of Graphviz `dot`, or None when it is not installed."""
    return shutil.which("dot")


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


def dot_layout(chart: Flowchart, typeset: Typesetter, dot: str) -> PlacedDiagram | None:
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
        obj = objects.get(f"cluster_{i}", {})
        if "bb" not in obj:  # dot gives an empty subgraph no box: there is nothing to frame
            continue
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
        ends = (edge.source, edge.target) if {edge.source, edge.target} <= set(sizes) else None
        edges.append(PlacedEdge(_dot_polyline(placed["pos"], at), edge.style, edge.head,
                                edge.start_head, label, ends))
    return normalised(glued(PlacedDiagram(x1 - x0, y1 - y0, typeset.size, tuple(nodes),
                                     tuple(edges), tuple(clusters), "dot")))


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


