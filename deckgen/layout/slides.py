"""Talk to placed slides: every box measured, every picture sized, continuations made.

Units are points from the top-left of a 16:9 slide (960 × 540 pt for 13.333 × 7.5 in).
Title, statement and closing slides have fixed compositions; content slides go through
`Arranger`. Page chrome (progress bar, page number) and the notes' time line are added
last, when the number of slides is final.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import assert_never

from .search import longest_fitting
from .arrange import Page
from .captions import captioned
from .closing import closing_frames
from .elements import ElementSetter
from ..errors import BuildWarning
from ..look.model import Look
from .alt import with_alt
from .navigation import sections_of, with_jumps
from ..plan.titles import named
from .frames import (PROGRESS_ROLE, Deck, Frame, PageNotes, Para, PictureFrame, PlacedSlide,
                     Rect, ShapeFrame, TextFrame)
from ..pictures.model import DrawnDiagram, Picture
from .visuals import diagram_frame
from .diagramfit import DiagramFitter
from .subjects import page_subject
from .measure import Measurer
from .memo import LaidOutSlides
from ..note.model import Diagram
from ..plan.labels import word
from ..plan.talk import (Bullet, Bullets, Card, Notes, Run, Shown, Slide, SlideKind, Talk,
                         kind_spec, page_layout, text_of)
from ..theme import NOTES
from .findings import deck_warnings
from .setting import set_frames, set_text
from .typeset import TITLE_PITCH, Typesetter

ELLIPSIS = "…"


@dataclass(frozen=True)
class _Piece:
    """A placed slide before chrome and timing: which plan slide it came from."""

    source: Slide
    title: TextFrame | None
    frames: tuple[Frame, ...]
    continued: bool
    moved: tuple[str, ...]
    title_text: str
    elements: tuple = ()  # what this page shows (None: the plan slide's own body)
    pictures: tuple[Picture, ...] = ()
    layout: str = ""  # the layout name the page asks for ("": the plan slide's)
    cards: tuple[Card, ...] = ()  # the cards it shows side by side
    notes: Notes | None = None  # None: the plan slide's own
    share: tuple[int, float] | None = None  # (group, seconds): this page splits that time with
    # the other pages of its group (one card of a cards slide); None: the plan slide's time
    shown: tuple[Frame, ...] = ()  # the frames as rendered: drawn, captioned, set (_finished)
    shown_title: TextFrame | None = None  # the title, set


class Layout:
    def __init__(self, look: Look, measurer: Measurer,
                 placed: Callable[[Picture, float, float], None] | None = None,
                 memo: LaidOutSlides | None = None):
        self.placed = placed  # told of each picture as soon as a slide shows it
        self.memo = memo  # a warm process's pages of the slides it laid out before
        self.look = look
        self.theme = look.theme
        self.geometry = look.geometry
        self.measurer = measurer
        self.ts = Typesetter(self.theme, measurer)
        self.setter = ElementSetter(self.ts)
        self.diagrams = DiagramFitter(self.setter, measurer, self.geometry.width)
        self.arranger = self.diagrams.arranger  # each diagram laid out once, then scaled

    def deck(self, talk: Talk, pictures: dict[Shown, Picture]) -> tuple[Deck, list[BuildWarning]]:
        """Every slide of the talk placed in points: pictures sized, text measured and set,
        continuation pages made where content does not fit, page furniture and the notes'
        time budget added; and what the user should know about the result."""
        diagrams = {visual for slide in talk.slides for visual in slide.pictures
                    if isinstance(visual, Diagram)}
        pictures = {**pictures, **{diagram: self.diagrams.picture(DrawnDiagram(diagram))
                                   for diagram in sorted(diagrams, key=lambda d: d.line)}}
        pieces: list[_Piece] = []
        for slide in talk.slides:
            made = self._laid_out(slide, talk, pictures)
            pieces.extend(made)
            if self.placed is not None:
                for frame in (f for piece in made for f in piece.frames):
                    if isinstance(frame, PictureFrame) and frame.picture.ok:
                        self.placed(frame.picture, frame.rect.w, self.geometry.width)
        placed = with_jumps(self._finish(pieces, talk), talk)
        deck = Deck(self.geometry.width, self.geometry.height, tuple(placed), NOTES,
                    self.theme.sizes.notes, sections_of(placed, talk))
        return deck, deck_warnings(deck, self.look)

    def _laid_out(self, slide: Slide, talk: Talk, pictures: dict[Shown, Picture]
                  ) -> list[_Piece]:
        """The slide's pages, from the memo when a warm process laid this slide out before."""
        if self.memo is None:
            return self._finished(self._slide(slide, talk, pictures), talk.language)
        refs = (*slide.pictures, *(card.picture for card in slide.cards))
        key = (slide, talk.language, tuple(pictures[ref] for ref in refs))
        return self.memo.pages(key, lambda: self._finished(self._slide(slide, talk, pictures),
                                                           talk.language))

    def _finished(self, pieces: list[_Piece], language: str) -> list[_Piece]:
        """Each page's own frames as rendered: diagrams drawn, pictures labelled and
        captioned, every paragraph set. None of it depends on the page's place in the deck,
        so it is kept in the memo with the page, and a warm rebuild sets only the chrome."""
        return [replace(piece, shown=set_frames(
            [with_alt(shown, piece.source, language) for frame in piece.frames
             for shown in captioned(self._drawn(self._labelled(frame), piece.source),
                                    self.ts, self.theme)], self.theme),
            shown_title=set_text(piece.title, self.theme) if piece.title is not None else None)
            for piece in pieces]

    # -- per kind ---------------------------------------------------------------------

    def _slide(self, slide: Slide, talk: Talk, pictures: dict[Shown, Picture]) -> list[_Piece]:
        match slide.kind:
            case SlideKind.TITLE:
                return [self._title_slide(slide)]
            case SlideKind.SECTION:
                return [self._statement(slide)]
            case SlideKind.CLOSING if slide.pictures or slide.body:
                shown = [pictures[ref] for ref in slide.pictures]
                title, frames = closing_frames(self, slide, shown)
                return [_Piece(slide, title, tuple(frames), False, (), slide.title, slide.body,
                               tuple(shown))]
            case SlideKind.CLOSING:
                return [self._closing(slide)]
            case SlideKind.AGENDA | SlideKind.CONTENT | SlideKind.SUMMARY | SlideKind.REFERENCES:
                return self._content(slide, talk.language, pictures)
            case _:
                assert_never(slide.kind)

    def _title_slide(self, slide: Slide) -> _Piece:
        g, sizes, colors, decor = self.geometry, self.theme.sizes, self.theme.colors, self.theme.decor
        inset = decor.title_slide_inset
        rule_w, rule_h = decor.title_slide_rule
        width = g.width - 2 * inset
        title_para, title_h = self._fit_heading(slide.title, width, sizes.title_slide,
                                                sizes.title_slide * 0.66, 3, slide,
                                                more=(4, sizes.title_min))
        lines = [self.ts.plain((Run(line),), sizes.subtitle if i == 0 else sizes.meta,
                               color=colors.accent if i == 0 else colors.muted)
                 for i, line in enumerate(slide.subtitle)]
        lines = [replace(p, space_before=round(p.size * 0.3, 2)) if i else p
                 for i, p in enumerate(lines)]
        sub_h = self.ts.height(lines, width)
        gap = self.theme.gaps.title_slide
        total = rule_h + gap + title_h + (gap + sub_h if lines else 0)
        top = max(self.theme.gaps.title_slide_top,
                  (g.height - total) / 2 - self.theme.gaps.title_slide_lift)
        frames: list[Frame] = [ShapeFrame(Rect(inset, top, rule_w, rule_h), colors.accent, "accent")]
        title = TextFrame(Rect(inset, top + rule_h + gap, width, title_h), (title_para,),
                          self.theme.heading, colors.text, role="title")
        if lines:
            frames.append(TextFrame(Rect(inset, title.rect.bottom + gap, width, sub_h), tuple(lines),
                                    self.theme.body, colors.text, role="subtitle"))
        return _Piece(slide, title, tuple(frames), False, (), slide.title, slide.body)

    def _statement(self, slide: Slide) -> _Piece:
        g, sizes, colors = self.geometry, self.theme.sizes, self.theme.colors
        width = g.width - 2 * g.margin
        title_para, title_h = self._fit_heading(slide.title, width, sizes.statement,
                                                sizes.title_min, 3, slide, align="ctr")
        frames: list[Frame] = []
        number_h = gap = 0.0
        if slide.number:  # an unnumbered divider (the appendix) has no empty box above it
            number = self.ts.plain((Run(slide.number),), sizes.statement_number, TITLE_PITCH,
                                   align="ctr", color=colors.accent, bold=self.theme.heading_bold)
            number_h, gap = self.ts.height([number], width), self.theme.gaps.statement
        top = (g.height - (number_h + gap + title_h)) / 2
        if slide.number:
            frames.append(TextFrame(Rect(g.margin, top, width, number_h), (number,),
                                    self.theme.heading, colors.accent, role="number"))
        title = TextFrame(Rect(g.margin, top + number_h + gap, width, title_h), (title_para,),
                          self.theme.heading, colors.text, role="title")
        return _Piece(slide, title, tuple(frames), False, (), slide.title, slide.body)

    def _closing(self, slide: Slide) -> _Piece:
        g, sizes, colors = self.geometry, self.theme.sizes, self.theme.colors
        width = g.width - 2 * g.margin
        title_para, title_h = self._fit_heading(slide.title, width, sizes.title_slide,
                                                sizes.title_min, 2, slide, align="ctr")
        subs = [self.ts.plain((Run(line),), sizes.closing_line, align="ctr", color=colors.accent)
                for line in slide.subtitle]
        sub_h = self.ts.height(subs, width)
        total = title_h + (self.theme.gaps.closing + sub_h if subs else 0)
        top = (g.height - total) / 2
        title = TextFrame(Rect(g.margin, top, width, title_h), (title_para,), self.theme.heading,
                          colors.text, role="title")
        frames: list[Frame] = []
        if subs:
            frames.append(TextFrame(Rect(g.margin, title.rect.bottom + self.theme.gaps.closing,
                                         width, sub_h),
                                    tuple(subs), self.theme.body, colors.accent, role="subtitle"))
        return _Piece(slide, title, tuple(frames), False, (), slide.title, slide.body)

    # -- content ------------------------------------------------------------------------

    def _content(self, slide: Slide, language: str, pictures: dict[Shown, Picture]
                 ) -> list[_Piece]:
        title, region = self._content_title(slide.title, slide)
        _, continued = self._content_title(f"{slide.title} {word(language, 'continued')}", slide)
        if continued.y > region.y:  # a longer continuation title: lay every page out below it
            region = continued
        size = self.theme.sizes.body + kind_spec(slide.kind).emphasis
        if slide.cards:
            card_pictures = [pictures[card.picture] for card in slide.cards]
            for step in _sizes(size, self.theme.sizes.body_min):
                frames = self.arranger.arrange_cards(slide.cards, card_pictures, region, step)
                if frames is not None:
                    return [_Piece(slide, title, tuple(frames), False, (), slide.title,
                                   slide.body, tuple(card_pictures), slide.layout, slide.cards)]
            # cards that do not fit side by side: one slide per item, each its share of time
            share = slide.seconds / len(slide.cards)
            out = []
            for index, card in enumerate(slide.cards):  # titled apart: "제목 (카드)"
                own = slide.but(title=named(slide.title, text_of(card.title).strip()))
                own_title, own_region = self._content_title(own.title, own)
                pages = self.arranger.paginate([_card_bullets(card)], [pictures[card.picture]],
                                               own_region, size)
                out += [replace(piece, notes=card.notes if card.notes.script else None,
                                share=(index, share))
                        for piece in self._pieces(own, own_title, pages, language)]
            return out
        shown = [pictures[ref] for ref in slide.pictures]
        pages = self.diagrams.paginate(list(slide.body), shown, region, size)
        return self._pieces(slide, title, pages, language)

    def _pieces(self, slide: Slide, title: TextFrame, pages: list[Page], language: str
                ) -> list[_Piece]:
        out = []
        for index, page in enumerate(pages):
            layout = page_layout(slide.kind, page.elements, bool(page.pictures))
            if index == 0:
                text = named(slide.title, page.part) if page.part else slide.title
                first = self._content_title(text, slide)[0] if page.part else title
                out.append(_Piece(slide, first, tuple(page.frames), False,
                                  tuple(page.moved_to_notes), text, tuple(page.elements),
                                  tuple(page.pictures), layout))
                continue
            if page.part:  # one part of a split diagram: its title says which
                text = named(slide.title, page.part)
                part_title, part_region = self._content_title(text, slide)
                frames = page.frames
                if part_region.y > title.rect.bottom + self.geometry.title_gap + 0.5:
                    frames = [replace(f, rect=self.arranger.picture_rects([f.picture],
                                                                          part_region)[0])
                              if isinstance(f, PictureFrame) else f for f in frames]
                out.append(_Piece(slide, part_title, tuple(frames), True,
                                  tuple(page.moved_to_notes), text, tuple(page.elements),
                                  tuple(page.pictures), layout))
                continue
            more = word(language, "continued_again").format(n=index)
            text = f"{slide.title} {word(language, 'continued') if index == 1 else more}"
            cont_title, region = self._content_title(text, slide)
            subject = page_subject(page.elements)
            told = f"{slide.title} · {subject}"
            if subject and all(piece.title_text != told for piece in out):  # the page says
                # what it adds, when that title takes no more room and no page has it
                told_title, told_region = self._content_title(told, slide)
                if told_region.y <= region.y + 0.5 and not told_title.paras[0].runs[-1]\
                        .text.endswith("…"):
                    text, cont_title, region = told, told_title, told_region
            frames = page.frames
            shift = region.y - (title.rect.bottom + self.geometry.title_gap)
            if abs(shift) > 0.5:
                frames = [_moved(f, shift) for f in frames]
            out.append(_Piece(slide, cont_title, tuple(frames), True,
                              tuple(page.moved_to_notes), text, tuple(page.elements),
                              tuple(page.pictures), layout))
        return out

    def _content_title(self, text: str, slide: Slide) -> tuple[TextFrame, Rect]:
        g, sizes = self.geometry, self.theme.sizes
        box = g.title_box or Rect(g.margin, g.title_top, g.width - 2 * g.margin, 0)
        para, height = self._fit_heading(text, box.w, sizes.title, sizes.title_min, 2, slide)
        y = box.y + max(0.0, (box.h - height) / 2)  # centred in a template's title box
        title = TextFrame(Rect(box.x, y, box.w, height), (para,), self.theme.heading,
                          self.theme.colors.text, role="title")
        top = title.rect.bottom + g.title_gap
        if g.body_box is not None:
            top = max(top - g.title_gap + self.theme.gaps.template_body, g.body_box.y)
        left = g.body_box.x if g.body_box else g.margin
        width = g.body_box.w if g.body_box else g.width - 2 * g.margin
        region = Rect(left, top, width, max(40.0, g.body_bottom - top))
        return title, region

    def _fit_heading(self, text: str, width: float, size: float, floor: float, max_lines: int,
                     slide: Slide, align: str = "l", more: tuple[int, float] | None = None
                     ) -> tuple[Para, float]:
        """The largest size (down to `floor`) that fits `max_lines` (a content title takes
        its second line before it shrinks); then, with `more` = (lines, lower floor), more
        lines at smaller sizes (a long talk title); only then cut with an ellipsis."""
        stages = [(max_lines, _sizes(size, floor))]
        if more is not None:
            stages.append((more[0], _sizes(floor, more[1])))
            max_lines, floor = more
        for allowed, steps in stages:
            for step in steps:
                para = self.ts.plain((Run(text),), step, TITLE_PITCH, align=align,
                                     bold=self.theme.heading_bold)
                if len(self.ts.lines(para, width, self.theme.heading)) <= allowed:
                    return para, self.ts.height([para], width, self.theme.heading)
        para = self.ts.plain((Run(text),), floor, TITLE_PITCH, align=align,
                             bold=self.theme.heading_bold)
        words = text.split()

        def shorter(keep: int) -> Para:
            return replace(para, runs=(Run(" ".join(words[:keep]) + " " + ELLIPSIS),))

        keep = longest_fitting(len(words) - 1, lambda k: len(self.ts.lines(
            shorter(k), width, self.theme.heading)) <= max_lines)
        if keep is not None:
            para = shorter(keep)
        else:
            lines = self.ts.lines(para, width, self.theme.heading)
            para = replace(para, runs=(Run("".join(lines[:max_lines])[:-1] + ELLIPSIS),))
        return para, self.ts.height([para], width, self.theme.heading)

    # -- chrome, notes and time -------------------------------------------------------------

    def _finish(self, pieces: list[_Piece], talk: Talk) -> list[PlacedSlide]:
        total = len(pieces)
        counts: dict[tuple[int, int], int] = {}
        for piece in pieces:
            counts[_group(piece)] = counts.get(_group(piece), 0) + 1
        elapsed = 0.0
        budget = talk.minutes * 60
        placed = []
        for index, piece in enumerate(pieces, 1):
            source = piece.source
            group_seconds = piece.share[1] if piece.share else source.seconds
            seconds = group_seconds / counts[_group(piece)]
            elapsed += seconds
            notes = PageNotes(None if piece.continued else (piece.notes or source.notes),
                              source.title, self._titled_in_notes(piece), piece.moved,
                              seconds, elapsed, budget, talk.language)
            layout = piece.layout or source.layout
            frames = piece.shown + set_frames(self._chrome(index, total, piece), self.theme)
            pictures = piece.pictures or tuple(f.picture for f in piece.frames
                                               if isinstance(f, PictureFrame))
            placed.append(PlacedSlide(source.kind, layout, piece.title_text, seconds,
                                      piece.continued, piece.shown_title, frames,
                                      notes, pictures, tuple(piece.elements), source, piece.cards))
        return placed

    def _drawn(self, frame: Frame, slide: Slide) -> Frame:
        """A diagram's picture frame becomes the diagram, laid out for that rectangle."""
        if not isinstance(frame, PictureFrame) or not frame.picture.ok:
            return frame
        drawing = frame.picture.drawing
        natural = self.diagrams.natural(drawing) if isinstance(drawing, DrawnDiagram) else None
        return diagram_frame(frame, self.theme, self.measurer, natural)

    def _labelled(self, frame: Frame) -> Frame:
        """A picture that cannot be shown gets a label: its file name and the reason."""
        if not isinstance(frame, PictureFrame) or frame.picture.ok:
            return frame
        colors = self.theme.colors
        pad = self.theme.gaps.placeholder_inset
        inner = frame.rect.inset(pad, pad)
        for size in self.theme.sizes.placeholder_label:
            paras = (self.ts.plain((Run(frame.picture.name),), size, align="ctr"),
                     self.ts.plain((Run(frame.picture.problem or ""),), size * 0.8, align="ctr",
                                   color=colors.muted))
            height = self.ts.height(paras, inner.w)
            if height <= inner.h:
                break
        label = TextFrame(frame.rect, paras, self.theme.body, colors.text, role="placeholder",
                          anchor="ctr", insets=(pad, pad, pad, pad))
        return replace(frame, label=label)

    def _titled_in_notes(self, piece: _Piece) -> bool:
        """A page whose title is not the plan slide's as written (shortened, or the slide's
        title with more) says the full title first in its notes."""
        shown = text_of(piece.title.paras[0].runs) if piece.title and piece.title.paras else ""
        return not piece.continued and (piece.title_text != piece.source.title
                                        or shown != piece.title_text)

    def _chrome(self, index: int, total: int, piece: _Piece) -> list[Frame]:
        spec = kind_spec(piece.source.kind)
        if not spec.page_number:
            return []
        g, colors, decor = self.geometry, self.theme.colors, self.theme.decor
        frames: list[Frame] = []
        if self.theme.progress_bar:
            bar = decor.progress_bar
            frames.append(ShapeFrame(Rect(0, g.height - bar, g.width, bar), colors.track, "track"))
            frames.append(ShapeFrame(Rect(0, g.height - bar, g.width * index / total, bar),
                                     colors.accent, PROGRESS_ROLE))
        size = self.theme.sizes.page_number
        number = self.ts.plain((Run(str(index)),), size, align="r", color=colors.muted)
        box_w = self.theme.gaps.page_number_width
        frames.append(TextFrame(Rect(g.width - g.margin - box_w,
                                     g.height - g.footer + self.theme.gaps.page_number_drop, box_w,
                                     round(size * 1.6, 2)),
                                (number,), self.theme.body, colors.muted, role="page",
                                field="slidenum"))
        if spec.title_rule and piece.title:
            rect = piece.title.rect
            rule_w, rule_h = decor.title_rule
            frames.append(ShapeFrame(Rect(rect.x, rect.bottom + decor.title_rule_gap, rule_w, rule_h),
                                     colors.accent, "accent"))
        return frames


def _sizes(start: float, floor: float) -> list[float]:
    out, size = [], start
    while size >= floor:
        out.append(size)
        size -= 2
    if out[-1] != floor:
        out.append(floor)
    return out


def _moved(frame: Frame, dy: float) -> Frame:
    rect = frame.rect
    return replace(frame, rect=Rect(rect.x, rect.y + dy, rect.w, rect.h))


def _group(piece: _Piece) -> tuple[int, int]:
    """The pages that share one time budget: a plan slide's, or one card's of it."""
    return id(piece.source), piece.share[0] if piece.share else -1


def _card_bullets(card: Card) -> Bullets:
    """A card on a slide of its own: its title (numbered as in the note), its details below."""
    return Bullets((Bullet(card.title, 0, card.number),)
                   + tuple(Bullet(b.text, 1) for b in card.bullets))
