"""Which part of the note each page comes from, and whether that part changed.

A page's *section* is the note's heading it was made from: its chapter and its plan slide's
title, or the slide kind for the talk's frame (title, agenda, summary, references, closing).
Its *key* is the section and its place in it (the n-th page made from that heading), so the
key of a page stays the same when another part of the note grows or shrinks.

A section's *digest* is what the layout made of it, read from the laid-out pages: every
text, face, colour, box and picture, but not what depends on the page's place in the talk
(its time, the talk's clock, the progress bar's length, source line numbers). Fixing a typo
in one section changes that section's digest only.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath

from ..layout.frames import PROGRESS_ROLE, Deck, PlacedSlide, ShapeFrame
from ..pictures.model import Picture
from ..plan.talk import SlideKind
from ..theme import Face
from .digest import short_hash
from .memo import StampMemo

# Fields that say where a page sits in the talk, not what it shows.
_PLACE_FIELDS = frozenset({"seconds", "elapsed", "budget", "line", "source", "shows", "cards"})


@dataclass(frozen=True)
class PageOrigin:
    """Where a page comes from: its key, its section and the section's digest."""

    key: str
    section: str
    digest: str


def page_origins(deck: Deck, memo: StampMemo | None = None) -> tuple[PageOrigin, ...]:
    """Each page's origin, in deck order; with `memo`, the text of a page laid out the same
    before is not made again."""
    sections = [_section(page) for page in deck.slides]
    shown: dict[str, list[str]] = {}
    for section, page in zip(sections, deck.slides):
        shown.setdefault(section, []).append(_page_text(page, memo))
    digests = {section: short_hash("\x1e".join(pages)) for section, pages in shown.items()}
    seen: dict[str, int] = {}
    origins = []
    for section in sections:
        place = seen[section] = seen.get(section, 0) + 1
        origins.append(PageOrigin(short_hash(f"{section}\x1f{place}"), short_hash(section),
                                  digests[section]))
    return tuple(origins)


def _page_text(page: PlacedSlide, memo: StampMemo | None) -> str:
    """`_canonical(page)`, each frame's text from `memo` when it was made before: a frame
    is laid out the same whatever the page's place (which an edit above it moves)."""
    if memo is None:
        return _canonical(page)
    fields = []
    for name in _shown_fields(PlacedSlide):
        if name == "frames":
            fields.append("[" + ",".join(memo.value(("frame", frame),
                                                    functools.partial(_canonical, frame))
                                         for frame in page.frames) + "]")
        else:
            fields.append(_canonical(getattr(page, name)))
    return f"PlacedSlide({','.join(fields)})"


def _section(page: PlacedSlide) -> str:
    source = page.source
    if page.kind in (SlideKind.CONTENT, SlideKind.SECTION) and source is not None:
        return f"{page.kind.value}\x1f{source.section}\x1f{source.title}"
    return page.kind.value


def _canonical(value: object) -> str:
    """A stable text of what a laid-out page shows (no ids, no paths, no place in the talk)."""
    match value:
        case Face():
            return f"face({value.name},{value.east_asian})"
        case Picture():
            return (f"picture({value.name},{value.width},{value.height},{value.problem},"
                    f"{value.page},{value.caption})")
        case ShapeFrame() if value.role == PROGRESS_ROLE:
            return "progress"
        case Enum():
            return str(value.value)
        case PurePath():
            return value.name
        case float():
            return f"{value:.2f}"
        case tuple() | list():
            return "[" + ",".join(_canonical(item) for item in value) + "]"
        case str() | int() | bool() | None:
            return repr(value)
        case _ if dataclasses.is_dataclass(value) and not isinstance(value, type):
            inner = ",".join(_canonical(getattr(value, name)) for name in _shown_fields(type(value)))
            return f"{type(value).__name__}({inner})"
        case _:
            return repr(value)


@functools.cache
def _shown_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in _PLACE_FIELDS)
