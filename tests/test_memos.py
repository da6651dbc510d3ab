"""Memos the author wrote for themselves: recognised in Korean and English."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.model import Callout, Paragraph, Span
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.memos import has_demo_mark, is_memo, memo_demo_seconds


def _p(text: str) -> Paragraph:
    return Paragraph((Span(text),), 1)


def test_lines_about_the_note_and_memo_callouts_are_memos() -> None:
    assert is_memo(_p("이 노트는 스터디 발표용으로 정리했습니다."))
    assert is_memo(_p("This note is my prep for Friday."))
    assert not is_memo(_p("도커는 컨테이너를 관리하는 도구입니다."))
    assert not is_memo(_p("Docker is a tool that manages containers."))
    assert is_memo(Callout("note", (Span("발표 준비"),), (_p("데모는 2분"),), 1))
    assert is_memo(Callout("todo", (), (_p("slides"),), 1))
    assert is_memo(Callout("info", (Span("Note to self"),), (_p("x"),), 1))
    assert not is_memo(Callout("warning", (Span("주의"),), (_p("x"),), 1))


def test_a_memo_names_the_demo_time() -> None:
    assert memo_demo_seconds([_p("데모는 2분 정도 걸립니다.")]) == 120
    assert memo_demo_seconds([_p("The demo takes 3 min.")]) == 180
    assert memo_demo_seconds([_p("발표 전에 프로젝트를 띄워 둘 것")]) == 0


def test_a_demo_mark_is_found_anywhere() -> None:
    note, _ = parse_note(Source(Path("n.md"), "# A\n## b\n본문\n%% demo 2:00 %%\n"))
    assert has_demo_mark(note.preamble, note.sections)
    plain, _ = parse_note(Source(Path("n.md"), "# A\n## b\n본문\n"))
    assert not has_demo_mark(plain.preamble, plain.sections)
