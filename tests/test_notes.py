"""plan.notes: the note's own words as speaker notes, and how the notes page reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.model import (KEY, CodeBlock, Diagram, Formula, Image, ImageRef, Paragraph,
                                Rule, Span, Table)
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.notes import NotesOnly, notes_of, notes_text, spoken
from deckgen.plan.talk import Notes

NOTE = """도커는 **컨테이너** 도구입니다.
둘째 줄입니다.

1. 첫째 항목 first
   - 하위 항목 sub
2. 둘째 second

> [!tip] 팁 제목
> 안쪽 글 inside

```py
x = 1
```

| 열 | col |
|---|---|
| 1 | 2 |

![[구조.png]]
"""


@pytest.fixture(scope="module")
def blocks():
    note, _ = parse_note(Source(Path("n.md"), NOTE))
    return note.preamble


def test_paragraphs_keep_their_line_breaks_without_marks(blocks):
    assert notes_of(blocks).split("\n\n")[0] == "도커는 컨테이너 도구입니다.\n둘째 줄입니다."


def test_list_items_keep_their_numbers_and_nesting(blocks):
    parts = notes_of(blocks).split("\n\n")
    assert parts[1] == "1. 첫째 항목 first\n  – 하위 항목 sub\n2. 둘째 second"


def test_a_callout_says_its_title_then_its_text(blocks):
    assert notes_of(blocks).split("\n\n")[2] == "팁 제목\n안쪽 글 inside"


def test_code_tables_and_pictures_are_on_the_slide_not_in_the_script(blocks):
    text = notes_of(blocks)
    assert "x = 1" not in text and "col" not in text and "구조" not in text
    assert len(text.split("\n\n")) == 3


def test_bullets_of_an_unordered_list_are_dots():
    note, _ = parse_note(Source(Path("n.md"), "- 하나 one\n- 둘 two\n"))
    assert notes_of(note.preamble) == "• 하나 one\n• 둘 two"


def test_notes_only_text_is_said():
    assert notes_of([Paragraph((Span("앞"),), 1), NotesOnly("전체 코드 full code", 2)]) == \
        "앞\n\n전체 코드 full code"


def test_blocks_with_nothing_to_say_leave_no_blank_parts():
    blocks = [Rule(1), CodeBlock("c", 2), Table((), (), 3), Image(ImageRef("a.png", "", 4)),
              Formula("x^2", 5), Paragraph((Span("말 words", KEY),), 6)]
    assert notes_of(blocks) == "말 words"
    assert notes_of([]) == ""


def test_urls_are_not_read_out():
    said = spoken("자세한 건 https://docs.docker.com/engine?x=1 또는 mailto:me@x.kr 를 보세요")
    assert "http" not in said and "mailto" not in said
    assert said.split() == ["자세한", "건", "또는", "를", "보세요"]


def test_the_script_comes_first_then_what_the_slide_draws():
    notes = Notes("도커를 설명합니다.", ("Mermaid (flowchart):\nA --> B", "$$ x^2 $$"))
    assert notes_text(notes, "ko") == "도커를 설명합니다.\n\nMermaid (flowchart):\nA --> B\n\n$$ x^2 $$"


def test_a_demo_says_its_time_in_the_talks_language():
    assert notes_text(Notes("시연합니다", demo=125), "ko") == "시연합니다\n\n▶ 데모 2:05"
    assert notes_text(Notes("Live demo", demo=90), "en") == "Live demo\n\n▶ Demo 1:30"
    assert notes_text(Notes(demo=30), "en") == "▶ Demo 0:30"


def test_what_fitting_cut_follows_one_more_detail_line():
    notes = Notes("첫 문장입니다.", unsaid="나머지 문장입니다.", detail=("불릿 하나", "class A {\n}"))
    assert notes_text(notes, "ko") == ("첫 문장입니다.\n\n— 더 자세히 (시간이 남으면) —\n"
                                       "나머지 문장입니다.\n\n• 불릿 하나\nclass A {\n}")


def test_moved_bullets_are_dotted_and_moved_code_stays_as_it_is():
    text = notes_text(Notes("Script.", detail=("one bullet", "x = 1\ny = 2")), "en")
    assert text == "Script.\n\n— More detail (if time allows) —\n• one bullet\nx = 1\ny = 2"


def test_notes_without_anything_are_empty():
    assert notes_text(Notes(), "ko") == ""


def test_detail_without_a_script_starts_with_the_detail_line():
    assert notes_text(Notes(detail=("x",)), "en") == "— More detail (if time allows) —\n• x"


def test_an_unsaid_end_without_a_script_starts_with_the_detail_line():
    assert notes_text(Notes(unsaid="나머지"), "ko") == "— 더 자세히 (시간이 남으면) —\n나머지"


def test_a_diagram_is_not_in_the_script():
    from deckgen.note.mermaid import parse_mermaid

    source = "flowchart LR\n  A --> B"
    assert notes_of([Diagram(source, 1, parse_mermaid(source))]) == ""
