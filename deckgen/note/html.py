"""HTML in notes written for GitHub and blogs, read with the standard library's html.parser.

People who publish notes on GitHub centre pictures with `<p align="center"><img …></p>`,
space paragraphs with `<br>` lines and fold answers into `<details>`. GitHub shows all of
it; CommonMark turns each such block into raw HTML whose text and pictures would be lost.
So an HTML block is translated back into the Markdown it stands for (`<b>` → `**`, `<img>`
→ `![alt|width](src)`, `<br>` and block tags → line breaks) and parsed again with the rest
of the note: the Markdown written after a `<br>` line is then read as Markdown, and pictures
go through the same lookup, confinement and placeholder rules as `![](…)`.

`<details>` cannot be translated inside one block (markdown-it ends the block at the first
blank line), so it leaves marker lines that `quote_details` turns into a `> [!details]`
callout around everything up to `</details>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import written_number

DETAILS_OPEN = "\x01details"
DETAILS_CLOSE = "\x01/details"
SUMMARY = "\x01summary "
DETAILS_KIND = "details"

# Inline tags and the Markdown delimiter they stand for.
_DELIMITERS = {"b": "**", "strong": "**", "mark": "==", "i": "*", "em": "*", "s": "~~",
               "del": "~~", "strike": "~~", "code": "`", "kbd": "`", "tt": "`"}
# Tags that separate blocks of text.
_BLOCKS = frozenset({"p", "div", "center", "figure", "picture", "figcaption", "section",
                     "article", "header", "footer", "aside", "blockquote", "table", "thead",
                     "tbody", "tr", "ul", "ol", "dl", "dt", "dd", "hr", "pre", "main", "nav"})
# Elements whose content a slide cannot show: dropped, with a warning naming them.
DROPPED = frozenset({"script", "style", "iframe", "video", "audio", "object", "embed", "svg",
                      "canvas", "noscript", "template", "select", "form", "math"})
VOID = frozenset({"br", "img", "hr", "source", "input", "wbr", "meta", "link", "area", "col",
                   "embed", "param", "track"})
_PIXELS = re.compile(r"^\s*(\d+)(?:\.\d+)?\s*(?:px)?\s*$")
_NESTED_ITEM = re.compile(r"^\s+(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Converted:
    """An HTML block as Markdown, and what of it could not be kept (for warnings)."""

    markdown: str
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class InlineTag:
    """One inline tag as markdown-it hands it over (`<b>`, `</b>`, `<img …>`)."""

    name: str
    closing: bool
    attrs: dict[str, str] = field(default_factory=dict)


def to_markdown(html: str) -> Converted:
    """Translate an HTML block to Markdown; see the module docstring."""
    converter = _Converter()
    converter.feed(defuse(html))
    converter.close()
    converter.end_all()
    text = "".join(converter.out)
    lines = [line if _NESTED_ITEM.match(line) else line.strip() for line in text.split("\n")]
    return Converted("\n".join(lines), tuple(dict.fromkeys(converter.dropped)))


def defuse(html: str) -> str:
    """Every `<` that opens no tag, as text (`&lt;`): another `<` comes before its `>`, or a
    `<!--` has no `-->` after it. The standard parser rescans the rest of the block from
    each such opener, so a run of them took time in the square of its length; this pass
    moves forward only, remembering the next `>` and `-->` it found."""
    out: list[str] = []
    never = len(html) + 1  # "no more of these": found once, never searched for again
    pos, next_gt, next_end = 0, -1, -1
    opener = html.find("<")
    while opener >= 0:
        following = html.find("<", opener + 1)
        if html.startswith("<!--", opener):
            if next_end < opener:
                found = html.find("-->", opener + 4)
                next_end = found if found >= 0 else never
            if next_end < never:  # a whole comment: keep it, go on after it
                opener = html.find("<", next_end + 3)
                continue
            closed = False
        else:
            if next_gt < opener:
                found = html.find(">", opener)
                next_gt = found if found >= 0 else never
            closed = next_gt < never and (following < 0 or next_gt < following)
        if not closed:
            out.append(html[pos:opener])
            out.append("&lt;")
            pos = opener + 1
        opener = following
    out.append(html[pos:])
    return "".join(out)


def inline_tag(html: str) -> InlineTag | None:
    """Read one tag of an `html_inline` token; None for comments and anything else."""
    reader = _TagReader()
    reader.feed(html)
    reader.close()
    return reader.tag


def image_markdown(attrs: dict[str, str]) -> str:
    """`<img src alt width height>` as `![alt|WxH](<src>)`, the syntax the parser reads."""
    src = (attrs.get("src") or "").strip()
    if not src:
        return ""
    alt = " ".join((attrs.get("alt") or attrs.get("title") or "").split())
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "/")
    width, height = size_hint(attrs.get("width")), size_hint(attrs.get("height"))
    size = f"|{width}x{height}" if width and height else f"|{width}" if width else ""
    target = src.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"![{alt}{size}](<{target}>)"


def size_hint(value: str | None) -> int | None:
    """`500`, `500px` → 500; percentages and other units give no hint."""
    match = _PIXELS.match(value or "")
    return written_number(match.group(1)) if match and written_number(match.group(1)) > 0 \
        else None


def quote_details(text: str) -> str:
    """Turn the marker lines left by `to_markdown` into `> [!details] summary` callouts.

    Every line between `<details>` and `</details>` is quoted (nested details nest the
    quote), so whatever Markdown it holds stays one block the parser can recognise."""
    out: list[str] = []
    depth = 0
    header: int | None = None  # index in `out` of the current callout's first line
    for line in text.split("\n"):
        if line == DETAILS_OPEN:
            out.append(">" * depth + (" " if depth else "") + f"> [!{DETAILS_KIND}]")
            depth += 1
            header = len(out) - 1
        elif line.startswith(SUMMARY.rstrip()):
            summary = line[len(SUMMARY):].strip()
            if depth and header is not None and out[header].endswith("]"):
                out[header] += f" {summary}" if summary else ""
                out.append(_quoted("", depth))  # keeps the note's line numbers
            elif summary:
                out.append(_quoted(summary, depth))
        elif line == DETAILS_CLOSE:
            if depth:
                depth -= 1
                header = None
            out.append(_quoted("", depth))
        else:
            out.append(_quoted(line, depth))
    return "\n".join(out)


def strip_markers(text: str) -> str:
    """Marker lines out, a summary kept as a bold line (for HTML nested in lists or quotes)."""
    out = []
    for line in text.split("\n"):
        if line in (DETAILS_OPEN, DETAILS_CLOSE):
            continue
        if line.startswith(SUMMARY.rstrip()):
            summary = line[len(SUMMARY):].strip()
            line = f"**{summary}**" if summary else ""
        out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Rewritten:
    """A note's text with its top-level HTML blocks as Markdown; what was dropped, by line."""

    text: str
    dropped: tuple[tuple[int, str], ...] = ()


