"""Notes written for GitHub and blogs: Hugo's TOML front matter, HTML blocks read as
Markdown before parsing, and what a `<details>` block becomes (see `html.py`)."""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from markdown_it.token import Token

from ..errors import BuildWarning
from . import html as html_blocks
from .model import (KEY, PLAIN, Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading,
                    Image, Inline, ListBlock, Paragraph, Rule, Span, Table, plain)


def toml_front_matter(text: str) -> tuple[dict | None, str]:
    """Hugo's `+++` TOML front matter: its keys, and the text with those lines blanked (so
    line numbers stay right and the post's metadata never reaches a slide)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        return None, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        return None, text
    import tomllib  # only Hugo posts pay for it

    try:
        data = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError:
        data = {}
    return {str(k): v for k, v in data.items()}, "\n" * (end + 1) + "\n".join(lines[end + 1:])


def html_as_markdown(text: str, tokens: list[Token]) -> html_blocks.Rewritten:
    """Top-level HTML blocks read as the Markdown they stand for (see `html.py`)."""
    blocks = [(token.map[0], token.map[1], token.content) for token in tokens
              if token.type == "html_block" and token.level == 0 and token.map]
    return html_blocks.rewrite_blocks(text, blocks)


def dropped_html(dropped) -> list[BuildWarning]:
    return [BuildWarning(f"HTML {name} cannot be shown on a slide; dropped", line)
            for line, name in dropped]


def details(title: Inline, blocks: tuple[Block, ...], line: int) -> list[Block]:
    """`<details>`: its summary is a key phrase (a bullet), what it hides goes to the notes
    (its text without marks, so it makes no bullets); its pictures are still shown."""
    out: list[Block] = []
    if plain(title):
        out.append(Paragraph(tuple(replace(s, marks=KEY) for s in title), line))
    for block in blocks:
        out.extend(_unmarked(block))
    return out


def _unmarked(block: Block) -> list[Block]:
    match block:
        case Paragraph() | Heading():
            return [Paragraph(tuple(replace(s, marks=PLAIN) for s in block.spans), block.line)]
        case ListBlock():
            return [b for item in block.items for inner in item.blocks for b in _unmarked(inner)]
        case Callout():
            return [b for inner in block.blocks for b in _unmarked(inner)]
        case CodeBlock():
            return [Paragraph((Span(block.text.replace("\n", " ")),), block.line)]
        case Image() | Table() | Rule() | Embed() | Diagram() | Formula() | Demo():
            return [block]  # pictures, tables and rules as they are
        case _:
            assert_never(block)
