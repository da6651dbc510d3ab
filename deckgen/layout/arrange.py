"""Content slides: pictures and text arranged so both are large, split when they do not fit.

For a slide with pictures the candidates are: pictures above the text, or the text in a
left column beside the pictures (several column widths). The one that shows the pictures
largest wins, as long as the text fits at body size. What does not fit moves to a
continuation slide; an element too tall on a slide of its own is set smaller, down to the
floor, then cut with the rest going to the notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import assert_never

from .codesplit import halves
from .search import longest_fitting
from .elements import ElementSetter
from ..note.model import KEY
from .frames import Frame, Para, PictureFrame, Rect, TextFrame
from ..pictures.model import Picture, display_limit
from ..plan.talk import (Box, Bullet, Bullets, Card, Code, Columns, Element, Run, TableData, Takeaway,
                   text_of)

BESIDE_FRACTIONS = (0.36, 0.42, 0.5, 0.58)
LEGIBLE_SHARE = 0.42  # a picture beside text keeps at least this share of its area alone
CARD_PICTURE_SHARE = 0.55
SPARSE_BULLETS = 4  # a text-only slide this short is set larger than body size
SPARSE_CHARACTERS = 120
SPARSE_CODE_LINES = 10
TEXT_ONLY_DROP = 0.3  # short text sits a little above the middle of the body, not at its top
MIN_CARD_WIDTH = 300.0  # narrower cards make their pictures too small to read


@dataclass
class Page:
    """One slide's worth of content after fitting."""

    frames: list[Frame]
    moved_to_notes: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)  # what the page shows, for outlines
    pictures: list[Picture] = field(default_factory=list)
    part: str = ""  # the part of a split diagram it shows, for its title


Legible = Callable[[Picture, Rect], bool]  # whether a picture reads when drawn in a rect


def _any_size(picture: Picture, rect: Rect) -> bool:
    return True


