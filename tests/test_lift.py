"""plan.lift: visuals inside quotes, callouts and list items stand after their container; and
the "nothing lost" check: every picture, formula, diagram, code block and table of every
fixture note ends on a slide, in the speaker notes, or in a warning with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.note.model import (Callout, CodeBlock, Diagram, Formula, Image, ListBlock, Paragraph,
                                Table, walk)
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.lift import lifted
from deckgen.plan.notes import notes_text
from deckgen.plan.talk import Code, TableData

from conftest import FIXTURES

NOTES = sorted(FIXTURES.glob("*.md")) + sorted((FIXTURES / "stress").glob("*.md"))


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


def _all_blocks(note):
    def sections(items):
        for section in items:
            yield from section.blocks
            yield from sections(section.children)
    return list(walk([*note.preamble, *sections(note.sections)]))


def _placed(prepared):
    """What the talk shows and says: pictures, code and tables on slides, and notes text."""
    shown, code, tables, said = set(), [], [], []
    for slide in prepared.talk.slides:
        shown.update(slide.pictures)
        shown.update(card.picture for card in slide.cards)
        said.append(notes_text(slide.notes, "ko"))
        said.extend(notes_text(card.notes, "ko") for card in slide.cards)
        for element in slide.body:
            if isinstance(element, Code):
                code.append(element.text)
            elif isinstance(element, TableData):
                tables.append(element)
    return shown, code, tables, "\n".join(said)


@pytest.mark.parametrize("note", NOTES, ids=lambda p: p.name)
def test_nothing_of_a_fixture_goes_nowhere(note: Path):
    prepared = prepare(note, {}, vault=FIXTURES)
    warned = {w.line for w in (*prepared.early_warnings, *prepared.layout_warnings)}
    shown, code, tables, said = _placed(prepared)
    lost = []
    table_count = 0
    for block in _all_blocks(prepared.loaded.note):
        match block:
            case Image():
                ok = block.ref in shown or block.line in warned or block.ref.target in said
            case Formula():
                ok = block in shown or block.line in warned or block.latex.strip() in said
            case Diagram():
                ok = block in shown or block.line in warned or block.source.strip() in said
            case CodeBlock():
                first = block.text.strip().split("\n")[0]
                ok = (any(first in c for c in code) or block.text.strip() in said
                      or block.line in warned or not block.text.strip())
            case Table():
                table_count += 1
                ok = True
            case Paragraph():
                ok = True  # text: the notes carry the prose (test_notes checks its words)
            case _:
                ok = True
        if not ok:
            lost.append((type(block).__name__, block.line))
    assert not lost, f"blocks on no slide, in no notes and in no warning: {lost}"
    assert len(tables) >= table_count or any(w for w in warned), "a table went nowhere"
