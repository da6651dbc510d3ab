"""CJK-friendly emphasis, strikethrough and `==highlight==` for markdown-it-py.

CommonMark decides whether a run of `*`, `_` or `~` may open or close by looking at the
characters on either side (the left/right-flanking rule). That rule assumes words are
separated by spaces, so Korean, which glues particles straight onto a word, loses bold
phrases that end in punctuation: `**도커(Docker)**는` stays literal because the closing `**`
has `)` inside and a letter outside (commonmark-spec issue 650). The CJK-friendly
amendment proposed for the spec (commonmark-spec PR 839) fixes this by letting a CJK
character on one side stand in for the space a Latin sentence would have there, and by not
counting CJK punctuation (`。`, `「`) as punctuation. This module implements that amendment
on top of markdown-it's own delimiter machinery: our tokenize rules only decide
`can_open`/`can_close` differently and push the same `Delimiter` records, so markdown-it's
`balance_pairs` and its emphasis/strikethrough post-processing pair them as usual.

Without a CJK character next to a delimiter run every decision is exactly CommonMark's, so
English notes parse as before.

Public API:

- `cjk_emphasis_plugin(md)` replaces the `emphasis` (`*`, `_`) and `strikethrough` (`~~`)
  tokenize rules.
- `highlight_plugin(md)` adds Obsidian's `==highlight==` as a delimiter rule (always
  CJK-aware) emitting `highlight_open`/`highlight_close` tokens with tag `mark`.
- `scan_delims(state, start, can_split_word)` is the CJK-aware stand-in for
  `StateInline.scanDelims`, for other delimiter plugins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex
from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import strikethrough as stock_strikethrough
from markdown_it.rules_inline.state_inline import Delimiter, Scanned

# A CJK character per the amendment: East Asian Width W, F or H but not an emoji that shows
# as a picture by default (emoji are W too), or anything in the Hangul script (syllables,
# jamo, compatibility jamo, halfwidth jamo).
_CJK = regex.compile(
    r"(?V1)[[[\p{East_Asian_Width=W}\p{East_Asian_Width=F}\p{East_Asian_Width=H}]"
    r"--\p{Emoji_Presentation}]\p{Script=Hangul}]")
# Variation selectors that may follow a CJK character without making it an emoji
# (U+FE0F, the emoji presentation selector, is left out on purpose).
_TEXT_VARIATION_SELECTORS = range(0xFE00, 0xFE0F)
# Ideographic variation selectors (Variation Selectors Supplement): only ever after a Han
# character, so they count as CJK themselves.
_IDEOGRAPHIC_VARIATION_SELECTORS = range(0xE0100, 0xE01F0)

_TILDE = "~"
_EQUALS = "="


@dataclass(frozen=True)
class Neighbour:
    """How the character beside a delimiter run counts for the flanking rules.

    `punct` is CommonMark's Unicode punctuation (CJK punctuation included); `cjk` marks a
    CJK character (a CJK punctuation mark is both).
    """

    space: bool
    punct: bool
    cjk: bool

    @property
    def latin_punct(self) -> bool:
        """Punctuation that is not CJK: the only kind the amendment still treats as such."""
        return self.punct and not self.cjk


def is_cjk(char: str) -> bool:
    """True for one CJK character (Hangul, kana, Han, fullwidth forms; not emoji)."""
    return _CJK.match(char) is not None


def _classify(char: str) -> Neighbour:
    code = ord(char)
    return Neighbour(space=isWhiteSpace(code),
                     punct=isMdAsciiPunct(code) or isPunctChar(char),
                     cjk=is_cjk(char) or code in _IDEOGRAPHIC_VARIATION_SELECTORS)


def neighbour_before(src: str, start: int) -> Neighbour:
    """The character before `start`; the start of the text counts as a space.

    A variation selector after a CJK character belongs to that character (a CJK
    sequence); after anything else it stays an ordinary character, as in CommonMark.
    """
    if start <= 0:
        return _classify(" ")
    char = src[start - 1]
    if ord(char) in _TEXT_VARIATION_SELECTORS and start >= 2:
        base = _classify(src[start - 2])
        if base.cjk:
            return base
    return _classify(char)


def neighbour_after(src: str, end: int, maximum: int) -> Neighbour:
    """The character at `end`; the end of the inline text counts as a space."""
    return _classify(src[end] if end < maximum else " ")


def flanking(before: Neighbour, after: Neighbour) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) per CommonMark with the CJK amendment.

    With no CJK character on either side this is CommonMark's definition word for word.
    """
    left = not after.space and (
        not after.latin_punct or before.space or before.punct or before.cjk)
    right = not before.space and (
        not before.latin_punct or after.space or after.punct or after.cjk)
    return left, right


