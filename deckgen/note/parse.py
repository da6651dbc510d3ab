"""Markdown (CommonMark + tables, strikethrough, front matter, Obsidian rules) to a `Note`.

markdown-it-py does the parsing; this module only consumes its token stream into our own
model, keeping source line numbers so warnings can point at the note.
"""

from __future__ import annotations

import functools
from typing import assert_never
import re
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from ..errors import BuildWarning
from . import html as html_blocks
from .model import (Block, Callout, CodeBlock, Embed, Heading, Image, ImageRef, Inline, Link,
                    ListBlock, ListItem, Note, Paragraph, Rule, Span, Table, is_external,
                    link_refused, link_target, plain, unique_links, written_number)
from .embeds import QUERY_LANGUAGES, BlockText, anchor_text, embed_piece, query_warning
from .emphasis import cjk_emphasis_plugin, highlight_plugin
from .math import math_plugin, readable_math
from .model import Comment, Demo, Diagram, Formula
from .blog import details, dropped_html, html_as_markdown, toml_front_matter
from .obsidian import comment_text, demo_in, obsidian_plugin
from .pieces import Piece, marked_span, merge_pieces, task_marker, trim_breaks
from .read import Source
from .sections import HeadingMark, sections_of, split_references

_ALT_SIZE = re.compile(r"(\d+)(?:\s*x\s*(\d+))?")  # the stripped text after the last '|'


