"""layout.frames: the placed deck's values, and how a page's speaker notes read."""

from __future__ import annotations

from deckgen.layout.frames import Deck, PageNotes, PlacedSlide
from deckgen.plan.talk import TITLE_AND_CONTENT, Notes, Slide, SlideKind
from deckgen.theme import NOTES


def page_notes(plan: Notes | None, title: str = "도커 이미지", full_title: bool = False,
               overflow: tuple[str, ...] = (), seconds: float = 40, elapsed: float = 190,
               budget: float = 600, language: str = "ko") -> PageNotes:
    return PageNotes(plan, title, full_title, overflow, seconds, elapsed, budget, language)


def test_a_page_says_its_script_then_the_time_line():
    notes = page_notes(Notes("이미지는 층으로 쌓입니다."))
    assert notes.text() == "이미지는 층으로 쌓입니다.\n\n⏱ 0:40 · 3:10/10:00"


def test_the_time_line_can_be_left_out_for_the_handout():
    assert page_notes(Notes("스크립트")).text(with_time=False) == "스크립트"


def test_a_continuation_page_says_what_it_continues_in_the_talks_language():
    assert page_notes(None).text(with_time=False) == "(계속) 도커 이미지"
    assert page_notes(None, "Docker images", language="en").text(with_time=False) == \
        "(cont.) Docker images"


def test_a_shortened_or_longer_title_is_said_in_full_first():
    notes = page_notes(Notes("스크립트 script"), "아주 긴 제목 그대로 전부", full_title=True)
    assert notes.text(with_time=False) == "아주 긴 제목 그대로 전부\n\n스크립트 script"


def test_what_did_not_fit_follows_the_script():
    notes = page_notes(Notes("스크립트"), overflow=("남은 항목 하나", "남은 항목 둘 two"))
    assert notes.text(with_time=False) == "스크립트\n\n남은 항목 하나\n\n남은 항목 둘 two"


def test_a_continuation_page_carries_its_own_overflow_too():
    assert page_notes(None, overflow=("더 남은 것",)).text(with_time=False) == \
        "(계속) 도커 이미지\n\n더 남은 것"


def test_without_a_script_the_page_says_its_title():
    assert page_notes(Notes()).text(with_time=False) == "도커 이미지"


def test_the_plans_notes_are_formatted_with_demo_and_detail_in_the_talks_language():
    notes = page_notes(Notes("Live.", demo=90, detail=("moved bullet",)), language="en")
    assert notes.text(with_time=False) == ("Live.\n\n▶ Demo 1:30\n\n"
                                           "— More detail (if time allows) —\n• moved bullet")


def test_the_time_line_rounds_to_whole_seconds_and_counts_hours_in_minutes():
    notes = page_notes(Notes("x"), seconds=59.6, elapsed=3725.2, budget=3600)
    assert notes.text().endswith("⏱ 1:00 · 62:05/60:00")


def test_a_page_knows_its_subtitle_from_its_plan_slide():
    source = Slide(SlideKind.CLOSING, "감사합니다", subtitle=("Q&A", "https://x.io"))
    page = PlacedSlide(SlideKind.CLOSING, TITLE_AND_CONTENT, "감사합니다", 3.0, False, None, (),
                       None, source=source)
    assert page.subtitle == ("Q&A", "https://x.io")
    assert PlacedSlide(SlideKind.CONTENT, TITLE_AND_CONTENT, "x", 1.0, False, None, (),
                       None).subtitle == ()


def test_a_deck_notes_are_set_in_the_plain_notes_face_by_default():
    deck = Deck(960, 540, ())
    assert deck.notes_face is NOTES and deck.notes_size == 14.0
