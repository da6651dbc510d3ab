"""Which slide of the previous deck is which: the stamp's slides against the deck's.

Viewers renumber slide ids and drop private markers, so slides are matched by what they
show: the stamp's slides (in order) are aligned with the deck's (in order), a slide that
looks exactly as written matching best, one that keeps at least half of what deckgen put on
it (a retitled slide, a moved picture) matching as edited. What the alignment leaves over
is a slide the user deleted (in the stamp only) or added (in the deck only). A slide that
looks exactly like one of the stamp's but sits elsewhere means slides were reordered or
copied by hand: that deck is not read slide by slide (`Unreadable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .digest import SlideMark
from .stamp import Stamp

SAME_SCORE = 3.0
LIKE_SCORE = 1.0
LIKENESS_FLOOR = 0.5  # an edited slide keeps at least half of what deckgen put on it


class Status(str, Enum):
    UNEDITED = "unedited"
    EDITED = "edited"
    ADDED = "added"


@dataclass(frozen=True)
class OldSlide:
    """A slide of the previous deck: what it is, and the stamp's entry it is (None when the
    user added it). `after`: the entry it follows (for added slides), None at the start."""

    status: Status
    entry: int | None
    after: int | None


@dataclass(frozen=True)
class Reading:
    slides: tuple[OldSlide, ...]
    deleted: frozenset[int]  # entries whose slide the user deleted (now or before)


@dataclass(frozen=True)
class Unreadable:
    reason: str


def read_deck(stamp: Stamp, marks: list[SlideMark], note: str) -> Reading | Unreadable:
    if stamp.note != note:
        return Unreadable(f"it was built from {stamp.note}")
    present = [i for i, entry in enumerate(stamp.entries) if not entry.gone]
    pairs = _align([stamp.entries[i].mark for i in present], marks)
    if present and not pairs:
        return Unreadable("none of its slides matches what deckgen wrote there")
    matched = {j: present[i] for i, j in pairs}
    slides: list[OldSlide] = []
    last: int | None = None
    for j, mark in enumerate(marks):
        if j in matched:
            last = matched[j]
            same = stamp.entries[last].mark.same(mark)
            slides.append(OldSlide(Status.UNEDITED if same else Status.EDITED, last, None))
            continue
        if any(entry.mark.same(mark) for entry in stamp.entries if not entry.gone):
            return Unreadable("its slides were reordered or copied by hand")
        slides.append(OldSlide(Status.ADDED, None, last))
    deleted = frozenset(i for i, entry in enumerate(stamp.entries)
                        if entry.gone or i not in matched.values())
    return Reading(tuple(slides), deleted)


def _align(entries: list[SlideMark], marks: list[SlideMark]) -> list[tuple[int, int]]:
    """The best order-keeping pairing of entries with slides (dynamic programming)."""
    rows, cols = len(entries), len(marks)
    pairs_of = [[_pair_score(entry, mark) for mark in marks] for entry in entries]
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            pair = pairs_of[i][j]
            if pair:
                best = max(best, pair + score[i + 1][j + 1])
            score[i][j] = best
    pairs = []
    i = j = 0
    while i < rows and j < cols:
        pair = pairs_of[i][j]
        if pair and score[i][j] == pair + score[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _pair_score(entry: SlideMark, mark: SlideMark) -> float:
    if entry.same(mark):
        return SAME_SCORE
    likeness = entry.likeness(mark)
    return LIKE_SCORE + likeness if likeness >= LIKENESS_FLOOR else 0.0
