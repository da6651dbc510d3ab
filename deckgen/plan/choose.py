"""Choose the talk: a long note is chosen, not paginated.

A 10-minute talk is about 25–35 shown slides, each worth its 15–40 seconds. When the note
plans to more than that (or to more time than the talk has), short sibling sections first
merge into one slide: siblings whose titles name one kind of thing ("물리 계층", "전송 계층")
a comparison table, each section's title beside its point said as a claim; the others one
list of their titles and claims. Then the sections that rank lowest leave the talk path for
the backup slides after the Q&A slide. Ranking follows what the author marked
(✔ ⭐ ❗ on headings, bold and highlighted phrases), what a section carries (pictures,
diagrams, formulas, code, tables), questions as headings, and the section's place in its
chapter (the first introduces it). Every section stays in the deck.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from typing import assert_never

from .claims import claim
from .fit import MAX_BODY_LINES, bullet_lines
from .own import whole_clauses
from .labels import word
from .timing import clock
from ..errors import BuildWarning
from ..note.model import KEY
from .talk import (Box, Bullet, Bullets, Code, Columns, Element, Notes, Run, Slide, SlideKind,
                   TableData, Takeaway, text_of)
from .timing import slide_seconds

SLIDES_PER_MINUTE = 3.0  # about 30 shown slides in 10 minutes; the layout may add a few pages
THIN_CHARS = 60  # a slide with no more body text than this, and nothing drawn, is thin
TABLE_ROWS = 5  # thin sections one merged table shows (a row of two lines each)
THIN_POINTS = 2  # a section with more points has a list of its own to show
CELL_CHARS = 40  # a merged slide's point: about one line of a cell or a level-2 bullet
POINT_CHARS = 48  # a listed section's claim beside its title: a line or two
LIST_LINE_EMS = 25.0  # a listed line, set larger than fitting's estimate: wrap it early
CLAIM_SLACK = 1.25  # a claim this much longer stays whole rather than lose its predicate
TITLE_CHARS = 30  # a merged slide's title lists its sections' titles up to this length
LATIN_LONGER = 1.4  # an English claim takes about this many times the characters of a Korean one
AUTHOR_MARKS = re.compile("[\u2714\u2705\u2611\u2713\u2b50\u2757\u2755\u203c\U0001f31f"
                          "\u2605\U0001f525\U0001f4a1\U0001f4cc]")
IMPORTANT_MARKS = re.compile("[\u2b50\u2757\u203c\U0001f31f\u2605\U0001f525]")  # not ✔ (done)
_QUESTION = re.compile(r"[?？]\s*$|(?:란|이란|일까|할까|까)\s*[?？]?\s*$")


@dataclass(frozen=True)
class Part:
    """One section's slides on their way into the talk: its rank decides whether it stays on
    the talk path; a thin part may merge with its thin siblings."""

    title: str
    slides: tuple[Slide, ...]
    score: float
    line: int
    marked: bool = False  # the author marked the heading (✔ ⭐ ❗)
    members: tuple[str, ...] = ()  # the sections a merged part stands for
    lines: tuple[int, ...] = ()  # and their headings' lines

    @property
    def seconds(self) -> float:
        return sum(slide.seconds for slide in self.slides)

    @property
    def thin(self) -> bool:
        return not self.members and len(self.slides) == 1 \
            and is_thin(self.slides[0]) and len(_points(self.slides[0])) <= THIN_POINTS


@dataclass(frozen=True)
class ChapterPlan:
    """A chapter's statement (when it has one), its own content slides and its parts."""

    title: str
    line: int
    statement: bool
    lead: tuple[Slide, ...]
    parts: tuple[Part, ...]
    lines: tuple[int, ...] = ()  # the chapters a shared one stands for (see chapters.py)

    @property
    def slide_count(self) -> int:
        return int(self.statement) + len(self.lead) + sum(len(p.slides) for p in self.parts)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.lead) + sum(p.seconds for p in self.parts)


@dataclass(frozen=True)
class Choice:
    """The talk path and what went to the backup, in note order."""

    chapters: tuple[ChapterPlan, ...]
    backup: tuple[Part, ...]
    merged: int  # sections that share a slide with their siblings


