"""Paragraphs with explicit sizes and indents, and how tall they are once wrapped.

Line spacing is exact (a fixed pitch in points), so a paragraph is as tall in PowerPoint,
Keynote and LibreOffice as we measured it here, whatever the fonts' own line gaps.
"""

from __future__ import annotations

from .frames import Para
from .measure import Measurer, Style
from ..plan.talk import Bullet, Text
from ..theme import Face, Theme

BODY_PITCH = 1.22  # line pitch as a multiple of the font size
TITLE_PITCH = 1.15
CODE_PITCH = 1.25
# Viewers draw a glyph box about 1.3 em tall around each line's baseline; a pitch much
# tighter than that makes the lines of large text touch. And the last line's box reaches
# below its line by about 0.15 em, which the frame must leave room for.
GLYPH_BOX = 1.3
GLYPH_OVERLAP = 2.5  # points of overlap between lines that still read as separate
DESCENT_ALLOWANCE = 0.2


def pitch(size: float, factor: float = BODY_PITCH) -> float:
    """Exact line spacing for `size`: the factor, opened up for large text."""
    return round(max(size * factor, size * GLYPH_BOX - GLYPH_OVERLAP), 2)
BULLET = "•"
SUB_BULLET = "–"


class Typesetter:
    """Knows the theme's faces and measures paragraphs in them."""

    def __init__(self, theme: Theme, measurer: Measurer):
        self.theme = theme
        self.measurer = measurer
        self.body_style = Style(theme.body, theme.code, theme.fallbacks)
        self.heading_style = Style(theme.heading, theme.code, theme.fallbacks, theme.heading_bold)
        self.code_style = Style(theme.code, theme.code, theme.fallbacks)

    def style_for(self, face: Face | None, bold: bool = False) -> Style:
        if face is self.theme.code:
            return self.code_style
        if face is None or face is self.theme.body:
            return Style(self.theme.body, self.theme.code, self.theme.fallbacks, bold)
        return Style(face, self.theme.code, self.theme.fallbacks, bold)

    # -- building paragraphs ----------------------------------------------------------

    def plain(self, text: Text, size: float, factor: float = BODY_PITCH, **extra) -> Para:
        return Para(runs=text, size=size, line_pitch=pitch(size, factor), **extra)

    def bullets(self, items: tuple[Bullet, ...], size: float, first: bool = True) -> list[Para]:
        """Bullets with hanging markers; numbers keep the list's own numbering."""
        sub_size = max(self.theme.sizes.body_min, size - self.theme.sizes.sub_bullet_drop)
        out: list[Para] = []
        top_margin = self._marker_width(items, size)
        for index, item in enumerate(items):
            is_first = first and index == 0
            if item.level == 0:
                number, style = _autonumber(item.number)
                # DrawingML numbers start at 1: a list that counts from 0 writes its
                # marker as text instead, so "0." still shows
                marker = item.number if item.number and number is None else BULLET
                out.append(Para(item.text, size, pitch(size), 0,
                                bullet=None if number else marker, number=number,
                                number_style=style, margin=top_margin, hanging=top_margin,
                                space_before=0.0 if is_first else round(size * 0.45, 2)))
            else:
                margin = top_margin + sub_size * 1.1
                out.append(Para(item.text, sub_size, pitch(sub_size), 1,
                                bullet=SUB_BULLET, margin=margin, hanging=sub_size * 1.0,
                                space_before=0.0 if is_first else round(sub_size * 0.2, 2)))
        return out

    def _marker_width(self, items: tuple[Bullet, ...], size: float) -> float:
        numbers = [b.number for b in items if b.level == 0 and b.number]
        widest = max((self.measurer.width(n, size, self.body_style) for n in numbers), default=0.0)
        return round(max(size * 0.95, widest + size * 0.4), 2)

    # -- measuring --------------------------------------------------------------------

    def lines(self, para: Para, width: float, face: Face | None = None) -> list[str]:
        style = self.style_for(para.face or face, para.bold)
        return self.measurer.wrap(para.runs, para.size, max(1.0, width - para.margin), style)

    def para_height(self, para: Para, width: float, face: Face | None = None) -> float:
        return para.space_before + len(self.lines(para, width, face)) * para.line_pitch

    def height(self, paras: list[Para] | tuple[Para, ...], width: float,
               face: Face | None = None) -> float:
        """Height of a frame holding `paras`, with room for the last line's descenders."""
        if not paras:
            return 0.0
        body = sum(self.para_height(p, width, face) for p in paras)
        return round(body + DESCENT_ALLOWANCE * paras[-1].size, 2)

    def widest_line(self, para: Para, width: float, face: Face | None = None) -> float:
        style = self.style_for(para.face or face, para.bold)
        return max((self.measurer.width(line, para.size, style)
                    for line in self.lines(para, width, face)), default=0.0)


def _autonumber(number: str | None) -> tuple[int | None, str]:
    if not number:
        return None, "arabicPeriod"
    digits = number.rstrip(".)")
    if not digits.isdigit() or int(digits) < 1:
        return None, "arabicPeriod"
    return int(digits), "arabicParenR" if number.endswith(")") else "arabicPeriod"
