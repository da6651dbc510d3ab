"""Write deckgen/fonts/coverage.json: which characters each packaged font really draws.

Reading a font with fontTools costs about 0.1 s per font, too slow for every build, so the
packaged fonts' coverage is computed once here (run it after changing the fonts) and
shipped as compact code-point ranges. A character mapped to an empty glyph does not count:
BM JUA maps thousands of characters (•, ·, rare Hangul syllables) to blank glyphs, and a
viewer would show nothing for them instead of falling back to another font.

    python scripts/font_coverage.py
"""

import json
from pathlib import Path

from fontTools.ttLib import TTFont

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
        coverage[path.name] = ranges(drawn)
    out = FONT_DIR / "coverage.json"
    out.write_text(json.dumps(coverage, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(coverage)} fonts)")


if __name__ == "__main__":
    main()