def rank(title: str, raw_title: str, slides: tuple[Slide, ...], place: int,
         key_count: int) -> float:
    """How much a section is worth to the talk (higher stays)."""
    score = 3.0 if AUTHOR_MARKS.search(raw_title) else 0.0
    pictures = sum(len(s.pictures) + len(s.cards) for s in slides)
    score += 2.0 * min(pictures, 2)
    score += 2.0 * any(isinstance(e, (Code, TableData)) for s in slides for e in s.body)
    score += 0.5 * min(key_count, 3)
    score += 1.0 if _QUESTION.search(title) else 0.0
    score += 1.0 if place == 0 else 0.0
    return score


def is_thin(slide: Slide) -> bool:
    """A content slide that draws nothing and says little: a title and a fragment or two."""
    if slide.kind != SlideKind.CONTENT or slide.pictures or slide.cards:
        return False
    if any(not isinstance(e, (Bullets, Takeaway)) for e in slide.body):
        return False
    return _body_chars(slide) <= THIN_CHARS


def _body_chars(slide: Slide) -> int:
    chars = 0
    for element in slide.body:
        match element:
            case Bullets():
                chars += sum(len(text_of(b.text)) for b in element.items)
            case Takeaway():
                chars += len(text_of(element.text))
            case Columns() | Code() | TableData() | Box():
                pass  # a thin slide has none
            case _:
                assert_never(element)
    return chars


def choose(chapters: list[ChapterPlan], frame: int, minutes: float, language: str,
           dividers: int | None = None) -> Choice:
    """The chapters with the parts that stay on the talk path; `frame` counts the slides
    around them (title, agenda, summary, references, closing); at most `dividers`
    statement slides will open chapters (adjacent chapters share one after choosing)."""
    target = max(8, round(SLIDES_PER_MINUTE * minutes))
    if dividers is not None:  # the statement slides that sharing saves are room for content
        frame -= max(0, sum(c.statement for c in chapters) - dividers)
    budget = minutes * 60.0
    if _fits(chapters, frame, target, budget):
        return Choice(tuple(chapters), (), 0)
    merged = _loose_together(chapters)  # H2s without a chapter are siblings too
    # the chapters with the most thin sections merge first, only
    for at in sorted(range(len(merged)), key=lambda i: -sum(p.thin for p in merged[i].parts)):
        if _fits(merged, frame, target, budget):  # as many as the talk needs
            break
        merged[at] = _merge_thin(merged[at], language)
    count = sum(len(p.members) for c in merged for p in c.parts)
    backup: list[Part] = []
    least = max(1, int(minutes))  # time alone never empties the talk: fitting trims after
    while not _fits(merged, frame, target, budget):
        on_path = sum(len(c.parts) for c in merged)
        over = frame + sum(c.slide_count for c in merged if c.parts or c.lead) > target
        if on_path <= 1 or (not over and on_path <= least):
            break
        weakest = _weakest(merged)
        if weakest is None:
            break
        at, part = weakest
        backup.append(part)
        chapter = merged[at]
        merged[at] = replace(chapter, parts=tuple(p for p in chapter.parts if p is not part))
    kept = [c for c in merged if c.parts or c.lead]
    order = {id(p): p.line for p in backup}
    return Choice(tuple(kept), tuple(sorted(backup, key=lambda p: order[id(p)])), count)


def _loose_together(chapters: list[ChapterPlan]) -> list[ChapterPlan]:
    """Runs of top-level sections (an H2-only note, or H2s between chapters) as one chapter
    without a statement slide, so their thin sections can merge like siblings."""
    out: list[ChapterPlan] = []
    for chapter in chapters:
        loose = not chapter.statement and not chapter.lead
        if loose and out and not out[-1].statement and not out[-1].lead:
            out[-1] = replace(out[-1], parts=out[-1].parts + chapter.parts)
        else:
            out.append(chapter)
    return out


def _fits(chapters: list[ChapterPlan], frame: int, target: int, budget: float) -> bool:
    slides = frame + sum(c.slide_count for c in chapters if c.parts or c.lead)
    seconds = sum(c.seconds for c in chapters)
    return slides <= target and seconds <= budget * 1.2  # fitting trims the scripts after


def _weakest(chapters: list[ChapterPlan]) -> tuple[int, Part] | None:
    """The lowest-ranked part; among equals the later one in its chapter, then in the note."""
    best: tuple[float, int, int, int, Part] | None = None
    for at, chapter in enumerate(chapters):
        for place, part in enumerate(chapter.parts):
            key = (part.score, -place, -part.line, at, part)
            if best is None or key[:3] < best[:3]:
                best = key
    return None if best is None else (best[3], best[4])


