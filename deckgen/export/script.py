"""The speaker's script: every slide's number, title, time budget and clock, then its notes,
as Markdown to rehearse from or read on a phone (`--script`, build/<note>-script.md)."""

from __future__ import annotations

from ..layout.frames import Deck
from ..plan.timing import clock
from .files import SCRIPT_MARK

HEADINGS = {  # the words of the script, in the talk's language
    "ko": ("발표 대본", "슬라이드", "분량", "누적", "노트 없음"),
    "en": ("Speaker's script", "Slide", "time", "clock", "no notes"),
}


def script_text(deck: Deck, title: str, language: str) -> str:
    """The script of `deck`: one section per slide, in order, nothing left out."""
    name, slide_word, budget_word, clock_word, empty = HEADINGS.get(language[:2],
                                                                    HEADINGS["en"])
    total = sum(placed.seconds for placed in deck.slides)
    lines = [SCRIPT_MARK, f"# {title} — {name}", "", f"{len(deck.slides)} {slide_word.lower()} · "
             f"{clock(total)}", ""]
    elapsed = 0.0
    for number, placed in enumerate(deck.slides, 1):
        start, elapsed = elapsed, elapsed + placed.seconds
        lines += [f"## {number}. {placed.title_text or slide_word}", "",
                  f"⏱ {budget_word} {clock(placed.seconds)} · {clock_word} "
                  f"{clock(start)} → {clock(elapsed)}", ""]
        notes = placed.notes.text(with_time=False) if placed.notes is not None else ""
        lines += [notes.strip() or f"_{empty}_", ""]
    return "\n".join(lines)
