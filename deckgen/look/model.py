"""The look a deck is laid out in, as data: the theme, the slide's geometry, and which
template layout each layout name stands for. Read from the built-in theme or a user's
template before layout (`look.template`), so layout and render never open the template to
decide anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..theme import Theme


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

    def inset(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, max(1.0, self.w - 2 * dx), max(1.0, self.h - 2 * dy))


@dataclass(frozen=True)
class Geometry:
    """The slide's size and the fixed bands of the tecotalk look, in points."""

    width: float = 960.0
    height: float = 540.0
    margin: float = 48.0
    title_top: float = 30.0
    title_gap: float = 26.0  # between the title block and the body
    footer: float = 46.0  # band at the bottom kept for page number and progress bar
    title_box: Rect | None = None  # a template's own title and body boxes, when it has them
    body_box: Rect | None = None

    @property
    def body_bottom(self) -> float:
        return self.body_box.bottom if self.body_box else self.height - self.footer


@dataclass(frozen=True)
class LayoutChoice:
    """The template layout that shows slides asking for `name`: its key in the template's
    layouts (lower case), its own name, and whether it is a stand-in (the template has no
    layout of that name, which the build says once)."""

    name: str
    key: str
    shown: str
    stand_in: bool


@dataclass(frozen=True)
class Look:
    """Everything layout and render need to know about the deck's look.

    `layouts` says, for each layout name deckgen asks for (plan/talk.LAYOUT_NAMES), which
    template layout shows it (empty for the built-in template, which has them all);
    `template` is the user's template as .pptx bytes (None: the built-in one), read once and
    opened again by render to write into."""

    theme: Theme
    geometry: Geometry = Geometry()
    layouts: tuple[LayoutChoice, ...] = ()
    template: bytes | None = None
    template_path: str = ""  # where the template was read from, for messages

    def layout_for(self, name: str) -> LayoutChoice:
        """The template layout that shows slides asking for `name`."""
        for choice in self.layouts:
            if choice.name == name:
                return choice
        return LayoutChoice(name, name.lower(), name, False)
