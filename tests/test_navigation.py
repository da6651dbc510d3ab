"""Sections and agenda jumps (layout/navigation.py), on planned and laid-out notes."""

from __future__ import annotations

from pathlib import Path

from deckgen.build import prepare
from deckgen.layout.frames import TextFrame
from deckgen.plan.talk import SlideKind

from conftest import write_note

NOTE = "".join(f"# 장 {n}\n\n## 주제 {n}\n**요점 {n}** 설명입니다.\n\n" for n in range(1, 4))
NOTE_EN = "".join(f"# Part {n}\n\n## Topic {n}\n**Point {n}** explained.\n\n" for n in range(1, 4))


def test_sections_are_the_opening_each_chapter_and_the_wrap_up(tmp_path: Path):
    deck = prepare(write_note(tmp_path, "n.md", NOTE), {}).deck
    assert [name for name, _ in deck.sections] == ["시작", "장 1", "장 2", "장 3", "마무리"]
    starts = [start for _, start in deck.sections]
    assert starts[0] == 0 and starts == sorted(starts)
    for name, start in deck.sections[1:-1]:
        assert deck.slides[start].kind == SlideKind.SECTION and deck.slides[start].source.section == name
    english = prepare(write_note(tmp_path, "e.md", NOTE_EN), {}).deck
    assert [name for name, _ in english.sections] == ["Opening", "Part 1", "Part 2", "Part 3",
                                                      "Wrap-up"]


def test_agenda_entries_jump_to_their_chapters_first_slide(tmp_path: Path):
    deck = prepare(write_note(tmp_path, "n.md", NOTE), {}).deck
    agenda = next(p for p in deck.slides if p.kind == SlideKind.AGENDA)
    jumps = [para.jump for f in agenda.frames if isinstance(f, TextFrame) for para in f.paras
             if para.jump is not None]
    assert jumps == [start for _, start in deck.sections[1:-1]]
