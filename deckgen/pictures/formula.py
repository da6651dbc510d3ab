"""Display math (`$$…$$`) as a crisp PNG, drawn without a TeX installation.

ziamath lays the LaTeX out in pure Python with the STIX Two Math font it ships (fractions,
roots, sums with limits, `aligned`, `cases`, matrices) and writes an SVG whose glyphs are
paths; resvg (a self-contained Rust wheel, no system libraries) rasterises it. Together they
weigh about 7 MB against matplotlib's ~80 MB with numpy, and matplotlib's mathtext draws no
environments at all (`aligned`, `cases`, matrices), which study notes use for derivations.

Both libraries are imported inside `formula_png` only: most decks have no display math and
deckgen's start-up time matters.

Sizes: the picture is meant to be shown at `width_pt` × `height_pt`, where its text is
`size_pt` tall; `dpi` is the resolution of the pixels, so pass about twice the resolution
of the screen the deck is shown on (e.g. 192–300) for sharp edges.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ..note.math import formula_refused
from ..note.model import Formula
from .model import Drawn, Picture

# amsmath's display environments are not allowed inside `$$` in LaTeX, but MathJax (and
# therefore Obsidian) accepts them; ziamath knows their inner forms. ziamath sets
# `gathered` flush left, so centred lines become a one-column centred array.
_ALIGNED = frozenset({"align", "align*", "alignat", "alignat*", "eqnarray", "eqnarray*",
                      "flalign", "flalign*"})
_CENTRED = frozenset({"gather", "gather*", "gathered", "multline", "multline*"})
_ENVIRONMENT = re.compile(r"\\(begin|end)\{([a-z]+\*?)\}")
_EQUATION = re.compile(r"\\(?:begin|end)\{equation\*?\}")
_LABELS = re.compile(r"\\(?:label|tag\*?)\{[^{}]*\}|\\(?:nonumber|notag)\b")
# latex2mathml passes a macro it does not know through as its name: show a placeholder
# rather than a slide with `\foo` on it.
_UNKNOWN_MACRO = re.compile(r"<m[ion][^>]*>\\[A-Za-z]")
_HEX_COLOR = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class FormulaPicture:
    """A formula drawn as a transparent PNG cropped to its ink."""

    png: bytes
    width: int  # pixels
    height: int  # pixels
    latex: str
    dpi: int

    @property
    def width_pt(self) -> float:
        """The width to show the picture at, so its text is the size asked for."""
        return self.width * 72 / self.dpi

    @property
    def height_pt(self) -> float:
        """The height to show the picture at."""
        return self.height * 72 / self.dpi


def formula_png(latex: str, color: str, size_pt: float, dpi: int) -> FormulaPicture | None:
    """Draw display LaTeX in `color` (hex, "212529") with text `size_pt` tall at `dpi`.

    None when the formula cannot be drawn faithfully: a syntax error, a macro the engine
    does not know, or a character its font lacks (Hangul inside `\\text{}`); the caller
    then shows a placeholder with the LaTeX in the speaker notes.
    """
    if not _HEX_COLOR.match(color):
        raise ValueError(f"colour must be six hex digits, not {color!r}")
    if size_pt <= 0 or dpi <= 0:
        raise ValueError("size_pt and dpi must be positive")
    source = _for_engine(latex)
    if not source:
        return None
    svg = _svg(source, color, size_pt)
    if svg is None:
        return None
    return _picture(svg, latex, dpi)


def _for_engine(latex: str) -> str:
    """Rewrite what MathJax accepts into what ziamath draws.

    Display environments become their inner forms (`align*` → `aligned`), equation
    numbers and labels go (a slide has no cross-references), and lines separated by
    `\\\\` outside any environment are centred one under another, as MathJax shows them.
    """
    text = _LABELS.sub("", _EQUATION.sub("", latex)).strip()
    text = _ENVIRONMENT.sub(_inner_environment, text)
    if "\\\\" in text and "\\begin" not in text:
        text = f"\\begin{{array}}{{c}}{text}\\end{{array}}"
    return text


def _inner_environment(found: re.Match[str]) -> str:
    """`\\begin{align*}` → `\\begin{aligned}`, `\\begin{gather}` → a centred array."""
    edge, name = found.group(1), found.group(2)
    if name in _ALIGNED:
        return f"\\{edge}{{aligned}}"
    if name in _CENTRED:
        return "\\begin{array}{c}" if edge == "begin" else "\\end{array}"
    return found.group(0)


def _svg(source: str, color: str, size_pt: float) -> str | None:
    """ziamath's SVG (one unit per point), or None when it cannot draw `source` faithfully."""
    from ziamath.zmath import Latex

    try:
        math: Any = Latex(source, size=size_pt, color=f"#{color}")
        if _UNKNOWN_MACRO.search(math.mathmlstr()):
            return None
        if any(ord(char) > 127 and not math.font.glyphindex(char) for char in source):
            return None
        svg = math.svg()
    except Exception:  # ziamath raises many kinds on malformed input; all mean "cannot draw"
        return None
    return str(svg)


