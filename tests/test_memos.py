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


def _comment_note(language: str) -> str:
    if language == "ko":
        return ("%% 발표 전에 이미지 캐시 지우기 %%\n# 도커\n## 이미지\n"
                "**층**으로 쌓입니다. %% 그림은 나중에 추가 %%\n\n%%\n여러 줄로 쓴\n작성자 주석\n%%\n\n"
                "%% demo 2:00 %%\n\n- 항목 %%목록 속 주석%%\n\n> [!tip] 팁\n> 콜아웃 %%콜아웃 속 주석%%\n"
                "## 컨테이너\n**격리**된다.\n")
    return ("%% clear the image cache before the talk %%\n# Docker\n## Images\n"
            "Images are **layered**. %% add a picture later %%\n\n%%\na comment written\nover lines\n%%\n\n"
            "%% demo 2:00 %%\n\n- an item %%a comment in a list%%\n\n> [!tip] Tip\n"
            "> a callout %%a comment in a callout%%\n## Containers\nThey are **isolated**.\n")


def test_comments_go_to_the_title_slides_notes_and_never_on_a_slide() -> None:
    from deckgen.plan.notes import notes_text
    from deckgen.plan.planner import TalkOptions, plan_talk
    from deckgen.plan.talk import Bullets, Box, SlideKind, TableData, Takeaway, text_of

    for language, said in (("ko", ["발표 전에 이미지 캐시 지우기", "그림은 나중에 추가",
                                   "여러 줄로 쓴 작성자 주석", "목록 속 주석", "콜아웃 속 주석"]),
                           ("en", ["clear the image cache before the talk", "add a picture later",
                                   "a comment written over lines", "a comment in a list",
                                   "a comment in a callout"])):
        note, _ = parse_note(Source(Path("n.md"), _comment_note(language)))
        assert [c.text for c in note.comments] == said  # a bare demo mark is not one
        talk, _ = plan_talk(note, TalkOptions())
        title = talk.slides[0]
        assert title.kind == SlideKind.TITLE
        notes = notes_text(title.notes, language)
        assert all(text in notes for text in said) and "%%" not in notes
        for slide in talk.slides:
            shown = [slide.title, *slide.subtitle]
            for element in slide.body:
                if isinstance(element, (Bullets, Box)):
                    shown += [text_of(b.text) for b in element.items]
                if isinstance(element, Takeaway):
                    shown.append(text_of(element.text))
                if isinstance(element, TableData):
                    shown += [text_of(c) for r in element.rows for c in r]
            assert not any(text in " ".join(shown) for text in said), slide.title
            if slide.kind != SlideKind.TITLE:
                assert not any(text in notes_text(slide.notes, language) for text in said)
        assert sum(s.notes.demo for s in talk.slides) == 120  # the demo mark still reserves
