"""Make deckgen/fonts/NotoEmoji-Regular.ttf, the monochrome emoji font deckgen ships.

Source: Noto Emoji (Google, SIL OFL 1.1) as the PyPI package `manimgx-fonts` publishes it
unmodified, a 2 MB variable font. Decks need one weight, so the font is instantiated at
Regular (400) and stripped of hinting (it draws at slide sizes): about 0.85 MB, every emoji
and its ligatures (ZWJ sequences, keycaps, flags) kept.

    pip download --no-deps manimgx-fonts -d /tmp/emoji && python scripts/emoji_font.py /tmp/emoji/manimgx_fonts-*.whl
"""

import sys
import tempfile
import zipfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

FONT_DIR = Path(__file__).resolve().parent.parent / "deckgen" / "fonts"
MEMBER = "manimgx_fonts/NotoEmoji[wght].ttf"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as temp:
        source = Path(archive.extract(MEMBER, temp))
        font = instancer.instantiateVariableFont(TTFont(source), {"wght": 400})
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.hinting = False
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=list(font.getBestCmap()))
        subsetter.subset(font)
        target = FONT_DIR / "NotoEmoji-Regular.ttf"
        font.save(target)
    print(f"wrote {target} ({target.stat().st_size} bytes); now run scripts/font_coverage.py")


if __name__ == "__main__":
    main(sys.argv[1])
