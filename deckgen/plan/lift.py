"""Pictures, formulas, code, diagrams and tables inside quotes, callouts and list items,
lifted out to stand right after the block that held them.

A slide draws a quote or callout as a box of bullets and a list item as a bullet: neither
has room for a picture or a code block, and the rules that read them (`bullets.py`) take
their text only, so whatever else they held went nowhere. Lifted, each is content like
any other (content.py places it with the text around it, or in the notes with a warning
when there is no room), in note order. What stays behind is the container's text; a
container left with no text keeps its title (a callout's) as a paragraph.

A picture in a top-level list item stays where it is: content.py already keeps it with
its item (side by side, cards); a picture in a nested item joins its top-level item.
"""

from __future__ import annotations

from typing import assert_never

from ..note.model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                          ListBlock, ListItem, Paragraph, Rule, Table, plain)


def lifted(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """`blocks` with every visual held by a quote, callout or list item right after it."""
    out: list[Block] = []
    for block in blocks:
        match block:
            case Callout():
                out.extend(_callout(block))
            case ListBlock():
                out.extend(_top_list(block))
            case (Paragraph() | Image() | CodeBlock() | Table() | Heading() | Rule() | Diagram()
                  | Formula() | Embed() | Demo()):
                out.append(block)
            case _:
                assert_never(block)
    return tuple(out)


def _callout(block: Callout) -> list[Block]:
    kept, out = _split(block.blocks)
    if any(_has_text(b) for b in kept):
        return [Callout(block.kind, block.title, tuple(kept), block.line), *lifted(tuple(out))]
    title = [Paragraph(block.title, block.line)] if plain(block.title).strip() else []
    return [*title, *lifted(tuple(out))]


def _split(blocks: tuple[Block, ...]) -> tuple[list[Block], list[Block]]:
    """The blocks a container keeps (its text, lists without their visuals) and the
    visuals taken out of them, in order."""
    kept: list[Block] = []
    out: list[Block] = []
    for block in blocks:
        match block:
            case Image() | CodeBlock() | Table() | Diagram() | Formula() | Callout():
                out.append(block)  # a box of bullets cannot hold it: it needs its own place
            case ListBlock():
                items = []
                for item in block.items:
                    inner, taken = _split(item.blocks)
                    items.append(ListItem(tuple(inner), item.line, item.number, item.checked))
                    out.extend(taken)
                kept.append(ListBlock(tuple(items), block.line, block.ordered, block.delimiter))
            case Paragraph() | Heading() | Rule() | Embed() | Demo():
                kept.append(block)
            case _:
                assert_never(block)
    return kept, out


def _top_list(block: ListBlock) -> list[Block]:
    """A list split where an item holds code, a table, a formula, a diagram or a box; the
    pictures of its nested items join the top-level item (content.py pairs them)."""
    out: list[Block] = []
    chunk: list[ListItem] = []
    for item in block.items:
        kept: list[Block] = []
        taken: list[Block] = []
        for inner in item.blocks:
            match inner:
                case Image():
                    kept.append(inner)
                case CodeBlock() | Table() | Diagram() | Formula() | Callout():
                    taken.append(inner)
                case ListBlock():
                    nested, visuals = _split((inner,))
                    kept.extend(nested)
                    kept.extend(v for v in visuals if isinstance(v, Image))
                    taken.extend(v for v in visuals if not isinstance(v, Image))
                case Paragraph() | Heading() | Rule() | Embed() | Demo():
                    kept.append(inner)
                case _:
                    assert_never(inner)
        chunk.append(ListItem(tuple(kept), item.line, item.number, item.checked))
        if taken:
            out.append(ListBlock(tuple(chunk), chunk[0].line, block.ordered, block.delimiter))
            out.extend(lifted(tuple(taken)))
            chunk = []
    if chunk:
        out.append(ListBlock(tuple(chunk), chunk[0].line, block.ordered, block.delimiter))
    return out


def _has_text(block: Block) -> bool:
    match block:
        case Paragraph() | Heading():
            return bool(plain(block.spans).strip())
        case ListBlock():
            return any(_has_text(b) for item in block.items for b in item.blocks) or any(
                item.checked is not None for item in block.items)
        case (Image() | CodeBlock() | Table() | Callout() | Rule() | Diagram() | Formula()
              | Embed() | Demo()):
            return False
        case _:
            assert_never(block)
