"""What an Obsidian `![[...]]` embeds, block ids' text, and query blocks, for parse.py.

An embed is a picture (an image file, a page of a PDF, an Excalidraw drawing's exported
picture) or another note's text (`Embed`, brought in by transclude.py). Kept apart from
parse.py so the token walk stays about tokens.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from collections.abc import Callable
from typing import assert_never

from ..errors import BuildWarning
from .model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                    ImageRef, ListBlock, Paragraph, Rule, Table, plain, written_number)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp",
                            ".svg", ".avif", ".heic", ".ico"})
# Fenced blocks that only a plugin inside Obsidian can run; their source means nothing on a slide.
QUERY_LANGUAGES = frozenset({"dataview", "dataviewjs", "query", "tasks"})
_PDF_PAGE = re.compile(r"page=(\d+)")
# What a file name ends in when an alt text is only a file name (`Pasted image 2024.png`)
_FILE_SUFFIXES = IMAGE_SUFFIXES | {".pdf", ".md", ".excalidraw"}

# (note name, block id) → the block's text, for `[[Note#^id]]` links to another note
BlockText = Callable[[str, str], "str | None"]


def is_excalidraw(name: str) -> bool:
    """`Drawing.excalidraw` or `Drawing.excalidraw.md`: an Excalidraw plugin drawing."""
    return name.lower().endswith((".excalidraw", ".excalidraw.md"))


def embed_piece(target: str, caption: str, width: int | None, height: int | None,
                line: int) -> ImageRef | Embed:
    """What `![[target|caption]]` shows: a picture, or another note (whole, section, block)."""
    name, _, anchor = target.partition("#")
    name = name.strip()
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in IMAGE_SUFFIXES or is_excalidraw(name):
        return ImageRef(name, caption, line, width, height, embed=True)
    if suffix == ".pdf":
        page = _PDF_PAGE.search(anchor)
        return ImageRef(name, caption, line, width, height, embed=True,
                        page=written_number(page.group(1)) if page else 1)
    anchor = anchor.strip()
    block = anchor[1:].strip() if anchor.startswith("^") else ""
    return Embed(name, "" if block else anchor, block, line)


def caption_of(ref: ImageRef) -> str:
    """The caption a picture asks for: its Markdown title, else its alt text; never a file
    name (`![[Pasted image 2024.png|Pasted image 2024.png]]`, `![diagram.png](diagram.png)`)."""
    target = PurePosixPath(ref.target.replace("\\", "/")).name.lower()
    for text in (ref.title, ref.alt):
        text = " ".join(text.split())
        if not text:
            continue
        lowered = text.lower()
        named = lowered == target or lowered == PurePosixPath(target).stem
        if named or PurePosixPath(lowered).suffix in _FILE_SUFFIXES:
            continue
        return text
    return ""


def anchor_text(blocks: tuple[Block, ...]) -> str:
    """The words of the block a `^id` names: its paragraph, or its list item's first line."""
    for block in blocks:
        match block:
            case Paragraph():
                return plain(block.spans)
            case ListBlock() if block.items:
                return anchor_text(block.items[0].blocks)
            case Callout():
                return anchor_text(block.blocks)
            case (ListBlock() | Image() | CodeBlock() | Table() | Heading() | Rule() | Embed()
                  | Diagram() | Formula() | Demo()):
                continue  # no words of their own: the next block may have them
            case _:
                assert_never(block)
    return ""


def query_warning(languages: list[str], line: int | None) -> BuildWarning:
    """One warning for all of a note's query blocks: they were left out, and what to do."""
    kinds = ", ".join(dict.fromkeys(languages))
    return BuildWarning(f"{len(languages)} query block(s) ({kinds}) left out: they only run "
                        "inside Obsidian; paste their rendered result into the note instead",
                        line)