@functools.cache
def markdown() -> MarkdownIt:
    """The parser every note goes through; one place to change the dialect."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(gfm_autolink_plugin).use(obsidian_plugin)
    md.use(cjk_emphasis_plugin).use(highlight_plugin)
    md.use(math_plugin)
    # markdown-it drops file:/data: links, leaving their syntax as text on the slide; we never
    # fetch or open a link ourselves, so keep every one and judge images in vault.py.
    md.validateLink = _any_link  # type: ignore[method-assign]
    return md


def parse_note(source: Source, block_text: BlockText | None = None
               ) -> tuple[Note, list[BuildWarning]]:
    """Parse a note; problems that do not stop the build come back as warnings.

    `block_text` finds the text of a block in another note, for `[[Note#^id]]` links.
    HTML blocks are first rewritten as the Markdown they stand for (GitHub reads Markdown
    after a `<br>` line), then the text is read once more.
    """
    toml_meta, text = toml_front_matter(source.text)
    tokens = markdown().parse(text)
    rewritten = html_as_markdown(text, tokens)
    if rewritten.text != text:
        tokens = markdown().parse(rewritten.text)
    reader = _TokenReader(tokens, block_text)
    items = reader.read_all()
    if reader.unresolved_here:
        # `[[#^id]]` named a block further down: read again, now knowing every id here.
        reader = _TokenReader(tokens, block_text, reader.anchors)
        items = reader.read_all()
    reader.warnings[:0] = dropped_html(rewritten.dropped)
    if reader.queries:
        reader.warnings.append(query_warning(reader.queries, reader.query_line))
    meta, meta_warnings = _front_matter(tokens) if toml_meta is None else (toml_meta, [])
    reader.warnings.extend(meta_warnings)
    preamble, sections = sections_of(items)
    preamble, references = split_references(preamble)
    note = Note(path=str(source.path), meta=meta, preamble=preamble, sections=sections,
                tags=tuple(dict.fromkeys(reader.tags)), references=references,
                links=tuple(unique_links(reader.links)), anchors=reader.anchors,
                comments=tuple(reader.comments))
    return note, reader.warnings


def _any_link(url: str) -> bool:
    return True


def _front_matter(tokens: list[Token]) -> tuple[dict, list[BuildWarning]]:
    for token in tokens:
        if token.type != "front_matter":
            continue
        from .frontmatter import load_front_matter  # only notes with front matter pay for YAML

        data, warnings = load_front_matter(token.content)
        if data is None:
            return {}, warnings
        if not isinstance(data, dict):
            return {}, [*warnings, BuildWarning("front matter is not a mapping of keys; "
                                                "ignored", 1)]
        return {str(key): value for key, value in data.items()}, warnings
    return {}, []


class _TokenReader:
    """Walks markdown-it's flat token list and builds our blocks."""

    def __init__(self, tokens: list[Token], block_text: BlockText | None = None,
                 known: dict[str, tuple[Block, ...]] | None = None, line_offset: int = 0):
        self.tokens = tokens
        self.pos = 0
        self.line_offset = line_offset  # for HTML read again as Markdown inside a list
        self.from_html = False
        self.warnings: list[BuildWarning] = []
        self.tags: list[str] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.block_text = block_text
        self.known = known or {}
        self.anchors: dict[str, tuple[Block, ...]] = {}  # block id → the blocks it names
        self.unresolved_here = False
        self.queries: list[str] = []
        self.query_line: int | None = None
        self._previous: list[Block | HeadingMark] = []

    def read_all(self) -> list[Block | HeadingMark]:
        out: list[Block | HeadingMark] = []
        while self.pos < len(self.tokens):
            out.extend(self._counted_block())
        return out

    def _read_until(self, close_type: str) -> list[Block | HeadingMark]:
        out: list[Block | HeadingMark] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close_type:
            out.extend(self._counted_block())
        self.pos += 1  # the closing token
        return out

    def _counted_block(self) -> list[Block | HeadingMark]:
        """One block; remembered so that a `^id` alone on the next line can name it."""
        found = self._block()
        if found:
            self._previous = found
        return found

    def _anchor(self, inline: Token, blocks: list[Block]) -> None:
        """Record the block id on `inline` (if any) as naming `blocks`, or the block before."""
        meta = inline.meta or {}
        block_id = meta.get("block_id")
        if not block_id:
            return
        source = self._previous if meta.get("alone") else blocks
        named = [b for b in source if not isinstance(b, HeadingMark)]
        if named:
            self.anchors.setdefault(block_id, tuple(named))

    def _nested(self, close_type: str) -> tuple[Block, ...]:
        """Blocks inside a list item or quote; a heading there becomes a Heading block."""
        out: list[Block] = []
        for item in self._read_until(close_type):
            out.append(Heading(item.level, item.spans, item.line)
                       if isinstance(item, HeadingMark) else item)
        return tuple(out)

    def _block(self) -> list[Block | HeadingMark]:
        token = self.tokens[self.pos]
        line = (token.map[0] + 1 if token.map else 1) + self.line_offset
        kind = token.type
        if kind == "heading_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            spans = tuple(s for s in self._inline(inline, line) if isinstance(s, Span))
            return [HeadingMark(int(token.tag[1]), spans, line)]
        if kind == "paragraph_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            shown = self._paragraph(self._inline(inline, line), line)
            self._anchor(inline, shown)
            return [*shown]
        if kind in ("bullet_list_open", "ordered_list_open"):
            return [self._list(token, line)]
        if kind in ("fence", "code_block"):
            self.pos += 1
            language = (token.info or "").strip().split(" ")[0] if kind == "fence" else ""
            if language.lower() == "mermaid":
                return [self._diagram(token.content.rstrip("\n"), line)]
            if language.lower() in QUERY_LANGUAGES:
                self.queries.append(language.lower())
                self.query_line = self.query_line or line
                return []
            return [CodeBlock(token.content.rstrip("\n"), line, language)]
        if kind == "math_block":
            self.pos += 1
            return [Formula(token.content, line)]
        if kind == "table_open":
            return [self._table(line)]
        if kind == "blockquote_open":
            self.pos += 1
            meta = token.meta or {}
            blocks = self._nested("blockquote_close")
            title = self._inline_text(meta.get("title", ""), line)
            if meta.get("callout") == html_blocks.DETAILS_KIND:
                return [*details(title, blocks, line)]
            return [Callout(meta.get("callout", "quote"), title, blocks, line)]
        if kind == "hr":
            self.pos += 1
            return [Rule(line)]
        if kind == "html_block":
            self.pos += 1
            if self.from_html:  # already read from HTML once: never again
                return []
            return [*self._html_block(token.content, line)]
        if kind == "obsidian_comment":
            self.pos += 1
            self._comment(token.meta.get("comment", ""), line)
            demo = demo_in(token.meta.get("comment", ""), line)
            return [demo] if demo is not None else []
        self.pos += 1  # front matter and anything we do not show
        return []

    def _diagram(self, source: str, line: int) -> Diagram:
        """A Mermaid block; one warning when it will show as a placeholder."""
        from .mermaid import Flowchart, MermaidError, SequenceDiagram, Unsupported, parse_mermaid

        diagram = Diagram(source, line, parse_mermaid(source))
        parsed = diagram.parsed
        match parsed:
            case Unsupported():
                self.warnings.append(BuildWarning(
                    f"Mermaid '{parsed.kind}' diagrams are not drawn; the slide shows a "
                    "placeholder and the source is in the speaker notes", line))
            case MermaidError():
                problem = "is too large to draw" if parsed.too_big else "does not parse"
                self.warnings.append(BuildWarning(
                    f"Mermaid diagram {problem}: {parsed.message}; the slide shows a "
                    "placeholder and the source is in the speaker notes", line + parsed.line))
            case Flowchart() | SequenceDiagram():
                pass  # drawn as native shapes
            case _:
                assert_never(parsed)
        return diagram

    def _list(self, token: Token, line: int) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        delimiter = token.markup if ordered else ""
        self.pos += 1
        items: list[ListItem] = []
        while self.tokens[self.pos].type != close:
            item_token = self.tokens[self.pos]
            item_line = item_token.map[0] + 1 + self.line_offset if item_token.map else line
            number = int(item_token.info) if ordered and item_token.info.isdigit() else None
            if number is not None and items and items[0].number is not None:
                number = items[0].number + len(items)  # CommonMark: the start, then counted
            self.pos += 1
            first = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
            blocks = self._nested("list_item_close")
            blocks, checked = task_marker(blocks)
            items.append(ListItem(blocks, item_line, number, checked))
            if first is not None and first.type == "inline" and (first.meta or {}).get("block_id"):
                # `- item ^id` names the item, shown as a one-item list
                self.anchors[first.meta["block_id"]] = (
                    ListBlock((items[-1],), item_line, ordered, delimiter or "."),)
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
                    style = str(token.attrGet("style") or "")
                    aligns.append(style.replace("text-align:", "").strip())
                inline = self.tokens[self.pos]
                cell_line = inline.map[0] + 1 if inline.map else line
                row.append(tuple(s for s in self._inline(inline, cell_line) if isinstance(s, Span)))
        return Table(tuple(header), tuple(rows), line, tuple(aligns))

    def _html_block(self, html: str, line: int) -> list[Block]:
        """HTML inside a list or quote: its Markdown read in place (top-level blocks are
        rewritten before parsing, see `parse_note`)."""
        converted = html_blocks.to_markdown(html)
        self.warnings.extend(dropped_html((line, name) for name in converted.dropped))
        text = html_blocks.strip_markers(converted.markdown)
        nested = _TokenReader(markdown().parse(text), self.block_text, line_offset=line - 1)
        nested.from_html = True
        blocks = nested._nested("")
        blocks = tuple(b for b in blocks if not isinstance(b, Paragraph) or plain(b.spans))
        self.warnings.extend(nested.warnings)
        self.tags.extend(nested.tags)
        self.links.extend(nested.links)
        self.comments.extend(nested.comments)
        return list(blocks)

    def _comment(self, comment: str, line: int) -> None:
        """Keep what a comment says for the speaker (a bare demo mark says nothing more)."""
        text = comment_text(comment)
        if text:
            self.comments.append(Comment(text, line))

    def _paragraph(self, pieces: list[Piece], line: int
                   ) -> list[Block]:
        """Split a paragraph at its images: text, image, text... each its own block."""
        out: list[Block] = []
        spans: list[Span] = []
        span_line = line

        def flush() -> None:
            trimmed = trim_breaks(spans)
            if trimmed and plain(trimmed):
                out.append(Paragraph(trimmed, span_line))
            spans.clear()

        current = line
        demos = []  # a demo mark inside the text keeps its time after the paragraph
        for piece in pieces:
            match piece:
                case Demo():
                    demos.append(piece)
                case ImageRef() | Embed() | Formula():
                    flush()
                    out.append(Image(piece) if isinstance(piece, ImageRef) else piece)
                    span_line = piece.line
                case Span():
                    if not any(not s.is_break for s in spans) and not piece.is_break:
                        span_line = current
                    spans.append(piece)
                    if piece.is_break:
                        current += 1
                case _:
                    assert_never(piece)
        flush()
        return out + demos

    def _inline_text(self, text: str, line: int) -> Inline:
        if not text:
            return ()
        tokens = markdown().parseInline(text)
        return tuple(s for s in self._inline(tokens[0], line) if isinstance(s, Span))

    def _inline(self, inline: Token, line: int) -> list[Piece]:
        """Inline children to spans (with marks) and image references, in order."""
        out: list[Piece] = []
        marks: dict[str, int] = {"bold": 0, "italic": 0, "strike": 0, "highlight": 0}
        links: list[str | None] = []
        link_start = 0
        for child in inline.children or []:
            kind = child.type
            link = next((url for url in reversed(links) if url), None) if links else None

            span = functools.partial(marked_span, marks=dict(marks), link=link)

            if marks.get("dropped") and kind not in ("html_inline", "softbreak", "hardbreak"):
                continue  # inside an inline <script>, <iframe>…: warned at its tag
            if kind == "text":
                out.append(span(child.content))
            elif kind == "code_inline":
                out.append(span(child.content, code=True))
            elif kind == "math_inline" and child.meta.get("display"):
                out.append(Formula(child.content, line))
            elif kind == "math_inline":
                if child.meta.get("refused"):
                    self.warnings.append(BuildWarning(
                        f"inline formula {child.meta['refused']}: shown as its LaTeX", line))
                out.append(span(readable_math(child.content, child.meta.get("text"))))
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
                links.append(self._link_target(str(child.attrGet("href") or ""), line))
                link_start = len(out)
            elif kind == "link_close":
                url = links.pop() if links else None
                if url and is_external(url):
                    text = plain(tuple(s for s in out[link_start:] if isinstance(s, Span)))
                    self.links.append(Link(text or url, url, line))
            elif kind == "image":
                out.append(self._markdown_image(child, line))
            elif kind == "obsidian_embed":
                out.append(self._embed(child, line))
            elif kind == "obsidian_comment":
                self._comment(child.meta.get("comment", ""), line)
                demo = demo_in(child.meta.get("comment", ""), line)
                if demo is not None:
                    out.append(demo)
            elif kind == "wikilink":
                out.append(span(self._wikilink_text(child)))
            elif kind == "tag":
                if link:
                    out.append(span(child.content))
                else:
                    self.tags.append(child.meta["tag"])
            elif kind == "html_inline" and (anchor := html_blocks.inline_tag(child.content)) \
                    and anchor.name == "a":  # an inline <a href> is a link like [text](href)
                if not anchor.closing:
                    links.append(self._link_target(anchor.attrs.get("href") or "", line))
                    link_start = len(out)
                elif links:
                    links.pop()
            elif kind == "html_inline":
                piece = self._html_inline(child.content, marks, line)
                if piece is not None:
                    out.append(piece)
        return merge_pieces(out)

    def _link_target(self, href: str, line: int) -> str | None:
        """The link policy at the one place the note's links (Markdown, autolinks, HTML
        `<a href>` read as Markdown) are made: a refused link keeps its text, unlinked."""
        target = link_target(href) if href else None
        if href and target is None:
            self.warnings.append(link_refused(href, line))
        return target

    def _wikilink_text(self, token: Token) -> str:
        """An unaliased link to a block shows the block's text, as its reader would see it."""
        meta = token.meta or {}
        if not meta.get("block") or meta.get("alias"):
            return token.content
        note, block_id = meta.get("note", ""), meta.get("heading", "")
        if not note:
            named = self.known.get(block_id) or self.anchors.get(block_id)
            if named is None:
                self.unresolved_here = True
            text: str | None = anchor_text(named or ())
        else:
            text = self.block_text(note, block_id) if self.block_text else None
        return text or token.content

    def _html_inline(self, html: str, marks: dict[str, int], line: int) -> Span | ImageRef | None:
        """`<b>`, `<mark>`, `<em>`… inside a paragraph mark their text; `<img>` is a picture;
        other tags are markup only and leave their text as it is."""
        tag = html_blocks.inline_tag(html)
        if tag is None:
            return None
        if tag.name == "br":
            return Span("\n")
        if tag.name == "img" and not tag.closing:
            src = (tag.attrs.get("src") or "").strip()
            if not src:
                self.warnings.append(BuildWarning("HTML <img> without src; dropped", line))
                return None
            alt = " ".join((tag.attrs.get("alt") or tag.attrs.get("title") or "").split())
            return ImageRef(unquote(src), alt, line, html_blocks.size_hint(tag.attrs.get("width")),
                            html_blocks.size_hint(tag.attrs.get("height")), embed=False)
        if tag.name in html_blocks.DROPPED:
            if not tag.closing:
                self.warnings.append(BuildWarning(
                    f"HTML <{tag.name}> cannot be shown on a slide; dropped", line))
            mark = "dropped" if tag.name not in html_blocks.VOID else None
        else:
            mark = _HTML_MARKS.get(tag.name)
        if mark is not None:
            marks.setdefault(mark, 0)
            marks[mark] = max(0, marks[mark] + (-1 if tag.closing else 1))
        return None

    def _markdown_image(self, token: Token, line: int) -> Span | ImageRef:
        src = unquote(str(token.attrGet("src") or ""))
        alt = token.content or ""
        width = height = None
        head, bar, tail = alt.rpartition("|")  # no regex over the alt: no backtracking
        if bar and (match := _ALT_SIZE.fullmatch(tail.strip())):
            alt, width = head, written_number(match.group(1))
            height = written_number(match.group(2)) if match.group(2) else None
        return ImageRef(src, alt.strip(), line, width, height, embed=False,
                        title=str(token.attrGet("title") or "").strip())

    def _embed(self, token: Token, line: int) -> ImageRef | Embed:
        meta = token.meta
        return embed_piece(meta["target"], token.content.strip(), meta["width"], meta["height"],
                           line)


_HTML_MARKS = {"b": "bold", "strong": "bold", "mark": "highlight", "i": "italic", "em": "italic",
               "s": "strike", "del": "strike", "strike": "strike"}
