"""The HTML renderer: a laid-out `Deck` to one self-contained page. Translation, no decisions.

Entry point: `render_html(deck, look, pictures, page)` → the page's text: each slide a
`<section class="slide">` holding an inline SVG in points, drawn from the frames with the
lines layout broke (`layout.line_breaks`), the bundled fonts subset and inline, pictures as
data URIs, diagrams as SVG shapes, links clickable. The page's script moves between slides
(arrow keys, space, click; `F` full screen), keeps its slide in the URL hash, opens the
presenter view on `P` (with a rehearsal that records each page's time), and reloads itself
when `deckgen watch --serve` says the deck was rebuilt. Nothing is fetched from the network.

What the .pptx takes from its template the page takes from the look's theme: the paper
colour, and the files behind the face names diagram labels carry (the deck's runs carry
their faces themselves).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from html import escape
from importlib.resources import files

from ...layout.frames import Deck, PlacedSlide
from ...look.model import Look
from ...pictures.model import Encoded
from ...theme import EMOJI, Colors
from .fonts import FontBook
from .svg import SlideDrawer

__all__ = ["PageInfo", "render_html"]


@dataclass(frozen=True)
class PageInfo:
    title: str
    note: str  # the note's file stem: names the rehearsal file
    language: str  # "ko" or "en"


def render_html(deck: Deck, look: Look, pictures: Mapping[str, Encoded | str | Future],
                page: PageInfo) -> str:
    """The page showing `deck` (whose paragraphs carry their lines)."""
    theme = look.theme
    faces = {face.name: face for face in (theme.heading, theme.body, theme.code,
                                          *theme.fallbacks, EMOJI)}
    fonts = FontBook()
    drawer = SlideDrawer(fonts, pictures, faces, theme.colors.background)
    sections = [_section(index, placed, drawer.slide(placed, deck.width, deck.height))
                for index, placed in enumerate(deck.slides, 1)]
    talk = {"note": page.note, "lang": page.language, "pages": _pages(deck),
            "budget": deck.slides[0].notes.budget if deck.slides and deck.slides[0].notes
            else sum(s.seconds for s in deck.slides)}
    data = json.dumps(talk, ensure_ascii=False).replace("</", "<\\/")
    style = _page_colours(theme.colors) + _asset("page.css").replace(
        "var(--aspect)", f"{deck.width / deck.height:.6f}")
    return (f'<!doctype html>\n<html lang="{page.language}"><head><meta charset="utf-8">'
            f'<meta name="generator" content="deckgen">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"img-src data: blob:; font-src data:; style-src 'unsafe-inline'; "
            f"script-src 'unsafe-inline'; connect-src 'self'\">"
            f'<title>{escape(page.title)}</title>'
            f'<style id="deckgen-fonts">{fonts.css()}</style>'
            f'<style id="deckgen-style">{style}</style></head>\n<body>\n'
            + "\n".join(sections)
            + f'\n<script type="application/json" id="deckgen-talk">{data}</script>'
            f'\n<script>{_asset("page.js")}</script>\n</body></html>\n')


def _page_colours(colors: Colors) -> str:
    """The page's own colours (around the slide, the presenter view) from the theme, as
    the CSS custom properties page.css uses."""
    names = ("page_stage", "presenter_background", "presenter_text", "presenter_ahead",
             "presenter_behind", "presenter_link")
    pairs = "; ".join(f"--{name.replace('_', '-')}: #{getattr(colors, name)}" for name in names)
    return f":root {{ {pairs}; }}\n"


def _section(index: int, placed: PlacedSlide, svg: str) -> str:
    return (f'<section class="slide" id="slide-{index}" data-kind="{placed.kind.value}" '
            f'aria-label="{escape(placed.title_text)}">{svg}</section>')


def _pages(deck: Deck) -> list[dict]:
    """What the presenter view and the rehearsal need of each page."""
    out = []
    for placed in deck.slides:
        notes = placed.notes
        said = placed.source.said if placed.source is not None else ()
        key, digest, estimate = said if said else ("", "", 0.0)
        out.append({"title": placed.title_text, "seconds": round(placed.seconds, 1),
                    "elapsed": round(notes.elapsed, 1) if notes else 0.0,
                    "notes": notes.text() if notes else "",
                    "slide": key, "digest": digest, "estimate": round(estimate, 2)})
    return out


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")