def rewrite_blocks(text: str, blocks: list[tuple[int, int, str]]) -> Rewritten:
    """Replace the top-level HTML blocks (start line, end line, content) by their Markdown.

    A block keeps its number of lines where it can (padded with blank lines), so warnings
    about what follows still point at the right line of the note."""
    if not blocks:
        return Rewritten(text)
    lines = text.split("\n")
    dropped: list[tuple[int, str]] = []
    for start, end, html in sorted(blocks, reverse=True):
        converted = to_markdown(html)
        dropped.extend((start + 1, name) for name in converted.dropped)
        new = _compact(converted.markdown.split("\n"))
        new += [""] * (end - start - len(new))
        lines[start:end] = new
    rewritten = "\n".join(lines)
    if DETAILS_OPEN in rewritten:
        rewritten = quote_details(rewritten)
    return Rewritten(rewritten, tuple(sorted(dropped)))


def _compact(lines: list[str]) -> list[str]:
    """One blank line where the translation left several, none beside a marker line."""
    out: list[str] = []
    for line in lines:
        if not line and out and (not out[-1] or out[-1].startswith("\x01")):
            continue
        if line.startswith("\x01") and out and not out[-1]:
            out.pop()
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _quoted(line: str, depth: int) -> str:
    if not depth:
        return line
    return (">" * depth + " " + line).rstrip()


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropped: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._open: list[tuple[str, str, int]] = []  # (tag, delimiter, index in out)
        self._links: list[tuple[str, int]] = []

    # -- tags -----------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if self._skip:
            if tag not in VOID:
                self._skip.append(tag)
            return
        if tag in DROPPED:
            self.dropped.append(f"<{tag}>")
            if tag not in VOID:
                self._skip.append(tag)
        elif tag == "img":
            self._img(values)
        elif tag == "br":
            self.out.append("\n")
        elif tag in _DELIMITERS:
            self._open.append((tag, _DELIMITERS[tag], len(self.out)))
            self.out.append(_DELIMITERS[tag])
        elif tag == "a":
            self._links.append((values.get("href", ""), len(self.out)))
            self.out.append("[")
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "details":
            self.out.append(f"\n\n{DETAILS_OPEN}\n")
        elif tag == "summary":
            self.out.append(f"\n{SUMMARY}")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _DELIMITERS:
            self._close_delimiter(tag)
        elif tag == "a" and self._links:
            href, start = self._links.pop()
            inner = "".join(self.out[start + 1:]).strip()
            if href and inner:
                self.out.append(f"]({href.replace(' ', '%20')})")
            else:
                del self.out[start]
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "summary":
            self.out.append("\n")
        elif tag == "details":
            self.out.append(f"\n{DETAILS_CLOSE}\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        # Literal text must stay literal when the Markdown is parsed again.
        self.out.append(data.replace("&", "&amp;").replace("<", "&lt;"))

    def end_all(self) -> None:
        """Unclosed inline tags close at the end of the block."""
        while self._open:
            self._close_delimiter(self._open[-1][0])

    # -- helpers ----------------------------------------------------------------------

    def _img(self, attrs: dict[str, str]) -> None:
        markdown = image_markdown(attrs)
        if markdown:
            self.out.append(markdown)
        else:
            self.dropped.append("<img> without src")

    def _close_delimiter(self, tag: str) -> None:
        if not any(_DELIMITERS[name] == _DELIMITERS[tag] for name, _, _ in self._open):
            return  # a stray closing tag
        while True:  # tags opened inside and left open close here too
            name, delimiter, start = self._open.pop()
            self._wrap(delimiter, start)
            if _DELIMITERS[name] == _DELIMITERS[tag]:
                return

    def _wrap(self, delimiter: str, start: int) -> None:
        inner = "".join(self.out[start + 1:])
        del self.out[start:]
        if not inner.strip():
            self.out.append(inner)  # `<b></b>`: '****' would be a thematic break
            return
        # CommonMark emphasis must hug its text: move spaces outside the delimiters.
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        core = inner.strip()
        self.out.append(inner[:lead] + delimiter + core + delimiter + inner[len(inner) - trail:])


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: InlineTag | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.tag is None:
            self.tag = InlineTag(tag, False, {key: value or "" for key, value in attrs})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.tag is None:
            self.tag = InlineTag(tag, True)