def _picture(svg: str, latex: str, dpi: int) -> FormulaPicture | None:
    """Rasterise, crop to the ink with one pixel to spare, and encode without metadata.

    Pillow writes no time or software chunks, so the same formula gives the same bytes.
    """
    import resvg_py
    from PIL import Image

    try:
        raw = resvg_py.svg_to_bytes(svg_string=svg, zoom=dpi / 72)
    except ValueError:
        return None
    try:
        with Image.open(io.BytesIO(bytes(raw))) as image:
            picture = image.convert("RGBA")
    except (Image.DecompressionBombError, OSError, ValueError):
        return None
    ink = picture.getchannel("A").getbbox()
    if ink is None:
        return None
    left, top, right, bottom = ink
    picture = picture.crop((max(left - 1, 0), max(top - 1, 0),
                            min(right + 1, picture.width), min(bottom + 1, picture.height)))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return FormulaPicture(png=buffer.getvalue(), width=picture.width, height=picture.height,
                          latex=latex, dpi=dpi)


FORMULA_DPI = 216  # three pixels per point: sharp on a 1920-pixel-wide screen and in print
_FORMULA_PROBLEM = ("cannot be drawn as a formula (Hangul inside \\text{}, or a macro the "
                    "math engine does not know); the LaTeX is in the speaker notes")


def formula_picture(formula: Formula, colour: str, size: float) -> Picture:
    """The picture of a display formula at its natural size in points (text `size` tall), or a
    placeholder naming the problem."""
    refused = formula_refused(formula.latex)
    if refused is not None:  # bounded before any engine sees it
        return Picture("formula", 1600, 300, None, f"too large to draw ({refused}); the LaTeX "
                       "is in the speaker notes", None, formula.line, drawing=Drawn(b""))
    drawn = formula_png(formula.latex, colour, size, FORMULA_DPI)
    if drawn is None:
        return Picture("formula", 1600, 300, None, _FORMULA_PROBLEM, None, formula.line,
                       drawing=Drawn(b""))
    return Picture("formula", max(1, round(drawn.width_pt)), max(1, round(drawn.height_pt)),
                   None, None, None, formula.line, drawing=Drawn(drawn.png))


SYMBOLS = {  # LaTeX commands a screen reader should read as their symbol
    "sum": "Σ", "prod": "Π", "int": "∫", "infty": "∞", "cdot": "·", "times": "×", "le": "≤",
    "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "pm": "±", "to": "→",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "pi": "π", "theta": "θ",
    "lambda": "λ", "mu": "μ", "sigma": "σ", "left": "", "right": "", "displaystyle": "",
    "mathrm": "", "text": "", "operatorname": "", "mathbf": ""}
_FRACTION = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_ROOT = re.compile(r"\\sqrt\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([a-zA-Z]+)")


def formula_reading(latex: str) -> str:
    """A formula's alt text: its LaTeX, then how it reads (`\\frac{a}{b}` → `(a) / (b)`)."""
    spoken = _ROOT.sub(r"√(\1)", _FRACTION.sub(r"(\1) / (\2)", latex))
    spoken = _COMMAND.sub(lambda m: SYMBOLS.get(m.group(1), m.group(1)), spoken)
    spoken = spoken.replace("\\\\", "; ").replace("&", "").replace("{", "").replace("}", "")
    spoken = " ".join(spoken.replace("^", " ^ ").replace("_", " _ ").split())
    source = " ".join(latex.split())
    return source if spoken == source else f"{source} ({spoken})"