def can_open_close(before: Neighbour, after: Neighbour, can_split_word: bool
                   ) -> tuple[bool, bool]:
    """Whether a run between `before` and `after` may open and may close.

    For `_` (`can_split_word` False) a run that flanks both ways is inside a word and only
    counts when punctuation is beside it. CommonMark checks the punctuation on the outer
    side only; we accept it on either side. Without CJK the two checks agree (a run
    flanking both ways with punctuation inside also has punctuation outside), but with
    CJK they let `__밑줄(under)__은` close after `)` while `snake_case` and `변수_이름_값`
    stay literal.
    """
    left, right = flanking(before, after)
    if can_split_word:
        return left, right
    beside_punct = before.punct or after.punct
    return left and (not right or beside_punct), right and (not left or beside_punct)


def scan_delims(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """CJK-aware `StateInline.scanDelims`: the run of markers at `start` and its flags."""
    src, maximum = state.src, state.posMax
    marker = src[start]
    end = start
    while end < maximum and src[end] == marker:
        end += 1
    can_open, can_close = can_open_close(neighbour_before(src, start),
                                         neighbour_after(src, end, maximum), can_split_word)
    return Scanned(can_open, can_close, end - start)


def _push_delimiter(state: StateInline, content: str, length: int, scanned: Scanned) -> None:
    """One text token that post-processing may turn into a tag, and its delimiter record."""
    token = state.push("text", "", 0)
    token.content = content
    state.delimiters.append(Delimiter(marker=ord(content[0]), length=length,
                                      token=len(state.tokens) - 1, end=-1,
                                      open=scanned.can_open, close=scanned.can_close))


# -- * and _ -----------------------------------------------------------------------------

def _emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis tokenize rule with the CJK-aware scan: one delimiter a marker."""
    marker = state.src[state.pos]
    if silent or marker not in ("*", "_"):
        return False
    scanned = scan_delims(state, state.pos, marker == "*")
    for _ in range(scanned.length):
        _push_delimiter(state, marker, scanned.length, scanned)
    state.pos += scanned.length
    return True


# -- ~~ ----------------------------------------------------------------------------------

def _strikethrough(state: StateInline, silent: bool) -> bool:
    """markdown-it's `~~` rule with the CJK-aware scan.

    GitHub's single-tilde mode (`strikethrough_single_tilde` option) is left to
    markdown-it's own rule, without the CJK amendment.
    """
    if state.md.options.get("strikethrough_single_tilde"):
        return stock_strikethrough.tokenize(state, silent)
    if silent or state.src[state.pos] != _TILDE:
        return False
    scanned = scan_delims(state, state.pos, True)
    if scanned.length < 2:
        return False
    if scanned.length % 2:
        # An odd run keeps its first `~` as text; markdown-it moves it after `</s>`.
        state.push("text", "", 0).content = _TILDE
    for _ in range(scanned.length // 2):
        # length 0 switches off the "rule of 3", which is for `*` and `_` only
        _push_delimiter(state, _TILDE * 2, 0, scanned)
    state.pos += scanned.length
    return True


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    """Make `*`, `_` and `~~` CJK-friendly on `md`, keeping CommonMark for everything else.

    Rules are replaced in place, so whether `strikethrough` is enabled stays the caller's
    choice (before or after this call).
    """
    md.inline.ruler.at("emphasis", _emphasis)
    if "strikethrough" in md.inline.ruler.get_all_rules():
        md.inline.ruler.at("strikethrough", _strikethrough)


# -- ==highlight== -----------------------------------------------------------------------

def _highlight(state: StateInline, silent: bool) -> bool:
    """Exactly two `=` make a highlight delimiter; other runs (`=`, `===`) are plain text."""
    if silent or state.src[state.pos] != _EQUALS:
        return False
    scanned = scan_delims(state, state.pos, True)
    if scanned.length != 2:
        # Consume the whole run: leaving it would let its last two `=` open a highlight.
        state.push("text", "", 0).content = _EQUALS * scanned.length
    else:
        _push_delimiter(state, _EQUALS * 2, 0, scanned)
    state.pos += scanned.length
    return True


def _highlight_pairs(state: StateInline, delimiters: list[Delimiter]) -> None:
    for delimiter in delimiters:
        if delimiter.marker != ord(_EQUALS) or delimiter.end == -1:
            continue
        _make_tag(state, delimiter.token, "highlight_open", 1)
        _make_tag(state, delimiters[delimiter.end].token, "highlight_close", -1)


def _make_tag(state: StateInline, index: int, kind: str, nesting: Literal[1, -1]) -> None:
    token = state.tokens[index]
    token.type, token.tag, token.nesting = kind, "mark", nesting
    token.markup, token.content = _EQUALS * 2, ""


def _highlight_post(state: StateInline) -> None:
    """Turn paired `==` delimiters (top level and inside links) into mark tags."""
    _highlight_pairs(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _highlight_pairs(state, meta["delimiters"])


def highlight_plugin(md: MarkdownIt) -> None:
    """Add Obsidian's `==highlight==` (CJK-aware) as `highlight_open`/`highlight_close`.

    An existing inline rule named `highlight` is replaced, so an older regex-style rule
    cannot race this one.
    """
    if "highlight" in md.inline.ruler.get_all_rules():
        md.inline.ruler.at("highlight", _highlight)
    else:
        md.inline.ruler.before("emphasis", "highlight", _highlight)
    md.inline.ruler2.before("fragments_join", "highlight", _highlight_post)
