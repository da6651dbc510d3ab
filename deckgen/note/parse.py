"""Markdown (CommonMark + tables, strikethrough, front matter, Obsidian rules) to a `Note`.

markdown-it-py does the parsing; this module only consumes its token stream into our own
model, keeping source line numbers so warnings can point at the note.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from ..errors import BuildWarning
from .model import (Marks, is_external, merge_neighbours, strip_tags, unique_links, Block, Callout, CodeBlock, Heading, Image, ImageRef, Inline, Link,
                    ListBlock, ListItem, Note, Paragraph, Rule, Section, Span, Table, plain)
from .html import html_text
from .obsidian import obsidian_plugin
from .read import Source

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp",
                            ".svg", ".avif", ".heic", ".ico"})
_ALT_SIZE = re.compile(r"(\d+)(?:\s*x\s*(\d+))?")  # the stripped text after the last '|'



@functools.cache
def markdown() -> MarkdownIt:
    """The parser every note goes through; one place to change the dialect."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(gfm_autolink_plugin).use(obsidian_plugin)
    # markdown-it drops file:/data: links, leaving their syntax as text on the slide; we never
    # fetch or open a link ourselves, so keep every one and judge images in vault.py.
    md.validateLink = lambda url: True
    return md


def parse_note(source: Source) -> tuple[Note, list[BuildWarning]]:
    """Parse a note; problems that do not stop the build come back as warnings."""
    tokens = markdown().parse(source.text)
    reader = _TokenReader(tokens)
    items = reader.read_all()
    meta = _front_matter(tokens, reader.warnings)
    preamble, sections = _sections(items)
    preamble, references = _split_references(preamble)
    note = Note(path=str(source.path), meta=meta, preamble=preamble, sections=sections,
                tags=tuple(dict.fromkeys(reader.tags)), references=references,
                links=tuple(unique_links(reader.links)))
    return note, reader.warnings


def _front_matter(tokens: list[Token], warnings: list[BuildWarning]) -> dict:
    for token in tokens:
        if token.type != "front_matter":
            continue
        from .frontmatter import load_front_matter  # only notes with front matter pay for YAML

        data = load_front_matter(token.content, warnings)
        if data is None:
            return {}
        if not isinstance(data, dict):
            warnings.append(BuildWarning("front matter is not a mapping of keys; ignored", 1))
            return {}
        return {str(key): value for key, value in data.items()}
    return {}


@dataclass
class _HeadingMark:
    level: int
    spans: Inline
    line: int


@dataclass
class _SectionBuilder:
    level: int
    title: Inline
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list["_SectionBuilder"] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(self.level, self.title, self.line, tuple(self.blocks),
                       tuple(child.freeze() for child in self.children))


def _sections(items: list[Block | _HeadingMark]) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    preamble: list[Block] = []
    top: list[_SectionBuilder] = []
    stack: list[_SectionBuilder] = []
    for item in items:
        if isinstance(item, _HeadingMark):
            section = _SectionBuilder(item.level, item.spans, item.line)
            while stack and stack[-1].level >= item.level:
                stack.pop()
            (stack[-1].children if stack else top).append(section)
            stack.append(section)
        elif stack:
            stack[-1].blocks.append(item)
        else:
            preamble.append(item)
    return tuple(preamble), tuple(s.freeze() for s in top)