# -- merging thin siblings ---------------------------------------------------------------

def _merge_thin(chapter: ChapterPlan, language: str) -> ChapterPlan:
    """Thin sibling sections share slides: adjacent parallel ones (their titles name one
    kind of thing: "물리 계층", "전송 계층"; "TCP란?", "UDP란?") a comparison table of up to
    TABLE_ROWS, the others one list of their key phrases, as many as fit its lines; each
    merged slide stands where its first section stood."""
    thin = [p for p in chapter.parts if p.thin]
    if len(thin) < 2:
        return chapter
    runs = _parallel_runs(chapter.parts)
    in_run = {id(p) for run in runs for p in run}
    groups = [(g, True) for run in runs for g in _even(run, TABLE_ROWS)]
    groups += [(g, False) for g in _listed([p for p in thin if id(p) not in in_run], language)]
    merged_at = {id(g[0]): _merged(g, language, table) for g, table in groups if len(g) > 1}
    members = {id(p) for g, _ in groups if len(g) > 1 for p in g}
    parts = []
    for part in chapter.parts:
        if id(part) in merged_at:
            parts.append(merged_at[id(part)])
        elif id(part) not in members:
            parts.append(part)
    return replace(chapter, parts=tuple(parts))


def _parallel_runs(parts: tuple[Part, ...]) -> list[list[Part]]:
    """Maximal runs of adjacent thin sections whose titles share what they name."""
    runs: list[list[Part]] = []
    run: list[Part] = []
    for part in parts:
        if part.thin and (not run or parallel([p.title for p in run + [part]])):
            run.append(part)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [part] if part.thin else []
    if len(run) > 1:
        runs.append(run)
    return runs


_ASKS = "(?)"  # the word a question's title ends in, for comparing siblings
_WHAT_IS = re.compile(r"(?:이란|란)\s*[?？]?$|[?？]$")


def _title_words(title: str) -> list[str]:
    """A title's words for comparing siblings; a question "X란?" ends in its form."""
    question = _WHAT_IS.search(title)
    words = re.split(r"[\s/]+", _WHAT_IS.sub("", title).strip()) if question else \
        re.split(r"[\s/]+", title.strip())
    return [w for w in words if w] + ([_ASKS] if question else [])


def parallel(titles: list[str]) -> bool:
    """Sibling titles that name one kind of thing: they share a first or a last word, as a
    word or as its end or start ("Serial GC", "Parallel GC", "ZGC"; "IPv4 주소", "IPv6
    주소"; "TCP란?", "UDP란?"), and each says more than it."""
    words = [_title_words(t) for t in titles]
    if len(words) < 2 or any(not w for w in words):
        return False
    lasts = [w[-1] for w in words]
    firsts = [w[0] for w in words]
    return _shared(lasts, titles, os.path.commonprefix([x[::-1] for x in lasts])[::-1]) \
        or _shared(firsts, titles, os.path.commonprefix(firsts))


def _shared(ends: list[str], titles: list[str], common: str) -> bool:
    """`common` is a word one title has whole, and every title says more than it."""
    return len(common) >= 2 and common in ends and all(len(t.strip()) > len(common)
                                                      for t in titles)


