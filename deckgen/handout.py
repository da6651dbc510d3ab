"""The audience handout: A4 portrait pages, each slide above its speaker notes.

The text pages are a small generated deck (header with the talk title, the notes, page
numbers) converted by LibreOffice in the same run as the slides; each slide's own PDF page
is then laid onto its page as vector graphics with pypdf, so slides stay sharp and notes
stay real, searchable text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation

from .frames import Deck, Para, PlacedSlide, Rect, ShapeFrame, TextFrame
from .measure import Measurer
from .render import NOTES_FACE, Renderer
from .talk import BLANK, Run, Slide, SlideKind
from .template import built_in
from .theme import PLAIN
from .typeset import Typesetter

A4 = (595.28, 841.89)
MARGIN = 42.0
HEADER_SIZE = 10.0
NOTES_SIZE = 11.0
SLIDE_TOP = 62.0
TIME_MARK = "⏱"


@dataclass(frozen=True)
class Placement:
    """Where slide `slide` (0-based) goes on a handout page, in points from the top-left."""

    slide: int | None
    rect: Rect | None


def handout_notes(notes: str) -> str:
    """The notes an audience reads: without the speaker's time budget line."""
    return "\n".join(line for line in notes.split("\n") if not line.startswith(TIME_MARK)).strip()


def handout_deck(result, target: Path) -> list[Placement]:
    """Write the handout's text pages as a deck; returns where each slide goes."""
    ts = Typesetter(PLAIN, Measurer())
    width, height = A4
    slide_w = width - 2 * MARGIN
    slide_h = slide_w * result.slide_height / result.slide_width
    pages: list[PlacedSlide] = []
    plan: list[Placement] = []
    for index, notes in enumerate(result.notes):
        paras = [ts.plain((Run(line or " "),), NOTES_SIZE, 1.4, face=NOTES_FACE)
                 for line in handout_notes(notes).split("\n")]
        slide_rect = Rect(MARGIN, SLIDE_TOP, slide_w, slide_h)
        top = slide_rect.bottom + 22
        first = True
        while first or paras:
            room = height - 56 - top
            taken = _fit(ts, paras, slide_w, room)
            frames = [ShapeFrame(Rect(slide_rect.x - 0.75, slide_rect.y - 0.75, slide_w + 1.5,
                                      slide_h + 1.5), "CED4DA")] if first else []
            if taken:
                frames.append(TextFrame(Rect(MARGIN, top, slide_w,
                                             ts.height(paras[:taken], slide_w)),
                                        tuple(paras[:taken]), NOTES_FACE, "212529"))
            pages.append(_page(frames, ts, result.title))
            plan.append(Placement(index if first else None, slide_rect if first else None))
            paras = paras[taken:]
            first, top = False, SLIDE_TOP
            if not taken and paras:  # a single line taller than a page cannot happen at 11 pt
                paras = paras[1:]
    total = len(pages)
    numbered = [_numbered(page, number, total, ts) for number, page in enumerate(pages, 1)]
    base = built_in(PLAIN)
    Renderer(base, PLAIN, {}).render(Deck(width, height, tuple(numbered)))
    base.presentation.save(str(target))
    return plan


def _fit(ts: Typesetter, paras: list[Para], width: float, room: float) -> int:
    used, count = 0.0, 0
    for para in paras:
        used += ts.para_height(para, width)
        if used + NOTES_SIZE * 0.2 > room:
            break
        count += 1
    return count


def _page(frames: list, ts: Typesetter, title: str) -> PlacedSlide:
    header = ts.plain((Run(title),), HEADER_SIZE, color="868E96", face=NOTES_FACE)
    header_frame = TextFrame(Rect(MARGIN, 30, A4[0] - 2 * MARGIN,
                                  ts.height([header], A4[0] - 2 * MARGIN)),
                             (header,), NOTES_FACE, "868E96")
    return PlacedSlide(Slide(SlideKind.CONTENT, BLANK, title), None,
                       (header_frame, *frames), "")


def _numbered(page: PlacedSlide, number: int, total: int, ts: Typesetter) -> PlacedSlide:
    para = ts.plain((Run(f"{number} / {total}"),), HEADER_SIZE, align="ctr", face=NOTES_FACE)
    frame = TextFrame(Rect(MARGIN, A4[1] - 40, A4[0] - 2 * MARGIN, ts.height([para], 200)),
                      (para,), NOTES_FACE, "868E96")
    return PlacedSlide(page.slide, None, page.frames + (frame,), "")


def overlay_slides(handout_pdf: Path, slides_pdf: Path, target: Path,
                   plan: list[Placement]) -> None:
    """Lay each slide's PDF page into its place on the handout's text pages."""
    slides = PdfReader(str(slides_pdf))
    writer = PdfWriter(clone_from=str(handout_pdf))
    for page, placement in zip(writer.pages, plan):
        if placement.slide is not None and placement.slide < len(slides.pages):
            slide = slides.pages[placement.slide]
            rect = placement.rect
            scale = rect.w / float(slide.mediabox.width)
            page_h = float(page.mediabox.height)
            move = Transformation().scale(scale).translate(rect.x, page_h - rect.y - rect.h)
            page.merge_transformed_page(slide, move)
    temp = target.with_name(f".{target.name}.tmp")
    with open(temp, "wb") as stream:
        writer.write(stream)
    temp.replace(target)
