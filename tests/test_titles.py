"""Titles that tell slides apart (plan/titles.py)."""

from __future__ import annotations

from deckgen.plan.talk import Card, Run, Slide, SlideKind
from deckgen.note.model import ImageRef
from deckgen.plan.titles import distinct_titles


def content(title: str, **kw) -> Slide:
    return Slide(SlideKind.CONTENT, title, **kw)


def card(name: str, line: int) -> Card:
    return Card((Run(name),), ImageRef(f"{line}.png", "", line))


def test_a_run_of_same_titled_slides_is_numbered_korean_and_english():
    slides = [Slide(SlideKind.TITLE, "도커"), content("설치"), content("설치"), content("Usage"),
              content("Usage"), content("Usage"), content("끝")]
    titles = [s.title for s in distinct_titles(slides, "ko")]
    assert titles == ["도커", "설치 (1/2)", "설치 (2/2)", "Usage (1/3)", "Usage (2/3)",
                      "Usage (3/3)", "끝"]


def test_slides_of_one_card_each_are_named_by_their_card():
    slides = [content("왜 도커를 사용할까?", cards=(card("이식성", 3),)),
              content("왜 도커를 사용할까?", cards=(card("효율성", 5),))]
    assert [s.title for s in distinct_titles(slides, "ko")] == [
        "왜 도커를 사용할까? (이식성)", "왜 도커를 사용할까? (효율성)"]


def test_a_content_slide_titled_as_the_talk_is_its_overview():
    slides = [Slide(SlideKind.TITLE, "Git Basics"), content("Git Basics")]
    assert [s.title for s in distinct_titles(slides, "en")] == ["Git Basics",
                                                               "Git Basics (Overview)"]
    slides = [Slide(SlideKind.TITLE, "깃 기초"), content("깃 기초")]
    assert distinct_titles(slides, "ko")[1].title == "깃 기초 (개요)"


def test_slides_apart_keep_their_titles_and_other_kinds_are_left_alone():
    slides = [content("하나"), Slide(SlideKind.SECTION, "둘"), Slide(SlideKind.SECTION, "둘"),
              content("하나")]
    assert [s.title for s in distinct_titles(slides, "ko")] == ["하나", "둘", "둘", "하나"]
