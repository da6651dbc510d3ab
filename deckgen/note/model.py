"""The parsed note: plain, frozen data that the planner reads.

The parser turns markdown-it tokens into these types so that no later stage has to know
about Markdown or Obsidian syntax. Everything here is clean text plus marks: a `Span`
never contains `**`, `==` or `[[`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar, Union, assert_never

from ..errors import BuildWarning

if TYPE_CHECKING:  # the Mermaid parser loads only for notes that have a diagram
    from .mermaid import ParseResult


@dataclass(frozen=True)
class Marks:
    """The marks on a piece of text, as one value: copied with `dataclasses.replace`,
    compared whole. A note's spans and a slide's runs carry the same kind."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    highlight: bool = False
    strike: bool = False
    link: str | None = None

    def __post_init__(self) -> None:
        # The one gate of the link policy: a run that would click through to anything but
        # the web or mail cannot exist, whichever stage made it.
        if self.link is not None and link_target(self.link) is None:
            raise ValueError(f"not a web or mail link: {self.link[:80]!r}")

    @property
    def key(self) -> bool:
        """Bold and highlighted text is what the author marked as a key phrase."""
        return self.bold or self.highlight


PLAIN = Marks()
KEY = Marks(bold=True)


@dataclass(frozen=True)
class Span:
    """A run of inline text with the marks that matter for slides.

    A soft or hard line break inside a paragraph is a Span whose text is "\\n"; the planner
    needs line structure to find `▶ label` groups and list-item first lines.
    """

    text: str
    marks: Marks = PLAIN

    @property
    def is_break(self) -> bool:
        return self.text == "\n"

    @property
    def is_key(self) -> bool:
        return self.marks.key

    @property
    def code(self) -> bool:
        return self.marks.code

    @property
    def link(self) -> str | None:
        return self.marks.link


