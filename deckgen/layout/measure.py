"""Measuring and wrapping text in the fonts the deck names, with Pillow.

PowerPoint only shrinks overflowing text after the user edits it, so deckgen measures text
itself. Widths are taken per character from the face's own font and from a wide stand-in
(NanumGothic, close to Malgun Gothic), whichever is wider, plus a margin: the text still
fits when a viewer without our fonts substitutes a wider one.

Korean wraps at the spaces between words (어절); a word is split only when it is longer
than a whole line. Renderers that may break more freely (LibreOffice also breaks after
'/') then need at most as many lines as we counted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from ..fonts import EMOJI_FILE, clusters, covers, is_emoji, is_emoji_sequence, packaged_path
from ..plan.talk import Text
from ..theme import EMOJI, Face
from .glyphs import face_segments

STAND_IN = "NanumGothic.ttf"
WIDTH_MARGIN = 1.04  # on top of the wider of face and stand-in
CODE_WIDTH_MARGIN = 1.10  # monospace substitutes (Consolas, Courier) run wider than ours
_UNIT = 1000  # measure at 1000 px per em, then scale: one font object per file
# LibreOffice puts extra space between Hangul and Latin letters, digits or punctuation
# ("도커란 ?"); PowerPoint does not. Leave room for it so both fit.
AUTOSPACE_EM = 0.25
# Closing punctuation never starts a line: LibreOffice and PowerPoint keep it on the line
# before, past the box's edge if need be, so it is measured as part of the word before it.
CLOSING = ".,!?)]}」』》〉。、，．！？）"
OPENING = "([{"
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_SCRIPT_CHANGE = re.compile(r"(?<=[\uac00-\ud7a3])(?=[!-~])|(?<=[!-~])(?=[\uac00-\ud7a3])")


@dataclass(frozen=True)
class Style:
    """How a run is set: which face for text and code, what stands in for missing glyphs."""

    text: Face
    code: Face
    fallbacks: tuple[Face, ...]
    bold: bool = False


class Measurer:
    """Character advances in em, cached per (font file, character)."""

    def __init__(self, font_files: dict[str, Path] | None = None, exact: bool = False):
        # exact: the face's own widths, no stand-in and no margin: how a viewer that has our
        # fonts breaks the lines (the HTML page draws them so, `lines.py`)
        self.exact = exact
        self._fonts: dict[str, ImageFont.FreeTypeFont] = {}
        self._advance: dict[tuple[str, str], float] = {}
        self._ems: dict[tuple[str, Style, bool], float] = {}
        self._wraps: dict[tuple, list[str]] = {}
        self._extra_files = font_files or {}
        self._twin: Measurer | None = None

    def drawn(self) -> Measurer:
        """The exact twin of this measurer (itself when exact): lines as a viewer with our
        fonts breaks them, for what grows to fit its text anyway, like a table's rows."""
        if self.exact:
            return self
        if self._twin is None:
            self._twin = Measurer(self._extra_files, exact=True)
        return self._twin

    @property
    def loaded_fonts(self) -> frozenset[str]:
        """The font files read so far (a warm process reads each once)."""
        return frozenset(self._fonts)

    def _font(self, file_name: str) -> ImageFont.FreeTypeFont | None:
        if file_name not in self._fonts:
            path = self._extra_files.get(file_name) or packaged_path(file_name)
            try:
                self._fonts[file_name] = ImageFont.truetype(str(path), _UNIT)
            except OSError:
                self._fonts[file_name] = None  # type: ignore[assignment]
        return self._fonts[file_name]

    def advance(self, char: str, file_name: str) -> float:
        key = (file_name, char)
        cached = self._advance.get(key)
        if cached is None:
            font = self._font(file_name) if file_name else None
            cached = font.getlength(char) / _UNIT if font is not None else _fallback_em(char)
            self._advance[key] = cached
        return cached

    def char_em(self, char: str, drawn_by: Face, base: Face, bold: bool = False) -> float:
        """Width of one character in em, drawn by `drawn_by` (a run in `base`): the wider of
        that face and the stand-in."""
        if char in "\u200b\u200c\u200d\ufe0e\ufe0f" or unicodedata.category(char) == "Mn":
            return 0.0
        if drawn_by is EMOJI and not covers(EMOJI_FILE, char):
            own = _fallback_em(char)  # no face of ours draws it: a wide square glyph
        elif drawn_by.regular:
            file_name = drawn_by.bold if bold and drawn_by.bold else drawn_by.regular
            own = self.advance(char, file_name)
        else:
            own = self.advance(char, STAND_IN)
        if self.exact:
            return own
        stand_in = self.advance(char, STAND_IN) if covers(STAND_IN, char) else own
        if bold and not (base.bold or base.synthetic_bold):
            own *= 1.05
        return max(own, stand_in)

    def _segment_em(self, text: str, drawn_by: Face, base: Face, bold: bool) -> float:
        """An emoji sequence is one glyph of the emoji font; other units add up by character."""
        total = 0.0
        for unit in clusters(text):
            if is_emoji_sequence(unit) or is_emoji(unit[0]):
                total += max(self.advance(unit[0], EMOJI_FILE), _fallback_em(unit[0]))
            else:
                total += sum(self.char_em(ch, drawn_by, base, bold) for ch in unit)
        return total

    def width(self, text: str, size: float, style: Style, code: bool = False) -> float:
        """Width in points of `text` at `size` points, margins included: each piece in the
        face that draws it (`glyphs.face_segments`, the rule the deck is written with)."""
        key = (text, style, code)
        em = self._ems.get(key)
        if em is None:
            face = style.code if code else style.text
            em = sum(self._segment_em(piece, drawn_by, face, style.bold)
                     for piece, drawn_by in face_segments(text, face, style.fallbacks))
            if not code:
                em += AUTOSPACE_EM * len(_SCRIPT_CHANGE.findall(text))
            self._ems[key] = em
        if self.exact:
            return em * size
        return em * size * (CODE_WIDTH_MARGIN if code else WIDTH_MARGIN)

    def runs_width(self, runs: Text, size: float, style: Style) -> float:
        return sum(self.width(run.text, size, style, run.code) for run in runs)

    def wrap(self, runs: Text, size: float, width: float, style: Style,
             first_indent: float = 0.0) -> list[str]:
        """Greedy wrap at spaces; returns the lines (their text) that fit in `width` points."""
        key = (runs, size, round(width, 3), style, first_indent)
        cached = self._wraps.get(key)
        if cached is None:
            cached = self._wrap(runs, size, width, style, first_indent)
            self._wraps[key] = cached
        return cached

    def _wrap(self, runs: Text, size: float, width: float, style: Style,
              first_indent: float) -> list[str]:
        tokens = _tokens(runs, self.exact)
        lines: list[str] = []
        current, current_w = "", 0.0
        limit = width - first_indent
        for text, code in tokens:
            token_w = self.width(text, size, style, code)
            trimmed_w = self.width(text.rstrip(), size, style, code)
            if current and current_w + trimmed_w > limit:
                lines.append(current.rstrip())
                current, current_w = "", 0.0
                limit = width
                if text.isspace():
                    continue
            if not current and trimmed_w > limit:
                pieces = self._split_long(text, size, limit, width, style, code)
                lines.extend(pieces[:-1])
                current = pieces[-1]
                current_w = self.width(current, size, style, code)
                limit = width
                continue
            current += text
            current_w += token_w
        if current.strip() or not lines:
            lines.append(current.rstrip())
        return lines

    def _split_long(self, text: str, size: float, first_limit: float, limit: float,
                    style: Style, code: bool) -> list[str]:
        """A word longer than the line is cut where it must be, character by character."""
        pieces, current, allowed = [], "", first_limit
        for ch in text:  # measured as a whole: the space between scripts counts too
            if current and self.width(current + ch, size, style, code) > allowed \
                    and not ch.isspace():
                carried = _carried(current) if ch in CLOSING else ""
                pieces.append(current[:len(current) - len(carried)])
                current, allowed = carried, limit
            current += ch
        pieces.append(current)
        return pieces


