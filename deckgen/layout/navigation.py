"""A deck you can navigate: PowerPoint sections from the chapters, and agenda and summary
entries that jump to their chapter's first slide.

Sections: the slides before the first chapter (title, agenda) open the talk, each chapter
(an H1) is one, the slides after the last (summary, references, closing) wrap it up. The
entries of an agenda or summary slide are its top-level paragraphs, one per chapter in
order; a slide whose entries do not match the chapters one to one gets no jumps, nor an
entry that wraps (LibreOffice would draw its linked text as one unbreakable field).
"""

from __future__ import annotations

from dataclasses import replace

from ..plan.labels import word
from ..plan.talk import SlideKind, Talk
from .frames import Frame, PlacedSlide, TextFrame

LINKED_KINDS = (SlideKind.AGENDA, SlideKind.SUMMARY)


def sections_of(pages: list[PlacedSlide], talk: Talk) -> tuple[tuple[str, int], ...]:
    """Each section's name and its first page (0-based), in order."""
    out: list[tuple[str, int]] = []
    seen_chapter = False
    for index, page in enumerate(pages):
        chapter = page.source.section if page.source is not None else ""
        seen_chapter |= bool(chapter)
        name = chapter or word(talk.language, "wrap_up" if seen_chapter else "opening")
        if not out or out[-1][0] != name:
            out.append((name, index))
    return tuple(out)


def with_jumps(pages: list[PlacedSlide], talk: Talk) -> list[PlacedSlide]:
    """Agenda and summary pages whose entries jump to their chapters' first pages."""
    first: dict[str, int] = {}
    for index, page in enumerate(pages):
        if page.source is not None and page.source.section:
            first.setdefault(page.source.section, index)
    targets = [first[name] for name in talk.sections if name in first]
    if not targets or len(targets) != len(talk.sections):
        return pages
    return [replace(page, frames=_linked(page.frames, targets))
            if page.kind in LINKED_KINDS else page for page in pages]


def _linked(frames: tuple[Frame, ...], targets: list[int]) -> tuple[Frame, ...]:
    entries = [(f, i) for f, frame in enumerate(frames) if isinstance(frame, TextFrame)
               and frame.role == "body" for i, para in enumerate(frame.paras)
               if para.level == 0 and para.runs]
    if len(entries) != len(targets):
        return frames
    out = list(frames)
    for (f, i), target in zip(entries, targets):
        frame = out[f]
        assert isinstance(frame, TextFrame)
        paras = list(frame.paras)
        if paras[i].wraps:  # LibreOffice draws a linked run as one unbreakable field
            continue
        paras[i] = replace(paras[i], jump=target)
        out[f] = replace(frame, paras=tuple(paras))
    return tuple(out)
