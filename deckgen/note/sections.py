"""A note's outline from its blocks: sections nested by heading level, and the reference
links written before the first heading.

Kept apart from the token reader so each stays small; both build the same Note model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Block, Inline, Link, ListBlock, Paragraph, Section, unique_links


@dataclass
class HeadingMark:
    level: int
    spans: Inline
    line: int


@dataclass
class _SectionBuilder:
    level: int
    title: Inline
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list[_SectionBuilder] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(self.level, self.title, self.line, tuple(self.blocks),
                       tuple(child.freeze() for child in self.children))


def sections_of(items: list[Block | HeadingMark]) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    preamble: list[Block] = []
    top: list[_SectionBuilder] = []
    stack: list[_SectionBuilder] = []
    for item in items:
        if isinstance(item, HeadingMark):
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


def split_references(preamble: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
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
            return links_of(block.spans, block.line)
    if isinstance(block, ListBlock):
        found: list[Link] = []
        for item in block.items:
            if len(item.blocks) != 1 or not (links := _only_links(item.blocks[0])):
                return []
            found.extend(links)
        return found
    return []


def links_of(spans: Inline, line: int) -> list[Link]:
    """Adjacent spans with the same URL form one link; its text is their text."""
    out: list[Link] = []
    current_url: str | None = None
    current_text: list[str] = []
    current_line = line
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
