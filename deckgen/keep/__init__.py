"""The keep stage: a rebuilt deck that keeps what the user did to the previous one.

Entry point: `keep_edits(blob, deck, note, previous)` → `Kept`: the new deck's bytes with
its stamp (`stamp.py`: per slide, the part of the note it comes from and what deckgen wrote
on it, read semantically by `digest.py`), and, when the previous deck is given and reads,
the user's edits carried over (`align.py` tells which old slide is which, `merge.py` copies
slides between decks):

- an edited slide whose section did not change in the note is kept as the user left it;
- an edited slide whose section changed: the rebuilt slide takes its place and the user's
  version follows it, hidden;
- a slide the user added stays after the slide it followed; one the user deleted stays
  deleted while its section is unchanged;
- everything else is the new build.

A previous deck that cannot be read slide by slide (damaged, another note's, reordered by
hand, no stamp) is not merged: `Kept.problem` says why and the deck is the new build. The
caller keeps the backup and prints `message` (what was kept) and the problem.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field

from ..layout.frames import Deck
from .align import Reading, Status, Unreadable, read_deck
from .digest import SlideMark, short_hash, slide_mark
from .pages import PageOrigin, page_origins
from .memo import StampMemo
from .stamp import Entry, Stamp, read_stamp, write_stamp

__all__ = ["Kept", "StampMemo", "keep_edits", "page_origins"]


@dataclass(frozen=True)
class Kept:
    message: str = ""  # what was kept, one line ("" when nothing was)
    problem: str = ""  # why the previous deck was not merged ("" when it was, or none)
    # The deck page each shown (not hidden) slide of the merged deck stands for, None for a
    # slide the user added; () when the deck is the deck's pages as laid out.
    shown: tuple[int | None, ...] = ()
    merged: bool = False  # slides of the previous deck were carried in (else: a fresh build)


@dataclass
class _Plan:
    """Where each old slide goes in the new deck (indices of pages and old slides)."""

    replaced: dict[int, int] = field(default_factory=dict)  # new page → old slide
    after: dict[int | None, list[int]] = field(default_factory=lambda: defaultdict(list))
    hidden: set[int] = field(default_factory=set)  # old slides hidden (conflicts)
    dropped: set[int] = field(default_factory=set)  # new pages the user deleted before
    conflicts: list[tuple[int, int]] = field(default_factory=list)  # (page, old slide)
    orphans: list[int] = field(default_factory=list)  # old slides whose page is gone
    added: list[int] = field(default_factory=list)
    back: list[int] = field(default_factory=list)  # deleted pages rebuilt: section changed


def keep_edits(presentation, deck: Deck, note: str, previous: bytes | None,
               memo: StampMemo | None = None,
               origins: tuple[PageOrigin, ...] | None = None) -> Kept:
    """Stamp `presentation` (python-pptx, just rendered from `deck`) and carry the user's
    slides of `previous` into it. Everything that can fail (reading the old deck, telling
    its slides apart) happens before the new deck is touched; a failure while copying
    slides propagates, and the caller renders again without `previous`. A warm process
    passes `memo`: slides and pages read for the last build's stamp are not read again.
    `origins` are `page_origins(deck)` when the build worked them out already."""
    if memo is None:
        return _keep(presentation, deck, note, previous, None, origins)
    with memo.build():
        return _keep(presentation, deck, note, previous, memo, origins)


def _keep(presentation, deck: Deck, note: str, previous: bytes | None,
          memo: StampMemo | None, origins: tuple[PageOrigin, ...] | None) -> Kept:
    marks = [slide_mark(slide, memo) for slide in presentation.slides]
    if origins is None:
        origins = page_origins(deck, memo)
    if len(origins) != len(marks):  # render did not write page for page: leave it unstamped
        return Kept()
    digests = _section_digests(origins, marks)
    plan, problem, old = _read_previous(previous, note, origins, digests)
    left_out = _apply(presentation, old, plan, len(origins)) if plan is not None else {}
    dropped = plan.dropped if plan is not None else set()
    write_stamp(presentation, _stamp(note, origins, digests, marks, dropped))
    if plan is None:
        return Kept(problem=problem)
    return Kept(_message(plan, len(origins), left_out), problem, _shown(plan, len(origins)),
                merged=True)


def _read_previous(previous: bytes | None, note: str, origins: tuple[PageOrigin, ...],
                   digests: dict[str, str]) -> tuple[_Plan | None, str, object]:
    """(where each old slide goes, or None; why the previous deck is not merged; it)."""
    from pptx import Presentation

    if previous is None:
        return None, "", None
    has_stamp, stamp = read_stamp(previous)
    if not has_stamp:
        return None, "it has no deckgen stamp (made elsewhere, or by an older deckgen)", None
    if stamp is None:
        return None, "its stamp is damaged or from another deckgen version", None
    try:
        old = Presentation(io.BytesIO(previous))
        old_marks = [slide_mark(slide) for slide in old.slides]
    except Exception as exc:  # whatever a viewer or a person made of the package
        return None, f"it cannot be read ({type(exc).__name__})", None
    reading = read_deck(stamp, old_marks, note)
    if isinstance(reading, Unreadable):
        return None, reading.reason, None
    plan = _plan(reading, stamp, origins, digests)
    return (plan if _changes(plan) else None), "", old


def _changes(plan: _Plan) -> bool:
    return bool(plan.replaced or plan.after or plan.dropped or plan.back)


def _section_digests(origins: tuple[PageOrigin, ...], marks: list[SlideMark]) -> dict[str, str]:
    """Each section's digest: its layout and the bytes of the pictures on its pages."""
    pictures: dict[str, list[str]] = defaultdict(list)
    layout: dict[str, str] = {}
    for origin, mark in zip(origins, marks):
        layout[origin.section] = origin.digest
        pictures[origin.section] += mark.pictures
    return {section: short_hash(layout[section] + "".join(pictures[section]))
            for section in layout}


