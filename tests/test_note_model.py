"""note.model: the parsed note's values and the small rules every stage shares."""

from __future__ import annotations

from deckgen.note.model import (KEY, PLAIN, Callout, CodeBlock, Demo, Embed, Heading, Image,
                                ImageRef, Link, ListBlock, ListItem, Marks, Paragraph, Rule,
                                Span, inner_blocks, is_external, lines_of, merge_neighbours,
                                plain, strip_tags, unique_links, walk)
from deckgen.plan.talk import Run

BREAK = Span("\n")


def para(text: str, line: int = 1) -> Paragraph:
    return Paragraph((Span(text),), line)


def test_bold_and_highlight_are_key_phrases_other_marks_are_not():
    assert Marks(bold=True).key and Marks(highlight=True).key
    assert not Marks(italic=True, code=True, strike=True, link="https://x.io").key
    assert Span("핵심", KEY).is_key and not Span("설명").is_key


def test_a_break_is_a_span_of_one_newline():
    assert BREAK.is_break and not Span("\n\n").is_break and not Span(" ").is_break


def test_a_callout_holds_its_blocks_and_a_list_its_items_blocks():
    inner = (para("안쪽 inside"), CodeBlock("x = 1", 3))
    assert inner_blocks(Callout("note", (), inner, 1)) == inner
    items = (ListItem((para("하나 one"),), 1), ListItem((para("둘 two"), Rule(3)), 2))
    assert inner_blocks(ListBlock(items, 1)) == (items[0].blocks[0], *items[1].blocks)


def test_leaf_blocks_hold_nothing():
    for block in (para("x"), Image(ImageRef("a.png", "", 1)), CodeBlock("c", 1), Heading(3, (), 1),
                  Rule(1), Embed("노트", "", "", 1), Demo(60, 1)):
        assert inner_blocks(block) == ()


def test_walk_visits_every_block_inside_others_in_note_order():
    deep = para("깊은 곳 deep", 4)
    nested = ListBlock((ListItem((deep,), 4),), 4)
    outer = Callout("tip", (), (ListBlock((ListItem((para("항목 item", 3), nested), 3),), 3),), 2)
    blocks = [para("처음 first", 1), outer, Demo(90, 6)]
    order = list(walk(blocks))
    assert order[0] is blocks[0] and order[1] is outer and order[-1] is blocks[2]
    assert deep in order and order.index(nested) < order.index(deep)
    assert [b for b in order if isinstance(b, Demo)] == [Demo(90, 6)]  # found at any depth once


def test_plain_folds_breaks_and_whitespace_into_single_spaces():
    spans = (Span("  도커는 "), Span("컨테이너", KEY), BREAK, Span("runtime   입니다 "))
    assert plain(spans) == "도커는 컨테이너 runtime 입니다"


def test_lines_of_splits_at_breaks_and_drops_empty_lines():
    spans = (Span("첫 줄 "), Span("first", KEY), BREAK, BREAK, Span("   "), BREAK, Span("둘째 second"))
    lines = lines_of(spans)
    assert [plain(line) for line in lines] == ["첫 줄 first", "둘째 second"]
    assert lines[0][1].is_key  # the marks travel with the line


def test_merge_neighbours_joins_only_pieces_with_the_same_marks():
    merged = merge_neighbours([Span("도커"), Span("는 "), Span("컨테이너", KEY), Span(" 도구", KEY),
                               Span("입니다")])
    assert merged == [Span("도커는 "), Span("컨테이너 도구", KEY), Span("입니다")]


def test_merge_neighbours_tells_links_apart_by_their_url():
    a, b = Marks(link="https://a.io"), Marks(link="https://b.io")
    merged = merge_neighbours([Span("문서 ", a), Span("docs", a), Span("다른 other", b)])
    assert [s.text for s in merged] == ["문서 docs", "다른 other"]


def test_merge_neighbours_works_on_a_slides_runs_too_and_leaves_the_input_alone():
    runs = [Run("key "), Run("phrase"), Run("강조", KEY)]
    assert merge_neighbours(runs) == [Run("key phrase"), Run("강조", KEY)]
    assert runs[0] == Run("key ")


def test_strip_tags_removes_hashtags_but_not_words_with_a_hash():
    assert strip_tags("도커 정리 #docker #study/container") == "도커 정리"
    assert strip_tags("C# 언어와 F# language") == "C# 언어와 F# language"
    assert strip_tags("issue#12 and #1 place") == "issue#12 and #1 place"  # numbers are not tags
    assert strip_tags("#태그 제목") == "제목"


def test_unique_links_keeps_external_links_once_first_first():
    links = [Link("문서", "https://docs.docker.com", 1), Link("내부", "other-note.md", 2),
             Link("again", "https://docs.docker.com", 3), Link("메일", "mailto:a@b.kr", 4),
             Link("FTP", "ftp://files.example.org", 5)]
    kept = unique_links(links)
    assert [(link.text, link.line) for link in kept] == [("문서", 1), ("메일", 4)]  # no ftp


def test_external_means_a_scheme_that_leaves_the_vault():
    assert is_external("HTTPS://Example.com") and is_external("http://x")
    assert not is_external("#heading") and not is_external("../note.md")
    assert not is_external("javascript:alert(1)")


def test_an_embed_shows_its_anchor_as_written():
    assert Embed("도커", "", "", 1).shown == "도커"
    assert Embed("도커", "이미지", "", 1).shown == "도커#이미지"
    assert Embed("도커", "ignored", "abc123", 1).shown == "도커#^abc123"


def test_plain_marks_are_the_default():
    assert Span("x").marks == PLAIN == Marks()
