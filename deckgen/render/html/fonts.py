"""The deck's fonts for the page: each file subset to the glyphs the deck draws in it and
embedded as WOFF2, so the page shows the bundled faces from a file, with nothing fetched."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from functools import cache

from ...fonts import packaged_path
from ...theme import Face


@dataclass
class FontBook:
    """Which characters each font file draws on the page, and the CSS family that names it."""

    chars: dict[str, set[str]] = field(default_factory=dict)  # file → characters

    def use(self, face: Face, text: str, bold: bool = False) -> str:
        """Note that `face` draws `text`; its CSS `font-family` and `font-weight`."""
        file_name = face.bold if bold and face.bold else face.regular
        if not file_name:
            return "sans-serif"
        self.chars.setdefault(file_name, set()).update(text)
        return family(file_name)

    def css(self) -> str:
        """One `@font-face` per file used, its subset inline."""
        rules = []
        for file_name, chars in sorted(self.chars.items()):
            data = _subset(file_name, "".join(sorted(chars)))
            if data is None:
                continue
            rules.append(f"@font-face{{font-family:'{family(file_name)}';"
                         f"src:url(data:font/woff2;base64,{data}) format('woff2');}}")
        return "\n".join(rules)


def family(file_name: str) -> str:
    stem = packaged_path(file_name).stem
    return "dg-" + "".join(ch if ch.isalnum() else "-" for ch in stem)


def _subset(file_name: str, text: str) -> str | None:
    import logging

    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "TSI0 NOT subset" noise
    path = packaged_path(file_name)
    if not path.exists():
        return None
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return base64.b64encode(out.getvalue()).decode("ascii")


@cache
def descent(file_name: str) -> float:
    """How far below the baseline the font reaches, in em: viewers with an exact line pitch
    put each baseline that far above the line's bottom."""
    from fontTools.ttLib import TTFont

    path = packaged_path(file_name) if file_name else None
    if path is None or not path.exists():
        return 0.25
    font = TTFont(str(path), lazy=True)
    return abs(font["hhea"].descent) / font["head"].unitsPerEm
