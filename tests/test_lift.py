"""plan.lift: visuals inside quotes, callouts and list items stand after their container; and
the "nothing lost" check: every picture, formula, diagram, code block and table of every
fixture note ends on a slide, in the speaker notes, or in a warning with its line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.note.model import (Callout, ListBlock)
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.lift import lifted

from conftest import FIXTURES, sweep
from lostcheck import lost_blocks

NOTES = [*sorted(FIXTURES.glob("*.md")), *sorted((FIXTURES / "stress").glob("*.md")),
         *sorted((FIXTURES / "long").glob("*.md"))]


def blocks_of(text: str):
    note, _ = parse_note(Source(Path("note.md"), text))
    return note.sections[0].blocks if note.sections else note.preamble


def kinds(blocks) -> list[str]:
    return [type(b).__name__ for b in blocks]


def test_a_picture_and_code_in_a_quote_stand_after_its_text():
    blocks = lifted(blocks_of("## 인용\n\n> 설명입니다. Explained.\n> ![[a.png]]\n> ```bash\n> ls\n> ```\n"))
    assert kinds(blocks) == ["Callout", "Image", "CodeBlock"]
    assert kinds(blocks[0].blocks) == ["Paragraph"]


def test_a_formula_in_a_callout_and_a_nested_item_picture_are_lifted():
    callout = lifted(blocks_of("## 수식\n\n> [!note] 공식\n> 값은\n> $$\n> E = mc^2\n> $$\n"))
    assert kinds(callout) == ["Callout", "Formula"]
    listed = lifted(blocks_of("## 목록\n\n- 바깥 outer\n  - 안쪽 inner ![[b.png]]\n"))
    assert kinds(listed) == ["ListBlock"]
    item = listed[0].items[0]
    assert kinds(item.blocks) == ["Paragraph", "ListBlock", "Image"]  # joins its top item


def test_code_in_a_list_item_splits_the_list_where_it_stands():
    blocks = lifted(blocks_of("## 단계\n\n1. 받기 pull\n\t```bash\n\tdocker pull nginx\n\t```\n"
                              "2. 실행 run\n"))
    assert kinds(blocks) == ["ListBlock", "CodeBlock", "ListBlock"]
    assert [i.number for b in blocks if isinstance(b, ListBlock) for i in b.items] == [1, 2]


def test_a_quote_holding_only_code_leaves_no_empty_box():
    blocks = lifted(blocks_of("## 코드\n\n> ```python\n> print('안녕')\n> ```\n"))
    assert kinds(blocks) == ["CodeBlock"]
    titled = lifted(blocks_of("## 코드\n\n> [!example] 예시 Example\n> ```python\n> x = 1\n> ```\n"))
    assert kinds(titled) == ["Paragraph", "CodeBlock"]
    assert not any(isinstance(b, Callout) for b in titled)


@pytest.mark.parametrize("note", sweep(NOTES, ("stress.md", "nested_content.md", "english.md",
                                                "math.md", "jvm_gc.md"), ids=lambda p: p.name))
def test_nothing_of_a_fixture_goes_nowhere(note: Path):
    assert lost_blocks(prepare(note, {}, vault=FIXTURES)) == []


PROBE = """# 도커

## 이미지

**이미지**는 실행에 필요한 파일을 묶은 것입니다. An image bundles what a program needs.

## 컨테이너

**컨테이너**는 격리된 프로세스입니다. A container is an isolated process.

![[images/wide.png]]

```bash
docker run --rm hello-world
```
"""


def test_the_check_finds_prose_that_reaches_no_slide_and_no_notes(tmp_path):
    """The check itself: a talk that loses a slide's notes is caught, in Korean and English."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "wide.png").write_bytes((FIXTURES / "images" / "wide.png").read_bytes())
    source = tmp_path / "probe.md"
    source.write_text(PROBE, encoding="utf-8")
    prepared = prepare(source, {}, vault=tmp_path)
    assert lost_blocks(prepared) == []
    keep = [s for s in prepared.talk.slides if "컨테이너" not in s.title]
    pages = [p for p in prepared.deck.slides if "컨테이너" not in p.notes.title]
    gutted = replace(prepared, talk=replace(prepared.talk, slides=tuple(keep)),
                     deck=replace(prepared.deck, slides=tuple(pages)))
    lost = lost_blocks(gutted)
    assert {kind for kind, _, _ in lost} >= {"Paragraph", "Image", "CodeBlock"}
    assert any("isolated" in words for _, _, words in lost)
