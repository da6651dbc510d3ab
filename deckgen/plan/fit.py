"""Fit the talk to its minutes: detail moves into the speaker notes, titles and pictures stay.

A study note is written to be read, a talk to be heard in ten minutes. When the plan runs
over, the least valuable detail leaves the slides first, one kind at a time, until the
estimate fits:

1. long prose takeaways (shortened at a clause boundary),
2. secondary pictures of a slide (named in the notes, the main visual stays),
3. long code (its telling lines, the whole block in the notes),
4. the spoken script: each slide keeps its leading sentences; the rest stays in the notes
   under a "more detail" line that the estimate does not count.

Bullets stay while they fit the slide's room (taking them off saves no time: their words
are the script's); a talk that is still too long was chosen from the note before fitting
(`choose.py`), the rest being backup slides.

Every section and H2 keeps its slide and title and every slide its main picture. When even
the shortest script does not fit, the warning names the sections to cut. Slides never carry
walls: at most `MAX_BODY_LINES` bullets, a long unbolded bullet shows its first sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from ..errors import BuildWarning
from ..note.model import ImageRef
from .codecut import GAP_MARK, telling_lines
from .own import CLAUSE as _CLAUSE, leading_pieces
from .notes import spoken
from .labels import word
from .talk import Box, Bullet, Bullets, Code, Columns, Element, Notes, Run, Slide, SlideKind, \
    TableData, Takeaway, Talk, Text, kind_spec, text_of
from .timing import clock, speaking_seconds

MAX_BODY_LINES = 6  # body lines a slide may carry; more is a wall of text
LINE_EMS = 30.0  # a body line across a slide holds about 30 Hangul (a Latin letter ≈ 0.55)
FIT_CODE_LINES = 12  # one slide of code at a readable size
LONG_BULLET = 60  # characters: a bullet longer than this shows its first sentence or clause
LONG_TAKEAWAY = 50
REPORT_LINES = 8  # slides the fitting report names; the rest are counted
SECONDS_PER_CODE_LINE = 1.5  # as planned in content._reading_seconds
_SENTENCE = re.compile(r"(?<=[.!?。？！])\s+|\n+")


def fit_talk(talk: Talk, fit: bool) -> tuple[Talk, list[BuildWarning]]:
    """The talk, when `fit`, shortened to its minutes."""
    if not fit:
        return talk, []
    log: dict[int, list[str]] = {}
    slides = [_no_walls(slide, index, log, talk.language) for index, slide in enumerate(talk.slides)]
    backup = [slide for slide in slides if slide.backup]  # in the deck, not in the talk's time
    slides = [slide for slide in slides if not slide.backup]
    budget = talk.minutes * 60
    before = sum(s.seconds for s in talk.slides)
    steps = (_short_takeaways, _secondary_pictures, _telling_code)
    for step in steps:
        if _total(slides) <= budget:
            break
        slides = [step(slide, index, log, talk.language) for index, slide in enumerate(slides)]
    if _total(slides) > budget:
        slides = _trim_scripts(slides, budget, talk.language, log)
    warnings = []
    if log:
        warnings.append(_moved_warning(slides + backup, log, before, talk.minutes))
    if _total(slides) > budget + 0.5:
        warnings.append(_cut_warning(slides, budget))
    unshown = tuple(ref for before_fit, after in zip(talk.slides, slides + backup)
                    for ref in before_fit.pictures
                    if isinstance(ref, ImageRef) and ref not in after.pictures)
    return replace(talk, slides=tuple(slides + backup), unshown=unshown), warnings


def _total(slides: list[Slide]) -> float:
    return sum(slide.seconds for slide in slides)


# -- no walls ---------------------------------------------------------------------------

def _no_walls(slide: Slide, index: int, log: dict[int, list[str]],
              language: str) -> Slide:
    """At most MAX_BODY_LINES bullets; long bullets keep their first sentence."""
    if slide.kind == SlideKind.SUMMARY:  # its notes already say every line
        return _short_summary(slide, index, log)
    if not kind_spec(slide.kind).fitted:
        return slide
    room = MAX_BODY_LINES
    body: list[Element] = []
    moved: list[str] = []
    for element in slide.body:
        match element:
            case Bullets():
                kept = []
                for bullet in (_short_bullet(b) for b in element.items):
                    lines = bullet_lines(bullet)
                    if lines > room:
                        break
                    kept.append(bullet)
                    room -= lines
                moved += [text_of(b.text) for b in element.items[len(kept):]]
                if kept:
                    body.append(Bullets(tuple(kept)))
            case Columns():
                room -= max(len(g.bullets) + 1 for g in element.groups)
                body.append(element)
            case Takeaway():
                room -= 1
                body.append(element)
            case Box():
                room -= 1 + len(element.items)
                body.append(element)
            case Code() | TableData():
                body.append(element)  # measured by the layout, which splits or shrinks them
            case _:
                assert_never(element)
    if moved:
        log.setdefault(index, []).append(f"{len(moved)} bullet(s) past {MAX_BODY_LINES} lines")
        return slide.but(body=tuple(body), notes=_with_detail(slide.notes, moved))
    return slide.but(body=tuple(body))


def bullet_lines(bullet: Bullet, line_ems: float = LINE_EMS) -> int:
    """About how many lines a bullet takes at body size: a line holds about `line_ems`
    Hangul across the slide (the layout measures exactly and may set a picture above the
    text; this only keeps walls off the plan)."""
    ems = sum(1.0 if ord(ch) >= 0x1100 else 0.3 if ch == " " else 0.55
              for ch in text_of(bullet.text))
    return 1 + int(max(0.0, ems - 0.01) // line_ems)


def _short_summary(slide: Slide, index: int, log: dict[int, list[str]]) -> Slide:
    items = [b for e in slide.body if isinstance(e, Bullets) for b in e.items]
    if len(items) <= MAX_BODY_LINES:
        return slide
    log.setdefault(index, []).append(f"{len(items) - MAX_BODY_LINES} summary line(s)")
    return slide.but(body=(Bullets(tuple(items[:MAX_BODY_LINES])),))


def _short_bullet(bullet: Bullet) -> Bullet:
    """A long bullet without a key phrase of its own shows its first sentence."""
    text = text_of(bullet.text)
    if len(text) <= LONG_BULLET or any(run.accent for run in bullet.text):
        return bullet
    sentence = _SENTENCE.split(text, maxsplit=1)[0].strip()
    return replace(bullet, text=_prefix(bullet.text, sentence))


def _shorten_text(text: Text, limit: int) -> Text:
    """The first sentence, else the first clause(s) within `limit`; never cut mid-clause."""
    whole = text_of(text)
    sentence = _SENTENCE.split(whole, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return _prefix(text, sentence)
    return _prefix(text, leading_pieces(_CLAUSE.split(sentence), limit))


def _prefix(text: Text, shown: str) -> Text:
    """The runs of `text` covering its first len(shown) characters, marks kept."""
    out: list[Run] = []
    left = len(shown)
    for run in text:
        if left <= 0:
            break
        out.append(replace(run, text=run.text[:left]))
        left -= len(run.text)
    if out:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(",;:，、 "))
    return tuple(r for r in out if r.text)


# -- the fitting steps, least valuable first -------------------------------------------

def _short_takeaways(slide: Slide, index: int, log: dict[int, list[str]],
                     language: str) -> Slide:
    body = list(slide.body)
    for position, element in enumerate(body):
        if isinstance(element, Takeaway) and len(text_of(element.text)) > LONG_TAKEAWAY:
            shorter = _shorten_text(element.text, LONG_TAKEAWAY)
            if text_of(shorter) != text_of(element.text):
                body[position] = Takeaway(shorter)
                log.setdefault(index, []).append("the takeaway's long end")
    return slide.but(body=tuple(body))


def _secondary_pictures(slide: Slide, index: int, log: dict[int, list[str]],
                        language: str) -> Slide:
    if len(slide.pictures) < 2:
        return slide
    main, rest = slide.pictures[0], slide.pictures[1:]
    names = [(ref.alt if isinstance(ref, ImageRef) else "") or ref.target for ref in rest]
    log.setdefault(index, []).append(f"{len(rest)} secondary picture(s)")
    label = word(language, "picture")
    return slide.but(pictures=(main,), seconds=slide.seconds,
                     notes=_with_detail(slide.notes, [f"({label}: {n})" for n in names]))


def _telling_code(slide: Slide, index: int, log: dict[int, list[str]],
                  language: str) -> Slide:
    body = list(slide.body)
    saved = 0.0
    for position, element in enumerate(body):
        if not isinstance(element, Code):
            continue
        lines = element.text.split("\n")
        if len(lines) <= FIT_CODE_LINES:
            continue
        short = telling_lines(element.text, element.language, FIT_CODE_LINES,
                              f"{slide.title}\n{slide.notes.script}")
        body[position] = Code(short, element.language)
        saved += SECONDS_PER_CODE_LINE * (len(lines) - len(short.split("\n")))
        log.setdefault(index, []).append(
            f"code {len(lines)} → {len(short.split(chr(10)))} lines (all of it in the notes)")
        if GAP_MARK not in element.text:  # a cut block's whole text is in the notes already
            slide = slide.but(notes=_with_detail(slide.notes, [element.text]))
    if not saved:
        return slide
    return slide.but(body=tuple(body), seconds=max(0.0, slide.seconds - min(saved, 45.0)))


# -- the script ------------------------------------------------------------------------------

def _trim_scripts(slides: list[Slide], budget: float, language: str,
                  log: dict[int, list[str]]) -> list[Slide]:
    """Each content slide says its leading sentences, as many as a common cap allows."""
    scripts = [slide.notes.script if kind_spec(slide.kind).fitted else "" for slide in slides]
    costs = [speaking_seconds(spoken(s), language) for s in scripts]
    fixed = _total(slides) - sum(costs)
    low, high = 0.0, max(costs, default=0.0)
    for _ in range(30):  # the largest cap that fits
        cap = (low + high) / 2
        if fixed + sum(_kept_cost(s, cap, language)[1] for s in scripts) <= budget:
            low = cap
        else:
            high = cap
    out = []
    for index, (slide, script, cost) in enumerate(zip(slides, scripts, costs)):
        kept, kept_cost = _kept_cost(script, low, language)
        if not script or kept_cost >= cost - 0.5:
            out.append(slide)
            continue
        rest = script[len(kept):].strip()
        log.setdefault(index, []).append(f"{clock(cost - kept_cost)} of the script")
        floor = kind_spec(slide.kind).pause + slide.notes.demo  # never below what is not said
        out.append(slide.but(notes=slide.notes.but(script=kept, unsaid=rest),
                             seconds=max(floor, slide.seconds - (cost - kept_cost))))
    return out


def _kept_cost(script: str, cap: float, language: str) -> tuple[str, float]:
    """The leading sentences of `script` within `cap` seconds (at least the first one)."""
    if not script:
        return "", 0.0
    spans = [m.end() for m in _SENTENCE.finditer(script)] + [len(script)]
    # The time of a prefix only grows with it: the longest prefix within `cap` is found by
    # bisection, not by timing every prefix (quadratic in a section of 10,000 sentences).
    low, high = 0, len(spans) - 1  # spans[low] always kept (the first sentence at least)
    while low < high:
        middle = (low + high + 1) // 2
        if speaking_seconds(spoken(script[:spans[middle]].strip()), language) > cap:
            high = middle - 1
        else:
            low = middle
    kept = script[:spans[low]].strip()
    return kept, speaking_seconds(spoken(kept), language)


def _with_detail(notes: Notes, moved: list[str]) -> Notes:
    """Notes with `moved` added to what fitting took off the slide (said if time allows)."""
    return notes.but(detail=notes.detail + tuple(moved))


# -- what the build says -----------------------------------------------------------------------

def _moved_warning(slides: list[Slide], log: dict[int, list[str]], before: float,
                   minutes: float) -> BuildWarning:
    if before <= minutes * 60 + 0.5:
        head = f"no slide carries more than {MAX_BODY_LINES} body lines"
    else:
        head = (f"fitted to {clock(minutes * 60)} (planned {clock(before)} → "
                f"{clock(_total(slides))})")
    lines = [f"{head}; moved to the speaker notes (--all keeps everything):"]
    biggest = sorted(log, key=lambda i: -len(log[i]))[:REPORT_LINES]  # the most moved first
    for index in sorted(biggest):
        slide = slides[index]
        lines.append(f"  '{slide.title}' (line {slide.line or '-'}): " + "; ".join(log[index]))
    if len(log) > len(biggest):
        lines.append(f"  and {len(log) - len(biggest)} more slides: see `deckgen outline`")
    first = next((slides[i].line for i in sorted(log) if slides[i].line), None)
    return BuildWarning("\n".join(lines), first)


def _cut_warning(slides: list[Slide], budget: float) -> BuildWarning:
    """Which sections to cut: the costliest until the rest fits."""
    cost: dict[str, float] = {}
    for slide in slides:
        if slide.section and kind_spec(slide.kind).counts_to_section:
            cost[slide.section] = cost.get(slide.section, 0.0) + slide.seconds
    over = _total(slides) - budget
    cut = []
    for section, seconds in sorted(cost.items(), key=lambda pair: -pair[1]):
        if over <= 0:
            break
        cut.append(f"'{section}' ({clock(seconds)})")
        over -= seconds
    return BuildWarning(f"the talk still runs {clock(_total(slides))} against {clock(budget)} "
                        f"with the shortest script; cut sections: {', '.join(cut)}")
