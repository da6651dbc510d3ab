"""Groups that carry code, tables or pictures get a slide each.

A `###` sub-heading or a `▶ label` line opens a group. Groups of text alone may stand
side by side as a comparison; a group with code, a table, a box or a picture keeps them
with its own bullets on its own slide, in note order, instead of the code drifting to
the top of a shared slide or the picture pulling another group's text onto its slide.
"""

from __future__ import annotations

from typing import assert_never

from ..note.model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                          ListBlock, Paragraph, Rule, Table)
from .notes import Flowing, NotesOnly
from .bullets import elements_of, is_group_label


def group_segments(blocks: tuple[Flowing, ...]) -> list[tuple[Flowing, ...]]:
    """The topic's blocks cut into one run per slide-worthy group (the whole topic when
    no group carries more than text). Neighbouring text-only groups stay together; the
    lead (before the first label) joins the first group unless it shows something itself."""
    starts = [i for i, block in enumerate(blocks)
              if not isinstance(block, NotesOnly) and is_group_label(block)]
    if not starts:
        return [blocks]
    bounds = starts + [len(blocks)]
    groups = [blocks[a:b] for a, b in zip(bounds, bounds[1:])]
    if not any(_rich(group) for group in groups):
        return [blocks]
    segments: list[tuple[Flowing, ...]] = []
    for group in groups:
        if segments and not _rich(group) and not _rich(segments[-1]):
            segments[-1] += group
        else:
            segments.append(group)
    lead = blocks[:starts[0]]
    if lead and _shows_something(lead):
        segments.insert(0, lead)
    elif lead:
        segments[0] = lead + segments[0]
    return segments


def _rich(group: tuple[Flowing, ...]) -> bool:
    """More than text under the label: code, a table, a box, a picture or a diagram."""
    return any(_non_text(block) for block in group[1:])


def _non_text(block: Flowing) -> bool:
    match block:
        case NotesOnly() | Demo() | Paragraph() | Heading() | Rule():
            return False  # text, said or only timed
        case ListBlock():
            return any(isinstance(b, Image) for item in block.items for b in item.blocks)
        case CodeBlock() | Table() | Callout() | Image() | Diagram() | Formula() | Embed():
            return True
        case _:
            assert_never(block)


def _shows_something(lead: tuple[Flowing, ...]) -> bool:
    shown: list[Block] = [block for block in lead if not isinstance(block, (NotesOnly, Demo))]
    return any(_non_text(block) for block in shown) or bool(elements_of(shown, "en"))
