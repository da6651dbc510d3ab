"""Write deckgen/fonts/coverage.json: which characters each packaged font really draws.

Reading a font with fontTools costs about 0.1 s per font, too slow for every build, so the
packaged fonts' coverage is computed once here (run it after changing the fonts) and
shipped as compact code-point ranges. A character mapped to an empty glyph does not count:
BM JUA maps thousands of characters (•, ·, rare Hangul syllables) to blank glyphs, and a
viewer would show nothing for them instead of falling back to another font. Nor does a
backslash that the font draws as ₩ (BM JUA and NanumGothic do, after Korean code pages):
`deckgen.fonts.draws_backslash_as_won` tells it by the glyph, so `\` falls back per run.

    python scripts/font_coverage.py
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fontTools.ttLib import TTFont

from deckgen.fonts import BACKSLASH, draws_backslash_as_won

FONT_DIR = Path(__file__).resolve().parent.parent / "deckgen" / "fonts"


def ranges(code_points: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in sorted(code_points):
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def main() -> None:
    coverage = {}
    for path in sorted(FONT_DIR.glob("*.tt[fc]")):
        font = TTFont(path)
        cmap = font.getBestCmap()
        glyphs = font["glyf"] if "glyf" in font else None
        drawn = [cp for cp, name in cmap.items()
                 if glyphs is None or glyphs[name].numberOfContours != 0 or chr(cp).isspace()]
        if draws_backslash_as_won(path):
            drawn = [cp for cp in drawn if cp != BACKSLASH]
            print(f"{path.name}: draws U+005C as ₩; not counted as covered")
        coverage[path.name] = ranges(drawn)
    out = FONT_DIR / "coverage.json"
    out.write_text(json.dumps(coverage, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(coverage)} fonts)")


if __name__ == "__main__":
    main()