class Arranger:
    def __init__(self, setter: ElementSetter, slide_width: float, legible: Legible = _any_size):
        """`legible` rules out placing a picture beside text in a rectangle too small for
        it (a diagram below its label floor): such a picture gets the page to itself."""
        self.legible = legible
        self.setter = setter
        self.ts = setter.ts
        self.theme = setter.theme
        self.gaps = setter.theme.gaps
        self.slide_width = slide_width

    # -- pictures -----------------------------------------------------------------------

    def picture_rects(self, pictures: list[Picture], area: Rect) -> list[Rect]:
        """Fit pictures in `area` as a row, a column or a 2x2 grid, whichever shows most."""
        options = [self._row(pictures, area), self._column(pictures, area)]
        if len(pictures) == 4:
            top = Rect(area.x, area.y, area.w, (area.h - self.gaps.picture) / 2)
            bottom = Rect(area.x, top.bottom + self.gaps.picture, area.w, top.h)
            options.append(self._row(pictures[:2], top) + self._row(pictures[2:], bottom))
        best = max(options, key=_area)
        return _center(best, area)

    def _row(self, pictures: list[Picture], area: Rect) -> list[Rect]:
        gaps = self.gaps.picture * (len(pictures) - 1)
        height = min(area.h, (area.w - gaps) / sum(p.aspect for p in pictures))
        rects, x = [], area.x
        for picture in pictures:
            w = min(height * picture.aspect, display_limit(picture, self.slide_width))
            h = w / picture.aspect
            rects.append(Rect(x, area.y + (height - h) / 2, w, h))
            x += w + self.gaps.picture
        return rects

    def _column(self, pictures: list[Picture], area: Rect) -> list[Rect]:
        gaps = self.gaps.picture * (len(pictures) - 1)
        width = min(area.w, (area.h - gaps) / sum(1 / p.aspect for p in pictures))
        rects, y = [], area.y
        for picture in pictures:
            w = min(width, display_limit(picture, self.slide_width))
            h = w / picture.aspect
            rects.append(Rect(area.x + (width - w) / 2, y, w, h))
            y += h + self.gaps.picture
        return rects

    # -- text ---------------------------------------------------------------------------

    def text_height(self, elements: list[Element], width: float, size: float) -> float | None:
        total = 0.0
        for element in elements:
            if self.setter.too_wide(element, width, self.setter.size_for(element, size)):
                return None
            total += self.setter.height(element, width, self.setter.size_for(element, size))
        return total + self.gaps.element * max(0, len(elements) - 1)

    def place_text(self, elements: list[Element], x: float, y: float, width: float,
                   size: float, center: bool = False) -> list[Frame]:
        frames: list[Frame] = []
        for element in elements:
            element_size = self.setter.size_for(element, size)
            align = "ctr" if center else "l"
            frames.extend(self.setter.place(element, x, y, width, element_size, align))
            y += self.setter.height(element, width, element_size) + self.gaps.element
        return frames

    # -- one page -----------------------------------------------------------------------

    def arrange(self, elements: list[Element], pictures: list[Picture], region: Rect,
                size: float) -> list[Frame] | None:
        """Frames for the page, or None when the text does not fit beside legible pictures."""
        if not pictures:
            height = self.text_height(elements, region.w, size)
            if height is None or height > region.h:
                return None
            if len(elements) == 1 and isinstance(elements[0], Takeaway):
                return self.place_text(elements, region.x, region.y + (region.h - height) / 2,
                                       region.w, size, center=True)
            top = region.y + (region.h - height) * TEXT_ONLY_DROP
            return self.place_text(elements, region.x, top, region.w, size)
        alone = self.picture_rects(pictures, region)
        if not elements:
            return [PictureFrame(r, p) for r, p in zip(alone, pictures)]
        best = None
        for area, build in self._candidates(elements, pictures, region, size):
            if area >= LEGIBLE_SHARE * _area(alone) and (best is None or area > best[0] + 1):
                best = (area, build)
        return best[1]() if best else None

    def _candidates(self, elements, pictures, region: Rect, size: float):
        full = self.text_height(elements, region.w, size)
        if full is not None and full + self.gaps.element < region.h:
            area = Rect(region.x, region.y, region.w, region.h - full - self.gaps.element)
            rects = self.picture_rects(pictures, area)
            used = max(r.bottom for r in rects) - region.y
            top = region.y + (region.h - (used + self.gaps.element + full)) / 2
            rects = [Rect(r.x, r.y - region.y + top, r.w, r.h) for r in rects]
            if self._all_legible(pictures, rects):
                yield _area(rects), self._builder(rects, pictures, elements, region.x,
                                              top + used + self.gaps.element, region.w, size)
        for fraction in BESIDE_FRACTIONS:
            text_w = region.w * fraction - self.gaps.element / 2
            height = self.text_height(elements, text_w, size)
            if height is None or height > region.h:
                continue
            area = Rect(region.x + region.w * fraction + self.gaps.element / 2, region.y,
                        region.w * (1 - fraction) - self.gaps.element / 2, region.h)
            rects = self.picture_rects(pictures, area)
            if self._all_legible(pictures, rects):
                yield _area(rects), self._builder(rects, pictures, elements, region.x,
                                                  region.y + (region.h - height) / 2, text_w,
                                                  size)

    def _all_legible(self, pictures: list[Picture], rects: list[Rect]) -> bool:
        return all(self.legible(p, r) for p, r in zip(pictures, rects))

    def _builder(self, rects, pictures, elements, x: float, y: float, width: float, size: float):
        """Frames for a candidate, made only for the one that wins."""
        def build() -> list[Frame]:
            text = self.place_text(elements, x, y, width, size)
            return [PictureFrame(r, p) for r, p in zip(rects, pictures)] + text
        return build

    # -- cards --------------------------------------------------------------------------

    def arrange_cards(self, cards: tuple[Card, ...], pictures: list[Picture], region: Rect,
                      size: float) -> list[Frame] | None:
        count = len(cards)
        width = (region.w - self.gaps.element * (count - 1)) / count
        if width < MIN_CARD_WIDTH:
            return None
        pic_h = min(min(width / p.aspect, display_limit(p, self.slide_width) / p.aspect)
                    for p in pictures)
        pic_h = min(pic_h, region.h * CARD_PICTURE_SHARE)
        texts = [self._card_paras(card, size) for card in cards]
        text_h = max(self.ts.height(paras, width) for paras in texts)
        total = pic_h + self.gaps.card_text + text_h
        if total > region.h:
            return None
        top = region.y + (region.h - total) / 2
        frames: list[Frame] = []
        for index, (card, picture, paras) in enumerate(zip(cards, pictures, texts)):
            x = region.x + index * (width + self.gaps.element)
            w = min(width, pic_h * picture.aspect)
            h = w / picture.aspect
            frames.append(PictureFrame(Rect(x + (width - w) / 2, top + (pic_h - h), w, h),
                                       picture, card.picture.line))
            text_rect = Rect(x, top + pic_h + self.gaps.card_text, width, self.ts.height(paras, width))
            frames.append(TextFrame(text_rect, tuple(paras), self.theme.body,
                                    self.theme.colors.text))
        return frames

    def _card_paras(self, card: Card, size: float) -> list[Para]:
        number = (Run(card.number + " ", KEY),) if card.number else ()
        title = self.ts.plain(number + card.title, size)
        sizes = self.theme.sizes
        details = self.ts.bullets(card.bullets, max(sizes.body_min, size - sizes.sub_bullet_drop),
                                  first=False) if card.bullets else []
        return [title, *details]

    # -- pagination ---------------------------------------------------------------------

    def paginate(self, elements: list[Element], pictures: list[Picture], region: Rect,
                 size: float) -> list[Page]:
        """The fewest pages for the content, at the largest size that needs no more.

        A smaller size (never below the floor) is preferred to a continuation slide that
        would carry only a scrap; otherwise the body size stays and the content splits.
        """
        if not pictures and _sparse(elements):
            for step in (size + lift for lift in self.theme.sizes.sparse_lifts):  # larger reads better
                frames = self.arrange(elements, [], region, step)
                if frames is not None:
                    return [Page(frames, elements=list(elements))]
        best: list[Page] | None = None
        step = size
        while step >= self.theme.sizes.body_min:
            pages = self._paginate_at(elements, pictures, region, step)
            if best is None or len(pages) < len(best):
                best = pages
            if len(best) == 1:
                break
            step -= 2
        return best or [Page([])]

    def _paginate_at(self, elements: list[Element], pictures: list[Picture], region: Rect,
                     size: float) -> list[Page]:
        """Pages at one body size: pictures first with what fits beside them."""
        atoms = [(origin, atom) for origin, element in enumerate(elements)
                 for atom in self.setter.atoms(element)]
        pages: list[Page] = []
        if pictures:
            taken, frames = self._fill_with_pictures(atoms, pictures, region, size)
            pages.append(Page(frames, elements=merge(self.setter, atoms[:taken]),
                              pictures=list(pictures)))
            atoms = atoms[taken:]
        while atoms:
            page, atoms = self._text_page(atoms, region, size)
            pages.append(page)
        return pages or [Page([])]

    def _fill_with_pictures(self, atoms: list[Tagged], pictures: list[Picture], region: Rect,
                            size: float) -> tuple[int, list[Frame]]:
        best = self.arrange([], pictures, region, size) or []
        taken = 0
        for count in range(1, len(atoms) + 1):
            frames = self.arrange(merge(self.setter, atoms[:count]), pictures, region, size)
            if frames is None:
                break
            best, taken = frames, count
        return taken, best

    def _text_page(self, atoms: list[Tagged], region: Rect, size: float
                   ) -> tuple[Page, list[Tagged]]:
        count = 0
        frames: list[Frame] | None = None
        for trial in range(1, len(atoms) + 1):
            attempt = self.arrange(merge(self.setter, atoms[:trial]), [], region, size)
            if attempt is None:
                break
            frames, count = attempt, trial
        if frames is not None:
            return Page(frames, elements=merge(self.setter, atoms[:count])), atoms[count:]
        origin, first = atoms[0]
        finer = [(origin, piece) for piece in _finer(first)]
        if finer:
            return self._text_page(finer + atoms[1:], region, size)
        return self._oversized(first, region, size), atoms[1:]

    def _oversized(self, atom: Element, region: Rect, size: float) -> Page:
        """One atom too tall for a slide at body size: smaller, then cut into the notes."""
        floor = self.setter.min_size(atom)
        step = size
        while step - 2 >= floor:
            step -= 2
            frames = self.arrange([atom], [], region, step)
            if frames is not None:
                return Page(frames, elements=[atom])
        kept, moved = self._cut(atom, region, floor)
        frames = self.arrange([kept], [], region, floor)
        if frames is None:  # nothing of it fits: its start as one line, all of it in the notes
            whole = _plain(atom)
            kept, moved = Takeaway((Run(whole[:60].rstrip() + " …"),)), whole
            frames = self.arrange([kept], [], region, floor) or []
        return Page(frames, [moved] if moved else [], elements=[kept])

    def _cut(self, atom: Element, region: Rect, size: float) -> tuple[Element, str]:
        """Keep the longest start of the atom that fits; the rest goes to the notes."""
        match atom:
            case Bullets():
                return self._cut_bullet(atom, region, size)
            case Takeaway():
                kept, moved = self._cut_bullet(Bullets((Bullet(atom.text),)), region, size)
                return Takeaway(kept.items[0].text), moved
            case Code():
                return self._cut_code(atom, region, size)
            case TableData():
                cells = [text_of(c) for c in atom.rows[0]] if atom.rows else []
                return TableData(atom.header, (tuple((Run(c[:20] + "…"),) for c in cells),),
                                 atom.aligns), " | ".join(cells)
            case Columns() | Box():
                # `_finer` splits these into bullets first; one still too tall comes back
                # whole, and the caller shows its first line with all of it in the notes
                return atom, ""
            case _:
                assert_never(atom)

    def _cut_bullet(self, atom: Bullets, region: Rect, size: float) -> tuple[Bullets, str]:
        head = atom.items[0]
        words = text_of(head.text).split()

        def shorter(keep: int) -> Bullets:
            return Bullets((Bullet((Run(" ".join(words[:keep]) + " …"),), head.level,
                                   head.number),))

        keep = longest_fitting(len(words) - 1, lambda k: self.arrange(
            [shorter(k)], [], region, size) is not None)
        if keep is not None:
            return shorter(keep), " ".join(words[keep:])
        return Bullets((Bullet((Run(text_of(head.text)[:40] + " …"),), head.level),)), \
            text_of(head.text)

    def _cut_code(self, atom: Code, region: Rect, size: float) -> tuple[Element, str]:
        line = atom.text
        keep = longest_fitting(len(line) - 1, lambda k: self.arrange(
            [Code(line[:k] + " …", atom.language)], [], region, size) is not None)
        if keep is not None:
            return Code(line[:keep] + " …", atom.language), line
        return Code(line[:20], atom.language), line


