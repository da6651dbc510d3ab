"""The note's own closing and the short lines of agenda and summary.

A note that ends with `## 정리` or `## 참고 자료` has already written the talk's summary or
references: that section *is* the slide (no second one, and not an agenda entry). Agenda
and summary lines are shortened at a clause or word boundary, never at a fixed character
count and never with an ellipsis in the middle of a sentence.
"""

from __future__ import annotations

import re

from ..note.model import Block
from .bullets import elements_of
from .labels import word
from .notes import notes_of
from .talk import Bullet, Bullets, Notes, Run, Slide, SlideKind, text_of
from .timing import slide_seconds

SUMMARY_TITLES = ("정리", "요약", "마무리", "결론", "tl;dr", "tldr", "summary", "wrap-up",
                  "wrap up", "wrapup", "conclusion", "핵심 정리", "한 줄 정리")
REFERENCE_TITLES = ("참고", "참고 자료", "참고자료", "참고 링크", "참고링크", "references",
                    "reference", "sources", "출처", "links")
AGENDA_MAX = 6  # lines one agenda slide shows; more sections are grouped
ENTRY_CHARS = 36  # an agenda or summary entry reads as one line
MAX_SUMMARY = 6
_SEPARATORS = re.compile(r"\s+[-–—:|/]\s+|:\s+|\s*[(\[（].*?[)\]）]\s*")
CLAUSE = re.compile(r"(?<=[다요음함][,;，])\s+|(?<=[A-Za-z0-9)][,;:])\s+")  # after a whole clause
_SENTENCE = re.compile(r"(?<=[.!?。？！])\s+")
_NUMBERED = re.compile(r"^\s*(?:\d+[.)]|[#*]+)\s*")


def closing_kind(title: str) -> str:
    """'summary' or 'references' when a section's title names one, else ''."""
    plain = _NUMBERED.sub("", title).strip().strip(":：!").strip().casefold()
    plain = re.sub(r"^[^\w가-힣]+", "", plain)  # leading emoji or marks
    if plain in SUMMARY_TITLES:
        return "summary"
    if plain in REFERENCE_TITLES:
        return "references"
    return ""


def short_entry(text: str, limit: int = ENTRY_CHARS) -> str:
    """A heading or phrase as one line: its first sentence, then its head before a dash,
    colon or parenthesis, then whole clauses or words within `limit`, never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    text = _SENTENCE.split(text, maxsplit=1)[0].rstrip(".。")
    if len(text) <= limit:
        return text
    head = _SEPARATORS.split(text, maxsplit=1)[0].strip()
    if head and len(head) <= limit and len(head) >= 4:
        return head
    for pattern in (CLAUSE, re.compile(r"\s+")):
        shown = leading_pieces(pattern.split(text), limit)
        if len(shown) <= limit:
            return shown
    return text  # one long word: the slide wraps it rather than cut it


def leading_pieces(pieces: list[str], limit: int) -> str:
    """As many leading pieces (clauses, words) as fit in `limit` characters, joined by
    spaces; the first piece always, even when it alone is longer."""
    shown = pieces[0]
    for piece in pieces[1:]:
        if len(shown) + 1 + len(piece) > limit:
            break
        shown = f"{shown} {piece}"
    return shown.rstrip(",;:，、 ")


def whole_clauses(text: str, limit: int) -> str:
    """A summary item as written, or its leading whole clauses within `limit`; never cut
    inside a clause (a long clause is kept whole and wraps)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    shown = leading_pieces(CLAUSE.split(text), limit)
    return shown if len(shown) <= limit else text


def agenda_entries(items: list[str], language: str) -> list[tuple[str, str]]:
    """(number, entry) pairs: every item when few; else the first ones and "…외 N개"."""
    entries = [(f"{n}.", short_entry(item)) for n, item in enumerate(items, 1)]
    if len(entries) <= AGENDA_MAX:
        return entries
    shown = entries[:AGENDA_MAX - 1]
    more = len(entries) - len(shown)
    last = f"외 {more}개" if language == "ko" else f"and {more} more"
    return shown + [("…", last)]


def own_summary_slide(title: str, blocks: tuple[Block, ...], line: int, language: str) -> Slide:
    """The note's own summary section as the summary slide, laid out like a generated one."""
    bullets: list[Bullet] = []
    for element in elements_of(list(blocks), language):
        if isinstance(element, Bullets):
            bullets.extend(Bullet(b.text, b.level, b.number) for b in element.items)
    if not bullets:
        notes = notes_of(blocks)
        sentences = [s.strip() for part in notes.split("\n") for s in _SENTENCE.split(part)]
        bullets = [Bullet((Run(s),)) for s in sentences if s]
    shown = [Bullet((Run(whole_clauses(text_of(b.text), 48)),), b.level, b.number)
             if len(text_of(b.text)) > 48 and not any(r.accent for r in b.text) else b
             for b in bullets[:MAX_SUMMARY]]
    notes = notes_of(blocks) or "\n".join(text_of(b.text) for b in bullets)
    return Slide(SlideKind.SUMMARY, title or word(language, "summary"),
                 notes=Notes(notes), seconds=slide_seconds(SlideKind.SUMMARY, notes, language),
                 body=(Bullets(tuple(shown)),) if shown else (), line=line)
