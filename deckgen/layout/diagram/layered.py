"""Flowcharts without Graphviz: grandalf's layered (Sugiyama) layout, in pure Python.

The fallback when `dot` is missing or fails, so a deck still builds; its edges are straight
and may cross where dot would route around.
"""

from __future__ import annotations

import math

from ...note.mermaid import Flowchart
from .placed import PlacedCluster, PlacedDiagram, PlacedEdge, PlacedNode, Point, Rect, \
    Typesetter, centred, glued, normalised


class _Box:
    """The view grandalf places: a size in, a centre out."""

    def __init__(self, w: float, h: float):
        self.w, self.h, self.xy = w, h, (0.0, 0.0)


def layered(chart: Flowchart, typeset: Typesetter) -> PlacedDiagram:
    """grandalf's Sugiyama layout (pure Python): ranks, crossing reduction, bends around nodes.

    An edge label becomes a node of its own on the edge, as dot does it, so it gets room.
    grandalf lays out top-down only: for LR and RL the boxes go in turned and come out turned.
    """
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout
    from grandalf.routing import (
        EdgeViewer, route_with_lines)

    turned = chart.direction in ("LR", "RL")
    texts = {node.id: typeset.text(node.label) for node in chart.nodes}
    sizes = {n.id: typeset.node_size(texts[n.id], n.shape) for n in chart.nodes}
    vertices = {}
    for key, (w, h) in sizes.items():
        vertices[key] = Vertex(key)
        vertices[key].view = _Box(*((h, w) if turned else (w, h)))
    links, labels = [], {}
    for i, edge in enumerate(chart.edges):
        if (edge.source not in vertices or edge.target not in vertices
                or edge.source == edge.target):  # grandalf cannot route a loop; none is drawn
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
                             centred(texts[n.id], *centres[n.id])) for n in chart.nodes)
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
        label = centred(labels[i], *centres[f"label {i}"]) if i in labels else None
        edges.append(PlacedEdge(tuple(points), edge.style, edge.head, edge.start_head, label,
                                (edge.source, edge.target)))
    clusters = tuple(_frame(sub.title, [boxes[n].box for n in sub.nodes if n in boxes], typeset)
                     for sub in chart.subgraphs if any(n in boxes for n in sub.nodes))
    return normalised(glued(PlacedDiagram(0, 0, typeset.size, nodes, tuple(edges), clusters,
                                           "layered")))


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


def _frame(title: str, boxes: list[Rect], typeset: Typesetter) -> PlacedCluster:
    pad = typeset.pad_x
    x0, y0 = min(b.x for b in boxes) - pad, min(b.y for b in boxes) - pad
    x1, y1 = max(b.x + b.w for b in boxes) + pad, max(b.y + b.h for b in boxes) + pad
    text = typeset.text(title) if title.strip() else None
    if text is not None:  # on the left, where edges into the frame rarely run
        y0 -= text.box.h + typeset.pad_y
        x1 = max(x1, x0 + text.box.w + 2 * pad)
        text = centred(text, x0 + pad + text.box.w / 2, y0 + typeset.pad_y + text.box.h / 2)
    return PlacedCluster(Rect(x0, y0, x1 - x0, y1 - y0), text)