def _even(parts: list[Part], size: int) -> list[list[Part]]:
    """`parts` in as few groups of at most `size` as hold them, evenly filled."""
    count = -(-len(parts) // size)
    return [parts[i * len(parts) // count:(i + 1) * len(parts) // count] for i in range(count)]


def _listed(parts: list[Part], language: str) -> list[list[Part]]:
    """Thin sections for lists of their key phrases: as few lists as hold them, evenly
    filled, each at most TABLE_ROWS items and MAX_BODY_LINES lines (so fitting never
    takes a section's title off its slide)."""
    lines = {id(p): bullet_lines(_listed_point(p, language), LIST_LINE_EMS) for p in parts}
    for count in range(-(-len(parts) // TABLE_ROWS), len(parts) + 1):
        groups = [parts[i * len(parts) // count:(i + 1) * len(parts) // count]
                  for i in range(count)]
        if all(sum(lines[id(p)] for p in g) <= MAX_BODY_LINES for g in groups):
            return groups
    return [[p] for p in parts]


def _points(slide: Slide) -> list[Bullet]:
    """A slide's top-level points: its level-0 bullets and its takeaway."""
    points: list[Bullet] = []
    for element in slide.body:
        match element:
            case Bullets():
                points += [b for b in element.items if b.level == 0]
            case Takeaway():
                points.append(Bullet(element.text))
            case Columns() | Code() | TableData() | Box():
                pass  # a thin slide has none
            case _:
                assert_never(element)
    return points


def _merged(group: list[Part], language: str, table: bool) -> Part:
    """Thin siblings as one slide: parallel ones a table, each section's title beside its
    point said as a claim; others a list, each section's title and its key phrase."""
    slides = [p.slides[0] for p in group]
    titles = [p.title for p in group]
    if table:
        header = (("구분", "핵심") if language == "ko" else ("Topic", "Key point"))
        cell = round(CELL_CHARS * (1.0 if language == "ko" else LATIN_LONGER))
        rows = tuple(((Run(p.title),), _plain(claim(_points(s)[0], s.notes.script, p.title,
                                                    cell, cell).text) if _points(s) else ())
                     for p, s in zip(group, slides))
        body: tuple[Element, ...] = (TableData(tuple((Run(h),) for h in header), rows),)
    else:
        body = (Bullets(tuple(_listed_point(p, language) for p in group)),)
    script = "\n\n".join(f"{t}: {s.notes.script}" if s.notes.script and s.notes.script != t
                          else t for t, s in zip(titles, slides))
    detail = tuple(d for s in slides for d in s.notes.detail)
    demo = sum(s.notes.demo for s in slides)
    said = "\n".join(s.notes.script for s in slides)
    seconds = slide_seconds(SlideKind.CONTENT, said, language) + demo
    title = merged_title(titles, language)
    slide = replace(slides[0], title=title, body=body,
                    notes=Notes(script, detail=detail, demo=demo), seconds=seconds)
    return Part(title, (slide,), max(p.score for p in group) + 0.5, group[0].line,
                members=tuple(titles), lines=tuple(p.line for p in group))


def _listed_point(part: Part, language: str) -> Bullet:
    """A section in a list of its siblings: its title (a key phrase, never moved off) and
    its point said as a claim (the bold phrase in its sentence) within a line or two."""
    slide = part.slides[0]
    points = _points(slide)
    limit = round(POINT_CHARS * (1.0 if language == "ko" else LATIN_LONGER))
    said = text_of(claim(points[0], slide.notes.script, part.title, limit, limit).text) \
        if points else ""
    phrase = whole_clauses(said, round(limit * CLAIM_SLACK)).rstrip(".。") if said else ""
    return Bullet((Run(part.title, KEY),) + ((Run("  " + phrase),) if phrase else ()))


def merged_title(titles: list[str], language: str) -> str:
    """The sections' titles joined while they fit; the rest counted ("… 외 2개")."""
    shown = titles[0]
    count = 1
    for title in titles[1:]:
        if len(shown) + 3 + len(title) > TITLE_CHARS:
            break
        shown = f"{shown} · {title}"
        count += 1
    rest = len(titles) - count
    if not rest:
        return shown
    return f"{shown} 외 {rest}개" if language == "ko" else f"{shown} and {rest} more"


def _plain(text: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(replace(run, marks=replace(run.marks, bold=False, highlight=False))
                 for run in text)


def appendix_divider(language: str, line: int | None) -> Slide:
    """The statement slide that opens the backup slides after the Q&A slide."""
    title = word(language, "appendix")
    return Slide(SlideKind.SECTION, title, notes=Notes(title), seconds=0.0, section=title,
                 line=line, backup=True)


def as_backup(slide: Slide, section: str) -> Slide:
    """A backup slide: shown after Q&A, ready for questions, no talk time."""
    return slide.but(seconds=0.0, backup=True, section=section,
                     notes=slide.notes.but(demo=0.0))


def choice_message(choice: Choice, plans: list[ChapterPlan], minutes: float
                    ) -> BuildWarning | None:
    """One line: how the long note was chosen for the talk."""
    if not choice.backup and not choice.merged:
        return None
    total = sum(len(p.parts) for p in plans)
    backup = sum(max(1, len(p.members)) for p in choice.backup)
    parts = [f"chose the talk for {clock(minutes * 60)} from {total} sections"]
    if choice.merged:
        parts.append(f"{choice.merged} share slides with their siblings")
    if backup:
        parts.append(f"{backup} went to the backup slides after Q&A")
    return BuildWarning(", ".join(parts) + " (--all keeps every section on the talk path)",
                        choice.backup[0].line if choice.backup else None)
