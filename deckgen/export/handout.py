"""The audience handout: A4 portrait pages, each slide beside its speaker notes.

The text pages are a small generated deck (header with the talk title, the notes, page
numbers) converted by LibreOffice in the same run as the slides; each slide's own PDF page
is then laid onto its page as vector graphics with pypdf, so slides stay sharp and notes
stay real, searchable text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation

from .compose import MCID, carry_links, graft_tags, lay_slide, place_tags
from .tagged import Bookmark, finish

from ..layout.frames import Deck, Para, PlacedSlide, Rect, ShapeFrame, TextFrame
from ..layout.measure import Measurer
from ..layout.setting import set_frames
from ..render.writer import Renderer
from ..plan.talk import BLANK, Run, SlideKind
from ..render.template import built_in
from ..look.model import Look
from ..theme import NOTES as NOTES_FACE, PLAIN
from ..layout.typeset import Typesetter

A4 = (595.28, 841.89)
MARGIN = 42.0
HEADER_SIZE = PLAIN.sizes.handout_header
NOTES_SIZE = PLAIN.sizes.handout_notes
SLIDE_TOP = 62.0
SLIDE_WIDTH = 236.0  # the slide on the left of its row, the notes beside it
GUTTER = 18.0
ROW_GAP = 20.0
BOTTOM = 56.0
LINED_ROWS = 3  # --handout=lines: slides a page, each beside lines to write on
LINED_SLIDE_WIDTH = 290.0  # wider than beside notes: the lines need less room than text
RULE_GAP = 22.0  # between the ruled lines: handwriting's line height
RULE_WIDTH = 0.6
GRID_COLUMNS, GRID_ROWS = 2, 3  # --handout=grid: 6 slides a page
HANDOUTS = ("notes", "lines", "grid")  # slides beside their notes, or for the audience


@dataclass(frozen=True)
class Placement:
    """Which slides (0-based) go where on one handout page, in points from the top-left."""

    slides: tuple[tuple[int, Rect], ...] = ()


class _Pages:
    """Handout pages filled row by row: a slide on the left, its notes beside it."""

    def __init__(self, ts: Typesetter, title: str):
        self.ts, self.title = ts, title
        self.pages: list[PlacedSlide] = []
        self.plan: list[Placement] = []
        self.frames: list = []
        self.slides: list[tuple[int, Rect]] = []
        self.y = SLIDE_TOP

    def room(self) -> float:
        return A4[1] - BOTTOM - self.y

    def fresh(self) -> bool:
        return self.y == SLIDE_TOP

    def new_page(self) -> None:
        self.pages.append(_page(self.frames, self.ts, self.title))
        self.plan.append(Placement(tuple(self.slides)))
        self.frames, self.slides, self.y = [], [], SLIDE_TOP


def handout_deck(result, target: Path) -> list[Placement]:
    """Write the handout's text pages as a deck; returns where each slide goes."""
    ts = Typesetter(PLAIN, Measurer())
    slide_h = SLIDE_WIDTH * result.deck.height / result.deck.width
    notes_x = MARGIN + SLIDE_WIDTH + GUTTER
    notes_w = A4[0] - MARGIN - notes_x
    pages = _Pages(ts, result.title)
    for index, notes in enumerate(result.notes):
        paras = [ts.plain((Run(line or " "),), NOTES_SIZE, 1.35, face=NOTES_FACE)
                 for line in (notes.text(with_time=False) if notes else "").split("\n")]
        first = True
        while first or paras:
            if first and pages.room() < slide_h and not pages.fresh():
                pages.new_page()
                continue
            taken = _fit(ts, paras, notes_w, pages.room())
            if taken < len(paras):  # the next paragraph runs on: what fits of it stands here
                left = pages.room() - sum(ts.para_height(p, notes_w) for p in paras[:taken])
                split = _split(ts, paras[taken], notes_w, left)
                if len(split) == 2:
                    paras, taken = [*paras[:taken], *split, *paras[taken + 1:]], taken + 1
                elif not taken and pages.fresh():  # nothing cuts it: placed whole, not dropped
                    taken = 1
            if not first and not taken:
                pages.new_page()
                continue
            row = slide_h if first else 0.0
            if first:
                rect = Rect(MARGIN, pages.y, SLIDE_WIDTH, slide_h)
                pages.frames.append(_hairline(rect))
                pages.slides.append((index, rect))
            if taken:
                height = ts.height(paras[:taken], notes_w)
                pages.frames.append(TextFrame(Rect(notes_x, pages.y, notes_w, height),
                                              tuple(paras[:taken]), NOTES_FACE, PLAIN.colors.text))
                row = max(row, height)
            pages.y += row + ROW_GAP
            paras, first = paras[taken:], False
            if paras:
                pages.new_page()
    if pages.frames:
        pages.new_page()
    _write(pages.pages, ts, target, result.title)
    return pages.plan


