"""markdown-it-py rules for the Obsidian dialect: embeds, wikilinks, tags, comments and
callouts (`==highlight==` lives in emphasis.py, with the CJK-aware delimiter rules).

Each rule follows markdown-it's own conventions: a function that registers it, rules that
honour `silent` (look-ahead without emitting tokens) and data carried in `token.meta`, so
the parser consumes tokens rather than rendered HTML.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from .model import Demo, written_number

# A tag: '#' then letters (any script), digits, '_', '-', '/'; at least one non-digit.
_TAG = re.compile(r"#([\w/-]*[^\W\d][\w/-]*)", re.UNICODE)
_SIZE = re.compile(r"(\d+)(?:\s*x\s*(\d+))?")  # matched whole against the stripped option
_CALLOUT = re.compile(r"^\[!([A-Za-z][\w-]*)\]([+-]?)[ \t]*(.*)$")
# An Obsidian block id: `^` then letters, digits and dashes, last on the block, after a space
# (or alone on the block's last line). `x^2` and `2^10` are not ids: no space before the `^`.
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*\Z")
# an id closing a line inside a block: Obsidian links only the last, but none is text to show
_LINE_BLOCK_ID = re.compile(r"[ \t]+\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$", re.MULTILINE)


def obsidian_plugin(md: MarkdownIt) -> None:
    """Register every Obsidian rule on `md`."""
    md.block.ruler.before("paragraph", "obsidian_comment_block", _comment_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.before("emphasis", "obsidian_comment", _comment_inline)
    md.inline.ruler.before("link", "obsidian_embed", _embed)
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.inline.ruler.push("tag", _tag)
    md.core.ruler.after("block", "callout", _callouts)
    md.core.ruler.after("block", "block_id", _block_ids)


# -- %% comments %% --------------------------------------------------------------------

def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line starting with %% opens a comment that runs to the next %% (or the note's end)."""
    pos = state.bMarks[start] + state.tShift[start]
    line_end = state.eMarks[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("%%", pos):
        return False
    first = state.src[pos + 2:line_end]
    if "%%" in first:
        # One-line comment; only a block when nothing follows the closing marks.
        if first[first.index("%%") + 2:].strip():
            return False
        last = start
    else:
        last = start + 1
        while last < end and "%%" not in state.src[state.bMarks[last]:state.eMarks[last]]:
            last += 1
        last = min(last, end - 1)
    if silent:
        return True
    state.line = last + 1
    token = state.push("obsidian_comment", "", 0)
    token.map = [start, state.line]
    token.hidden = True
    token.meta = {"comment": state.getLines(start, state.line, state.blkIndent, False)}
    return True


_DEMO = re.compile(r"%%\s*demo\s+(\d{1,3}):([0-5]\d)\s*%%", re.IGNORECASE)


def demo_in(comment: str, line: int) -> Demo | None:
    """The demo a comment reserves time for (`%% demo 2:00 %%`), or None."""
    match = _DEMO.search(comment)
    if match is None:
        return None
    return Demo(int(match.group(1)) * 60 + int(match.group(2)), line)


_WIKILINK = re.compile(r"!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_MARKS = re.compile(r"==|~~")


def comment_text(comment: str) -> str:
    """What a comment says, as plain text: without its `%%` marks, its demo mark and any
    Markdown or Obsidian syntax (`**`, `[[link|alias]]`, `==`), whitespace folded."""
    text = _DEMO.sub(" ", comment).replace("%%", " ")
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    pieces = []
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                pieces.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                pieces.append(" ")
        if token.type.endswith("_close") and not token.children:
            pieces.append(" ")
    return " ".join(_MARKS.sub("", "".join(pieces)).split())


def _comment_inline(state: StateInline, silent: bool) -> bool:
    """`%% ... %%` inside a paragraph is dropped; an unclosed one drops the rest."""
    if not state.src.startswith("%%", state.pos):
        return False
    close = state.src.find("%%", state.pos + 2, state.posMax)
    end = state.posMax if close < 0 else close + 2
    if not silent:
        token = state.push("obsidian_comment", "", 0)
        token.meta = {"comment": state.src[state.pos:end]}
    state.pos = end
    return True


# -- ![[embeds]] and [[wikilinks]] -------------------------------------------------------

def _brackets(state: StateInline, opener: str) -> tuple[str, int] | None:
    if not state.src.startswith(opener, state.pos):
        return None
    start = state.pos + len(opener)
    close = _next(state, "]]", start)
    if close >= state.posMax or _next(state, "\n", start) < close or _next(state, "[[", start) < close:
        return None
    inner = state.src[start:close]
    if not inner.strip():
        return None
    return inner, close + 2


def _next(state: StateInline, needle: str, start: int) -> int:
    """Where `needle` next occurs at or after `start` (posMax if nowhere before it).

    Remembered per needle, so a run of thousands of `[[` or `![[` scans the text once
    rather than once per opener."""
    memo = state.env.setdefault("obsidian_next", {})
    key = (needle, id(state.src), state.posMax)
    known = memo.get(key)
    if known is not None and known[0] <= start <= known[1] and known[2] is state.src:
        return known[1]
    found = state.src.find(needle, start, state.posMax)
    found = state.posMax if found < 0 else found
    memo[key] = (start, found, state.src)
    return found


def _embed(state: StateInline, silent: bool) -> bool:
    found = _brackets(state, "![[")
    if found is None:
        return False
    inner, after = found
    if not silent:
        target, _, option = inner.partition("|")
        token = state.push("obsidian_embed", "img", 0)
        token.meta = {"target": target.strip(), **_size(option)}
        token.content = option if option and not _SIZE.fullmatch(option.strip()) else ""
    state.pos = after
    return True


def _size(option: str) -> dict[str, int | None]:
    match = _SIZE.fullmatch((option or "").strip())
    if not match:
        return {"width": None, "height": None}
    return {"width": written_number(match.group(1)),
            "height": written_number(match.group(2)) if match.group(2) else None}


def _wikilink(state: StateInline, silent: bool) -> bool:
    found = _brackets(state, "[[")
    if found is None:
        return False
    inner, after = found
    if not silent:
        target, _, alias = inner.partition("|")
        note, _, heading = target.partition("#")
        block = heading.startswith("^")
        heading = heading.lstrip("^")
        if alias.strip():
            shown = alias.strip()
        elif note.strip() and heading.strip():
            shown = f"{note.strip()} › {heading.strip()}"
        else:
            shown = (note or heading).strip()
        token = state.push("wikilink", "", 0)
        token.content = shown
        token.meta = {"note": note.strip(), "heading": heading.strip(), "block": block,
                      "alias": bool(alias.strip())}
    state.pos = after
    return True


# -- #tags ------------------------------------------------------------------------------

def _tag(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "#" or (pos > 0 and not state.src[pos - 1].isspace()):
        return False
    match = _TAG.match(state.src, pos, state.posMax)
    if not match:
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = match.group(0)
        token.meta = {"tag": match.group(1)}
    state.pos = match.end()
    return True


# -- > [!callout] ------------------------------------------------------------------------

def _callouts(state: StateCore) -> None:
    """Mark blockquotes that start with `[!kind] title` and take that line out of the text."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "blockquote_open":
            continue
        if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        first, _, rest = inline.content.partition("\n")
        match = _CALLOUT.match(first.strip())
        if not match:
            continue
        token.meta = {"callout": match.group(1).lower(), "fold": match.group(2),
                      "title": match.group(3).strip()}
        inline.content = rest
        if inline.map:
            inline.map = [inline.map[0] + 1, inline.map[1]]


# -- ^block-ids --------------------------------------------------------------------------

def _block_ids(state: StateCore) -> None:
    """Take a trailing `^id` off every block's text and keep it in `meta["block_id"]`.

    A block that was only an id (`^id` on its own line after a list or table) gets
    `meta["alone"]`: the id names the block before it, as in Obsidian.
    """
    for token in state.tokens:
        if token.type != "inline":
            continue
        if "^" in token.content and "\n" in token.content:
            last, newline, rest = token.content.rpartition("\n")
            token.content = _LINE_BLOCK_ID.sub("", last) + newline + rest
        match = _BLOCK_ID.search(token.content)
        if not match:
            continue
        token.content = token.content[:match.start()].rstrip()
        token.meta = {**(token.meta or {}), "block_id": match.group(1),
                      "alone": not token.content.strip()}