class Marked(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def marks(self) -> Marks: ...


M = TypeVar("M", bound=Marked)


def merge_neighbours(pieces: list[M]) -> list[M]:
    """Join neighbouring pieces that carry the same marks, so a bold phrase is one piece.

    The one place this is done, for a note's spans and a slide's runs alike."""
    out: list[M] = []
    for piece in pieces:
        if out and out[-1].marks == piece.marks:
            out[-1] = replace(out[-1], text=out[-1].text + piece.text)  # type: ignore[type-var]
        else:
            out.append(piece)
    return out


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class ImageRef:
    """An image as written in the note; found and loaded later by `deckgen.images`."""

    target: str
    alt: str
    line: int
    width: int | None = None
    height: int | None = None
    embed: bool = False  # Obsidian ![[...]] rather than ![alt](path)
    title: str = ""  # the Markdown title, `![alt](x.png "title")`: the caption it asks for
    page: int | None = None  # a PDF embed's page (`#page=3`), 1-based
    origin: str = ""  # the note whose folder relative paths start from, when transcluded


@dataclass(frozen=True)
class Paragraph:
    spans: Inline
    line: int


@dataclass(frozen=True)
class Image:
    ref: ImageRef

    @property
    def line(self) -> int:
        return self.ref.line


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int
    number: int | None = None  # the item's number in an ordered list
    checked: bool | None = None  # task lists: [x] / [ ]


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    line: int
    ordered: bool = False
    delimiter: str = "."  # "." or ")" for ordered lists


@dataclass(frozen=True)
class CodeBlock:
    text: str
    line: int
    language: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    line: int
    aligns: tuple[str, ...] = ()  # "left", "center", "right" or "" per column


@dataclass(frozen=True)
class Callout:
    """An Obsidian callout (`> [!note] Title`) or a plain block quote (kind "quote")."""

    kind: str
    title: Inline
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Heading:
    """A heading below the level that makes slides (H3 inside an H2 topic, ...)."""

    level: int
    spans: Inline
    line: int


@dataclass(frozen=True)
class Rule:
    line: int


@dataclass(frozen=True)
class Embed:
    """`![[Note]]`, `![[Note#Heading]]` or `![[Note#^block]]` as written: another note's
    text that transclude.py brings in before planning (the planner never sees one)."""

    note: str
    heading: str
    block: str
    line: int

    @property
    def shown(self) -> str:
        anchor = f"#^{self.block}" if self.block else (f"#{self.heading}" if self.heading else "")
        return f"{self.note}{anchor}"


@dataclass(frozen=True)
class Diagram:
    """A ` ```mermaid ` block: its source (for the notes) and what the parser made of it."""

    source: str
    line: int  # the fence's line; a parse error's line counts from the line after it
    parsed: ParseResult = field(compare=False, hash=False)

    @property
    def kind(self) -> str:
        """The diagram type as Mermaid names it, for labels and warnings."""
        from .mermaid import Flowchart, MermaidError, SequenceDiagram, Unsupported

        parsed = self.parsed
        match parsed:
            case Flowchart():
                return "flowchart"
            case SequenceDiagram():
                return "sequenceDiagram"
            case Unsupported():
                return parsed.kind
            case MermaidError():
                words = self.source.split()  # a broken diagram: the type as written, if any
                return words[0] if words and words[0].isalpha() else "diagram"
            case _:
                assert_never(parsed)

    @property
    def broken(self) -> bool:
        from .mermaid import MermaidError

        return isinstance(self.parsed, MermaidError)

    @property
    def drawable(self) -> bool:
        from .mermaid import MermaidError, Unsupported

        return not isinstance(self.parsed, (Unsupported, MermaidError))

    @property
    def target(self) -> str:
        """What the outline and placeholders call it (an image's file name stands here)."""
        return f"mermaid {self.kind}"


@dataclass(frozen=True)
class Formula:
    """Display math (`$$…$$`): shown as a picture, its LaTeX in the notes."""

    latex: str
    line: int

    @property
    def target(self) -> str:
        return "formula " + " ".join(self.latex.split())


@dataclass(frozen=True)
class Demo:
    """`%% demo 2:00 %%`: time the author keeps for a live demo where the mark stands."""

    seconds: float
    line: int


@dataclass(frozen=True)
class Comment:
    """A `%% comment %%`'s text: for the author, never on a slide (the title slide's notes)."""

    text: str
    line: int


Visual = Union[ImageRef, Diagram, Formula]  # a slide's main visual
Block = Union[Paragraph, Image, ListBlock, CodeBlock, Table, Callout, Heading, Rule, Embed,
              Diagram, Formula, Demo]


def inner_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks a block holds: a callout's, a list's items'; () for the rest."""
    match block:
        case Callout():
            return block.blocks
        case ListBlock():
            return tuple(inner for item in block.items for inner in item.blocks)
        case (Paragraph() | Image() | CodeBlock() | Table() | Heading() | Rule() | Embed()
              | Diagram() | Formula() | Demo()):
            return ()
        case _:
            assert_never(block)


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, and every block inside it, in note order."""
    for block in blocks:
        yield block
        yield from walk(inner_blocks(block))


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of the same or higher level."""

    level: int
    title: Inline
    line: int
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    line: int


@dataclass(frozen=True)
class Note:
    """A whole note: front matter, what comes before the first heading, and the sections."""

    path: str
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    preamble: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    tags: tuple[str, ...] = ()
    references: tuple[Link, ...] = ()  # the link block before the first heading
    links: tuple[Link, ...] = ()  # every external link, in order of appearance
    # Obsidian block ids (`^id`) and the blocks they name, for `![[Note#^id]]`
    anchors: dict = field(default_factory=dict, hash=False, compare=False)
    comments: tuple[Comment, ...] = ()  # `%% … %%`, in order (a demo mark is a Demo block)


def plain(spans: Inline) -> str:
    """The text of spans with line breaks as spaces, whitespace folded."""
    return " ".join("".join(" " if s.is_break else s.text for s in spans).split())


def lines_of(spans: Inline) -> list[Inline]:
    """Split spans at line breaks (empty lines dropped)."""
    out: list[list[Span]] = [[]]
    for span in spans:
        if span.is_break:
            out.append([])
        else:
            out[-1].append(span)
    return [tuple(line) for line in out if plain(tuple(line))]


_TAGS_IN_TEXT = re.compile(r"(?:(?<=\s)|^)#[\w/-]*[^\W\d][\w/-]*")


def strip_tags(text: str) -> str:
    """Remove `#tags` from already-plain text (titles written in front matter, for example)."""
    return " ".join(_TAGS_IN_TEXT.sub("", text).split())


def unique_links(links: list[Link] | tuple[Link, ...]) -> list[Link]:
    """External links only, each URL once, first occurrence kept."""
    seen: set[str] = set()
    out = []
    for link in links:
        if link.url not in seen and is_external(link.url):
            seen.add(link.url)
            out.append(link)
    return out


MOST = 1_000_000  # any size or page number a note writes: far past every real one


def written_number(digits: str) -> int:
    """A number the note writes (a picture's width, a PDF page), at most `MOST`: Python
    refuses to read a number of more than 4,300 digits, and no size needs more than seven."""
    digits = digits.strip().lstrip("0") or "0"
    return MOST if len(digits) > len(str(MOST)) else min(int(digits), MOST)


LINK_SCHEMES = ("http", "https", "mailto")


def link_target(url: str) -> str | None:
    """The link policy, one rule for every link a deck carries (Markdown and HTML links,
    autolinks, the front matter's `link:` and its QR code): only `http`, `https` and `mailto`
    addresses become links; `file:`, UNC paths (`\\\\host\\share`, `//host/share`),
    `javascript:`, `ms-msdt:`, `search-ms:`, relative paths and every other handler do not
    (clicking one on a presenter's machine could run a program or leak their password hash).
    Returns the address to link to, or None: the caller shows the text with a warning."""
    from urllib.parse import urlsplit

    text = url.strip()
    if not text or "\\" in text or any(ord(ch) < 32 or ch == "\x7f" for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES or text[:len(scheme)].lower() != scheme:
        return None
    if scheme == "mailto":
        return text if parts.path.strip() else None
    host = parts.hostname or ""
    return text if host and text[len(scheme):].startswith("://") else None


def link_refused(url: str, line: int | None) -> BuildWarning:
    """The warning for a link the policy refused: its text stays on the slide, unlinked."""
    from urllib.parse import unquote

    shown = "".join(ch if ch.isprintable() else "?" for ch in unquote(url.strip()))[:80]
    return BuildWarning(f"link to '{shown}' is not an http, https or mailto address; shown "
                        "as text, not as a link", line)


def is_external(url: str) -> bool:
    """A link the deck may carry (see `link_target`)."""
    return link_target(url) is not None
