"""The layout stage: a `Talk` and its pictures to a `Deck`, every position in points.

Entry points: `lay_out(talk, pictures, look, measurer)` → `(Deck, warnings)`: text measured
with Pillow in the fonts the deck names, pictures sized, continuation pages made, every
face, colour and size decided (`frames.py` is the contract render reads);
`picture_uses(deck)` → which pictures the deck shows, each once, at its widest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import BuildWarning
from ..look.model import Look
from ..pictures.model import Picture
from ..plan.talk import Shown, Talk
from .frames import Deck, PageNotes, PictureFrame

from .memo import BuildMemo, LaidOutSlides

if TYPE_CHECKING:  # Pillow loads only when something is measured: frames stay light
    from .measure import Measurer

PicturePlaced = Callable[[Picture, float, float], None]  # (picture, points wide, slide width)

__all__ = ["BuildMemo", "Deck", "LaidOutSlides", "Measurer", "PageNotes", "PicturePlaced",
           "lay_out", "line_breaks", "picture_uses"]


def lay_out(talk: Talk, pictures: dict[Shown, Picture], look: Look,
            measurer: Measurer | None = None, placed: PicturePlaced | None = None,
            memo: LaidOutSlides | None = None) -> tuple[Deck, list[BuildWarning]]:
    """The talk placed on slides in `look`. A warm process (watch) passes its `measurer`,
    so fonts are loaded and widths measured once for the session. `placed(picture, width,
    slide_width)` hears of each picture as soon as a slide shows it (in points), so it can
    be encoded while the rest is laid out; the deck does not depend on it. A warm process
    passes its `memo` too: slides it laid out before are not laid out again."""
    from .measure import Measurer
    from .slides import Layout

    measurer = measurer or Measurer()
    if memo is None:
        return Layout(look, measurer, placed).deck(talk, pictures)
    with memo.build(look, measurer):
        return Layout(look, measurer, placed, memo).deck(talk, pictures)


def line_breaks(deck: Deck, look: Look) -> Deck:
    """`deck` with each paragraph's lines (`Para.lines`) where a viewer with the bundled
    fonts breaks them, for the renderers that draw line by line."""
    from .lines import with_lines
    from .measure import Measurer

    return with_lines(deck, look, Measurer(exact=True))


def picture_uses(deck: Deck) -> list[tuple[Picture, float]]:
    """Each picture the deck can show, once, at the largest width (points) it is shown at,
    in order of first use."""
    widest: dict[str, tuple[Picture, float]] = {}
    for placed in deck.slides:
        for frame in placed.frames:
            if isinstance(frame, PictureFrame) and frame.picture.ok:
                key = frame.picture.key
                if key not in widest or frame.rect.w > widest[key][1]:
                    widest[key] = (frame.picture, frame.rect.w)
    return list(widest.values())
