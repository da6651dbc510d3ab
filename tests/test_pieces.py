"""note.pieces: inline pieces with their marks, merged neighbours, task markers."""

from __future__ import annotations

from deckgen.note.model import KEY, Demo, ImageRef, ListBlock, Marks, Paragraph, Span
from deckgen.note.pieces import marked_span, merge_pieces, task_marker, trim_breaks

CLOSED = {"bold": 0, "italic": 0, "highlight": 0, "strike": 0}


def test_a_span_carries_every_mark_open_where_it_stands():
    marks = {"bold": 2, "italic": 1, "highlight": 0, "strike": 1}  # bold opened twice: still bold
    span = marked_span("핵심 key", marks, "https://docs.docker.com")
    assert span.marks == Marks(bold=True, italic=True, strike=True, link="https://docs.docker.com")


def test_a_span_with_nothing_open_is_plain_and_code_is_its_own_mark():
    assert marked_span("코드", CLOSED, None, code=True).marks == Marks(code=True)
    assert marked_span("글", CLOSED, None).marks == Marks()


def test_neighbours_with_the_same_marks_join_and_breaks_stay_apart():
    pieces = [Span("도커"), Span("는 "), Span("\n"), Span("컨테이너", KEY), Span(" runtime", KEY)]
    assert merge_pieces(pieces) == [Span("도커는 "), Span("\n"), Span("컨테이너 runtime", KEY)]


def test_a_picture_splits_the_text_around_it():
    image = ImageRef("diagram.png", "그림", 1)
    assert merge_pieces([Span("앞 "), image, Span("뒤 after")]) == \
        [Span("앞 "), image, Span("뒤 after")]


def test_empty_spans_vanish():
    assert merge_pieces([Span(""), Span("글자 text"), Span("")]) == [Span("글자 text")]


def test_a_demo_mark_splits_nothing_and_goes_last():
    demo = Demo(120, 1)
    assert merge_pieces([Span("라이브 "), demo, Span("데모 demo")]) == [Span("라이브 데모 demo"), demo]


def test_a_task_items_box_comes_off_its_first_line():
    blocks = (Paragraph((Span("[x] 이미지 빌드 build"), Span(" 완료", KEY)), 3),)
    rest, checked = task_marker(blocks)
    assert checked is True
    assert rest == (Paragraph((Span("이미지 빌드 build"), Span(" 완료", KEY)), 3),)
    assert task_marker((Paragraph((Span("[ ] 배포 deploy"),), 4),))[1] is False
    assert task_marker((Paragraph((Span("[X] done"),), 4),))[1] is True


def test_text_that_only_looks_like_a_box_is_not_a_task():
    for spans in ((Span("[x]no space"),), (Span("[x] code", Marks(code=True)),), (Span("x [x] y"),)):
        blocks = (Paragraph(spans, 1),)
        assert task_marker(blocks) == (blocks, None)
    lists = (ListBlock((), 1),)
    assert task_marker(lists) == (lists, None)
    assert task_marker(()) == ((), None)


def test_trim_breaks_drops_blank_and_break_spans_at_both_ends_only():
    spans = [Span("\n"), Span("  "), Span("가운데"), Span("\n"), Span("middle"), Span(" "), Span("\n")]
    assert trim_breaks(spans) == (Span("가운데"), Span("\n"), Span("middle"))
    assert trim_breaks([Span("\n"), Span(" ")]) == ()