def _sparse(elements: list[Element]) -> bool:
    """Little enough text that the slide would look empty at body size."""
    if len(elements) != 1:
        return False
    element = elements[0]
    match element:
        case Bullets():
            return len(element.items) <= SPARSE_BULLETS and \
                sum(len(text_of(b.text)) for b in element.items) <= SPARSE_CHARACTERS
        case Code():
            return len(element.text.split("\n")) <= SPARSE_CODE_LINES
        case Takeaway() | Columns() | TableData() | Box():
            return False  # set at their own sizes already
        case _:
            assert_never(element)


def _finer(atom: Element) -> list[Element]:
    """Smaller pieces for an element too tall for a slide of its own, or [] if it has none:
    columns become labelled bullets, a bullet group its single bullets, a box its items."""
    match atom:
        case Columns():
            return [Bullets((Bullet(group.label),)
                            + tuple(replace(b, level=1) for b in group.bullets))
                    for group in atom.groups]
        case Bullets():
            return [Bullets((item,)) for item in atom.items] if len(atom.items) > 1 else []
        case Code():
            return [Code(piece, atom.language) for piece in halves(atom.text)]
        case Box():
            if len(atom.items) <= 1 and not atom.title:
                return []
            title: list[Element] = [Bullets((Bullet(atom.title),))] if atom.title else []
            return title + [Bullets((item,)) for item in atom.items]
        case Takeaway() | TableData():
            return []  # a table is cut row by row already; a takeaway is one line
        case _:
            assert_never(atom)


