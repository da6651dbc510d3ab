"""A picture as the later stages know it: its size in pixels (or why it cannot be shown),
how wide it may be shown and stay sharp, and the bytes it is stored as.

Pure data: nothing here decodes an image, so layout (which only needs sizes) loads no Pillow.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union, assert_never

from ..note.model import Diagram
from .entry import Stored, read_stored

if TYPE_CHECKING:  # the parser's model loads only for notes with diagrams
    from ..note.mermaid import Flowchart, SequenceDiagram

SLIDE_PIXELS_WIDE = 1920  # the slide width a picture is judged sharp against
OVERSAMPLE = math.sqrt(2)  # keep about twice the pixels the picture is shown at
MAX_UPSCALE = 1.5  # never show a picture larger than this times its own pixels
ENCODER_VERSION = "3"  # part of the picture cache key: bump when `encode` makes other bytes


@dataclass(frozen=True)
class Drawn:
    """A picture deckgen draws itself, in memory: a display formula or the QR code. Nothing
    is written to disk for it, so no other user's file can stand in for it.

    `natural_points`: the picture's width and height are its natural size in points and it
    is never shown larger (a formula); else they are pixels, judged like a photo's (a QR code)."""

    png: bytes
    natural_points: bool = True


@dataclass(frozen=True)
class DrawnDiagram:
    """A Mermaid diagram: its size is its natural size in points, laid out by layout.

    Layout may draw a diagram otherwise than written, to fit its slide: `chart` is then
    what it draws (a flowchart turned to read the other way, or one `part` of a diagram:
    a flowchart's, whose `stubs` are the nodes that stand for the far ends of edges drawn
    on another page, or a run of a sequence diagram's messages)."""

    diagram: Diagram
    chart: Flowchart | SequenceDiagram | None = None
    part: str = ""  # what the page's title calls this part ("" : the whole diagram)
    stubs: frozenset[str] = frozenset()
    fitted: str = ""  # how layout made it fit, said once (on the first part) as a warning


Drawing = Union[Drawn, DrawnDiagram]


@dataclass(frozen=True)
class Picture:
    """An image reference after probing: its pixel size, or the reason it cannot be shown."""

    name: str
    width: int
    height: int
    path: Path | None = None
    problem: str | None = None
    size_hint: int | None = None  # Obsidian `|400`: the author wanted it this wide (px)
    line: int | None = None  # where the note embeds it, for warnings
    page: int | None = None  # the page shown when `path` is a PDF (1-based)
    caption: str = ""  # shown under the picture (never its file name)
    alt: str = ""  # its alt text from the note: the caption, a formula's LaTeX and reading
    # A picture deckgen draws itself (a formula, a Mermaid diagram, the QR code), see Drawing.
    drawing: Drawing | None = field(default=None, compare=False, hash=False)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 16 / 9

    @property
    def key(self) -> str:
        if self.drawing is not None:
            return f"drawn:{self.line}:{self.name}:{_digest(self.drawing)}"
        if self.path is None:
            return f"missing:{self.name}"
        return f"{self.path}#page={self.page}" if self.page else str(self.path)


def display_limit(picture: Picture, slide_width_pt: float) -> float:
    """The widest (in points) a picture may be shown and still look sharp."""
    if not picture.ok:
        return slide_width_pt
    if _in_points(picture.drawing):  # drawn by us: its natural size, in points
        return min(float(picture.width), slide_width_pt)
    most = picture.width * MAX_UPSCALE * slide_width_pt / SLIDE_PIXELS_WIDE
    if picture.size_hint:
        most = min(most, slide_width_pt * min(1.0, picture.size_hint / 700))
    return most


def _digest(drawing: Drawing) -> str:
    """What tells two drawn pictures apart: their bytes (two formulas on one line differ)."""
    match drawing:
        case Drawn():
            content = drawing.png
        case DrawnDiagram():
            shown = drawing.diagram.source  # a part or a turned chart is another picture
            if drawing.chart is not None:
                shown += f"\0{drawing.part}\0{getattr(drawing.chart, 'direction', '')}"
            content = shown.encode("utf-8")
        case _:
            assert_never(drawing)
    return hashlib.sha1(content).hexdigest()[:16]


def _in_points(drawing: Drawing | None) -> bool:
    match drawing:
        case None:
            return False
        case Drawn():
            return drawing.natural_points
        case DrawnDiagram():
            return True
        case _:
            assert_never(drawing)


@dataclass(frozen=True, eq=False)
class Encoded:
    """A picture's bytes as the deck embeds them: in memory, or `stored` in the picture
    cache and read again only when the deck is zipped, so a deck of many pictures never
    holds them all (equal when the bytes and the kind are)."""

    data: bytes
    extension: str  # "png" or "jpg"
    stored: Stored | None = None

    @property
    def blob(self) -> bytes:
        return self.data if self.stored is None else read_stored(self.stored)

    @property
    def size(self) -> int:
        """How many bytes the deck embeds; a stored picture's known without reading it."""
        return len(self.data) if self.stored is None else self.stored.size

    @property
    def sha256(self) -> bytes:
        """The bytes' sha256; a stored picture's is its entry's, without reading it again."""
        return hashlib.sha256(self.data).digest() if self.stored is None else self.stored.digest

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Encoded):
            return NotImplemented
        return self.extension == other.extension and self.blob == other.blob

    def __hash__(self) -> int:
        return hash((self.extension, self.blob))


def target_width(shown_width_pt: float, slide_width_pt: float) -> int:
    """Pixels wide a picture is stored at: about twice the pixels it is shown at."""
    return max(1, math.ceil(shown_width_pt / slide_width_pt * SLIDE_PIXELS_WIDE * OVERSAMPLE))
