"""layout.diagram.dot: flowcharts laid out by Graphviz dot and read back into points."""

from __future__ import annotations

import shutil

import pytest

from deckgen.layout.diagram.dot import (_dot_dir, _dot_polyline, _without_straight_corners,
                                        dot_layout, find_dot)
from deckgen.layout.diagram.placed import DiagramStyle, Typesetter
from deckgen.note.mermaid import FlowEdge, parse_mermaid

STYLE = DiagramStyle(label_size=20, floor_size=14)
CHART = parse_mermaid("""flowchart LR
  A[도커 엔진] --> B(컨테이너 런타임)
  B -->|예 yes| C{이미지가 있나?}
  subgraph host [호스트 머신]
    B
    C
  end
""")
needs_dot = pytest.mark.skipif(find_dot() is None, reason="Graphviz dot is not installed")


def measure(text: str, size: float) -> float:
    return len(text) * size * 0.6


def typeset() -> Typesetter:
    return Typesetter(measure, STYLE, STYLE.wrap_em)


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (inner.x >= outer.x - slack and inner.y >= outer.y - slack
            and inner.x + inner.w <= outer.x + outer.w + slack
            and inner.y + inner.h <= outer.y + outer.h + slack)


def on_border(point, box, slack: float = 3.0) -> bool:
    x, y = point
    within = box.x - slack <= x <= box.x + box.w + slack and box.y - slack <= y <= box.y + box.h + slack
    near = min(abs(x - box.x), abs(x - box.x - box.w), abs(y - box.y), abs(y - box.y - box.h))
    return within and near <= slack


def test_find_dot_is_the_executable_on_the_path():
    assert find_dot() == shutil.which("dot")


@pytest.fixture(scope="module")
def placed():
    if find_dot() is None:
        pytest.skip("Graphviz dot is not installed")
    return dot_layout(CHART, typeset(), find_dot())


@pytest.mark.subprocess
@needs_dot
def test_dot_keeps_each_box_at_the_size_its_label_needs(placed):
    assert placed.engine == "dot" and placed.fits
    ts = typeset()
    for node, chart_node in zip(placed.nodes, CHART.nodes):
        assert node.id == chart_node.id and node.shape == chart_node.shape
        w, h = ts.node_size(ts.text(chart_node.label), chart_node.shape)
        assert (node.box.w, node.box.h) == pytest.approx((w, h))
        assert inside(node.text.box, node.box)


@pytest.mark.subprocess
@needs_dot
def test_left_to_right_ranks_go_left_to_right_without_overlap(placed):
    a, b, c = placed.nodes
    assert a.box.x + a.box.w <= b.box.x and b.box.x + b.box.w <= c.box.x


@pytest.mark.subprocess
@needs_dot
def test_edges_run_from_box_to_box_and_keep_their_labels(placed):
    boxes = {node.id: node.box for node in placed.nodes}
    by_label = {edge.text.lines if edge.text else (): edge for edge in placed.edges}
    assert set(by_label) == {(), ("예 yes",)}
    for edge, (source, target) in ((by_label[()], "AB"), (by_label[("예 yes",)], "BC")):
        assert on_border(edge.points[0], boxes[source])
        assert on_border(edge.points[-1], boxes[target])
        assert edge.head == "triangle" and edge.style == "solid"
    label = by_label[("예 yes",)].text.box
    assert boxes["B"].x + boxes["B"].w <= label.x + label.w / 2 <= boxes["C"].x


@pytest.mark.subprocess
@needs_dot
def test_a_subgraph_frames_its_nodes_with_its_title_inside(placed):
    (cluster,) = placed.clusters
    boxes = {node.id: node.box for node in placed.nodes}
    assert inside(boxes["B"], cluster.box) and inside(boxes["C"], cluster.box)
    assert not inside(boxes["A"], cluster.box)
    assert cluster.title.lines == ("호스트 머신",) and inside(cluster.title.box, cluster.box)


@pytest.mark.subprocess
@needs_dot
def test_the_diagram_starts_at_the_origin_and_holds_everything(placed):
    boxes = [n.box for n in placed.nodes] + [c.box for c in placed.clusters]
    assert min(b.x for b in boxes) == pytest.approx(0, abs=0.5)
    assert min(b.y for b in boxes) == pytest.approx(0, abs=0.5)
    assert max(b.x + b.w for b in boxes) <= placed.width + 0.5


@pytest.mark.subprocess
def test_a_dot_that_fails_gives_nothing_so_the_fallback_can_run():
    false = shutil.which("false")
    assert false is not None
    assert dot_layout(CHART, typeset(), false) is None


def test_arrow_ends_become_dots_dir():
    def edge(head: str, start: str) -> FlowEdge:
        return FlowEdge("A", "B", "solid", head, "", start)

    assert [_dot_dir(edge(h, s)) for h, s in [("triangle", "none"), ("none", "triangle"),
                                              ("triangle", "triangle"), ("none", "none")]] == \
        ["forward", "back", "both", "none"]


def at(token: str):
    x, y = token.split(",")
    return float(x), float(y)


def test_a_straight_spline_becomes_its_two_ends_with_the_arrow_tip_last():
    pos = "e,100,0 " + " ".join(f"{x},0" for x in range(0, 100, 10))
    assert _dot_polyline(pos, at) == ((0.0, 0.0), (100.0, 0.0))


def test_a_bent_spline_keeps_its_corner_and_both_tips():
    pos = "s,0,-5 e,50,35 0,0 0,10 0,20 0,30 10,30 20,30 50,30"
    assert _dot_polyline(pos, at) == ((0.0, -5.0), (0.0, 30.0), (50.0, 35.0))


def test_points_on_a_straight_run_are_dropped_corners_kept():
    assert _without_straight_corners([(0, 0), (10, 0), (20, 0.2), (20, 10)]) == [
        (0, 0), (20, 0.2), (20, 10)]


@pytest.mark.subprocess
@needs_dot
def test_an_empty_subgraph_is_no_crash_and_frames_nothing():
    chart = parse_mermaid("flowchart TB\n  A[요청] --> B[응답]\n  subgraph bb\n  end\n"
                          "  subgraph cc [채워진 틀 filled]\n    A\n  end\n")
    placed = dot_layout(chart, typeset(), find_dot())
    assert placed is not None
    assert [n.id for n in placed.nodes] == ["A", "B"]
    assert len(placed.clusters) == 1  # the filled one; the empty one has no box to draw
