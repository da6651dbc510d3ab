"""layout.diagram.layered: flowcharts without Graphviz (grandalf's layered layout)."""

from __future__ import annotations

import pytest

from deckgen.layout.diagram.layered import _clip, layered
from deckgen.layout.diagram.placed import DiagramStyle, PlacedNode, PlacedText, Typesetter
from deckgen.look.model import Rect
from deckgen.note.mermaid import parse_mermaid

STYLE = DiagramStyle(label_size=20, floor_size=14)
CHAIN = "A[도커 엔진] --> B(런타임)\n  B -->|예 yes| C{있나?}\n"


def measure(text: str, size: float) -> float:
    return len(text) * size * 0.6


def lay(source: str):
    return layered(parse_mermaid(source), Typesetter(measure, STYLE, STYLE.wrap_em))


def centre(node) -> tuple[float, float]:
    return node.box.x + node.box.w / 2, node.box.y + node.box.h / 2


def boxes(placed) -> dict[str, Rect]:
    return {node.id: node.box for node in placed.nodes}


@pytest.fixture(scope="module")
def directions():
    return {d: lay(f"flowchart {d}\n  {CHAIN}") for d in ("TD", "BT", "LR", "RL")}


def test_the_layered_layout_says_so_and_starts_at_the_origin(directions):
    placed = directions["TD"]
    assert placed.engine == "layered" and placed.fits
    assert min(b.x for b in boxes(placed).values()) == pytest.approx(0)
    assert min(b.y for b in boxes(placed).values()) == pytest.approx(0)


@pytest.mark.parametrize("direction, axis, sign", [("TD", 1, 1), ("BT", 1, -1), ("LR", 0, 1),
                                                   ("RL", 0, -1)])
def test_ranks_follow_the_charts_direction(directions, direction: str, axis: int, sign: int):
    a, b, c = (centre(node)[axis] * sign for node in directions[direction].nodes)
    assert a < b < c


def test_boxes_in_a_turned_layout_keep_their_own_size(directions):
    assert boxes(directions["LR"]) .keys() == boxes(directions["TD"]).keys()
    for key, box in boxes(directions["LR"]).items():
        td = boxes(directions["TD"])[key]
        assert (box.w, box.h) == pytest.approx((td.w, td.h))


def test_nodes_never_overlap(directions):
    for placed in directions.values():
        rects = list(boxes(placed).values())
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert a.x + a.w <= b.x + 0.5 or b.x + b.w <= a.x + 0.5 or \
                    a.y + a.h <= b.y + 0.5 or b.y + b.h <= a.y + 0.5


def test_an_edge_label_gets_room_between_its_ends(directions):
    placed = directions["TD"]
    (labelled,) = [edge for edge in placed.edges if edge.text]
    assert labelled.text.lines == ("예 yes",)
    b, c = boxes(placed)["B"], boxes(placed)["C"]
    label = labelled.text.box
    assert b.y + b.h <= label.y and label.y + label.h <= c.y


def test_edges_start_and_end_on_the_node_outlines(directions):
    placed = directions["TD"]
    a, b = boxes(placed)["A"], boxes(placed)["B"]
    first = next(edge for edge in placed.edges if not edge.text)
    assert first.points[0][1] == pytest.approx(a.y + a.h)
    assert first.points[-1][1] == pytest.approx(b.y)


def test_a_subgraph_frames_its_nodes_with_its_title_at_the_top_left():
    placed = lay("flowchart TD\n  A --> B\n  B --> C\n  subgraph host [호스트 머신]\n    B\n"
                 "    C\n  end\n")
    (cluster,) = placed.clusters
    frame = cluster.box
    for key in "BC":
        box = boxes(placed)[key]
        assert frame.x < box.x and box.x + box.w < frame.x + frame.w
        assert frame.y < box.y and box.y + box.h < frame.y + frame.h
    title = cluster.title
    assert title.lines == ("호스트 머신",)
    assert frame.x < title.box.x and frame.y < title.box.y < boxes(placed)["B"].y


def test_separate_pieces_are_laid_side_by_side():
    placed = lay("flowchart TD\n  A --> B\n  C --> D\n")
    a, c = boxes(placed)["A"], boxes(placed)["C"]
    assert a.x + a.w <= c.x or c.x + c.w <= a.x


def node(shape: str) -> PlacedNode:
    return PlacedNode("n", shape, Rect(0, 0, 100, 50), PlacedText(("n",), Rect(40, 15, 20, 20), 20))


def test_clip_leaves_a_box_at_its_side():
    assert _clip(node("rect"), (50, 500)) == pytest.approx((50, 50))
    assert _clip(node("rect"), (1000, 25)) == pytest.approx((100, 25))


def test_clip_leaves_a_circle_and_a_rhombus_on_their_outlines():
    x, y = _clip(node("circle"), (500, 500))
    assert ((x - 50) / 50) ** 2 + ((y - 25) / 25) ** 2 == pytest.approx(1)
    x, y = _clip(node("rhombus"), (500, 500))
    assert abs(x - 50) / 50 + abs(y - 25) / 25 == pytest.approx(1)


def test_clip_toward_the_centre_is_the_centre():
    assert _clip(node("rect"), (50, 25)) == (50, 25)


def test_a_node_pointing_at_itself_is_no_crash():
    """grandalf raised 'no intersection found' on a loop (found by the Mermaid fuzz test)."""
    placed = lay("flowchart TB\n  A[재시도 retry] --> A --> B[끝]\n")
    assert [n.id for n in placed.nodes] == ["A", "B"]
    assert len(placed.edges) == 1  # A → B; the loop is not drawn by this fallback
