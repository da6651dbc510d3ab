"""A presenter's chapters: 3–5 for a 10-minute talk, whatever the note's H1s.

A note may have nine H1 chapters; a talk has a few, each opened by its statement slide and
worth a couple of minutes. After choosing, adjacent chapters on the talk path share one
statement slide while there are more than the talk's minutes allow (about one per two
minutes, at least three), and a chapter that shows a single slide joins a neighbour while
more than three remain. The lightest adjacent pair merges first (by talk time), a pair
about one subject ("GC 기초", "GC 알고리즘") sooner. A shared chapter is named after both
("힙의 구조와 객체의 생애", "GC 기초와 알고리즘") or, when that is too long for a statement,
after their common subject; a pair whose joined name would be long merges later. Chapters
whose sections all went to the backup have no statement slide at all (choosing drops them). Agenda, summary,
PowerPoint sections and PDF bookmarks follow the shared chapters, because every slide of
one carries its name as its section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .choose import ChapterPlan, Part

MINUTES_PER_CHAPTER = 2.0  # a 10-minute talk: at most 5 chapters
FEWEST = 3  # never fewer chapters than this by merging (a note may have fewer of its own)
NAME_CHARS = 22  # a shared chapter's name that still reads as one statement line
LATIN_LONGER = 1.4  # an English name takes about this many times the characters
SUBJECT_SOONER = 0.6  # a pair about one subject costs this share of its time
LONG_NAME_LATER = 2.0  # a pair whose joined name is too long costs this many times more

_JOINED = re.compile(r"[와과및]\s|\s(?:and|&|·|vs\.?)\s|,", re.IGNORECASE)


@dataclass(frozen=True)
class Shared:
    """Adjacent chapters that share one statement slide, in note order."""

    members: tuple[ChapterPlan, ...]

    @property
    def seconds(self) -> float:
        return sum(c.seconds for c in self.members)

    @property
    def slides(self) -> int:
        return sum(len(c.lead) + sum(len(p.slides) for p in c.parts) for c in self.members)

    @property
    def statement(self) -> bool:
        return all(c.statement for c in self.members)


def chapter_limit(minutes: float) -> int:
    """How many chapters a talk of `minutes` has room for."""
    return max(FEWEST, round(minutes / MINUTES_PER_CHAPTER))


def shared_chapters(plans: tuple[ChapterPlan, ...], minutes: float, language: str
                    ) -> tuple[ChapterPlan, ...]:
    """The chapters on the talk path, adjacent ones merged into one as the talk needs; a
    merged plan names the chapters it stands for in `lines`."""
    groups = [Shared((plan,)) for plan in plans]
    limit = chapter_limit(minutes)
    while True:
        statements = sum(g.statement for g in groups)
        single = any(g.statement and g.slides <= 1 for g in groups)
        if statements <= limit and not (single and statements > FEWEST):
            break
        pair = _cheapest_pair(groups, language, single_only=statements <= limit)
        if pair is None:
            break
        groups[pair:pair + 2] = [Shared(groups[pair].members + groups[pair + 1].members)]
    return tuple(_merged(g, language) for g in groups)


def _cheapest_pair(groups: list[Shared], language: str, single_only: bool) -> int | None:
    """The first index of the adjacent pair of statement chapters to merge (with
    `single_only`, a pair holding a chapter of one slide)."""
    best: tuple[float, int] | None = None
    for at in range(len(groups) - 1):
        left, right = groups[at], groups[at + 1]
        if not (left.statement and right.statement):
            continue  # loose sections between chapters keep them apart
        if single_only and left.slides > 1 and right.slides > 1:
            continue
        cost = left.seconds + right.seconds
        titles = [c.title for c in left.members + right.members]
        if common_subject(titles):
            cost *= SUBJECT_SOONER
        if len(joined_name(titles, language)) > _name_chars(language):
            cost *= LONG_NAME_LATER
        if best is None or cost < best[0]:
            best = (cost, at)
    return None if best is None else best[1]


def _merged(group: Shared, language: str) -> ChapterPlan:
    first = group.members[0]
    if len(group.members) == 1:
        return first
    parts = list(first.parts)
    for chapter in group.members[1:]:  # its own slides stay where it stood
        if chapter.lead:
            parts.append(Part(chapter.title, chapter.lead, float("inf"), chapter.line))
        parts += chapter.parts
    return replace(first, title=chapter_name(group.members, language), parts=tuple(parts),
                   lines=tuple(c.line for c in group.members))


def _name_chars(language: str) -> int:
    return round(NAME_CHARS * (1.0 if language == "ko" else LATIN_LONGER))


def chapter_name(members: tuple[ChapterPlan, ...], language: str) -> str:
    """Both names when they read as one statement line, else their common subject, else
    both all the same (a statement slide wraps; no chapter loses its name)."""
    titles = [c.title for c in members]
    name = joined_name(titles, language)
    if len(name) <= _name_chars(language):
        return name
    return common_subject(titles) or name


def common_subject(titles: list[str]) -> str:
    """The leading words every title shares ("GC 기초", "GC 알고리즘" → "GC"), when each
    title says more than them."""
    words = [t.split() for t in titles]
    shared: list[str] = []
    for column in zip(*words):
        if any(w != column[0] for w in column):
            break
        shared.append(column[0])
    if not shared or any(len(w) <= len(shared) for w in words):
        return ""
    return " ".join(shared)


def joined_name(titles: list[str], language: str) -> str:
    """Two titles joined as a Korean or English phrase ("A와 B", "A and B"; a shared
    leading subject said once: "GC 기초와 알고리즘"); more, or names that join already, with
    commas (an agenda entry that jumps to its chapter is one run of the title's face)."""
    if len(titles) != 2:
        return ", ".join(titles)
    first, second = titles
    subject = common_subject(titles)
    if subject:
        second = second[len(subject):].strip()
    if any(_JOINED.search(t) for t in (first, second)):  # "IP와 라우팅" joins already
        return f"{first}, {second}"
    if language != "ko":
        return f"{first} and {second}"
    last = first[-1]
    if not "가" <= last <= "힣":  # how a Latin word or a number ends is not spelled
        return f"{first}, {second}"
    return f"{first}{'과' if (ord(last) - 0xAC00) % 28 else '와'} {second}"
