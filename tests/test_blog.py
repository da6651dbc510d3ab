"""note.blog: Hugo's TOML front matter, HTML blocks read as Markdown, `<details>` blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.blog import details, dropped_html, html_as_markdown, toml_front_matter
from deckgen.note.model import (KEY, CodeBlock, Image, ImageRef, ListBlock, ListItem, Marks,
                                Paragraph, Span, Table)
from deckgen.note.parse import markdown, parse_note
from deckgen.note.read import Source

HUGO = '+++\ntitle = "도커 Docker"\ntags = ["docker", "컨테이너"]\ndraft = false\n+++\n## 본문\n'


def test_toml_front_matter_is_read_as_keys():
    meta, _ = toml_front_matter(HUGO)
    assert meta == {"title": "도커 Docker", "tags": ["docker", "컨테이너"], "draft": False}


def test_the_front_matter_never_reaches_the_text():
    _, text = toml_front_matter(HUGO)
    assert "title" not in text and "+++" not in text
    assert text.strip() == "## 본문"


def test_line_numbers_after_toml_front_matter_stay_right():
    _, text = toml_front_matter(HUGO)
    assert text.split("\n").index("## 본문") == HUGO.split("\n").index("## 본문")


def test_a_heading_after_toml_front_matter_has_the_same_line_as_after_yaml():
    yaml_note, _ = parse_note(Source(Path("n.md"), '---\ntitle: 도커\n---\n## 본문\n'))
    toml_note, _ = parse_note(Source(Path("n.md"), '+++\ntitle = "도커"\n+++\n## 본문\n'))
    assert yaml_note.sections[0].line == 4
    assert toml_note.sections[0].line == yaml_note.sections[0].line


def test_broken_toml_is_no_keys_but_still_kept_off_the_slides():
    meta, text = toml_front_matter('+++\ntitle = \n+++\n본문 text')
    assert meta == {} and text.strip() == "본문 text"


def test_text_without_a_toml_block_is_left_alone():
    for text in ("## 제목\n+++\n", "+++\ntitle = 'x'\n(never closed)\n", "---\ntitle: x\n---\n"):
        assert toml_front_matter(text) == (None, text)


def test_a_details_block_is_read_as_markdown():
    text = "<details>\n<summary>요약 summary</summary>\n\n숨긴 **내용**\n\n</details>\n\n## 다음\n"
    rewritten = html_as_markdown(text, markdown().parse(text))
    assert "<details>" not in rewritten.text and "숨긴 **내용**" in rewritten.text
    assert rewritten.text.split("\n").index("## 다음") == text.split("\n").index("## 다음")


def test_text_without_html_blocks_comes_back_unchanged():
    text = "## 제목\n본문 <b>inline</b> html\n"
    assert html_as_markdown(text, markdown().parse(text)).text == text


def test_each_dropped_html_element_is_a_warning_at_its_line():
    warnings = dropped_html([(3, "<video>"), (9, "<iframe>")])
    assert [(w.message, w.line) for w in warnings] == [
        ("HTML <video> cannot be shown on a slide; dropped", 3),
        ("HTML <iframe> cannot be shown on a slide; dropped", 9)]


def test_a_summary_becomes_one_key_phrase_and_what_it_hides_loses_its_marks():
    hidden = (Paragraph((Span("숨긴 "), Span("핵심", KEY)), 3),
              ListBlock((ListItem((Paragraph((Span("항목 item", KEY),), 5),), 5),), 5))
    out = details((Span("요약 "), Span("summary", Marks(italic=True))), hidden, 2)
    summary, *rest = out
    assert summary.line == 2 and all(s.is_key for s in summary.spans)
    assert [s.text for s in summary.spans] == ["요약 ", "summary"]
    assert rest == [Paragraph((Span("숨긴 "), Span("핵심")), 3), Paragraph((Span("항목 item"),), 5)]


def test_hidden_code_becomes_one_line_of_notes_and_pictures_stay_shown():
    picture = Image(ImageRef("구조.png", "", 7))
    table = Table(((Span("a"),),), (), 8)
    out = details((), (CodeBlock("docker run\n  nginx", 5, "sh"), picture, table), 4)
    assert out == [Paragraph((Span("docker run   nginx"),), 5), picture, table]  # no summary line


def test_a_blank_summary_makes_no_bullet():
    assert details((Span("  "),), (), 1) == []
