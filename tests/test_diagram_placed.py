"""layout.diagram.placed: label typesetting, box sizes and fitting a placed diagram."""

from __future__ import annotations

import pytest

from deckgen.layout.diagram.placed import (DiagramStyle, PlacedCluster, PlacedDiagram, PlacedEdge,
                                           PlacedNode, PlacedText, Typesetter, centred, fit,
                                           glued, normalised, texts_of, transform)
from deckgen.look.model import Rect

STYLE = DiagramStyle(label_size=20, floor_size=14)


def measure(text: str, size: float) -> float:
    return len(text) * size * 0.6  # every character 0.6 em: widths are easy to reason about


TS = Typesetter(measure, STYLE, STYLE.wrap_em)


def text(label: str) -> PlacedText:
    return TS.text(label)


def diagram(width: float = 400, height: float = 200) -> PlacedDiagram:
    node = PlacedNode("A", "rect", Rect(0, 0, width, height), centred(text("도커"), width / 2,
                                                                    height / 2))
    edge = PlacedEdge(((width, height / 2), (width + 50, height / 2)), "solid", "triangle")
    return PlacedDiagram(width + 50, height, STYLE.label_size, (node,), (edge,), (), "layered")


def test_a_label_wraps_at_spaces_once_a_line_is_wider_than_the_wrap_width():
    placed = text("컨테이너 런타임이 이미지를 내려받아 프로세스를 시작합니다")
    assert len(placed.lines) > 1
    assert all(measure(line, 20) <= STYLE.wrap_em * 20 for line in placed.lines)
    assert " ".join(placed.lines) == "컨테이너 런타임이 이미지를 내려받아 프로세스를 시작합니다"


def test_a_single_long_word_stays_whole_and_line_breaks_are_kept():
    assert text("Supercalifragilistic_expialidocious_runtime").lines == (
        "Supercalifragilistic_expialidocious_runtime",)
    assert text("첫 줄\n둘째 줄").lines == ("첫 줄", "둘째 줄")


def test_a_labels_box_is_centred_where_asked_and_as_tall_as_its_lines():
    placed = TS.text("도커\n엔진", 100, 50)
    assert placed.box.x + placed.box.w / 2 == pytest.approx(100)
    assert placed.box.y + placed.box.h / 2 == pytest.approx(50)
    assert placed.box.h == pytest.approx(2 * STYLE.line_spacing * 20)
    assert placed.box.w == pytest.approx(measure("도커", 20)) and placed.size == 20


def test_a_box_holds_its_label_with_padding_and_is_never_too_narrow():
    wide = text("레지스트리에서 내려받기")
    w, h = TS.node_size(wide, "rect")
    assert w == pytest.approx(wide.box.w + 2 * STYLE.pad_x_em * 20)
    assert h == pytest.approx(wide.box.h + 2 * STYLE.pad_y_em * 20)
    assert TS.node_size(text("A"), "rect")[0] == STYLE.min_width_em * 20


def test_shapes_that_cut_corners_are_larger_than_a_box_for_the_same_label():
    label = text("이미지가 있나?")
    rect_w, rect_h = TS.node_size(label, "rect")
    rhombus = TS.node_size(label, "rhombus")
    assert rhombus[0] > rect_w and rhombus[1] > rect_h
    circle = TS.node_size(label, "circle")
    assert circle[0] == circle[1] and circle[0] >= rect_w  # the text's diagonal fits inside
    stadium = TS.node_size(label, "stadium")
    assert stadium[1] == rect_h and stadium[0] > rect_w


def test_centred_moves_a_text_block_and_keeps_its_size():
    moved = centred(text("라벨"), 300, 40)
    assert (moved.box.x + moved.box.w / 2, moved.box.y + moved.box.h / 2) == pytest.approx((300, 40))
    assert (moved.box.w, moved.box.h) == (text("라벨").box.w, text("라벨").box.h)


def test_normalised_puts_the_top_left_drawn_thing_at_the_origin():
    shifted = transform(diagram(), lambda x, y: (x - 70, y + 30), 1.0)
    placed = normalised(shifted)
    assert placed.nodes[0].box.x == 0 and placed.nodes[0].box.y == 0
    assert (placed.width, placed.height) == pytest.approx((450, 200))


