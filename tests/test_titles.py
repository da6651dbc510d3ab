"""Titles: a long talk title takes up to four lines at a smaller size before it is cut;
a content title takes its second line before it shrinks; closing punctuation at a line's
end is measured with the word before it, so it never hangs past the title's box."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import build, prepare
from deckgen.layout.measure import CLOSING, Measurer, Style
from deckgen.plan.talk import Run
from deckgen.theme import TECOTALK

from conftest import FIXTURES, requires_soffice, write_note

TALK_TITLES = {
    "ko": "운영체제 스터디 정리 노트 — 프로세스와 스레드의 차이, 컨텍스트 스위칭 비용, "
          "동기화 도구(뮤텍스와 세마포어), 교착 상태의 네 가지 조건과 회피 방법, "
          "그리고 가상 메모리까지 한 번에 꼼꼼하게 살펴보는 발표 자료",
    "en": "Operating systems study notes: processes versus threads, the real cost of a context "
          "switch, mutexes and semaphores, and the four conditions of deadlock with ways to avoid it",
}
CONTENT_TITLES = {
    "ko": "프로세스는 운영체제가 자원을 할당하는 작업의 단위이고 스레드는 그 안에서 실행되는 흐름이다.",
    "en": "A mutex lets one thread in at a time while a semaphore counts how many may enter.",
}


def title_of(prepared, index: int):
    frame = prepared.deck.slides[index].title
    para = frame.paras[0]
    text = "".join(run.text for run in para.runs)
    layout_ts = prepared_typesetter(prepared)
    return text, para.size, layout_ts.lines(para, frame.rect.w, prepared.theme.heading)


def prepared_typesetter(prepared):
    from deckgen.layout.typeset import Typesetter
    return Typesetter(prepared.theme, Measurer())


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_long_talk_title_wraps_to_four_lines_before_it_is_cut(tmp_path: Path, language):
    title = TALK_TITLES[language]
    prepared = prepare(write_note(tmp_path, "n.md", f"---\ntitle: \"{title}\"\n---\n## a\n**x**\n"), {})
    text, size, lines = title_of(prepared, 0)
    assert text == title  # whole, no ellipsis
    assert 3 <= len(lines) <= 4
    sizes = prepared.theme.sizes
    assert sizes.title_min <= size < sizes.title_slide
    assert not any("title too long" in w.message for w in prepared.warnings)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_content_title_takes_two_lines_at_full_size_before_it_shrinks(tmp_path: Path, language):
    title = CONTENT_TITLES[language]
    prepared = prepare(write_note(tmp_path, "n.md", f"## {title}\n**x**\n"), {})
    text, size, lines = title_of(prepared, 1)
    assert text == title and len(lines) == 2
    assert size == prepared.theme.sizes.title


STYLE = Style(TECOTALK.heading, TECOTALK.code, TECOTALK.fallbacks, True)


@pytest.mark.parametrize("text", [
    "漢字" * 12 + "。",  # ideographs break anywhere, but not before their full stop
    "가나다라마바사아자차카타파하" * 3 + ".",  # a word longer than the line is cut, not before its period
    "프로세스와 스레드의 차이를 정리한다(요약)」",
    "a thread is a flow inside the process!",
])
def test_closing_punctuation_never_starts_a_line(text):
    measurer = Measurer()
    for width in range(120, 600, 7):
        lines = measurer.wrap((Run(text),), 28, float(width), STYLE)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[:1] in CLOSING for line in lines[1:]), (width, lines)
        for line in lines:  # the mark is counted: no line is wider than the box
            assert measurer.width(line, 28, STYLE) <= width or len(line.replace(" ", "")) <= 2


NOTES = ["titles_long.md", "titles_long_en.md", "groups_code.md", "groups_code_en.md"]


@requires_soffice
@pytest.mark.parametrize("name", NOTES)
def test_long_titles_and_groups_render_without_a_fault(tmp_path: Path, name):
    from layoutcheck import render

    deck = build(FIXTURES / name, tmp_path / "deck.pptx", {}, vault=FIXTURES).output
    report = render(deck, tmp_path)
    assert report.pages == report.slides
    assert report.faults == []
