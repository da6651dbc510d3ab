"""Titles that tell slides apart: the Accessibility Checker (and a listener who navigates
by title, and the PDF's bookmarks) needs every slide's title to be its own.

A run of content slides that share a title (a section cut into several slides, a list of
cards shown one per slide) is named by what each shows when it shows one card
("왜 도커를 사용할까? (이식성)": in brackets, since a dash between words is not
Korean punctuation), else numbered ("도커 사용 설치 (1/2)").
"""

from __future__ import annotations

from .labels import word
from .talk import Slide, SlideKind, text_of



def named(title: str, name: str) -> str:
    """A shared title told apart by what the slide shows: "왜 도커를 사용할까? (이식성)"."""
    return f"{title} ({name})"


def distinct_titles(slides: list[Slide], language: str) -> list[Slide]:
    """`slides` with each run of same-titled content slides told apart, and a content slide
    titled as the talk (a note without headings) named its overview."""
    talk = next((s.title for s in slides if s.kind == SlideKind.TITLE), None)
    overview = word(language, "overview")
    slides = [s.but(title=named(s.title, overview)) if s.kind == SlideKind.CONTENT and s.title
              and s.title == talk else s for s in slides]
    out: list[Slide] = []
    start = 0
    while start < len(slides):
        end = start + 1
        while end < len(slides) and _same(slides[start], slides[end]):
            end += 1
        run = slides[start:end]
        out += run if len(run) == 1 else _told_apart(run)
        start = end
    return out


def _same(first: Slide, other: Slide) -> bool:
    return (first.kind == other.kind == SlideKind.CONTENT and bool(first.title)
            and first.title == other.title)


def _told_apart(run: list[Slide]) -> list[Slide]:
    names = [text_of(slide.cards[0].title).strip() if len(slide.cards) == 1 else ""
             for slide in run]
    if all(names) and len(set(names)) == len(names):
        return [slide.but(title=named(slide.title, name)) for slide, name in zip(run, names)]
    return [slide.but(title=f"{slide.title} ({number}/{len(run)})")
            for number, slide in enumerate(run, 1)]
