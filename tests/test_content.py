"""plan.content: one topic to its content slides (pictures with their text, cards, demos,
capped code)."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.model import Diagram, Formula, ImageRef
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.content import MAX_CODE_LINES, MAX_SIDE_BY_SIDE, topic_slides
from deckgen.plan.talk import (PICTURE_WITH_CAPTION, TITLE_ONLY, TWO_CONTENT, Bullets, Code,
                               SlideKind, Takeaway, text_of)


def slides_of(text: str, title: str = "주제", section: str = "장", line: int = 1):
    blocks = parse_note(Source(Path("n.md"), text))[0].preamble
    return topic_slides(title, blocks, section, line, "ko")


def shown(slide) -> list[str]:
    return [text_of(b.text) for e in slide.body if isinstance(e, Bullets) for b in e.items]


def targets(slide) -> list[str]:
    return [picture.target for picture in slide.pictures]


PICTURES = """도입 문장입니다. **핵심 하나**

![[a.png]]
**그림 a 설명**

문단 둘.

![[b.png]]
![[c.png]]

**b와 c 설명**
"""


def test_each_picture_keeps_the_text_that_goes_with_it():
    slides, warnings = slides_of(PICTURES)
    assert warnings == []
    assert [targets(s) for s in slides] == [["a.png"], ["b.png", "c.png"]]
    assert shown(slides[0]) == ["핵심 하나", "그림 a 설명"]  # text before the first picture too
    assert shown(slides[1]) == ["b와 c 설명"]
    assert "문단 둘." in slides[0].notes.script and "문단 둘." not in slides[1].notes.script


def test_slides_carry_their_topic_section_layout_and_source_line():
    slides, _ = slides_of(PICTURES, "도커 이미지", "도커", 40)
    assert {(s.kind, s.title, s.section) for s in slides} == {(SlideKind.CONTENT, "도커 이미지", "도커")}
    assert [s.layout for s in slides] == [TWO_CONTENT, TWO_CONTENT]
    assert [s.line for s in slides] == [1, 8]  # where each slide's content starts in the note


def test_pictures_in_a_row_go_side_by_side_at_most_four_at_a_time():
    slides, _ = slides_of("\n".join(f"![[p{n}.png]]" for n in range(6)) + "\n")
    assert [len(s.pictures) for s in slides] == [MAX_SIDE_BY_SIDE, 2]
    assert all(s.layout == PICTURE_WITH_CAPTION for s in slides)
    assert slides[0].notes.script == "주제"  # nothing to say: the title


def test_list_items_with_pictures_keep_the_items_before_each_picture():
    slides, _ = slides_of("- 항목 하나\n  ![[a.png]]\n- 항목 둘\n- 항목 셋\n  ![[b.png]]\n")
    assert [(targets(s), shown(s)) for s in slides] == [
        (["a.png"], ["항목 하나"]), (["b.png"], ["항목 둘", "항목 셋"])]


def test_a_numbered_list_whose_items_each_carry_a_picture_becomes_cards():
    (slide,), _ = slides_of("1. **첫째** 설명 **굵게**\n   ![[a.png]]\n2. **둘째**\n   ![[b.png]]\n")
    assert slide.layout == TITLE_ONLY and slide.pictures == ()
    assert [(text_of(c.title), c.number, c.picture.target) for c in slide.cards] == [
        ("첫째", "1.", "a.png"), ("둘째", "2.", "b.png")]
    assert [text_of(b.text) for b in slide.cards[0].bullets] == ["굵게"]
    assert slide.cards[0].notes.script.startswith("1. 첫째")


def test_a_formula_and_a_diagram_are_each_a_slide_with_their_source_in_the_notes():
    slides, _ = slides_of("설명 문장입니다.\n\n$$\nE = mc^2\n$$\n\n```mermaid\nflowchart LR\n"
                          "  A[도커] --> B[이미지]\n```\n")
    formula, diagram = slides
    assert isinstance(formula.pictures[0], Formula) and isinstance(diagram.pictures[0], Diagram)
    assert formula.notes.sources == ("$$ E = mc^2 $$",)
    assert formula.notes.script == "설명 문장입니다."
    assert diagram.notes.sources[0].startswith("Mermaid (flowchart):\nflowchart LR")
    assert diagram.notes.script == ""  # what it draws is its source, not words to say


def test_prose_alone_shows_its_first_sentence_as_the_takeaway():
    (slide,), _ = slides_of("컨테이너는 격리된 프로세스입니다. 자세한 설명이 이어집니다.\n")
    (takeaway,) = slide.body
    assert isinstance(takeaway, Takeaway) and text_of(takeaway.text) == "컨테이너는 격리된 프로세스입니다."
    assert "자세한 설명이 이어집니다." in slide.notes.script


def test_a_topic_with_nothing_still_gets_its_slide():
    (slide,), _ = slides_of("", "빈 주제 empty", line=5)
    assert slide.body == () and slide.pictures == () and slide.line == 5
    assert slide.notes.script == "빈 주제 empty" and slide.seconds > 0


def test_a_demo_mark_reserves_its_time_on_the_slide_its_text_lands_on():
    with_demo, _ = slides_of(PICTURES.replace("**b와 c 설명**", "**b와 c 설명** %% demo 1:30 %%"))
    without, _ = slides_of(PICTURES)
    assert [s.notes.demo for s in with_demo] == [0, 90]
    assert with_demo[1].seconds - without[1].seconds == 90
    assert with_demo[0].seconds == without[0].seconds


def test_a_demo_alone_keeps_its_time_on_the_topics_slide():
    (slide,), _ = slides_of("%% demo 2:00 %%\n", "데모")
    assert slide.notes.demo == 120 and slide.seconds > 120


def test_long_code_shows_its_shape_and_says_so_and_all_of_it_is_in_the_notes():
    code = "\n".join(f"int x{n} = {n};" for n in range(40))
    (slide,), warnings = slides_of(f"```java\n{code}\n```\n", "코드")
    (element,) = slide.body
    assert isinstance(element, Code) and element.language == "java"
    assert len(element.text.split("\n")) == MAX_CODE_LINES
    assert slide.notes.detail == (code,) and code not in slide.notes.script  # read, not said
    (warning,) = warnings
    assert warning.line == 1 and "40 lines" in warning.message and "speaker notes" in warning.message


def test_code_within_two_slides_is_shown_whole_without_a_warning():
    code = "\n".join(f"line{n}()" for n in range(MAX_CODE_LINES))
    (slide,), warnings = slides_of(f"```\n{code}\n```\n")
    assert slide.body[0].text == code and warnings == []


def test_code_and_tables_add_time_to_walk_through():
    (short,), _ = slides_of("```\nx = 1\n```\n")
    (long,), _ = slides_of("```\n" + "\n".join(f"x{n} = {n}" for n in range(20)) + "\n```\n")
    assert long.seconds - short.seconds == 1.5 * 19


def test_picture_refs_keep_their_lines():
    slides, _ = slides_of(PICTURES)
    assert [p.line for s in slides for p in s.pictures if isinstance(p, ImageRef)] == [3, 8, 9]
