"""A presenter's chapters: a long note's nine H1s become 3–5 chapters for ten minutes,
adjacent ones sharing one statement slide; agenda, summary and PowerPoint sections follow
(issue 19). `--all` keeps every chapter."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.chapters import chapter_limit, common_subject, joined_name
from deckgen.plan.planner import TalkOptions, plan_talk
from deckgen.plan.talk import SlideKind, text_of

_KO = ["JVM 개요", "런타임 영역", "힙의 구조", "객체의 생애", "GC 기초", "GC 알고리즘",
       "메모리 누수", "GC 튜닝", "실전 사례"]
_EN = ["JVM Basics", "Runtime Areas", "Heap Layout", "Object Life", "GC Basics", "GC Algorithms",
       "Memory Leaks", "GC Tuning", "Case Studies"]


def plan(text: str, **options):
    note, _ = parse_note(Source(Path("n.md"), text))
    return plan_talk(note, TalkOptions(**options))


def _nine_chapters(language: str) -> str:
    text = ""
    for c, title in enumerate(_KO if language == "ko" else _EN):
        text += f"# {title}\n"
        for t in range(3):
            text += (f"## {title} 주제 {t}\n- **핵심 {c}-{t}**은 이 절의 요점을 말한다\n"
                     f"- **둘째 {c}-{t}**도 함께 설명한다\n- 셋째 항목은 예시를 든다\n"
                     if language == "ko" else
                     f"## {title} topic {t}\n- **Point {c}-{t}** says what the section is about\n"
                     f"- **Second {c}-{t}** adds a detail to it\n- a third item gives an example\n")
    return text


def _statements(talk) -> list[str]:
    return [s.title for s in talk.slides if s.kind == SlideKind.SECTION and not s.backup]


def test_nine_chapters_become_three_to_five_for_ten_minutes() -> None:
    for language in ("ko", "en"):
        talk, _ = plan(_nine_chapters(language))
        shown = _statements(talk)
        assert 3 <= len(shown) <= 5, shown
        agenda = next(s for s in talk.slides if s.kind == SlideKind.AGENDA)
        assert [text_of(b.text) for b in agenda.body[0].items] == shown
        assert list(talk.sections) == shown  # PowerPoint sections and PDF bookmarks
        for slide in talk.slides:  # every talk slide of a chapter names its shared chapter
            if slide.kind == SlideKind.CONTENT and not slide.backup:
                assert slide.section in shown
        summary = next(s for s in talk.slides if s.kind == SlideKind.SUMMARY)
        assert len(summary.body[0].items) == len(shown)


def test_every_statement_opens_slides_of_its_own_also_when_much_goes_to_the_backup() -> None:
    for language in ("ko", "en"):
        for minutes in (3, 5, 10):
            talk, _ = plan(_nine_chapters(language), minutes=minutes)
            kinds = [s.kind for s in talk.slides if not s.backup]
            for at, kind in enumerate(kinds):
                if kind == SlideKind.SECTION:  # a chapter sent to the backup has none
                    assert kinds[at + 1] == SlideKind.CONTENT, (language, minutes, at)


def test_chapters_about_one_subject_share_a_statement_named_once() -> None:
    talk, _ = plan(_nine_chapters("ko"))
    assert "GC 기초와 알고리즘" in _statements(talk)
    talk, _ = plan(_nine_chapters("en"))
    assert "GC Basics and Algorithms" in _statements(talk)


def test_the_chapter_count_scales_with_the_minutes_and_all_keeps_every_chapter() -> None:
    assert chapter_limit(10) == 5 and chapter_limit(5) == 3 and chapter_limit(20) == 10
    for language in ("ko", "en"):
        assert len(_statements(plan(_nine_chapters(language), minutes=5)[0])) == 3
        assert len(_statements(plan(_nine_chapters(language), minutes=30)[0])) == 9
        assert len(_statements(plan(_nine_chapters(language), fit=False)[0])) == 9


def test_a_note_with_few_chapters_keeps_them() -> None:
    text = "".join(f"# {c}\n## {c} 하나\n**{c}의 요점**을 말한다.\n## {c} 둘\n**{c}의 둘째**를 말한다.\n"
                   for c in ("도커", "컨테이너", "이미지"))
    talk, _ = plan(text)
    assert _statements(talk) == ["도커", "컨테이너", "이미지"]


def test_a_shared_name_reads_as_a_phrase() -> None:
    assert joined_name(["힙의 구조", "객체의 생애"], "ko") == "힙의 구조와 객체의 생애"
    assert joined_name(["메모리 누수", "GC 튜닝"], "ko") == "메모리 누수와 GC 튜닝"
    assert joined_name(["GC 튜닝", "실전 사례"], "ko") == "GC 튜닝과 실전 사례"
    assert joined_name(["JVM", "런타임"], "ko") == "JVM, 런타임"  # a Latin ending: no particle
    assert joined_name(["IP와 라우팅", "DNS"], "ko") == "IP와 라우팅, DNS"  # joined already
    assert joined_name(["Heap Layout", "Object Life"], "en") == "Heap Layout and Object Life"
    assert joined_name(["TCP and UDP", "HTTP"], "en") == "TCP and UDP, HTTP"
    assert common_subject(["GC 기초", "GC 알고리즘"]) == "GC"
    assert common_subject(["GC", "GC 알고리즘"]) == ""
    assert common_subject(["Heap", "Stack"]) == ""
