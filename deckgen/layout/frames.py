"""Placed slides: what the renderer draws, in points from the slide's top-left corner.

Layout produces these; render turns points into EMU and frames into shapes. Nothing here
measures or decides; it is the contract between the two stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from ..plan.talk import Card, Element, Slide, SlideKind, Text
from ..look.model import Rect
from ..pictures.model import Picture
from ..theme import Face


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
    label: TextFrame | None = None  # for a picture that cannot be shown: name and reason


@dataclass(frozen=True)
class TableFrame:
    """A native table whose cells are set already: one paragraph per cell, row by row."""

    rect: Rect
    cells: tuple[tuple[Para, ...], ...]  # the header row first when `header` is set
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    face: Face
    color: str
    header: bool
    header_fill: str
    fill: str
    padding: tuple[float, float]  # left/right and top/bottom inside each cell


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
class DiagramFrame:
    """A Mermaid diagram placed in `rect`: native shapes, drawn at `origin` (top-left)."""

    rect: Rect
    placed: Any  # a `placed.PlacedDiagram`, laid out for this rect
    picture: Picture


@dataclass(frozen=True)
class ShapeFrame:
    rect: Rect
    fill: str
    role: str = "decoration"  # "progress", "track", "accent"


Frame = Union[TextFrame, PictureFrame, TableFrame, CodeFrame, ShapeFrame, DiagramFrame]


@dataclass(frozen=True)
class PlacedSlide:
    """One page of the deck. It carries its own title, time and layout name: a plan slide
    may become several pages (continuations, one page per card), and the plan stays as
    planned."""

    kind: SlideKind
    layout: str  # the template layout this page uses, by name
    title_text: str  # the page's title as written (a continuation's ends in "(계속)")
    seconds: float  # this page's share of its plan slide's time
    continued: bool  # a continuation page made by the layout stage
    title: TextFrame | None
    frames: tuple[Frame, ...]
    notes: str  # final notes text, time line included
    pictures: tuple[Picture, ...] = ()
    shows: tuple[Element, ...] = ()  # the plan elements this page shows
    source: Slide | None = None  # the plan slide the page comes from

    @property
    def subtitle(self) -> tuple[str, ...]:
        return self.source.subtitle if self.source else ()

    @property
    def cards(self) -> tuple[Card, ...]:
        return self.source.cards if self.source else ()


@dataclass(frozen=True)
class Deck:
    width: float  # points
    height: float
    slides: tuple[PlacedSlide, ...]