def _stamp(note: str, origins: tuple[PageOrigin, ...], digests: dict[str, str],
           marks: list[SlideMark], dropped: set[int]) -> Stamp:
    return Stamp(note, tuple(Entry(origin.key, origin.section, digests[origin.section], mark,
                                   page in dropped)
                             for page, (origin, mark) in enumerate(zip(origins, marks))))


def _plan(reading: Reading, stamp: Stamp, origins: tuple[PageOrigin, ...],
          digests: dict[str, str]) -> _Plan:
    pages = {origin.key: page for page, origin in enumerate(origins)}
    entries = stamp.entries

    def changed(index: int) -> bool:
        return digests.get(entries[index].section) != entries[index].digest

    def in_place(index: int) -> int | None:
        """The last new page before the next entry the new deck still has: the place of a
        page whose heading the note renamed (None: before the first page)."""
        later = (pages[e.key] for e in entries[index + 1:] if e.key in pages)
        return next(later, len(origins)) - 1 if origins else None

    def anchor(index: int | None) -> int | None:
        """The new page at or before entry `index` (None: before the first page)."""
        while index is not None and index >= 0:
            if entries[index].key in pages:
                return pages[entries[index].key]
            index -= 1
        return None

    plan = _Plan()
    for index in sorted(reading.deleted):
        page = pages.get(entries[index].key)
        if page is None:
            continue
        if changed(index):
            plan.back.append(page)
        else:
            plan.dropped.add(page)
    for slide, old in enumerate(reading.slides):
        match old.status:
            case Status.UNEDITED:
                continue
            case Status.EDITED:
                assert old.entry is not None
                page = pages.get(entries[old.entry].key)
                if page is not None and not changed(old.entry):
                    plan.replaced[page] = slide
                    continue
                plan.hidden.add(slide)
                if page is not None:
                    plan.conflicts.append((page, slide))
                else:
                    plan.orphans.append(slide)
                    page = in_place(old.entry)
                plan.after[page].append(slide)
            case Status.ADDED:
                plan.added.append(slide)
                plan.after[anchor(old.after)].append(slide)
    return plan


