"""Obsidian transclusion: `![[Note]]`, `![[Note#Heading]]` and `![[Note#^block]]` bring that
note, section or block into the section that embeds it, as Obsidian shows it.

The parser leaves an `Embed` block where the note says `![[...]]`; this module replaces it
with the other note's blocks (text, bold phrases, lists, tables, pictures), so the planner
only ever sees ordinary blocks. Other notes are found through vault.py (never outside the
vault root) and read through read.py and parse.py. Pictures keep the embedded note as their
`origin`, so `![[diagram.png]]` resolves from where that note lives.

Nothing here hangs or fails the build: a cycle (a note that embeds itself, directly or
through others), nesting deeper than `MAX_DEPTH`, or a missing note, heading or block is a
warning naming it, and the embed is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import assert_never
from pathlib import Path

from ..errors import BuildWarning, DeckgenError
from .embeds import BlockText, anchor_text
from .model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                    ListBlock, Note, Paragraph, Rule, Section, Table, plain)
from .parse import parse_note
from .read import read_note
from .vault import ImageFinder, Located

MAX_DEPTH = 4  # Obsidian itself stops a little deeper; slides never need more
# One budget for the whole built note, however the embeds nest: a talk of ten minutes never
# needs more, and five small notes each embedding the next ten times were 10,000 copies.
MAX_EMBEDS = 200
MAX_EMBEDDED_CHARS = 2_000_000  # the embedded notes' text, counted at each embed


@dataclass(frozen=True)
class _Context:
    """Where the blocks being walked come from: which note, and which embeds led there."""

    note: Note
    origin: str  # the note's file, "" for the note being built
    chain: tuple[tuple[str, str, str], ...]  # (file, heading, block) of each open embed
    line: int | None = None  # the embed line in the built note, for warnings


@dataclass
class Transcluder:
    """Resolves the embeds of one built note; other notes are read once each."""

    finder: ImageFinder
    _notes: dict[Path, Note | None] = field(default_factory=dict)
    _plain: dict[Path, Note | None] = field(default_factory=dict)
    _parse_warnings: dict[Path, list[BuildWarning]] = field(default_factory=dict)
    _sizes: dict[Path, int] = field(default_factory=dict)  # characters of each note read
    _embeds: int = 0  # embeds brought in so far, across the whole note
    _chars: int = 0  # characters they brought

    def block_text(self, origin: str = "") -> BlockText:
        """A lookup for `[[Note#^id]]` links written in the note at `origin`."""
        def lookup(name: str, block_id: str) -> str | None:
            found = self.finder.find_note(name, origin)
            if not isinstance(found, Located):
                return None
            note = self._load(found.path, self._plain, with_links=False)
            if note is None:
                return None
            return anchor_text(note.anchors.get(block_id, ())) or None
        return lookup

    def note(self, note: Note) -> tuple[Note, list[BuildWarning]]:
        """`note` with every embed replaced by what it brings in, and the warnings about
        embeds left out (each as often as it happens; the CLI says each once)."""
        context = _Context(note, "", ((str(Path(note.path).resolve()), "", ""),))
        preamble, warnings = self._blocks(note.preamble, context)
        sections, found = self._sections(note.sections, context)
        return replace(note, preamble=preamble, sections=sections), warnings + found

    def _sections(self, sections: tuple[Section, ...], context: _Context
                  ) -> tuple[tuple[Section, ...], list[BuildWarning]]:
        out: list[Section] = []
        warnings: list[BuildWarning] = []
        for section in sections:
            blocks, found = self._blocks(section.blocks, context)
            children, deeper = self._sections(section.children, context)
            out.append(replace(section, blocks=blocks, children=children))
            warnings += found + deeper
        return tuple(out), warnings

    def _blocks(self, blocks: tuple[Block, ...], context: _Context
                ) -> tuple[tuple[Block, ...], list[BuildWarning]]:
        out: list[Block] = []
        warnings: list[BuildWarning] = []
        for block in blocks:
            match block:
                case Embed():
                    brought, found = self._embed(block, context)
                    out.extend(brought)
                    warnings += found
                case ListBlock():
                    items = []
                    for item in block.items:
                        inner, found = self._blocks(item.blocks, context)
                        items.append(replace(item, blocks=inner))
                        warnings += found
                    out.append(replace(block, items=tuple(items)))
                case Callout():
                    inner, found = self._blocks(block.blocks, context)
                    out.append(replace(block, blocks=inner))
                    warnings += found
                case Image():  # a picture finds its file from the note that embeds it
                    shown = context.origin and not block.ref.origin
                    out.append(Image(replace(block.ref, origin=context.origin)) if shown else block)
                case (Paragraph() | CodeBlock() | Table() | Heading() | Rule() | Diagram()
                      | Formula() | Demo()):
                    out.append(block)
                case _:
                    assert_never(block)
        return tuple(out), warnings

    def _embed(self, embed: Embed, context: _Context
               ) -> tuple[tuple[Block, ...], list[BuildWarning]]:
        line = context.line or embed.line

        def left_out(message: str) -> tuple[tuple[Block, ...], list[BuildWarning]]:
            return (), [BuildWarning(message, line)]

        if embed.note:
            found = self.finder.find_note(embed.note, context.origin)
            if not isinstance(found, Located):
                return left_out(f"embedded note '{embed.note}' {found.reason}; left out")
            path = found.path
            note = self._load(path, self._notes, with_links=True)
            if note is None:
                return left_out(f"embedded note '{embed.note}' cannot be read; left out")
        else:  # `![[#Heading]]`: a part of the same note
            path, note = Path(context.note.path).resolve(), context.note
        key = (str(path), embed.heading, embed.block)
        if key in context.chain:
            return left_out(f"'{embed.shown}' embeds itself (a cycle); shown once, not again")
        if len(context.chain) > MAX_DEPTH:
            return left_out(f"embeds nest deeper than {MAX_DEPTH}; '{embed.shown}' left out")
        size = self._sizes.get(path, 0) if embed.note else 0
        if self._embeds >= MAX_EMBEDS or self._chars + size > MAX_EMBEDDED_CHARS:
            return left_out(f"the note embeds more than {MAX_EMBEDS} notes or "
                            f"{MAX_EMBEDDED_CHARS // 1_000_000} million characters in all; "
                            f"'{embed.shown}' left out")
        self._embeds += 1
        self._chars += size
        warnings = [BuildWarning(f"in embedded note '{embed.note}': {problem.message}", line)
                    for problem in (self._parse_warnings.get(path, []) if embed.note else [])]
        chosen, missing = self._choose(note, embed, line)
        inner = _Context(note, str(path), context.chain + (key,), line)
        blocks, deeper = self._blocks(chosen, inner)
        return blocks, warnings + missing + deeper

    def _choose(self, note: Note, embed: Embed, line: int
                ) -> tuple[tuple[Block, ...], list[BuildWarning]]:
        """The whole note, the section under a heading, or the block with an id."""
        name = embed.note or "this note"
        if embed.block:
            blocks = note.anchors.get(embed.block)
            if blocks is None:
                return (), [BuildWarning(f"block '^{embed.block}' not found in '{name}'; left out",
                                         line)]
            return blocks, []
        if embed.heading:
            section = _find_section(note.sections, embed.heading)
            if section is None:
                return (), [BuildWarning(f"heading '{embed.heading}' not found in '{name}'; left "
                                         "out", line)]
            return section.blocks + _flatten(section.children), []
        return note.preamble + _flatten(note.sections), []

    def _load(self, path: Path, cache: dict[Path, Note | None], with_links: bool
              ) -> Note | None:
        if path not in cache:
            try:
                source = read_note(path)
            except DeckgenError:
                cache[path] = None
                return None
            lookup = self.block_text(str(path)) if with_links else None
            cache[path], self._parse_warnings[path] = parse_note(source, lookup)
            self._sizes[path] = len(source.text)
        return cache[path]


def _find_section(sections: tuple[Section, ...], heading: str) -> Section | None:
    """The section titled `heading` at any depth; `A#B` (Obsidian's heading path) means B."""
    wanted = _fold(heading.split("#")[-1])
    for section in sections:
        if _fold(plain(section.title)) == wanted:
            return section
        found = _find_section(section.children, heading)
        if found is not None:
            return found
    return None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _flatten(sections: tuple[Section, ...]) -> tuple[Block, ...]:
    """Sections as a run of blocks: each heading becomes a `Heading` block before its text."""
    out: list[Block] = []
    for section in sections:
        out.append(Heading(section.level, section.title, section.line))
        out.extend(section.blocks)
        out.extend(_flatten(section.children))
    return tuple(out)


def transclude(note: Note, finder: ImageFinder) -> tuple[Note, list[BuildWarning]]:
    """`note` with its embeds brought in, and the warnings about embeds left out."""
    return Transcluder(finder).note(note)
