"""The look: which theme, slide geometry and template layouts a deck is made with.

Entry point: `choose_look(theme, accent, template)` → `(Look, warnings)`. It runs after the
settings are known and before layout, so a user's template is read once, as data; layout and
render only use what it found.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildWarning, DeckgenError
from ..theme import THEMES, theme_named
from .model import Geometry, LayoutChoice, Look, Rect

__all__ = ["Geometry", "LayoutChoice", "Look", "Rect", "choose_look"]


def choose_look(theme: str, accent: str = "", template: Path | None = None
                ) -> tuple[Look, list[BuildWarning]]:
    """The built-in theme named `theme` (with `accent` as its key-phrase colour), or the look
    of the user's `template` with that theme's sizes. An unknown theme name is an error (the
    settings already turned a bad name from a file into a warning and the default)."""
    chosen = theme_named(theme)
    if chosen is None:
        raise DeckgenError(f"unknown theme '{theme}' (themes: {', '.join(THEMES)})")
    if accent:
        chosen = chosen.with_accent(accent)
    if template is None:
        return Look(chosen), []
    from .template import read_template  # python-pptx, only for a deck with a template

    return read_template(template, chosen)
