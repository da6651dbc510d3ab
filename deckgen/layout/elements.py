"""Slide elements (bullets, columns, takeaway, code, table, box): measure, split and place.

Every element can say how tall it is at a width and size, place itself in a rectangle,
and (when it is too tall) split into a head that fits and a tail for the next slide.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from .code import highlight
from .codesplit import chunks, wrap_tokens
from .frames import CodeFrame, Frame, Para, Rect, TableFrame, TextFrame
from ..plan.talk import Box, Bullet, Bullets, Code, Columns, Element, TableData, Takeaway, Text
from ..theme import readable
from .typeset import CODE_PITCH, DESCENT_ALLOWANCE, Typesetter, pitch



class ElementSetter:
    def __init__(self, typesetter: Typesetter):
        self.ts = typesetter
        self.theme = typesetter.theme
        self.gaps = typesetter.theme.gaps

    # -- sizes ------------------------------------------------------------------------

    def min_size(self, element: Element) -> float:
        sizes = self.theme.sizes
        match element:
            case Code():
                return sizes.code_min
            case Bullets() | Takeaway() | Columns() | TableData() | Box():
                return sizes.body_min
            case _:
                assert_never(element)

    def size_for(self, element: Element, body_size: float) -> float:
        """The size an element is set at when the slide's body text is `body_size`."""
        sizes = self.theme.sizes
        match element:
            case Code():
                return max(sizes.code_min, min(sizes.code_max, sizes.code - (sizes.body - body_size)))
            case TableData():
                return max(sizes.body_min, min(sizes.table, body_size))
            case Bullets() | Takeaway() | Columns() | Box():
                return body_size
            case _:
                assert_never(element)

    # -- measuring ----------------------------------------------------------------------

    def height(self, element: Element, width: float, size: float) -> float:
        match element:
            case Bullets():
                return self.ts.height(self.ts.bullets(element.items, size), width)
            case Takeaway():
                return self.ts.height([self._takeaway_para(element, size)], width)
            case Columns():
                col_w = self._column_width(len(element.groups), width)
                return max(self.ts.height(self._column_paras(g, size), col_w)
                           for g in element.groups)
            case Code():
                size = self.code_size(element, width, size)
                lines = len(self._code_lines(element, width, size))
                return (2 * self.gaps.code_inset + lines * pitch(size, CODE_PITCH)
                        + DESCENT_ALLOWANCE * size)
            case TableData():
                _, heights = self._table_grid(element, width, self.table_size(element, width, size))
                return sum(heights)
            case Box():
                return 2 * self.gaps.box_inset + self.ts.height(self._box_paras(element, size),
                                                      width - 2 * self.gaps.box_inset)
            case _:
                assert_never(element)

    def too_wide(self, element: Element, width: float, size: float) -> bool:
        """Columns narrower than one word of their label cannot be read."""
        match element:
            case Columns():
                return self._column_width(len(element.groups), width) < size * 5
            case Bullets() | Takeaway() | Code() | TableData() | Box():
                return width < size * 4
            case _:
                assert_never(element)

    # -- splitting --------------------------------------------------------------------

    def atoms(self, element: Element) -> list[Element]:
        """The smallest pieces an element may be cut into between slides."""
        match element:
            case Bullets():
                groups: list[list[Bullet]] = []
                for item in element.items:
                    if item.level == 0 or not groups:
                        groups.append([item])
                    else:
                        groups[-1].append(item)
                return [Bullets(tuple(g)) for g in groups]
            case Code():
                return [Code(piece, element.language) for piece in chunks(element.text)]
            case TableData():
                return [TableData(element.header, (row,), element.aligns)
                        for row in element.rows] or [element]
            case Box():
                return [Box(element.kind, element.title, (item,))
                        for item in element.items] or [element]
            case Takeaway() | Columns():
                return [element]
            case _:
                assert_never(element)

    def join(self, first: Element, second: Element) -> Element | None:
        """Two neighbouring atoms of the same kind as one element (None if they do not join)."""
        match first, second:
            case Bullets(), Bullets():
                return Bullets(first.items + second.items)
            case Code(), Code() if first.language == second.language:
                return Code(first.text + "\n" + second.text, first.language)
            case TableData(), TableData() if first.header == second.header:
                return TableData(first.header, first.rows + second.rows, first.aligns)
            case Box(), Box() if first.title == second.title and first.kind == second.kind:
                return Box(first.kind, first.title, first.items + second.items)
            case _:
                return None  # different kinds (or a takeaway, columns) never join

    # -- placing ------------------------------------------------------------------------

    def place(self, element: Element, x: float, y: float, width: float, size: float,
              align: str = "l") -> list[Frame]:
        height = self.height(element, width, size)
        rect = Rect(x, y, width, height)
        color = self.theme.colors.text
        match element:
            case Bullets():
                paras = self._with_wraps(self.ts.bullets(element.items, size), width)
                return [TextFrame(rect, paras, self.theme.body, color)]
            case Takeaway():
                para = replace(self._takeaway_para(element, size), align=align)
                return [TextFrame(rect, (para,), self.theme.body, color)]
            case Columns():
                return self._place_columns(element, rect, size)
            case Code():
                return [self._place_code(element, rect, size)]
            case TableData():
                size = self.table_size(element, width, size)
                widths, heights = self._table_grid(element, width, size)
                rect = Rect(x, y, sum(widths), sum(heights))
                return [self._table_frame(element, rect, widths, heights, size)]
            case Box():
                inset = self.gaps.box_inset
                paras = self._with_wraps(self._box_paras(element, size), width - 2 * inset)
                return [TextFrame(rect, paras, self.theme.body, color, fill=self.theme.colors.tint,
                                  border=self.theme.colors.accent,
                                  insets=(inset, inset, inset, inset))]
            case _:
                assert_never(element)

    # -- the pieces ---------------------------------------------------------------------

    def _with_wraps(self, paras: list[Para], width: float) -> tuple[Para, ...]:
        """Mark the paragraphs that fit on one line; the renderer keeps their links whole."""
        return tuple(replace(p, wraps=len(self.ts.lines(p, width)) > 1) for p in paras)

    def _takeaway_para(self, element: Takeaway, size: float) -> Para:
        return self.ts.plain(element.text, round(size * self.theme.sizes.takeaway / self.theme.sizes.body, 1))

    def _table_frame(self, element: TableData, rect: Rect, widths: list[float],
                     heights: list[float], size: float) -> TableFrame:
        """Every cell set as one paragraph here, so rendering only writes what it is given."""
        rows = [element.header, *element.rows] if element.header else list(element.rows)
        cells = tuple(tuple(Para(row[c] if c < len(row) else (), size, pitch(size),
                                 align=_cell_align(element.aligns, c))
                            for c in range(len(widths)))
                      for row in rows)
        colors = self.theme.colors
        return TableFrame(rect, cells, tuple(widths), tuple(heights), self.theme.body, colors.text,
                          bool(element.header), colors.table_header, colors.background,
                          (self.gaps.cell_x, self.gaps.cell_y))

    def _column_width(self, count: int, width: float) -> float:
        return (width - self.gaps.column * (count - 1)) / max(1, count)

    def _column_paras(self, group, size: float) -> list[Para]:
        label = self.ts.plain(group.label, size + self.theme.sizes.group_label_lift,
                              color=self.theme.colors.accent)
        bullets = self.ts.bullets(group.bullets, size, first=False) if group.bullets else []
        if bullets:
            bullets[0] = replace(bullets[0], space_before=round(size * 0.5, 2))
        return [label, *bullets]

    def _place_columns(self, element: Columns, rect: Rect, size: float) -> list[Frame]:
        col_w = self._column_width(len(element.groups), rect.w)
        frames: list[Frame] = []
        for index, group in enumerate(element.groups):
            paras = tuple(self._column_paras(group, size))
            height = self.ts.height(paras, col_w)
            col = Rect(rect.x + index * (col_w + self.gaps.column), rect.y, col_w, height)
            frames.append(TextFrame(col, paras, self.theme.body, self.theme.colors.text))
        return frames

    def _box_paras(self, element: Box, size: float) -> list[Para]:
        paras: list[Para] = []
        if element.title:
            colors = self.theme.colors  # the accent, as dark as reading it on the tint needs
            paras.append(self.ts.plain(element.title, size,
                                       color=readable(colors.accent, colors.tint, size)))
        bullets = self.ts.bullets(element.items, size, first=not paras)
        if paras and bullets:
            bullets[0] = replace(bullets[0], space_before=round(size * 0.35, 2))
        return paras + bullets

    def code_size(self, element: Code, width: float, size: float) -> float:
        """Code is set no larger than its longest line allows, so lines wrap only when even
        the floor size cannot hold them."""
        inner = max(1.0, width - 2 * self.gaps.code_inset)
        style = self.ts.code_style
        widest = max((self.ts.measurer.width(line, 1.0, style, code=True)
                      for line in element.text.expandtabs(4).split("\n")), default=0.0)
        if widest <= 0:
            return size
        fitting = int(inner / widest * 2) / 2  # down to a half point
        return max(self.theme.sizes.code_min, min(size, fitting))

    def _code_lines(self, element: Code, width: float, size: float
                    ) -> list[tuple[tuple[str, str], ...]]:
        """Highlighted lines, hard-wrapped to the box so no renderer wraps them differently."""
        inner = max(1.0, width - 2 * self.gaps.code_inset)
        out = []
        for line in highlight(element.text, element.language, self.theme.colors.text,
                               self.theme.colors.code_palette):
            out.extend(self._wrap_code_line(line, inner, size))
        return out

    def _wrap_code_line(self, line, width: float, size: float):
        """Rows of one code line, broken only at token ends, continued rows marked."""
        style = self.ts.code_style

        def width_of(ch: str) -> float:
            return self.ts.measurer.width(ch, size, style, code=True)

        return wrap_tokens(line, width_of, width, self.theme.colors.muted)

    def _place_code(self, element: Code, rect: Rect, size: float) -> CodeFrame:
        size = self.code_size(element, rect.w, size)
        lines = tuple(self._code_lines(element, rect.w, size))
        return CodeFrame(rect, lines, size, pitch(size, CODE_PITCH), self.theme.code,
                         self.theme.colors.code_background, self.theme.colors.code_border,
                         (self.gaps.code_inset,) * 4)

    # -- tables -------------------------------------------------------------------------

    def _cell_para(self, text: Text, size: float) -> Para:
        return self.ts.plain(text, size, color=self.theme.colors.text, bold=False)

    def table_size(self, table: TableData, width: float, size: float) -> float:
        """The largest size, from `size` down to the theme's table floor, at which every
        column holds its longest word: cells break between words (어절), as body text does,
        and inside a word only when even the floor cannot hold it."""
        floor = min(size, self.theme.sizes.table_min)
        step = size
        while step > floor and sum(self._least_widths(table, step)) > width:
            step = max(floor, step - 1)
        return step

    def _least_widths(self, table: TableData, size: float) -> list[float]:
        """Each column's longest word, with the cell's padding: narrower, the word breaks."""
        rows = [table.header, *table.rows] if table.header else list(table.rows)
        least = [size * 2.0] * max((len(r) for r in rows), default=1)
        for row in rows:
            for index, cell in enumerate(row):
                longest = max((self.ts.measurer.width(word, size, self.ts.body_style)
                               for word in _words(cell)), default=0.0)
                least[index] = max(least[index], longest + 2 * self.gaps.cell_x + 1.0)
        return least

    def _drawn_lines(self, para: Para, width: float) -> list[str]:
        """A cell's lines as it is drawn, not with the margin text boxes keep: a row is only
        as tall as its drawn lines, and grows by itself in a viewer whose font is wider."""
        style = self.ts.style_for(para.face, para.bold)
        return self.ts.measurer.drawn().wrap(para.runs, para.size, max(1.0, width - para.margin),
                                             style)

    def _table_grid(self, table: TableData, width: float, size: float
                    ) -> tuple[list[float], list[float]]:
        rows = [table.header, *table.rows] if table.header else list(table.rows)
        columns = max((len(r) for r in rows), default=1)
        natural = [0.0] * columns
        for row in rows:
            for index, cell in enumerate(row):
                natural[index] = max(natural[index], self.ts.measurer.runs_width(
                    cell, size, self.ts.body_style) + 2 * self.gaps.cell_x + 1.0)
        least = self._least_widths(table, size)
        if sum(least) > width:  # the last resort: words break, each column its fair share
            least = [min(low, width / columns) for low in least]
        widths = _share(natural, least, width)
        heights = []
        for row in rows:
            tallest = 0.0
            for index in range(columns):
                cell = row[index] if index < len(row) else ()
                para = self._cell_para(cell, size)
                lines = len(self._drawn_lines(para, widths[index] - 2 * self.gaps.cell_x)) \
                    if cell else 1
                tallest = max(tallest, lines * para.line_pitch + DESCENT_ALLOWANCE * size)
            heights.append(round(tallest + 2 * self.gaps.cell_y, 2))
        return widths, heights


def _words(text: Text) -> list[str]:
    """The pieces a cell's line may break between: words, and parts after a hyphen or a
    slash ("Typo-" | "tolerance", "Shard/" | "Replica"), where viewers break them too."""
    return re.findall(r"[^\s/-]*[/-]+|[^\s/-]+", "".join(run.text for run in text))


def _share(natural: list[float], least: list[float], width: float) -> list[float]:
    """Column widths: natural when they fit, else the minimum plus a fair share of the rest."""
    if sum(natural) <= width:
        return [round(w, 2) for w in natural]
    base = [min(low, n) for low, n in zip(least, natural)]
    spare = max(0.0, width - sum(base))
    wants = [max(0.0, n - b) for n, b in zip(natural, base)]
    total_want = sum(wants) or 1.0
    widths = [b + spare * w / total_want for b, w in zip(base, wants)]
    scale = width / sum(widths) if sum(widths) > width else 1.0
    return [round(w * scale, 2) for w in widths]


def _cell_align(aligns: tuple[str, ...], column: int) -> str:
    value = aligns[column] if column < len(aligns) else ""
    return {"center": "ctr", "right": "r"}.get(value, "l")
