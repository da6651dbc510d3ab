"""Demo marks (`%% demo 2:00 %%`) are read by the parser where they stand, so their time is
kept on the slide of their own section, also when they open it, sit inside a sentence, or
come from an embedded note."""

from __future__ import annotations

from pathlib import Path

from conftest import write_note

from deckgen.build import prepare
from deckgen.note.model import Demo
from deckgen.note.obsidian import demo_in
from deckgen.note.parse import parse_note
from deckgen.note.read import Source


def _slide(prepared, title: str):
    return next(s for s in prepared.deck.slides if s.title_text == title)


def test_a_demo_mark_is_a_block_of_its_own_and_splits_no_sentence():
    note, _ = parse_note(Source("x.md", "## A\n데모 %% demo 1:30 %% 전에 설명\n\n%%\ndemo 0:45\n%%\n"))
    blocks = note.sections[0].blocks
    assert [b.seconds for b in blocks if isinstance(b, Demo)] == [90, 45]
    assert blocks[0].spans[0].text == "데모  전에 설명"  # the paragraph is one, the mark gone
    assert demo_in("%% Demo 12:05 %%", 3) == Demo(725, 3)
    assert demo_in("%% 데모 메모 %%", 3) is None


def test_a_demo_that_opens_its_section_is_timed_there_not_on_the_slide_before(tmp_path: Path):
    note = write_note(tmp_path, "n.md", "## 캐시 정책\n**LRU**를 쓴다.\n\n"
                                        "## 데모: 캐시 붙이기\n%% demo 2:00 %%\n"
                                        "**Cacheable** 하나로 붙인다.\n")
    prepared = prepare(note, {"fit": False})
    demo, before = _slide(prepared, "데모: 캐시 붙이기"), _slide(prepared, "캐시 정책")
    assert "▶ 데모 2:00" in demo.notes.text() and demo.seconds >= 120
    assert "데모" not in before.notes.text() and before.seconds < 60


def test_a_demo_in_an_embedded_note_is_timed_in_the_embedding_section(tmp_path: Path):
    (tmp_path / ".obsidian").mkdir()
    write_note(tmp_path, "demo.md", "## 데모\n%% demo 1:00 %%\n**직접 보여 준다**\n")
    note = write_note(tmp_path, "talk.md", "## 소개\n**도커**\n\n## 실습\n![[demo#데모]]\n")
    prepared = prepare(note, {"fit": False})
    practice = _slide(prepared, "실습")
    assert "▶ 데모 1:00" in practice.notes.text() and practice.seconds >= 60


def test_a_section_with_only_a_demo_keeps_its_slide_and_its_time(tmp_path: Path):
    note = write_note(tmp_path, "n.md", "## Live demo\n%% demo 3:00 %%\n\n## Next\n**x**\n")
    prepared = prepare(note, {"fit": False})
    live = _slide(prepared, "Live demo")
    assert "▶ Demo 3:00" in live.notes.text() and live.seconds >= 180
