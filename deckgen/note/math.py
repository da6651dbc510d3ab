"""Math in notes: Obsidian's `$…$` / `$$…$$` rules for markdown-it, and LaTeX as plain text.

Obsidian follows Pandoc's dollar rule, which keeps prices and shell variables as text: an
inline `$` opens math only when a non-space follows it, and the next unescaped `$` closes it
only when a non-space precedes it and no digit follows it (`$5 and $10`, `$HOME` and
`costs $5` stay text). `\\$` is a literal dollar. `$$…$$` is display math, either on its own
lines (a `math_block` token, which may interrupt a paragraph as in Obsidian) or inside a
paragraph (a `math_inline` token with `meta["display"]` set).

mdit-py-plugins' dollarmath rule was the first choice, but its options do not say this rule:
it reads the character before a `$` at the start of a paragraph as the paragraph's *last*
character (so `$x$ costs 5` stays text), and its block rule ignores `silent`, so it cannot
be allowed to interrupt a paragraph. The rules here are small and honour `silent`.

Inline math becomes readable text (`O(n^2)` → `O(n²)`) through `latex_to_text`: pylatexenc
parses the LaTeX (its parser knows every macro's arguments and its symbol table maps
`\\le` to `≤`), and a small walker here lays out what a one-line text can show — Unicode
super- and subscripts, `a/b`, `√x`. When the text cannot be faithful (a matrix, a nested
fraction, a superscript Unicode has no letter for) it returns None and the caller draws a
picture instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline


def math_plugin(md: MarkdownIt) -> None:
    """Register Obsidian's `$…$` and `$$…$$` rules on `md`."""
    md.inline.ruler.before("escape", "math_inline", _math_inline)
    md.block.ruler.before("fence", "math_block", _math_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})


# -- inline ------------------------------------------------------------------------------

def _math_inline(state: StateInline, silent: bool) -> bool:
    """`$…$` (inline) or `$$…$$` (display inside a paragraph)."""
    if state.src[state.pos] != "$":
        return False
    if state.src.startswith("$$", state.pos):
        found = _display_span(state.src, state.pos, state.posMax)
    else:
        found = _inline_span(state.src, state.pos, state.posMax)
    if found is None:
        return False
    latex, after, display = found
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = latex
        token.markup = "$$" if display else "$"
        refused = formula_refused(latex)
        token.meta = {"text": latex if refused else latex_to_text(latex), "display": display}
        if refused:
            token.meta["refused"] = refused
    state.pos = after
    return True


def _inline_span(src: str, start: int, end: int) -> tuple[str, int, bool] | None:
    """Pandoc's rule; only the first unescaped `$` after the opener may close it."""
    if start + 1 >= end or src[start + 1].isspace():
        return None
    close = _next_dollar(src, start + 1, end)
    if close is None or src[close - 1].isspace():
        return None
    if close + 1 < end and src[close + 1].isdigit():
        return None
    return src[start + 1:close], close + 1, False


def _display_span(src: str, start: int, end: int) -> tuple[str, int, bool] | None:
    close = start + 2
    while True:
        found = _next_dollar(src, close, end)
        if found is None or found + 1 >= end:
            return None
        if src[found + 1] == "$":
            break
        close = found + 1
    latex = src[start + 2:found].strip()
    return (latex, found + 2, True) if latex else None


