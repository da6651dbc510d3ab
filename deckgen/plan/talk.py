"""The talk plan: which slides, in which layout, with what text, pictures and notes.

This is semantic on purpose: no coordinates or units. The layout stage decides where
things go and may split a slide into continuation slides when it does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Union, assert_never

from ..note.model import PLAIN, ImageRef, Marks, Visual, link_target


class SlideKind(str, Enum):
    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    CONTENT = "content"
    SUMMARY = "summary"
    REFERENCES = "references"
    CLOSING = "closing"


@dataclass(frozen=True)
class KindSpec:
    """What a slide kind is made of, in one place: its layout, its pause, whether fitting
    may shorten it, what page furniture it carries and how large its text is set.

    `pause`: seconds of looking and transition on top of what is said. `fitted`: fitting may
    move its bullets to the notes and trim its script (content slides only; the others are
    the talk's frame). `counts_to_section`: its time counts to its section when the build
    names sections to cut. `page_number` / `title_rule`: the progress bar and page number,
    and the short accent rule under the title. `emphasis`: points above body size for a
    kind whose few short lines read better large."""

    layout: str
    pause: float
    fitted: bool = False
    counts_to_section: bool = False
    page_number: bool = True
    title_rule: bool = True
    emphasis: float = 0.0


def kind_spec(kind: SlideKind) -> KindSpec:
    """The table of slide kinds (mypy fails here when a kind is added and not described)."""
    match kind:
        case SlideKind.TITLE:
            return KindSpec(TITLE_SLIDE, 4.0, page_number=False, title_rule=False)
        case SlideKind.AGENDA:
            return KindSpec(TITLE_AND_CONTENT, 3.0, emphasis=8)
        case SlideKind.SECTION:
            return KindSpec(SECTION_HEADER, 3.0, counts_to_section=True, title_rule=False)
        case SlideKind.CONTENT:
            return KindSpec(TITLE_AND_CONTENT, 4.0, fitted=True, counts_to_section=True)
        case SlideKind.SUMMARY:
            return KindSpec(TITLE_AND_CONTENT, 3.0, emphasis=4)
        case SlideKind.REFERENCES:
            return KindSpec(TITLE_AND_CONTENT, 2.0)
        case SlideKind.CLOSING:
            return KindSpec(TITLE_SLIDE, 3.0, title_rule=False)
        case _:
            assert_never(kind)


# Template layouts are picked by these names (as PowerPoint's default template names them).
TITLE_SLIDE = "Title Slide"
SECTION_HEADER = "Section Header"
TITLE_AND_CONTENT = "Title and Content"
TWO_CONTENT = "Two Content"
COMPARISON = "Comparison"
PICTURE_WITH_CAPTION = "Picture with Caption"
TITLE_ONLY = "Title Only"
BLANK = "Blank"
LAYOUT_NAMES = (TITLE_SLIDE, SECTION_HEADER, TITLE_AND_CONTENT, TWO_CONTENT, COMPARISON,
                PICTURE_WITH_CAPTION, TITLE_ONLY, BLANK)


@dataclass(frozen=True)
class Run:
    """Slide text with the marks a slide shows: key phrases in the accent colour, code, links.

    A run's marks are normalised: a key phrase is `bold` (a highlight shows the same)."""

    text: str
    marks: Marks = PLAIN

    @property
    def accent(self) -> bool:
        return self.marks.key

    @property
    def code(self) -> bool:
        return self.marks.code

    @property
    def italic(self) -> bool:
        return self.marks.italic

    @property
    def strike(self) -> bool:
        return self.marks.strike

    @property
    def link(self) -> str | None:
        return self.marks.link


Text = tuple[Run, ...]


def text_of(text: Text) -> str:
    return "".join(run.text for run in text)


@dataclass(frozen=True)
class Bullet:
    text: Text
    level: int = 0  # 0: main point, 1: detail under it
    number: str | None = None  # "1." or "2)" for ordered-list items


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class Group:
    """A labelled column: a `▶ label` (or sub-heading) and the bullets under it."""

    label: Text
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class Columns:
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Takeaway:
    """One line that carries the slide's message when it has no bullets and no picture."""

    text: Text


@dataclass(frozen=True)
class Code:
    text: str
    language: str = ""


@dataclass(frozen=True)
class TableData:
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    aligns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Box:
    """A callout or quote: a tinted box with an optional title and its bullets."""

    kind: str
    title: Text
    items: tuple[Bullet, ...]


Element = Union[Bullets, Columns, Takeaway, Code, TableData, Box]


def page_layout(kind: SlideKind, shows: tuple[Element, ...] | list[Element], has_pictures: bool,
                cards: bool = False) -> str:
    """The template layout a page asks for, by name: the kind's own, or for content kinds
    the one that matches what the page shows. The one rule for plan slides and laid-out
    pages alike (a continuation page may show other things than its plan slide)."""
    spec = kind_spec(kind)
    if spec.layout != TITLE_AND_CONTENT:
        return spec.layout
    if cards:
        return TITLE_ONLY
    return layout_for(shows, has_pictures)


def layout_for(body: tuple[Element, ...] | list[Element], has_pictures: bool) -> str:
    """The template layout that matches what a content slide shows."""
    if any(isinstance(e, Columns) for e in body):
        return COMPARISON
    if has_pictures and not body:
        return PICTURE_WITH_CAPTION
    if has_pictures:
        return TWO_CONTENT
    return TITLE_AND_CONTENT


@dataclass(frozen=True)
class Notes:
    """A slide's speaker notes, in their parts; `plan.notes.notes_text` formats them, so no
    stage ever reads back text another wrote.

    `script` is what the speaker says (the note's prose for the slide); `sources` are what
    the slide draws, to read from rather than say (a diagram's Mermaid, a formula's LaTeX);
    `demo` the seconds of a live demo reserved here; `unsaid` the end of the script that
    fitting cut (said only when there is time) and `detail` what fitting moved off the
    slide (bullets, the names of secondary pictures, whole code blocks)."""

    script: str = ""
    sources: tuple[str, ...] = ()
    demo: float = 0.0
    unsaid: str = ""
    detail: tuple[str, ...] = ()

    def but(self, **changes) -> Notes:
        return replace(self, **changes)


@dataclass(frozen=True)
class QrCode:
    """The closing slide's QR code of the talk's link: a picture deckgen makes itself."""

    url: str
    line: int = 1

    def __post_init__(self) -> None:
        # Only the planner's closing slide makes one, from the talk's link, after the link
        # policy passed it; a note's own `![x](qr:…)` is an image path, never a QR code.
        if link_target(self.url) is None:
            raise ValueError(f"a QR code only for a web or mail link: {self.url[:80]!r}")

    @property
    def target(self) -> str:
        return f"qr:{self.url}"


Shown = Union[Visual, QrCode]  # what a slide shows as a picture


@dataclass(frozen=True)
class Card:
    """One item of a numbered list whose items each carry a picture."""

    title: Text
    picture: ImageRef
    bullets: tuple[Bullet, ...] = ()
    number: str | None = None
    notes: Notes = Notes()  # the item's own words, for when cards become one slide per item


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    title: str
    notes: Notes = Notes()
    seconds: float = 0.0
    body: tuple[Element, ...] = ()
    pictures: tuple[Shown, ...] = ()  # images, Mermaid diagrams, display formulas, a QR code
    cards: tuple[Card, ...] = ()
    subtitle: tuple[str, ...] = ()  # extra lines on title, section and closing slides
    number: str = ""  # "01" on section statement slides
    section: str = ""  # title of the main section this slide belongs to
    line: int | None = None  # the source line the slide comes from
    backup: bool = False  # a backup slide after the Q&A slide: in the deck, not in the talk
    # (rehearsal key, digest, syllable estimate) before fitting, for matching a rehearsal
    # (`rehearsed.py`); empty until the planner stamps it
    said: tuple[str, str, float] | tuple[()] = ()

    def but(self, **changes) -> Slide:
        return replace(self, **changes)

    @property
    def layout(self) -> str:
        """The template layout the slide asks for (see `page_layout`)."""
        return page_layout(self.kind, self.body, bool(self.pictures), bool(self.cards))


@dataclass(frozen=True)
class Talk:
    title: str
    language: str  # "ko" or "en"
    minutes: float
    slides: tuple[Slide, ...]
    subtitle: str = ""
    speaker: str = ""
    event: str = ""
    date: str = ""
    sections: tuple[str, ...] = field(default=())
    unshown: tuple[ImageRef, ...] = ()  # pictures fitting moved to the notes: still probed,
    # so a missing, remote or broken one is still said

    @property
    def seconds(self) -> float:
        return sum(slide.seconds for slide in self.slides)