def _split_references(preamble: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    """A paragraph or list made only of links, before the first heading, is a reference list."""
    kept: list[Block] = []
    refs: list[Link] = []
    for block in preamble:
        links = _only_links(block)
        if links:
            refs.extend(links)
        else:
            kept.append(block)
    return tuple(kept), tuple(unique_links(refs))


def _only_links(block: Block) -> list[Link]:
    if isinstance(block, Paragraph):
        spans = [s for s in block.spans if not s.is_break and s.text.strip()]
        if spans and all(s.link for s in spans):
            return _links_of(block.spans, block.line)
    if isinstance(block, ListBlock):
        found: list[Link] = []
        for item in block.items:
            if len(item.blocks) != 1 or not (links := _only_links(item.blocks[0])):
                return []
            found.extend(links)
        return found
    return []


def _links_of(spans: Inline, line: int) -> list[Link]:
    """Adjacent spans with the same URL form one link; its text is their text."""
    out: list[Link] = []
    current_url, current_text, current_line = None, [], line
    for span in spans:
        if span.is_break:
            line += 1
        if span.link != current_url:
            if current_url:
                out.append(Link(" ".join("".join(current_text).split()), current_url, current_line))
            current_url, current_text, current_line = span.link, [], line
        if span.link:
            current_text.append(span.text)
    if current_url:
        out.append(Link(" ".join("".join(current_text).split()), current_url, current_line))
    return out


class _TokenReader:
    """Walks markdown-it's flat token list and builds our blocks."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.pos = 0
        self.warnings: list[BuildWarning] = []
        self.tags: list[str] = []
        self.links: list[Link] = []

    def read_all(self) -> list[Block | _HeadingMark]:
        out: list[Block | _HeadingMark] = []
        while self.pos < len(self.tokens):
            out.extend(self._block())
        return out

    def _read_until(self, close_type: str) -> list[Block | _HeadingMark]:
        out: list[Block | _HeadingMark] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close_type:
            out.extend(self._block())
        self.pos += 1  # the closing token
        return out

    def _nested(self, close_type: str) -> tuple[Block, ...]:
        """Blocks inside a list item or quote; a heading there becomes a Heading block."""
        out: list[Block] = []
        for item in self._read_until(close_type):
            out.append(Heading(item.level, item.spans, item.line)
                       if isinstance(item, _HeadingMark) else item)
        return tuple(out)

    def _block(self) -> list[Block | _HeadingMark]:
        token = self.tokens[self.pos]
        line = token.map[0] + 1 if token.map else 1
        kind = token.type
        if kind == "heading_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            spans = tuple(s for s in self._inline(inline, line) if isinstance(s, Span))
            return [_HeadingMark(int(token.tag[1]), spans, line)]
        if kind == "paragraph_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            return self._paragraph(self._inline(inline, line), line)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return [self._list(token, line)]
        if kind in ("fence", "code_block"):
            self.pos += 1
            language = (token.info or "").strip().split(" ")[0] if kind == "fence" else ""
            return [CodeBlock(token.content.rstrip("\n"), line, language)]
        if kind == "table_open":
            return [self._table(line)]
        if kind == "blockquote_open":
            self.pos += 1
            meta = token.meta or {}
            blocks = self._nested("blockquote_close")
            title = self._inline_text(meta.get("title", ""), line)
            return [Callout(meta.get("callout", "quote"), title, blocks, line)]
        if kind == "hr":
            self.pos += 1
            return [Rule(line)]
        if kind == "html_block":
            self.pos += 1
            return self._html_block(token.content, line)
        self.pos += 1  # front matter, comments and anything we do not show
        return []

    def _list(self, token: Token, line: int) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        delimiter = token.markup if ordered else ""
        self.pos += 1
        items: list[ListItem] = []
        while self.tokens[self.pos].type != close:
            item_token = self.tokens[self.pos]
            item_line = item_token.map[0] + 1 if item_token.map else line
            number = int(item_token.info) if ordered and item_token.info.isdigit() else None
            self.pos += 1
            blocks = self._nested("list_item_close")
            blocks, checked = _task_marker(blocks)
            items.append(ListItem(blocks, item_line, number, checked))
        self.pos += 1
        return ListBlock(tuple(items), line, ordered, delimiter or ".")

    def _table(self, line: int) -> Table:
        header: list[Inline] = []
        rows: list[tuple[Inline, ...]] = []
        aligns: list[str] = []
        row: list[Inline] = []
        in_head = False
        while True:
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(tuple(row))
            elif token.type in ("th_open", "td_open"):
                if in_head:
                    style = token.attrGet("style") or ""
                    aligns.append(style.replace("text-align:", "").strip())
                inline = self.tokens[self.pos]
                cell_line = inline.map[0] + 1 if inline.map else line
                row.append(tuple(s for s in self._inline(inline, cell_line) if isinstance(s, Span)))
        return Table(tuple(header), tuple(rows), line, tuple(aligns))

    def _html_block(self, html: str, line: int) -> list[Block]:
        text = html_text(html)  # one pass: regexes rescanned from every '<'
        lines = [" ".join(part.split()) for part in text.split("\n")]
        spans: list[Span] = []
        for part in (p for p in lines if p):
            if spans:
                spans.append(Span("\n"))
            spans.append(Span(_unescape(part)))
        return [Paragraph(tuple(spans), line)] if spans else []

    def _paragraph(self, pieces: list[Span | ImageRef], line: int) -> list[Block]:
        """Split a paragraph at its images: text, image, text... each its own block."""
        out: list[Block] = []
        spans: list[Span] = []
        span_line = line

        def flush() -> None:
            trimmed = _trim_breaks(spans)
            if trimmed and plain(trimmed):
                out.append(Paragraph(trimmed, span_line))
            spans.clear()

        current = line
        for piece in pieces:
            if isinstance(piece, ImageRef):
                flush()
                out.append(Image(piece))
                span_line = piece.line
            else:
                if not any(not s.is_break for s in spans) and not piece.is_break:
                    span_line = current
                spans.append(piece)
                if piece.is_break:
                    current += 1
        flush()
        return out

    def _inline_text(self, text: str, line: int) -> Inline:
        if not text:
            return ()
        tokens = markdown().parseInline(text)
        return tuple(s for s in self._inline(tokens[0], line) if isinstance(s, Span))

    def _inline(self, inline: Token, line: int) -> list[Span | ImageRef]:
        """Inline children to spans (with marks) and image references, in order."""
        out: list[Span | ImageRef] = []
        marks: dict[str, int] = {"bold": 0, "italic": 0, "strike": 0, "highlight": 0}
        links: list[str | None] = []
        link_start = 0
        for child in inline.children or []:
            kind = child.type
            link = next((url for url in reversed(links) if url), None) if links else None

            span = functools.partial(_marked, marks=dict(marks), link=link)

            if kind == "text":
                out.append(span(child.content))
            elif kind == "code_inline":
                out.append(span(child.content, code=True))
            elif kind in ("softbreak", "hardbreak"):
                out.append(Span("\n"))
                line += 1
            elif kind in ("strong_open", "strong_close"):
                marks["bold"] += 1 if kind.endswith("open") else -1
            elif kind in ("em_open", "em_close"):
                marks["italic"] += 1 if kind.endswith("open") else -1
            elif kind in ("s_open", "s_close"):
                marks["strike"] += 1 if kind.endswith("open") else -1
            elif kind in ("highlight_open", "highlight_close"):
                marks["highlight"] += 1 if kind.endswith("open") else -1
            elif kind == "link_open":
                links.append(child.attrGet("href") or None)
                link_start = len(out)
            elif kind == "link_close":
                url = links.pop() if links else None
                if url and is_external(url):
                    text = plain(tuple(s for s in out[link_start:] if isinstance(s, Span)))
                    self.links.append(Link(text or url, url, line))
            elif kind == "image":
                out.append(self._markdown_image(child, line))
            elif kind == "obsidian_embed":
                out.append(self._embed(child, line, span))
            elif kind == "wikilink":
                out.append(span(child.content))
            elif kind == "tag":
                if link:
                    out.append(span(child.content))
                else:
                    self.tags.append(child.meta["tag"])
            elif kind == "html_inline":
                if re.match(r"<br\s*/?>", child.content, re.I):
                    out.append(Span("\n"))
        return _merge(out)

    def _markdown_image(self, token: Token, line: int) -> Span | ImageRef:
        src = unquote(token.attrGet("src") or "")
        alt = token.content or ""
        width = height = None
        head, bar, tail = alt.rpartition("|")  # no regex over the alt: no backtracking
        if bar and (match := _ALT_SIZE.fullmatch(tail.strip())):
            alt, width = head, int(match.group(1))
            height = int(match.group(2)) if match.group(2) else None
        return ImageRef(src, alt.strip(), line, width, height, embed=False)

    def _embed(self, token: Token, line: int, span) -> Span | ImageRef:
        target = token.meta["target"]
        name, _, _ = target.partition("#")
        if PurePosixPath(name).suffix.lower() in IMAGE_SUFFIXES:
            return ImageRef(name, token.content.strip(), line, token.meta["width"],
                            token.meta["height"], embed=True)
        shown = name.strip() or target.strip()
        self.warnings.append(BuildWarning(
            f"embedded note '{shown}' is not transcluded; its name is shown instead", line))
        return span(shown)


def _marked(text: str, marks: dict[str, int], link: str | None, code: bool = False) -> Span:
    """A span carrying the marks open at this point of the inline stream."""
    return Span(text, Marks(bold=marks["bold"] > 0, italic=marks["italic"] > 0, code=code,
                            highlight=marks["highlight"] > 0, strike=marks["strike"] > 0,
                            link=link))


def _task_marker(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], bool | None]:
    if not blocks or not isinstance(blocks[0], Paragraph) or not blocks[0].spans:
        return blocks, None
    first = blocks[0].spans[0]
    match = re.match(r"^\[([ xX])\]\s+", first.text)
    if not match or first.code:
        return blocks, None
    rest = (replace(first, text=first.text[match.end():]),) + blocks[0].spans[1:]
    return (Paragraph(rest, blocks[0].line),) + blocks[1:], match.group(1) != " "


def _merge(pieces: list[Span | ImageRef]) -> list[Span | ImageRef]:
    """Join neighbouring spans with the same marks; line breaks and pictures stay apart."""
    out: list[Span | ImageRef] = []
    run: list[Span] = []
    for piece in pieces:
        if isinstance(piece, Span) and not piece.is_break:
            if piece.text:
                run.append(piece)
            continue
        out.extend(merge_neighbours(run))
        run = []
        out.append(piece)
    out.extend(merge_neighbours(run))
    return out


def _trim_breaks(spans: list[Span]) -> Inline:
    start, end = 0, len(spans)
    while start < end and (spans[start].is_break or not spans[start].text.strip()):
        start += 1
    while end > start and (spans[end - 1].is_break or not spans[end - 1].text.strip()):
        end -= 1
    return tuple(spans[start:end])


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)
