"""plan.talk: the plan's vocabulary, the table of slide kinds and the one layout rule."""

from __future__ import annotations

import pytest

from deckgen.note.model import KEY, ImageRef, Marks
from deckgen.plan.talk import (BLANK, COMPARISON, LAYOUT_NAMES, PICTURE_WITH_CAPTION,
                               SECTION_HEADER, TITLE_AND_CONTENT, TITLE_ONLY, TITLE_SLIDE,
                               TWO_CONTENT, Bullet, Bullets, Card, Code, Columns, Group, KindSpec,
                               Notes, QrCode, Run, Slide, SlideKind, Takeaway, Talk, kind_spec,
                               layout_for, page_layout, text_of)

BULLETS = Bullets((Bullet((Run("도커 Docker"),)),))
COLUMNS = Columns((Group((Run("장점"),), ()), Group((Run("단점"),), ())))
PICTURE = ImageRef("구조.png", "", 3)


@pytest.mark.parametrize("kind", list(SlideKind))
def test_every_kind_is_described_with_a_layout_deckgen_asks_for(kind: SlideKind):
    spec = kind_spec(kind)
    assert isinstance(spec, KindSpec)
    assert spec.layout in LAYOUT_NAMES
    assert spec.pause > 0


def test_only_content_slides_are_fitted():
    assert [k for k in SlideKind if kind_spec(k).fitted] == [SlideKind.CONTENT]


def test_the_title_slide_has_no_page_furniture_and_opens_on_the_title_layout():
    spec = kind_spec(SlideKind.TITLE)
    assert spec.layout == TITLE_SLIDE and not spec.page_number and not spec.title_rule


def test_section_and_content_time_counts_to_the_section():
    counted = {k for k in SlideKind if kind_spec(k).counts_to_section}
    assert counted == {SlideKind.SECTION, SlideKind.CONTENT}
    assert kind_spec(SlideKind.SECTION).layout == SECTION_HEADER


def test_agenda_and_summary_are_set_larger_than_body_text():
    assert kind_spec(SlideKind.AGENDA).emphasis > kind_spec(SlideKind.SUMMARY).emphasis > 0
    assert kind_spec(SlideKind.CONTENT).emphasis == 0


def test_kinds_with_their_own_layout_keep_it_whatever_they_show():
    for kind in (SlideKind.TITLE, SlideKind.SECTION, SlideKind.CLOSING):
        assert page_layout(kind, [COLUMNS], True, cards=True) == kind_spec(kind).layout


@pytest.mark.parametrize("kind", [SlideKind.CONTENT, SlideKind.AGENDA, SlideKind.SUMMARY,
                                  SlideKind.REFERENCES])
def test_content_kinds_take_the_layout_of_what_the_page_shows(kind: SlideKind):
    assert page_layout(kind, [BULLETS], False) == TITLE_AND_CONTENT
    assert page_layout(kind, [BULLETS], True) == TWO_CONTENT
    assert page_layout(kind, [], True) == PICTURE_WITH_CAPTION
    assert page_layout(kind, [BULLETS, COLUMNS], True) == COMPARISON  # columns win
    assert page_layout(kind, [BULLETS], True, cards=True) == TITLE_ONLY


def test_a_page_with_nothing_asks_for_title_and_content():
    assert layout_for([], False) == TITLE_AND_CONTENT


def test_a_slide_asks_for_its_layout_by_the_same_rule():
    content = Slide(SlideKind.CONTENT, "그림", body=(Takeaway((Run("한 줄"),)),), pictures=(PICTURE,))
    assert content.layout == TWO_CONTENT
    cards = content.but(cards=(Card((Run("a"),), PICTURE),), pictures=())
    assert cards.layout == TITLE_ONLY
    assert Slide(SlideKind.CLOSING, "감사합니다", pictures=(QrCode("https://x.io"),)).layout == \
        TITLE_SLIDE


def test_the_layout_names_are_powerpoints_own_each_once():
    assert len(set(LAYOUT_NAMES)) == len(LAYOUT_NAMES) == 8
    assert BLANK in LAYOUT_NAMES and "Title and Content" in LAYOUT_NAMES


def test_a_runs_marks_say_accent_code_and_link():
    run = Run("docker run", Marks(code=True, link="https://docs.docker.com", italic=True))
    assert run.code and run.italic and run.link == "https://docs.docker.com" and not run.accent
    assert Run("핵심", KEY).accent and Run("강조", Marks(highlight=True)).accent
    assert Run("취소", Marks(strike=True)).strike


def test_text_of_joins_a_lines_runs():
    assert text_of((Run("도커는 "), Run("컨테이너", KEY), Run(" tool"))) == "도커는 컨테이너 tool"
    assert text_of(()) == ""


def test_but_changes_a_copy():
    notes = Notes("스크립트 script")
    assert notes.but(demo=60) == Notes("스크립트 script", demo=60) and notes.demo == 0
    slide = Slide(SlideKind.CONTENT, "원래")
    assert slide.but(title="새 제목").title == "새 제목" and slide.title == "원래"


def test_a_qr_code_is_named_by_its_url():
    assert QrCode("https://github.com/x/발표").target == "qr:https://github.com/x/발표"


def test_a_talks_time_is_the_sum_of_its_slides():
    talk = Talk("도커", "ko", 10, (Slide(SlideKind.TITLE, "t", seconds=12.5),
                                 Slide(SlideKind.CONTENT, "c", seconds=40, body=(Code("x"),))))
    assert talk.seconds == 52.5
