"""Pictures: the stage between plan and layout that probes, draws, encodes and caches.

Entry points:
- `pictures_for(talk, finder, theme)` → `(pictures, warnings)`: every picture a slide shows,
  probed (its size, or why it cannot be shown) or drawn (a display formula, the QR code);
  Mermaid diagrams are laid out, and so sized, by layout.
- `encode(picture, shown_width, slide_width)` → the bytes to embed (`encode.py`), and
  `PictureCache` (`cache.py`), which keeps them between builds.
The model (`Picture`, `Encoded`, `Drawn`) is pure data (`model.py`): layout loads no Pillow.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, assert_never

from ..errors import BuildWarning
from ..note.model import Diagram, Formula, ImageRef
from ..note.vault import ImageFinder
from ..plan.talk import QrCode, Shown, Talk
from ..theme import Theme
from .formula import formula_reading
from .model import Encoded, Picture

if TYPE_CHECKING:
    from .cache import PictureCache
    from .encoder import PictureEncoder, results, with_problems

__all__ = ["Encoded", "Picture", "PictureCache", "PictureEncoder", "pictures_for", "results",
           "with_problems"]
_LATER = {"PictureCache": "cache", "PictureEncoder": "encoder", "results": "encoder",
          "with_problems": "encoder"}


def __getattr__(name: str) -> Any:
    """The encoder and the cache load (with Pillow) only when a deck is written: `outline`
    and layout's data model stay light."""
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pictures_for(talk: Talk, finder: ImageFinder, theme: Theme
                 ) -> tuple[dict[Shown, Picture], list[BuildWarning]]:
    """What each image, formula and QR code of the talk looks like before layout: sizes from
    the file's header (nothing decoded), formulas drawn in the theme's text colour. A picture
    that cannot be shown is a placeholder with its reason (layout says where it landed)."""
    from .probe import probe

    shown = {ref for slide in talk.slides for ref in slide.pictures} | \
        {card.picture for slide in talk.slides for card in slide.cards}
    out: dict[Shown, Picture] = {}
    for ref in sorted(shown, key=lambda r: (r.line, r.target)):
        match ref:
            case ImageRef():
                out[ref] = probe(ref, finder)
            case QrCode():
                from .qr import qr_picture

                out[ref] = replace(qr_picture(ref), alt=f"QR: {ref.url}")
            case Formula():
                from .formula import formula_picture

                out[ref] = replace(formula_picture(ref, theme.colors.text, theme.sizes.formula),
                                   alt=formula_reading(ref.latex))
            case Diagram():
                pass  # laid out (and so sized) by layout
            case _:
                assert_never(ref)
    warnings = []
    for ref in talk.unshown:  # moved to the notes by fitting: a problem is still said
        picture = out.get(ref) or probe(ref, finder)
        if not picture.ok:
            warnings.append(BuildWarning(f"image '{picture.name}' {picture.problem} (named in "
                                         f"the speaker notes; fitting moved it off its slide)",
                                         ref.line))
    return out, warnings