def test_a_diagram_that_fits_is_never_scaled_up():
    placed = fit(diagram(), 2000, 2000, STYLE)
    assert placed.size == 20 and placed.fits and placed.width == 450


def test_a_diagram_too_big_is_scaled_uniformly_into_the_area():
    placed = fit(diagram(), 405, 1000, STYLE)  # 90 % of its width
    assert placed.width == pytest.approx(405) and placed.height == pytest.approx(180)
    assert placed.size == pytest.approx(18) and placed.fits
    assert placed.nodes[0].text.size == pytest.approx(18)
    assert placed.edges[0].points[1] == pytest.approx((405, 90))


def test_a_diagram_too_big_even_at_the_floor_comes_back_at_the_floor_with_a_warning():
    placed = fit(diagram(), 200, 100, STYLE)
    assert not placed.fits and placed.size == pytest.approx(STYLE.floor_size)
    assert placed.width == pytest.approx(450 * 0.7)
    assert placed.warning == ("the diagram needs 315 x 140 pt at the 14 pt floor but has "
                              "200 x 100 pt")


def test_texts_of_lists_node_edge_and_cluster_labels():
    label = text("예")
    title = text("호스트")
    placed = PlacedDiagram(10, 10, 20, (PlacedNode("A", "rect", Rect(0, 0, 1, 1), text("A")),),
                           (PlacedEdge(((0, 0), (1, 1)), "solid", "none", text=label),
                            PlacedEdge(((0, 0), (1, 1)), "dotted", "none")),
                           (PlacedCluster(Rect(0, 0, 5, 5), title),), "dot")
    assert [t.lines for t in texts_of(placed)] == [("A",), ("예",), ("호스트",)]


# -- glued edges --------------------------------------------------------------------------

def _boxes(*boxes: tuple[str, Rect]) -> tuple[PlacedNode, ...]:
    return tuple(PlacedNode(key, "rect", box, centred(text(key), box.x + box.w / 2,
                                                      box.y + box.h / 2)) for key, box in boxes)


def _edge_between(a: str, b: str) -> PlacedEdge:
    return PlacedEdge(((0, 0), (1, 1), (2, 2)), "solid", "triangle", text=text("라벨"),
                      ends=(a, b))


def test_an_edge_is_glued_between_the_facing_sides_when_that_line_is_clear():
    nodes = _boxes(("A", Rect(0, 0, 100, 40)), ("B", Rect(0, 100, 100, 40)))
    edge, = glued(PlacedDiagram(100, 140, 20, nodes, (_edge_between("A", "B"),), (),
                                "layered")).edges
    assert edge.sites == ("bottom", "top") and edge.points == ((50, 40), (50, 100))
    assert edge.text is not None and edge.text.box.y + edge.text.box.h / 2 == 70


def test_an_edge_whose_facing_line_crosses_a_box_takes_the_shortest_clear_pair_of_sides():
    # C stands between A's bottom and B's top; A's right to B's right goes round it
    nodes = _boxes(("A", Rect(0, 0, 100, 40)), ("C", Rect(0, 70, 100, 40)),
                   ("B", Rect(150, 140, 100, 40)))
    edge, = glued(PlacedDiagram(250, 180, 20, nodes, (_edge_between("A", "B"),), (),
                                "layered")).edges
    assert edge.sites is not None and edge.ends == ("A", "B")
    start, end = edge.points
    assert start == (100, 20)  # A's right: its bottom would run through C
    assert end in ((150, 160), (200, 140))  # B's left or top, never through B itself
    assert edge.text is not None
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    assert (edge.text.box.x + edge.text.box.w / 2, edge.text.box.y + edge.text.box.h / 2) \
        == pytest.approx(middle)


def test_an_edge_with_no_clear_straight_line_keeps_its_route_unglued():
    # B sits inside a ring of boxes around it: every side middle of B looks into a wall
    ring = [("N", Rect(-100, -100, 300, 50)), ("S", Rect(-100, 150, 300, 50)),
            ("W", Rect(-100, -50, 50, 200)), ("E", Rect(150, -50, 50, 200))]
    nodes = _boxes(("A", Rect(400, 50, 100, 40)), ("B", Rect(50, 50, 50, 50)), *ring)
    edge = _edge_between("A", "B")
    out, = glued(PlacedDiagram(600, 300, 20, nodes, (edge,), (), "layered")).edges
    assert out.sites is None and out.ends is None and out.points == edge.points
