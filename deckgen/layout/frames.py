"""Placed slides: what the renderer draws, in points from the slide's top-left corner.

Layout produces these; render turns points into EMU and frames into shapes. Nothing here
measures or decides; it is the contract between the two stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from .pictures import Picture
from ..plan.talk import Slide, TableData, Text
from ..theme import Face


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float) -> "Rect":
        return Rect(self.x + dx, self.y + dy, max(1.0, self.w - 2 * dx), max(1.0, self.h - 2 * dy))


@dataclass(frozen=True)
class Para:
    """One paragraph with explicit size, indents and spacing (nothing left to inheritance)."""

    runs: Text
    size: float
    line_pitch: float  # exact line spacing in points
    level: int = 0
    bullet: str | None = None  # bullet character, or None
    number: int | None = None  # autonumber start, for ordered lists
    number_style: str = "arabicPeriod"
    margin: float = 0.0  # left margin of the text (pt)
    hanging: float = 0.0  # the bullet hangs this far left of the text
    space_before: float = 0.0
    align: str = "l"  # "l", "ctr", "r"
    color: str | None = None  # None: the frame's colour
    bold: bool = False
    face: Face | None = None  # None: the frame's face
    wraps: bool = True  # False once layout knows it takes one line (links can stay whole)


@dataclass(frozen=True)
class TextFrame:
    rect: Rect
    paras: tuple[Para, ...]
    face: Face
    color: str
    role: str = "body"  # "title", "body", "subtitle", "number", "page", "caption", "code"
    anchor: str = "t"  # "t", "ctr", "b"
    fill: str | None = None
    border: str | None = None
    insets: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # l, t, r, b
    wrap: bool = True
    field: str | None = None  # "slidenum" for page numbers


@dataclass(frozen=True)
class PictureFrame:
    rect: Rect
    picture: Picture
    line: int | None = None
    label: "TextFrame | None" = None  # for a picture that cannot be shown: name and reason


@dataclass(frozen=True)
class TableFrame:
    rect: Rect
    data: TableData
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    size: float
    face: Face
    code_face: Face


@dataclass(frozen=True)
class CodeFrame:
    """A code box: lines of (text, colour) tokens in the coding font, on a light panel."""

    rect: Rect
    lines: tuple[tuple[tuple[str, str], ...], ...]
    size: float
    line_pitch: float
    face: Face
    fill: str
    border: str
    insets: tuple[float, float, float, float]


@dataclass(frozen=True)
class ShapeFrame:
    rect: Rect
    fill: str
    role: str = "decoration"  # "progress", "track", "accent"


Frame = Union[TextFrame, PictureFrame, TableFrame, CodeFrame, ShapeFrame]


@dataclass(frozen=True)
class PlacedSlide:
    slide: Slide  # the plan's slide, with this page's title, time and content
    title: TextFrame | None
    frames: tuple[Frame, ...]
    notes: str  # final notes text, time line included
    pictures: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class Deck:
    width: float  # points
    height: float
    slides: tuple[PlacedSlide, ...]
