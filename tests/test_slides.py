"""layout.slides: a talk to placed pages: fixed compositions, continuations, page furniture,
each page's time and notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.layout import lay_out
from deckgen.layout.frames import ShapeFrame, TextFrame
from deckgen.look import Look
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan import TalkOptions, plan_talk
from deckgen.plan.talk import SlideKind, text_of
from deckgen.theme import TECOTALK, Gaps

ITEMS = "\n".join(f"- 항목 {n}: 목록의 {n}번째 항목입니다 item" for n in range(30))
NOTE = f"""# 도커
## 이미지
**층**으로 쌓입니다.
## 긴 목록
{ITEMS}
# 쿠버네티스
## {"아주 길어서 한 줄에도 두 줄에도 다 들어가지 않는 제목 " * 3}
**x**
"""


def talk_of(text: str, **options):
    note, _ = parse_note(Source(Path("n.md"), text))
    return plan_talk(note, TalkOptions(**options))[0]


@pytest.fixture(scope="module")
def laid():
    talk = talk_of(NOTE, fit=False)
    deck, warnings = lay_out(talk, {}, Look(TECOTALK))
    return talk, deck, warnings


def roles(page) -> list[str]:
    return [frame.role for frame in page.frames if isinstance(frame, (TextFrame, ShapeFrame))]


def test_every_page_but_the_title_carries_a_page_number_field_and_progress(laid):
    _, deck, _ = laid
    first, *rest = deck.slides
    assert "page" not in roles(first) and "progress" not in roles(first)
    for page in rest:
        assert roles(page).count("page") == 1 and roles(page).count("progress") == 1
    numbers = [f for p in rest for f in p.frames if getattr(f, "field", None) == "slidenum"]
    assert [text_of(f.paras[0].runs) for f in numbers] == [str(n) for n in range(2, len(deck.slides) + 1)]


def test_the_progress_bar_grows_page_by_page_to_the_full_width(laid):
    _, deck, _ = laid
    widths = [f.rect.w for p in deck.slides for f in p.frames
              if isinstance(f, ShapeFrame) and f.role == "progress"]
    assert widths == sorted(widths) and len(set(widths)) == len(widths)
    assert widths[-1] == deck.width
    assert widths[0] == pytest.approx(deck.width * 2 / len(deck.slides))


def test_content_titles_get_the_accent_rule_and_statement_and_closing_pages_do_not(laid):
    _, deck, _ = laid
    for page in deck.slides:
        rule = [f for f in page.frames if isinstance(f, ShapeFrame) and f.role == "accent"]
        if page.kind in (SlideKind.CONTENT, SlideKind.AGENDA, SlideKind.SUMMARY):
            assert len(rule) == 1 and rule[0].rect.y > page.title.rect.bottom
        elif page.kind in (SlideKind.SECTION, SlideKind.CLOSING):
            assert rule == []


def test_a_statement_page_shows_its_number_above_its_title(laid):
    _, deck, _ = laid
    statements = [p for p in deck.slides if p.kind == SlideKind.SECTION]
    assert [p.title_text for p in statements] == ["도커", "쿠버네티스"]
    number = next(f for f in statements[1].frames if isinstance(f, TextFrame) and f.role == "number")
    assert text_of(number.paras[0].runs) == "02" and number.rect.bottom <= statements[1].title.rect.y


def test_a_list_too_long_for_one_page_continues_on_pages_that_say_so(laid):
    _, deck, _ = laid
    pages = [p for p in deck.slides if p.title_text.startswith("긴 목록")]
    assert len(pages) >= 2
    assert [p.continued for p in pages] == [False] + [True] * (len(pages) - 1)
    for page in pages[1:]:  # each says what it adds: the item it starts with
        first = next(text_of(para.runs) for f in page.frames if isinstance(f, TextFrame)
                     and f.role == "body" for para in f.paras)
        assert page.title_text == f"긴 목록 · {first.split(':')[0].strip()}"
    assert len({p.title_text for p in pages}) == len(pages)
    for page in pages[1:]:
        assert page.notes.plan is None
        assert page.notes.text(with_time=False).startswith("(계속) 긴 목록")
    shown = " ".join(text_of(para.runs) for p in pages for f in p.frames if isinstance(f, TextFrame)
                     and f.role == "body" for para in f.paras)
    assert "항목 0:" in shown and "항목 29:" in shown


def test_continuations_share_their_plan_slides_time_and_the_clock_adds_up(laid):
    talk, deck, _ = laid
    plan = next(s for s in talk.slides if s.title == "긴 목록")
    pages = [p for p in deck.slides if p.source is plan]
    assert [p.seconds for p in pages] == pytest.approx([plan.seconds / len(pages)] * len(pages))
    assert sum(p.seconds for p in deck.slides) == pytest.approx(talk.seconds)
    assert deck.slides[-1].notes.elapsed == pytest.approx(talk.seconds)
    assert {p.notes.budget for p in deck.slides} == {talk.minutes * 60}


def test_a_title_too_long_even_for_two_lines_is_cut_and_said_in_full_in_the_notes(laid):
    _, deck, warnings = laid
    page = next(p for p in deck.slides if p.title_text.startswith("아주 길어서"))
    shown = text_of(page.title.paras[0].runs)
    assert shown.endswith(" …") and page.title_text.startswith(shown[:-2])
    assert page.notes.full_title and page.notes.text().startswith(page.title_text)
    assert any("title too long" in w.message for w in warnings)


def test_every_paragraph_leaves_layout_set(laid):
    _, deck, _ = laid
    for page in deck.slides:
        frames = [page.title, *page.frames] if page.title else page.frames
        for frame in frames:
            if isinstance(frame, TextFrame):
                assert all(para.set is not None for para in frame.paras), page.title_text


def test_everything_stays_on_the_slide(laid):
    _, deck, _ = laid
    for page in deck.slides:
        for frame in page.frames:
            r = frame.rect
            assert r.x >= -0.5 and r.y >= -0.5 and r.right <= deck.width + 0.5
            assert r.bottom <= deck.height + 0.5


def test_the_title_block_sits_above_the_middle_of_the_title_page(laid):
    _, deck, _ = laid
    title_page = deck.slides[0]
    rule = next(f for f in title_page.frames if isinstance(f, ShapeFrame))
    assert rule.rect.y < title_page.title.rect.y
    middle = (rule.rect.y + title_page.title.rect.bottom) / 2
    assert middle < deck.height / 2


def closing_block_middle(gap: float) -> float:
    talk = talk_of("## 도커\n**도구**\n")
    theme = replace(TECOTALK, gaps=replace(Gaps(), closing=gap))
    deck, _ = lay_out(talk, {}, Look(theme))
    closing = deck.slides[-1]
    subtitle = next(f for f in closing.frames if isinstance(f, TextFrame) and f.role == "subtitle")
    assert subtitle.rect.y == pytest.approx(closing.title.rect.bottom + gap)
    return (closing.title.rect.y + subtitle.rect.bottom) / 2


def test_the_thank_you_page_is_centred_with_the_default_gap():
    assert closing_block_middle(Gaps().closing) == pytest.approx(540 / 2, abs=0.5)


def test_the_thank_you_page_stays_centred_whatever_the_themes_gap():
    assert closing_block_middle(80) == pytest.approx(540 / 2, abs=0.5)


def test_a_list_counting_from_zero_is_laid_out_with_its_numbers():
    talk = talk_of("## 목록\n0. 영 zero\n1. 일 one\n")
    deck, _ = lay_out(talk, {}, Look(TECOTALK))
    page = next(p for p in deck.slides if p.title_text == "목록")
    body = next(f for f in page.frames if isinstance(f, TextFrame) and f.role == "body")
    assert [p.bullet for p in body.paras][0] == "0."