def _write(pages: list[PlacedSlide], ts: Typesetter, target: Path, title: str) -> None:
    """The text pages, numbered, as a deck of A4 pages (LibreOffice makes the PDF)."""
    total = len(pages)
    numbered = [_numbered(page, number, total, ts) for number, page in enumerate(pages, 1)]
    numbered = [replace(page, frames=set_frames(page.frames, PLAIN)) for page in numbered]
    base = built_in(PLAIN)
    Renderer(base, Look(PLAIN), {}).render(Deck(A4[0], A4[1], tuple(numbered)))
    base.presentation.core_properties.title = title[:255]
    base.presentation.save(str(target))


def audience_deck(result, target: Path, kind: str) -> list[Placement]:
    """The pages of a handout for the audience, no speaker notes: `lines` puts 3 slides a
    page beside ruled lines to write on, `grid` 6 slides a page in two columns."""
    ts = Typesetter(PLAIN, Measurer())
    ratio = result.deck.height / result.deck.width
    slots = _lined_slots(ratio) if kind == "lines" else _grid_slots(ratio)
    pages, plan = [], []
    for start in range(0, len(result.deck.slides), len(slots)):
        frames: list = []
        placed = []
        for index, (rect, rules) in zip(range(start, len(result.deck.slides)), slots):
            frames.append(_hairline(rect))
            frames += [ShapeFrame(rule, PLAIN.colors.handout_rule) for rule in rules]
            placed.append((index, rect))
        pages.append(_page(frames, ts, result.title))
        plan.append(Placement(tuple(placed)))
    _write(pages, ts, target, result.title)
    return plan


def _hairline(rect: Rect) -> ShapeFrame:
    return ShapeFrame(Rect(rect.x - 0.75, rect.y - 0.75, rect.w + 1.5, rect.h + 1.5),
                      PLAIN.colors.handout_frame)


def _slot_height(rows: int) -> float:
    return (A4[1] - BOTTOM - SLIDE_TOP + ROW_GAP) / rows - ROW_GAP


def _fitted(x: float, y: float, width: float, height: float, ratio: float) -> Rect:
    """The slide's rectangle in a slot: as wide as the slot, lower if the slot is low."""
    w = min(width, height / ratio)
    return Rect(x, y, w, w * ratio)