def _next_dollar(src: str, start: int, end: int) -> int | None:
    """Index of the next `$` in src[start:end] not escaped by an odd run of backslashes."""
    pos = src.find("$", start, end)
    while pos >= 0:
        slashes = 0
        while pos - slashes - 1 >= start and src[pos - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return pos
        pos = src.find("$", pos + 1, end)
    return None


# -- block -------------------------------------------------------------------------------

def _math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`$$` opening a line, closed by a line ending in `$$` (the same line or a later one)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("$$", pos):
        return False
    found = _block_body(state, start, end, state.src[pos + 2:state.eMarks[start]].rstrip())
    if found is None:
        return False
    latex, last = found
    if silent:
        return True
    state.line = last + 1
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = latex
    token.markup = "$$"
    token.map = [start, state.line]
    return True


def _block_body(state: StateBlock, start: int, end: int, first: str) -> tuple[str, int] | None:
    """The LaTeX and the closing line, or None when this is no display block.

    A `$$` in the middle of the first line means display math inside a paragraph, left
    to the inline rule; a blank line or the end of the container before the closing
    `$$` means a stray `$$`, kept as text rather than swallowing the rest of the note.
    """
    if first.endswith("$$"):
        body, last = first[:-2], start
        if "$$" in body:
            return None
    else:
        if "$$" in first:
            return None
        lines, last = [first], start + 1
        while True:
            if last >= end or state.isEmpty(last) or state.sCount[last] < state.blkIndent:
                return None
            text = state.src[state.bMarks[last] + state.tShift[last]:state.eMarks[last]].rstrip()
            if text.endswith("$$"):
                lines.append(text[:-2])
                break
            lines.append(text)
            last += 1
        body = "\n".join(lines)
    body = body.strip()
    return (body, last) if body else None


# -- LaTeX to readable text ---------------------------------------------------------------

_SUPERSCRIPTS = dict(zip(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθιφχ′−",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᶥᵠᵡ′⁻"))
_SUBSCRIPTS = dict(zip(
    "0123456789+-=()aehijklmnoprstuvxβγρφχ−",
    "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋"))

# Macros whose argument is shown as it is written.
_PLAIN_ARGUMENT = frozenset({"text", "textrm", "textit", "textbf", "textsf", "texttt", "mathrm",
                             "mathit", "mathbf", "mathsf", "mathtt", "operatorname",
                             "boldsymbol", "bm", "mbox"})
# Macros drawn by pylatexenc's own formatter (letter styles and accents).
_STYLED = frozenset({"mathbb", "mathcal", "mathfrak", "mathscr", "hat", "bar", "vec", "tilde",
                     "dot", "ddot", "acute", "grave", "breve", "check", "widehat",
                     "widetilde"})
_SIZING = frozenset({"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
                     "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle", "displaystyle",
                     "textstyle", "limits", "nolimits"})
_SPACES = {",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "quad": " ", "qquad": " ",
           "!": "", "thinspace": " "}
# Symbols pylatexenc's table lacks.
_EXTRA_SYMBOLS = {"ne": "≠", "|": "‖", "lbrace": "{", "rbrace": "}", "bmod": " mod ",
                  "mod": " mod ", "%": "%", "#": "#", "&": "&", "colon": ":",
                  "gets": "←", "iff": "⟺", "implies": "⟹", "dots": "…", "land": "∧",
                  "lor": "∨", "lnot": "¬", "varnothing": "∅", "prime": "′"}
# Operators whose limits may be written after them as `∑(i=1..n)`.
_BIG = frozenset({"sum", "prod", "coprod", "int", "iint", "iiint", "oint", "bigcup", "bigcap",
                  "bigoplus", "bigvee", "bigwedge", "lim", "limsup", "liminf", "max", "min",
                  "sup", "inf", "argmax", "argmin"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
_ROOTS = {"": "√", "2": "√", "3": "∛", "4": "∜"}
_SIMPLE = re.compile(r"^[√∛∜]*[\w.′∞]+$")
_BRACES_WRITTEN = re.compile(r"\\(?:\{|\}|lbrace|rbrace)")


class _Unreadable(Exception):
    """The formula has no faithful one-line text form; the caller draws it instead."""


@dataclass
class _Piece:
    """One base in a formula with the scripts written after it."""

    text: str
    big: bool = False
    sub: str | None = None
    sup: str | None = None


MAX_FORMULA_CHARS = 2000  # a long derivation is a few hundred; 10 KB took 860 MB to draw
MAX_FORMULA_NESTING = 8  # groups in groups: `\underbrace` 10 deep took 6 s, 15 deep 44 s
MAX_FORMULA_CELLS = 400  # matrix cells and lines; a 60×60 matrix took 912 MB
MAX_FORMULA_POINTS = 1000.0  # any written size (`\rule`, `\hspace`, `\kern`…), ~35 cm
_POINTS = {"pt": 1.0, "bp": 1.00375, "mm": 2.845, "cm": 28.45, "in": 72.27, "pc": 12.0,
           "dd": 1.07, "cc": 12.84, "sp": 1 / 65536, "em": 10.0, "ex": 4.3, "mu": 10 / 18,
           "px": 1.0}
_SIZE = re.compile(r"(\d{0,12}(?:\.\d{0,12})?)\s{0,4}(" + "|".join(_POINTS) + r")(?![a-z])")


def formula_refused(latex: str) -> str | None:
    """Why `latex` is too big to draw or read, else None: one bound on its length, nesting,
    cells and every size it writes, checked before any engine sees it (the engines take
    time and memory without end on such input, and recurse until Python stops them)."""
    if len(latex) > MAX_FORMULA_CHARS:
        return f"longer than {MAX_FORMULA_CHARS} characters"
    depth = deepest = 0
    previous = ""
    for char in latex:
        if previous != "\\":
            depth += (char == "{") - (char == "}")
            deepest = max(deepest, depth)
        previous = "" if previous == "\\" else char
    if deepest > MAX_FORMULA_NESTING or latex.count("\\left") > MAX_FORMULA_NESTING * 4:
        return f"nested more than {MAX_FORMULA_NESTING} deep"
    if latex.count("&") + latex.count("\\\\") > MAX_FORMULA_CELLS:
        return f"more than {MAX_FORMULA_CELLS} cells"
    for number, unit in _SIZE.findall(latex):
        if number.strip(".") and float(number) * _POINTS[unit] > MAX_FORMULA_POINTS:
            return f"a size of {number}{unit} (at most {MAX_FORMULA_POINTS:.0f}pt)"
    return None


def latex_to_text(latex: str) -> str | None:
    """Readable one-line text for inline LaTeX, or None when only a picture would be faithful.

    The result never holds `\\`, `^` or `_`, nor braces unless the LaTeX wrote them
    (`\\{1, 2\\}`).
    """
    from pylatexenc.latexwalker import (
        LatexWalker, LatexWalkerError)

    try:
        walker = LatexWalker(latex, latex_context=_parser_macros(), tolerant_parsing=False)
        nodes, _, _ = walker.get_latex_nodes()
        text = _Walker().nodes(nodes)
    except (LatexWalkerError, _Unreadable, IndexError, ValueError):
        return None
    text = " ".join(text.split())
    if not text or any(mark in text for mark in "\\^_"):
        return None
    if ("{" in text or "}" in text) and not _BRACES_WRITTEN.search(latex):
        return None
    return text


@functools.cache
def _parser_macros() -> Any:
    """pylatexenc's macro table plus the arguments of amsmath macros it does not know."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import std_macro

    macros = get_default_latex_context_db()
    macros.add_context_category("amsmath-extra", prepend=True,
                                macros=[std_macro("binom", False, 2),
                                        std_macro("pmod", False, 1)])
    return macros


class _Walker:
    """Lays pylatexenc's nodes out as text; raises `_Unreadable` where it cannot."""

    def __init__(self) -> None:
        from pylatexenc.latex2text import (
            LatexNodes2Text, get_default_latex_context_db)

        self._symbols = get_default_latex_context_db()
        self._fallback = LatexNodes2Text(math_mode="text")

    def nodes(self, nodes: list[Any] | None) -> str:
        """A node list, with `^`/`_` attached to the base before them."""
        pieces: list[_Piece] = []
        script: str | None = None
        skip_delimiter_dot = False
        for atom in self._atoms(nodes or []):
            if script is not None:
                if isinstance(atom, str) and atom.isspace():
                    continue
                self._attach(pieces, script, self._atom(atom).text)
                script = None
            elif isinstance(atom, str) and atom in ("^", "_"):
                script = atom
            elif skip_delimiter_dot and isinstance(atom, str) and atom == ".":
                skip_delimiter_dot = False
            else:
                skip_delimiter_dot = _macro_name(atom) in ("left", "right", "middle")
                pieces.append(self._atom(atom))
        if script is not None:
            raise _Unreadable("a script with nothing after it")
        return "".join(_lay_out(piece) for piece in pieces)

    @staticmethod
    def _atoms(nodes: list[Any]) -> list[Any]:
        """Characters one by one, other nodes whole; comments dropped."""
        atoms: list[Any] = []
        for node in nodes:
            kind = type(node).__name__
            if kind == "LatexCharsNode":
                atoms.extend(node.chars)
            elif kind in ("LatexGroupNode", "LatexMacroNode", "LatexSpecialsNode"):
                atoms.append(node)
            elif kind != "LatexCommentNode":
                raise _Unreadable(kind)  # environments, nested math
        return atoms

    @staticmethod
    def _attach(pieces: list[_Piece], script: str, text: str) -> None:
        if not pieces:
            pieces.append(_Piece(""))
        piece = pieces[-1]
        if (piece.sup if script == "^" else piece.sub) is not None:
            raise _Unreadable("double script")
        if script == "^":
            piece.sup = text
        else:
            piece.sub = text

    def _atom(self, atom: Any) -> _Piece:
        if isinstance(atom, str):
            return _Piece("′" if atom == "'" else atom)
        kind = type(atom).__name__
        if kind == "LatexGroupNode":
            return _Piece(self.nodes(atom.nodelist))
        if kind == "LatexCharsNode":  # an argument written without braces: \frac12
            return _Piece(atom.chars)
        if kind == "LatexSpecialsNode":
            return _Piece(_special(atom.specials_chars))
        if kind == "LatexMacroNode":
            return self._macro(atom)
        raise _Unreadable(kind)

    def _macro(self, node: Any) -> _Piece:
        name = node.macroname
        args = list(node.nodeargd.argnlist) if node.nodeargd is not None else []
        after = " " if node.macro_post_space and not args else ""
        if name == "\\":
            raise _Unreadable("several lines")
        if name in _FRACTIONS:
            return _Piece(self._fraction(args[-2], args[-1]))
        if name == "sqrt":
            return _Piece(self._root(args[-2], args[-1]))
        if name == "binom":
            return _Piece(f"C({self._arg(args[-2])}, {self._arg(args[-1])})")
        if name == "pmod":
            return _Piece(f" (mod {self._arg(args[-1])})")
        if name in _PLAIN_ARGUMENT:
            return _Piece(self._arg(args[-1]) if args else "")
        if name in _SIZING:
            return _Piece("")
        if name in _SPACES:
            return _Piece(_SPACES[name])
        if name in _STYLED:
            return _Piece(self._fallback.nodelist_to_text([node]))
        return _Piece(self._symbol(name) + after, big=name in _BIG)

    def _symbol(self, name: str) -> str:
        if name in _EXTRA_SYMBOLS:
            return _EXTRA_SYMBOLS[name]
        spec = self._symbols.get_macro_spec(name)
        replacement = getattr(spec, "simplify_repl", None)
        if isinstance(replacement, str) and "%" not in replacement:
            return replacement
        raise _Unreadable(f"\\{name}")

    def _arg(self, node: Any) -> str:
        if node is None:
            raise _Unreadable("missing argument")
        return " ".join(self._atom(node).text.split())

    def _fraction(self, numerator: Any, denominator: Any) -> str:
        top, bottom = self._arg(numerator), self._arg(denominator)
        if "/" in top or "/" in bottom:
            raise _Unreadable("nested fraction")
        return f"{_wrap(top)}/{_wrap(bottom)}"

    def _root(self, index: Any, radicand: Any) -> str:
        degree = "" if index is None else self._arg(index)
        if degree not in _ROOTS:
            raise _Unreadable("root of high degree")
        return _ROOTS[degree] + _wrap(self._arg(radicand))


def _macro_name(atom: Any) -> str:
    return str(getattr(atom, "macroname", ""))


def _special(chars: str) -> str:
    """pylatexenc reads `~`, `''` and `&` as specials; only the first two have text."""
    known = {"~": " ", "''": "″", "--": "-", "---": "-"}
    if chars not in known:
        raise _Unreadable(chars)
    return known[chars]


def _wrap(text: str) -> str:
    """Parenthesise a fraction part or radicand unless it reads as one symbol."""
    if _SIMPLE.match(text) or (text.startswith("(") and text.endswith(")")
                               and text.count("(") == 1):
        return text
    return f"({text})"


def _lay_out(piece: _Piece) -> str:
    """A base with Unicode scripts, or `∑(i=1..n)` for a big operator's limits."""
    if piece.sub is None and piece.sup is None:
        return piece.text
    sub = _scripted(piece.sub or "", _SUBSCRIPTS)
    sup = _scripted(piece.sup or "", _SUPERSCRIPTS)
    if sub is not None and sup is not None:
        return piece.text.rstrip() + sub + sup
    if piece.big and piece.sub is not None:
        lower = " ".join(piece.sub.split())
        limits = f"{lower}..{' '.join(piece.sup.split())}" if piece.sup else lower
        return f"{piece.text.rstrip()}({limits})"
    raise _Unreadable("a script Unicode cannot write")


def _scripted(text: str, table: dict[str, str]) -> str | None:
    compact = "".join(text.split())
    if not all(char in table for char in compact):
        return None
    return "".join(table[char] for char in compact)


def readable_math(latex: str, text: str | None) -> str:
    """What a slide shows for inline math: `text` from `latex_to_text`, else pylatexenc's
    looser rendering (`e^iπ`), which may keep a `^` but never a backslash macro."""
    if text is not None:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        loose = LatexNodes2Text(math_mode="text").latex_to_text(latex)
    except Exception:  # pylatexenc is tolerant; anything left over keeps the source readable
        loose = latex
    return " ".join(loose.replace("\\", "").split()) or latex