def _order(plan: _Plan, pages: int) -> list[tuple[str, int]]:
    """The new deck, slide by slide: ("new", page) or ("old", old slide)."""
    order = [("old", slide) for slide in plan.after.get(None, [])]
    for page in range(pages):
        if page in plan.replaced:
            order.append(("old", plan.replaced[page]))
        elif page not in plan.dropped:
            order.append(("new", page))
        order += [("old", slide) for slide in plan.after.get(page, [])]
    return order


def _apply(new, old, plan: _Plan, pages: int) -> dict[int, list[str]]:
    """Copy the old slides the plan keeps into `new` and put every slide in its place;
    returns, by old slide, what could not travel with it."""
    from .merge import arrange, copy_slide, layouts_by_name

    if not _changes(plan):
        return {}

    layouts = layouts_by_name(new)
    new_parts = [slide.part for slide in new.slides]
    old_slides = list(old.slides)
    fallback = {slide: new_parts[page].slide_layout.part for page, slide in plan.replaced.items()}
    for page, slides in plan.after.items():
        for slide in slides:
            fallback[slide] = new_parts[page if page is not None else 0].slide_layout.part
    copied = {}
    left_out: dict[int, list[str]] = {}
    for kind, index in _order(plan, pages):
        if kind == "old":
            source = old_slides[index]
            layout = layouts.get(source.slide_layout.name, fallback[index])
            copied[index], missing = copy_slide(new, source, layout)
            if missing:
                left_out[index] = sorted(set(missing))
    order = [new_parts[i] if kind == "new" else copied[i] for kind, i in _order(plan, pages)]
    arrange(new, order, {copied[slide] for slide in plan.hidden})
    return left_out


def _shown(plan: _Plan, pages: int) -> tuple[int | None, ...]:
    stands_for = {slide: page for page, slide in plan.replaced.items()}
    return tuple(index if kind == "new" else stands_for.get(index)
                 for kind, index in _order(plan, pages)
                 if kind == "new" or index not in plan.hidden)


def _message(plan: _Plan, pages: int, left_out: dict[int, list[str]]) -> str:
    """One line: what was kept, where the user's versions went (slide numbers of the new
    deck)."""
    order = _order(plan, pages)
    at_old = {i: n for n, (kind, i) in enumerate(order, 1) if kind == "old"}
    at_new = {i: n for n, (kind, i) in enumerate(order, 1) if kind == "new"}
    parts = []
    if plan.replaced:
        parts.append(f"kept your edits on {_slides(sorted(at_old[s] for s in plan.replaced.values()))}")
    if plan.conflicts:
        one = len(plan.conflicts) == 1
        parts.append(f"{_slides([at_new[p] for p, _ in plan.conflicts])} changed in the note: "
                     f"your version{'' if one else 's'} {'is' if one else 'are'} hidden after "
                     f"{'it' if one else 'them'}")
    if plan.orphans:
        parts.append(f"the note no longer makes the slide{'s'[:len(plan.orphans) > 1]} you "
                     f"edited: your version is hidden as {_slides([at_old[s] for s in plan.orphans])}")
    if plan.added:
        parts.append(f"kept the slide{'s'[:len(plan.added) > 1]} you added "
                     f"({', '.join(str(at_old[s]) for s in plan.added)})")
    if plan.dropped:
        count = len(plan.dropped)
        parts.append(f"{count} slide{'s'[:count > 1]} you deleted "
                     f"stay{'s'[:count == 1]} deleted")
    if plan.back:
        parts.append(f"{_slides([at_new[p] for p in plan.back])} you deleted "
                     f"{'is' if len(plan.back) == 1 else 'are'} back: the note changed there")
    for slide, missing in sorted(left_out.items()):
        parts.append(f"slide {at_old[slide]} lost its {' and '.join(missing)} "
                     f"(the previous deck has them)")
    return "; ".join(parts)


def _slides(numbers: list[int]) -> str:
    return ("slide " if len(numbers) == 1 else "slides ") + ", ".join(map(str, numbers))
