"""The render stage: a laid-out `Deck` to the bytes of a .pptx. Translation, no decisions.

Entry point: `write_deck(deck, look, pictures, info, stream)` → warnings (`render_deck` for
the bytes in memory): every frame written as the native shape it describes (python-pptx),
into the look's template; the package made portable for Keynote and every viewer
(`package.py`), the faces renamed for Google Slides when the deck is for it, the document's
properties set, the zip written once, straight into the stream.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ..errors import BuildWarning, DeckgenError
from ..layout.frames import Deck, PictureFrame
from ..look.model import Look
from ..pictures.model import Encoded
from .memo import WrittenSlides

__all__ = ["DeckInfo", "WrittenSlides", "render_deck", "write_deck"]

CORE_PROPERTY_MAX = 255


@dataclass(frozen=True)
class DeckInfo:
    """What the package says about itself: title, author, keywords, the viewer it is for."""

    title: str
    author: str = ""
    keywords: tuple[str, ...] = ()
    target: str = "any"  # "any" or "google-slides"
    language: str = ""  # BCP 47 ("ko-KR"): the package's dc:language


def render_deck(deck: Deck, look: Look, pictures: Mapping[str, Encoded | str | Future],
                info: DeckInfo, finish: Callable[[object], None] | None = None
                ) -> tuple[bytes, list[BuildWarning]]:
    """The .pptx bytes of `deck` (`write_deck` into memory)."""
    raw = io.BytesIO()
    warnings = write_deck(deck, look, pictures, info, raw, finish)
    return raw.getvalue(), warnings


def write_deck(deck: Deck, look: Look, pictures: Mapping[str, Encoded | str | Future],
               info: DeckInfo, stream: BinaryIO, finish: Callable[[object], None] | None = None,
               memo: WrittenSlides | None = None, meanwhile: Callable[[], None] | None = None
               ) -> list[BuildWarning]:
    """The .pptx of `deck` written into `stream` (readable too: a template's deck is read
    back), as it is zipped; `pictures` by `Picture.key` (futures are awaited as each
    picture is placed, so encoding overlaps writing). A deck made from a user's template
    is opened again before it is returned: one python-pptx could read but not write back
    faithfully fails here with one line, never as a deck that does not reopen. `finish`
    sees the python-pptx presentation once every page is written, before the package is
    made portable (the keep stage stamps it there and carries the user's slides in).
    `meanwhile` is other work of the build for this thread, done the first time a picture
    is not ready yet: the thread would wait idle then, the cores busy encoding."""
    from .container import write_package
    from .package import make_portable, size_warning
    from .template import base_for
    from .writer import Renderer

    base = base_for(look)
    try:
        if memo is None:
            Renderer(base, look, pictures, meanwhile=meanwhile).render(deck)
        else:  # a warm process: slides written before are copied in
            with memo.build(look):
                Renderer(base, look, pictures, memo=memo, meanwhile=meanwhile).render(deck)
    except Exception as exc:
        if not base.user_template:
            raise
        raise DeckgenError(f"cannot use template {Path(look.template_path).name}: a part is "
                           f"damaged ({type(exc).__name__})", look.template_path) from None
    if finish is not None:
        finish(base.presentation)
    make_portable(base.presentation)
    warnings = _google_fonts(base.presentation) if info.target == "google-slides" else []
    _core_properties(base.presentation, info)
    start = stream.tell()
    write_package(base.presentation, stream, memo.zipped if memo is not None else None)
    size = stream.tell() - start
    if base.user_template:
        stream.seek(start)
        _check_reopens(stream, len(base.presentation.slides), look)
        stream.seek(start + size)
    heavy = size_warning(size, _picture_sizes(deck, pictures))
    return warnings + ([heavy] if heavy else [])


def _picture_sizes(deck: Deck, pictures: Mapping[str, Encoded | str | Future]
                   ) -> list[tuple[str, int]]:
    """Each embedded picture's name and bytes (every future is done once the deck is)."""
    names = {frame.picture.key: frame.picture.name for placed in deck.slides
             for frame in placed.frames if isinstance(frame, PictureFrame)}
    sizes = []
    for key, name in names.items():
        found = pictures.get(key)
        found = found.result() if isinstance(found, Future) else found
        if isinstance(found, Encoded):
            sizes.append((name, found.size))
    return sizes


def _check_reopens(stream: BinaryIO, slides: int, look: Look) -> None:
    from pptx import Presentation

    try:
        count = len(Presentation(stream).slides)
    except Exception as exc:
        count, why = -1, type(exc).__name__
    else:
        why = f"{count} of {slides} slides came back"
    if count != slides:
        raise DeckgenError(f"cannot use template {Path(look.template_path).name}: the deck made "
                           f"from it does not reopen ({why})", look.template_path)


def _google_fonts(prs) -> list[BuildWarning]:
    """Google Slides keeps only Google Fonts families: name those of the same designs."""
    from ..theme import GOOGLE_FAMILIES, GOOGLE_FONTS
    from .package import notes_theme_like_deck, rename_fonts

    notes_theme_like_deck(prs)
    left = rename_fonts(prs, GOOGLE_FONTS, GOOGLE_FAMILIES)
    if not left:
        return []
    return [BuildWarning(f"not on Google Fonts, Google Slides shows these as Arial: "
                         f"{', '.join(left)}")]


def _core_properties(prs, info: DeckInfo) -> None:
    props = prs.core_properties
    props.title = _property(info.title)
    props.author = _property(info.author)
    props.last_modified_by = "deckgen"
    props.revision = 1
    props.created = props.modified = datetime(2000, 1, 1)
    props.keywords = _property(", ".join(info.keywords), ", ")
    if info.language:
        props.language = info.language


def _property(text: str, separator: str = " ") -> str:
    """Core properties hold at most 255 characters (python-pptx refuses more): a long title,
    speaker or tag list is cut at a separator, with an ellipsis."""
    if len(text) <= CORE_PROPERTY_MAX:
        return text
    cut = text[: CORE_PROPERTY_MAX - 1]
    at = cut.rfind(separator)
    return (cut[:at] if at > CORE_PROPERTY_MAX // 2 else cut).rstrip(", ") + "…"