def _carried(current: str) -> str:
    """What moves to the next line with a closing mark: the character before it (and the
    marks already after that character), unless that would leave nothing behind."""
    keep = len(current) - 1
    while keep > 0 and current[keep] in CLOSING:
        keep -= 1
    return current[keep:] if keep > 0 else ""


def _tokens(runs: Text, before_brackets: bool = False) -> list[tuple[str, bool]]:
    """Words with their trailing space; CJK ideographs and kana may break anywhere; with
    `before_brackets`, a line may also break between Hangul and an opening bracket, as
    LibreOffice's (ICU's) line breaking does ("전용" | "(Read-only)")."""
    out: list[tuple[str, bool]] = []
    for run in runs:
        word = ""
        for ch in run.text:
            if ch == "\n":
                ch = " "
            if not run.code and _after_hyphen(word, ch):  # "Typo-" | "tolerance"
                out.append((word, run.code))
                word = ""
            if ch in CLOSING and not word and out and not out[-1][0].endswith(" "):
                word = out.pop()[0]  # "字。": the mark goes with the glyph before it
            if word and not word.endswith(" ") and (_breaks_anywhere(ch) or (
                    before_brackets and ch in OPENING and _HANGUL_SYLLABLE.match(word[-1]))):
                out.append((word, run.code))
                word = ""
            word += ch
            if ch == " " or _breaks_anywhere(ch):
                out.append((word, run.code))
                word = ""
        if word:
            out.append((word, run.code))
    return _join_glued(out, before_brackets)


def _join_glued(tokens: list[tuple[str, bool]], before_brackets: bool = False
                ) -> list[tuple[str, bool]]:
    """Runs split a word (bold part + plain part, '컨테이너' + '를'): no break between them."""
    out: list[tuple[str, bool]] = []
    for text, code in tokens:
        bracket = before_brackets and text[0] in OPENING and out \
            and _HANGUL_SYLLABLE.match(out[-1][0][-1]) is not None
        if out and not out[-1][0].endswith(" ") and not _breaks_anywhere(out[-1][0][-1]) \
                and not (out[-1][0][-1] in CLOSING and _breaks_anywhere(text[0])) and not bracket \
                and not (not code and _after_hyphen(out[-1][0], text)):
            prev_text, prev_code = out[-1]
            out[-1] = (prev_text + text, prev_code or code)
        else:
            out.append((text, code))
    return out


def _after_hyphen(before: str, after: str) -> bool:
    """A line may break after a hyphen or a slash between letters ("Typo-" | "tolerance",
    "Shard/" | "Replica"), as LibreOffice (ICU) breaks it."""
    return len(before) > 1 and before[-1] in "-/" and before[-2].isalpha() and after[:1].isalpha()


def _breaks_anywhere(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3040 <= cp <= 0x30FF or 0x3400 <= cp <= 0x4DBF
            or 0xF900 <= cp <= 0xFAFF)


def _fallback_em(char: str) -> float:
    """Characters no font of ours has (emoji): assume a wide square glyph."""
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) > 0xFFFF:
        return 1.25
    return 0.7
