"""Placed slides: what the renderer draws, in points from the slide's top-left corner.

Layout produces these; render turns points into EMU and frames into shapes. Nothing here
measures or decides; it is the contract between the two stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..plan.labels import word
from ..plan.notes import notes_text
from ..plan.talk import Card, Element, Notes, Slide, SlideKind, Text
from ..plan.timing import clock
from ..look.model import Rect
from ..pictures.model import Picture
from ..theme import NOTES, Face

if TYPE_CHECKING:  # the diagram model loads only for decks that draw one
    from .diagram.placed import DiagramPaint, PlacedDiagram


@dataclass(frozen=True)
class SetRun:
    """A piece of a paragraph as it is written: one face (the one that draws its glyphs),
    its colour, marks and language. Made by layout (`setting.py`), written by render."""

    text: str
    face: Face
    color: str
    bold: bool
    italic: bool
    strike: bool
    link: str | None
    lang: str


@dataclass(frozen=True)
class SetPara:
    """A paragraph's pieces, its own face, colour and language (for the end-of-paragraph
    mark and a page-number field), and its bullet's colour and face."""

    runs: tuple[SetRun, ...]
    face: Face
    color: str
    lang: str
    bullet_color: str | None = None
    bullet_face: Face | None = None


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
    set: SetPara | None = None  # the pieces render writes, once layout has set the paragraph
    jump: int | None = None  # the page (0-based) the paragraph links to: an agenda entry's
    lines: tuple[str, ...] = ()  # the lines layout broke it into (`lines.py`), for renderers
    # that draw line by line (HTML); empty until asked for


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
    placeholder_fill: str = ""  # the box shown when the picture cannot be (set by layout)
    placeholder_line: str = ""
    alt: str = ""  # its alt text (layout/alt.py): never a file name


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
    placed: PlacedDiagram  # laid out for this rect, its labels cut by face
    picture: Picture
    paint: DiagramPaint
    alt: str = ""  # what it shows: its kind, nodes and edges (layout/alt.py)


PROGRESS_ROLE = "progress"  # the bar that grows with the page number


@dataclass(frozen=True)
class ShapeFrame:
    rect: Rect
    fill: str
    role: str = "decoration"  # PROGRESS_ROLE, "track", "accent"


Frame = Union[TextFrame, PictureFrame, TableFrame, CodeFrame, ShapeFrame, DiagramFrame]


@dataclass(frozen=True)
class PageNotes:
    """One page's speaker notes, in their parts: the plan slide's notes (None on a page
    that continues it), its title, what the layout could not fit on the page, and the time
    budget. `text` formats them for the notes page, the handout and the script; nothing
    reads them back."""

    plan: Notes | None
    title: str  # the plan slide's title
    full_title: bool  # the page shows a shortened or longer title: the notes say it in full
    overflow: tuple[str, ...]  # text the page has no room for
    seconds: float  # this page's time
    elapsed: float  # the talk's clock at the end of this page
    budget: float  # the talk's length, seconds
    language: str

    @property
    def cut(self) -> bool:
        """Whether the notes are longer than one notes page holds (`MAX_NOTES_CHARS`)."""
        return len(self._whole()) > MAX_NOTES_CHARS

    def text(self, with_time: bool = True) -> str:
        """The notes page's text; `with_time` adds the `⏱ 0:40 · 3:10/10:00` line. Past
        `MAX_NOTES_CHARS` the text is cut (a warning names the note's line): a code block or
        diagram of 50,000 lines was 270 MB of notes XML."""
        text = self._whole()
        if len(text) > MAX_NOTES_CHARS:
            text = text[:MAX_NOTES_CHARS] + "\n\n" + NOTES_CUT[self.language == "ko"]
        if with_time:
            text += f"\n\n⏱ {clock(self.seconds)} · {clock(self.elapsed)}/{clock(self.budget)}"
        return text

    def _whole(self) -> str:
        if self.plan is None:
            parts = [f"{word(self.language, 'continued')} {self.title}"]
        else:
            parts = [notes_text(self.plan, self.language) or self.title]
            if self.full_title:
                parts.insert(0, self.title)
        parts.extend(self.overflow)
        return "\n\n".join(part for part in parts if part)


MAX_NOTES_CHARS = 100_000  # one page's notes; a ten-minute talk's whole script is ~5,000
NOTES_CUT = ("⋯ (notes cut here: the rest is in the note)",
             "⋯ (노트가 길어 여기서 잘렸습니다. 나머지는 원래 노트에 있습니다)")


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
    notes: PageNotes | None  # None: a page without speaker notes (a handout's)
    pictures: tuple[Picture, ...] = ()
    shows: tuple[Element, ...] = ()  # the plan elements this page shows
    source: Slide | None = None  # the plan slide the page comes from
    cards: tuple[Card, ...] = ()  # the cards it shows side by side

    @property
    def subtitle(self) -> tuple[str, ...]:
        return self.source.subtitle if self.source else ()


@dataclass(frozen=True)
class Deck:
    width: float  # points
    height: float
    slides: tuple[PlacedSlide, ...]
    notes_face: Face = NOTES  # the speaker notes' face and size, as layout chose them
    notes_size: float = 14.0
    sections: tuple[tuple[str, int], ...] = ()  # PowerPoint sections: name, first page
