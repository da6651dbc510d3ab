"""layout.diagram.sequence: participants in columns, one row per message or note."""

from __future__ import annotations

import pytest

from deckgen.layout.diagram.placed import DiagramStyle, Typesetter
from deckgen.layout.diagram.sequence import sequence_layout
from deckgen.note.mermaid import parse_mermaid

STYLE = DiagramStyle(label_size=20, floor_size=14)
SOURCE = """sequenceDiagram
  autonumber
  actor U as 사용자
  participant C as 클라이언트
  participant S as 서버
  U->>C: 클릭
  C->>S: 아주 긴 요청 메시지를 보냅니다 request
  S-->>C: 응답
  S->>S: 자기 호출
  Note right of S: 오른쪽 메모
  Note left of U: 왼쪽
  Note over C,S: 함께 보는 메모
"""


def measure(text: str, size: float) -> float:
    return len(text) * size * 0.6


@pytest.fixture(scope="module")
def placed():
    return sequence_layout(parse_mermaid(SOURCE), Typesetter(measure, STYLE, STYLE.wrap_em * 1.6))


def pieces(placed, key: str):
    """The pieces of participant `key`'s lifeline, top to bottom."""
    return sorted((n for n in placed.nodes if n.shape == "lifeline"
                   and n.id.rsplit(":", 1)[0] == key), key=lambda n: n.box.y)


def lifelines(placed) -> dict[str, float]:
    heads = [n for n in placed.nodes if n.shape in ("participant", "actor")]
    return {head.id: pieces(placed, head.id)[0].box.x for head in heads}


def messages(placed):
    return list(placed.edges)


def notes(placed):
    return [n for n in placed.nodes if n.shape == "note"]


def test_participants_stand_in_their_order_with_actors_drawn_as_actors(placed):
    heads = [n for n in placed.nodes if n.shape in ("participant", "actor")]
    assert [(n.id, n.shape) for n in heads] == [("U", "actor"), ("C", "participant"),
                                               ("S", "participant")]
    assert [n.text.lines for n in heads] == [("사용자",), ("클라이언트",), ("서버",)]
    xs = [n.box.x for n in heads]
    assert xs == sorted(xs) and placed.engine == "sequence"


def test_each_lifeline_runs_from_its_head_down_past_the_last_row(placed):
    heads = {n.id: n for n in placed.nodes if n.shape in ("participant", "actor")}
    bottom = max(n.box.y + n.box.h for n in notes(placed))
    for key, x in lifelines(placed).items():
        head = heads[key].box
        assert x == pytest.approx(head.x + head.w / 2)
    for key in heads:
        line = pieces(placed, key)
        assert line[0].box.y == pytest.approx(heads["U"].box.h)
        assert line[-1].box.y + line[-1].box.h >= bottom
        for upper, lower in zip(line, line[1:]):  # one unbroken line, cut only where it meets
            assert upper.box.y + upper.box.h == pytest.approx(lower.box.y)
            assert upper.box.x == lower.box.x and upper.box.w == 0


def test_a_message_is_glued_to_the_top_of_the_lifeline_pieces_cut_where_it_meets_them(placed):
    by_id = {n.id: n for n in placed.nodes}
    glued = [m for m in messages(placed) if len(m.points) == 2]
    assert len(glued) == 3
    for message in glued:
        assert message.sites == ("top", "top") and message.ends is not None
        for end, point in zip(message.ends, (message.points[0], message.points[-1])):
            box = by_id[end].box
            assert by_id[end].shape == "lifeline" and (box.x, box.y) == pytest.approx(point)
    cuts = {key: [n.box.y for n in pieces(placed, key)][1:] for key in ("U", "C", "S")}
    ys = [m.points[0][1] for m in glued]
    assert cuts == {"U": ys[:1], "C": ys, "S": ys[1:]}  # cut nowhere else


def test_a_message_to_itself_is_not_glued_and_does_not_cut_its_lifeline(placed):
    """No preset connector draws a loop whose two ends share an x (a connector's bends scale
    with the box between its ends, here zero wide): the loop stays a freeform."""
    loop = messages(placed)[3]
    assert loop.ends is None and loop.sites is None
    assert all(abs(n.box.y - y) > 0.01 for n in pieces(placed, "S") for _, y in loop.points)


def test_messages_are_numbered_and_go_down_one_row_each(placed):
    shown = messages(placed)
    assert [m.text.lines for m in shown] == [("1. 클릭",), ("2. 아주 긴 요청 메시지를 보냅니다", "request"),
                                             ("3. 응답",), ("4. 자기 호출",)]  # long labels wrap
    ys = [m.points[0][1] for m in shown]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_a_message_label_fits_between_its_two_lifelines(placed):
    x = lifelines(placed)
    request = messages(placed)[1]
    assert request.points[0][0] == pytest.approx(x["C"]) and request.points[-1][0] == pytest.approx(x["S"])
    assert abs(x["S"] - x["C"]) >= request.text.box.w
    assert x["C"] <= request.text.box.x and request.text.box.x + request.text.box.w <= x["S"]
    assert request.text.box.y + request.text.box.h <= request.points[0][1]  # above its arrow


def test_a_reply_is_dotted_and_points_back(placed):
    reply = messages(placed)[2]
    x = lifelines(placed)
    assert reply.style == "dotted"
    assert reply.points[0][0] == pytest.approx(x["S"]) and reply.points[-1][0] == pytest.approx(x["C"])


def test_a_message_to_itself_is_a_loop_to_the_right_of_its_lifeline(placed):
    loop = messages(placed)[3]
    x = lifelines(placed)["S"]
    assert len(loop.points) == 4
    assert loop.points[0][0] == pytest.approx(x) and loop.points[-1][0] == pytest.approx(x)
    assert loop.points[1][0] > x and loop.points[2][1] > loop.points[1][1]
    assert loop.text.box.x > x


def test_notes_sit_where_they_say(placed):
    right, left, over = notes(placed)
    x = lifelines(placed)
    assert right.box.x > x["S"] and right.text.lines == ("오른쪽 메모",)
    assert left.box.x + left.box.w < x["U"]
    assert over.box.x < x["C"] and over.box.x + over.box.w > x["S"]


def test_everything_is_inside_the_diagram(placed):
    for node in placed.nodes:
        assert node.box.x >= -0.5 and node.box.x + node.box.w <= placed.width + 0.5
        assert node.box.y + node.box.h <= placed.height + 0.5
    for edge in placed.edges:
        assert all(-0.5 <= px <= placed.width + 0.5 for px, _ in edge.points)