def _plain(element: Element) -> str:
    """All the text of an element, for the notes when it cannot be shown."""
    match element:
        case Bullets():
            return "\n".join(text_of(b.text) for b in element.items)
        case Takeaway():
            return text_of(element.text)
        case Code():
            return element.text
        case TableData():
            rows = [element.header, *element.rows]
            return "\n".join(" | ".join(text_of(c) for c in row) for row in rows)
        case Box():
            return "\n".join([text_of(element.title)] + [text_of(b.text) for b in element.items])
        case Columns():
            return "\n".join(text_of(g.label) + ": " + ", ".join(text_of(b.text) for b in g.bullets)
                             for g in element.groups)
        case _:
            assert_never(element)


Tagged = tuple[int, Element]  # an atom and the index of the element it was cut from


def merge(setter: ElementSetter, atoms: list[Tagged]) -> list[Element]:
    """Neighbouring atoms as whole elements again. Pieces of one element rejoin; bullets of
    neighbouring lists read as one list; two code blocks, tables or boxes stay two."""
    out: list[Element] = []
    last: int | None = None
    for origin, atom in atoms:
        joins = bool(out) and (origin == last or isinstance(atom, Bullets))
        joined = setter.join(out[-1], atom) if joins else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(atom)
        last = origin
    return out


def _area(rects: list[Rect]) -> float:
    return sum(r.w * r.h for r in rects)


def _center(rects: list[Rect], area: Rect) -> list[Rect]:
    if not rects:
        return rects
    left = min(r.x for r in rects)
    top = min(r.y for r in rects)
    width = max(r.right for r in rects) - left
    height = max(r.bottom for r in rects) - top
    dx = area.x + (area.w - width) / 2 - left
    dy = area.y + (area.h - height) / 2 - top
    return [Rect(r.x + dx, r.y + dy, r.w, r.h) for r in rects]
