"""note.sections: sections nested by heading level, and the reference list before them."""

from __future__ import annotations

import pytest

from deckgen.note.model import KEY, PLAIN, ListBlock, ListItem, Marks, Paragraph, Span
from deckgen.note.sections import HeadingMark, links_of, sections_of, split_references


def heading(level: int, text: str, line: int) -> HeadingMark:
    return HeadingMark(level, (Span(text),), line)


def para(text: str, line: int, marks: Marks = PLAIN) -> Paragraph:
    return Paragraph((Span(text, marks),), line)


def link(url: str) -> Marks:
    return Marks(link=url)


def test_blocks_before_the_first_heading_are_the_preamble():
    intro = para("소개 intro", 1)
    preamble, sections = sections_of([intro, heading(2, "도커", 3), para("본문", 4)])
    assert preamble == (intro,)
    assert [s.title[0].text for s in sections] == ["도커"]
    assert sections[0].blocks == (para("본문", 4),)


def test_deeper_headings_nest_and_equal_ones_close_the_section():
    items = [heading(1, "도커", 1), para("a", 2), heading(2, "이미지 image", 3), para("b", 4),
             heading(3, "레이어 layer", 5), heading(2, "컨테이너", 6), heading(1, "쿠버네티스", 7)]
    _, sections = sections_of(items)
    assert [s.line for s in sections] == [1, 7]
    docker = sections[0]
    assert docker.blocks == (para("a", 2),)
    assert [c.line for c in docker.children] == [3, 6]
    assert [c.line for c in docker.children[0].children] == [5]
    assert docker.children[0].blocks == (para("b", 4),)


def test_a_skipped_level_still_nests_under_the_nearest_higher_heading():
    _, sections = sections_of([heading(1, "A", 1), heading(3, "깊은 deep", 2), heading(2, "B", 3)])
    assert [c.level for c in sections[0].children] == [3, 2]


def test_a_paragraph_of_links_before_the_first_heading_is_the_reference_list():
    refs = Paragraph((Span("공식 문서", link("https://docs.docker.com")), Span("\n"),
                      Span("Blog", link("https://blog.example.com"))), 1)
    intro = para("도커를 공부했습니다", 3)
    kept, links = split_references((refs, intro))
    assert kept == (intro,)
    assert [(link.text, link.url, link.line) for link in links] == [
        ("공식 문서", "https://docs.docker.com", 1), ("Blog", "https://blog.example.com", 2)]


def test_a_list_made_only_of_links_is_a_reference_list_too():
    items = tuple(ListItem((para(name, n, link(url)),), n)
                  for n, (name, url) in enumerate([("가", "https://a.io"), ("나", "https://b.io")], 1))
    kept, links = split_references((ListBlock(items, 1),))
    assert kept == () and [link.url for link in links] == ["https://a.io", "https://b.io"]


def test_prose_with_a_link_in_it_is_not_a_reference_list():
    mixed = Paragraph((Span("자세한 내용은 "), Span("문서", link("https://docs.docker.com"))), 1)
    assert split_references((mixed,)) == ((mixed,), ())
    items = (ListItem((para("링크", 1, link("https://a.io")),), 1), ListItem((para("글 text", 2),), 2))
    assert split_references((ListBlock(items, 1),))[1] == ()


def test_repeats_are_left_out_of_the_references_and_internal_links_cannot_exist():
    refs = Paragraph((Span("A", link("https://a.io")),
                      Span(" "), Span("again", link("https://a.io"))), 1)
    _, links = split_references((refs,))
    assert [link.url for link in links] == ["https://a.io"]
    with pytest.raises(ValueError):  # the link policy: a note link is text, never a span's link
        link("other.md")


def test_neighbouring_spans_with_one_url_are_one_link_whatever_their_marks():
    url = "https://docs.docker.com"
    spans = (Span("도커 ", Marks(link=url)), Span("공식", Marks(bold=True, link=url)),
             Span(" 문서", Marks(link=url)), Span(" 그리고 "), Span("blog", Marks(link="https://b.io")))
    links = links_of(spans, 5)
    assert [(link.text, link.url, link.line) for link in links] == [("도커 공식 문서", url, 5),
                                                       ("blog", "https://b.io", 5)]


def test_a_link_after_a_line_break_gets_the_next_line():
    spans = (Span("a", link("https://a.io")), Span("\n"), Span("b", link("https://b.io")))
    assert [link.line for link in links_of(spans, 10)] == [10, 11]


def test_text_without_links_has_none():
    assert links_of((Span("그냥 글", KEY),), 1) == []