def _lined_slots(ratio: float) -> list[tuple[Rect, tuple[Rect, ...]]]:
    """Three rows: a slide on the left, ruled lines beside it as tall as its row."""
    height = _slot_height(LINED_ROWS)
    rules_x = MARGIN + LINED_SLIDE_WIDTH + GUTTER
    slots: list[tuple[Rect, tuple[Rect, ...]]] = []
    for row in range(LINED_ROWS):
        top = SLIDE_TOP + row * (height + ROW_GAP)
        rules = tuple(Rect(rules_x, top + RULE_GAP * (n + 1), A4[0] - MARGIN - rules_x, RULE_WIDTH)
                      for n in range(int(height // RULE_GAP)))
        slots.append((_fitted(MARGIN, top, LINED_SLIDE_WIDTH, height, ratio), rules))
    return slots


def _grid_slots(ratio: float) -> list[tuple[Rect, tuple[Rect, ...]]]:
    """Two columns of three rows, each slide centred in its cell."""
    height = _slot_height(GRID_ROWS)
    width = (A4[0] - 2 * MARGIN - GUTTER) / GRID_COLUMNS
    slots: list[tuple[Rect, tuple[Rect, ...]]] = []
    for row in range(GRID_ROWS):
        for column in range(GRID_COLUMNS):
            x = MARGIN + column * (width + GUTTER)
            rect = _fitted(x, SLIDE_TOP + row * (height + ROW_GAP), width, height, ratio)
            slots.append((replace(rect, y=rect.y + (height - rect.h) / 2), ()))
    return slots


def _fit(ts: Typesetter, paras: list[Para], width: float, room: float) -> int:
    used, count = 0.0, 0
    for para in paras:
        used += ts.para_height(para, width)
        if used + NOTES_SIZE * 0.2 > room:
            break
        count += 1
    return count


def _split(ts: Typesetter, para: Para, width: float, room: float) -> list[Para]:
    """A notes paragraph taller than the room, as the lines that fit and the rest; whole when
    fewer than two of its lines would stand on either side (it starts on the next page)."""
    text = "".join(run.text for run in para.runs)
    lines = ts.lines(para, width)
    fits = int((room - NOTES_SIZE * 0.2 - para.space_before) // para.line_pitch)
    if fits < 2 or fits > len(lines) - 2:
        return [para]
    cut = _offset_after(text, lines[:fits])
    head, tail = text[:cut].rstrip(), text[cut:].lstrip()
    if not head or not tail:
        return [para]
    return [replace(para, runs=(Run(head),)), replace(para, runs=(Run(tail),))]


def _offset_after(text: str, lines: list[str]) -> int:
    """Where in `text` the wrapped `lines` end (wrapping drops the spaces it breaks at)."""
    at = 0
    for line in lines:
        for char in line:
            while at < len(text) and text[at] != char and text[at].isspace():
                at += 1
            at += 1 if at < len(text) and text[at] == char else 0
    return at


def _page(frames: list, ts: Typesetter, title: str) -> PlacedSlide:
    header = ts.plain((Run(title),), HEADER_SIZE, color=PLAIN.colors.muted, face=NOTES_FACE)
    header_frame = TextFrame(Rect(MARGIN, 30, A4[0] - 2 * MARGIN,
                                  ts.height([header], A4[0] - 2 * MARGIN)),
                             (header,), NOTES_FACE, PLAIN.colors.muted)
    return PlacedSlide(SlideKind.CONTENT, BLANK, title, 0.0, False, None,
                       (header_frame, *frames), None)


def _numbered(page: PlacedSlide, number: int, total: int, ts: Typesetter) -> PlacedSlide:
    para = ts.plain((Run(f"{number} / {total}"),), HEADER_SIZE, align="ctr", face=NOTES_FACE)
    frame = TextFrame(Rect(MARGIN, A4[1] - 40, A4[0] - 2 * MARGIN, ts.height([para], 200)),
                      (para,), NOTES_FACE, PLAIN.colors.muted)
    return replace(page, frames=page.frames + (frame,))


def overlay_slides(handout_pdf: Path, slides_pdf: Path, target: Path,
                   plan: list[Placement], title: str = "", language: str = "",
                   marks: Sequence[Bookmark] = ()) -> None:
    """Lay each slide's PDF page into its place on the handout's text pages, with its links
    and tags (compose.py); the handout gets the talk's title, language and bookmarks."""
    slides = PdfReader(str(slides_pdf))
    writer = PdfWriter(clone_from=str(handout_pdf))
    page_of_slide = {index: number for number, placement in enumerate(plan)
                     for index, _ in placement.slides}
    tagged = "/StructTreeRoot" in writer.root_object
    for number, (page, placement) in enumerate(zip(writer.pages, plan)):
        page_h = float(page.mediabox.height)
        offset = _mcids(page)
        grafted = []
        for index, rect in placement.slides:
            if index >= len(slides.pages):
                continue
            slide = slides.pages[index]
            scale = rect.w / float(slide.mediabox.width)
            move = Transformation().scale(scale).translate(rect.x, page_h - rect.y - rect.h)
            if tagged:
                grafted += graft_tags(writer, page, slide, slides, offset)
            offset += lay_slide(writer, page, slide, slides, move, offset)
            carry_links(writer, page, slide, slides, move, page_of_slide)
        if tagged:
            place_tags(writer, number, grafted)
    pages = [page_of_slide.get(i, 0) for i in range(len(marks))]
    finish(writer, title, language, marks, pages)
    with open(target, "wb") as stream:  # the caller's temp file, renamed into place
        writer.write(stream)


def _mcids(page) -> int:
    """How many marked-content ids the page's own content uses."""
    content = page.get_contents()
    data = content.get_data() if content is not None else b""
    return max((int(m.group(1)) + 1 for m in MCID.finditer(data)), default=0)
