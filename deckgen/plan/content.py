"""One topic (an H2, or an H1 with content of its own) to its content slides.

The rules, from the brief: each image is one main visual and keeps the text that
accompanies it; images with no text between them go side by side; a numbered list whose
items each carry an image and a title becomes cards; bold phrases and list items become
bullets; `▶ label` lines open groups and two or three groups make a comparison; a slide
with neither bullets nor picture shows its first sentence. Prose goes to the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union, assert_never

from .codecut import telling_lines
from .groups import group_segments
from .lift import lifted
from .bullets import (dedupe, elements_of, first_sentence, item_rest, item_title, key_phrases,
                      list_number, unaccent)
from ..errors import BuildWarning
from ..note.model import (Block, Callout, CodeBlock, Demo, Embed, Heading, Image, ImageRef,
                          ListBlock, ListItem, Paragraph, Rule, Table, walk)
from ..note.model import Diagram, Formula, Visual
from ..note.mermaid import Flowchart, MermaidError, ParseResult, SequenceDiagram, Unsupported
from .notes import Flowing, NotesOnly, notes_of
from .timing import slide_seconds
from .talk import Bullet, Card, Notes, Slide, SlideKind, Takeaway, text_of

MAX_CODE_LINES = 24  # two slides of code; a talk cannot show more
MAX_SIDE_BY_SIDE = 4


# -- the pieces of a topic: image groups with the text they own ---------------------------



@dataclass(frozen=True)
class _Text:
    """Free text in the topic's flow."""

    block: Flowing
    glued_next: bool = False  # text that belongs to the image right after it (list chunks)


@dataclass(frozen=True)
class _Visual:
    """A picture, diagram or formula in the flow."""

    image: Visual
    solo: bool = False  # never side by side (text follows it in its list item, or a drawing)


@dataclass(frozen=True)
class _Cards:
    """A numbered list whose items each carry a picture."""

    block: ListBlock


_Unit = Union[_Text, _Visual, _Cards]  # one step of the topic's flow


@dataclass
class _Piece:
    images: list[Visual] = field(default_factory=list)
    blocks: list[Flowing] = field(default_factory=list)
    cards: ListBlock | None = None
    first: int = 0  # position in the flow, to keep source order


def topic_slides(title: str, blocks: tuple[Block, ...], section: str, line: int,
                 language: str) -> tuple[list[Slide], list[BuildWarning]]:
    """The content slides for one topic, in source order (at least one slide)."""
    flowing, warnings = _cap_code(lifted(blocks), title)
    pieces = [p for segment in group_segments(flowing) for p in _pieces(_flow(segment))]
    slides: list[Slide] = []
    carried = 0.0  # demo time of pieces before the first shown one
    for piece in pieces:
        slide = _slide(title, piece, section, line, language)
        if slide is None:  # a piece that shows nothing: its demo time goes to a neighbour
            if slides:
                slides[-1] = _with_demo(slides[-1], demo_seconds(piece.blocks))
            else:
                carried += demo_seconds(piece.blocks)
            continue
        slides.append(_with_demo(slide, carried) if carried else slide)
        carried = 0.0
    if not slides:  # nothing to show: the title says it all (and keeps its demo time)
        return [_empty_slide(title, section, line, language, carried)], warnings
    return slides, warnings


def _with_demo(slide: Slide, seconds: float) -> Slide:
    if not seconds:
        return slide
    return slide.but(notes=slide.notes.but(demo=slide.notes.demo + seconds),
                     seconds=slide.seconds + seconds)


def _cap_code(blocks: tuple[Block, ...], title: str
              ) -> tuple[tuple[Flowing, ...], list[BuildWarning]]:
    """Code longer than two slides' worth shows its shape and the methods the title and prose
    name; the whole block stays in the notes."""
    out: list[Flowing] = []
    warnings: list[BuildWarning] = []
    said = f"{title}\n{notes_of(blocks)}"
    for block in blocks:
        lines = block.text.split("\n") if isinstance(block, CodeBlock) else []
        if isinstance(block, CodeBlock) and len(lines) > MAX_CODE_LINES:
            shown = telling_lines(block.text, block.language, MAX_CODE_LINES, said)
            warnings.append(BuildWarning(
                f"code block has {len(lines)} lines; the slides show its signatures and first "
                f"lines ({len(shown.split(chr(10)))} with ⋯ marks), all of it is in the "
                f"speaker notes", block.line))
            out.append(CodeBlock(shown, block.line, block.language))
            out.append(NotesOnly(block.text, block.line))
        else:
            out.append(block)
    return tuple(out), warnings


def _flow(blocks: tuple[Flowing, ...]) -> list[_Unit]:
    units: list[_Unit] = []
    for block in blocks:
        match block:
            case Image():
                units.append(_Visual(block.ref))
            case Diagram() | Formula():  # a main visual of its own, never paired
                units.append(_Visual(block, solo=True))
            case ListBlock() if _is_cards(block):
                units.append(_Cards(block))
            case ListBlock() if _list_images(block):
                units.extend(_split_list_at_images(block))
            case Rule():
                continue
            case (Paragraph() | ListBlock() | CodeBlock() | Table() | Callout() | Heading()
                  | Embed() | NotesOnly() | Demo()):
                units.append(_Text(block))  # a demo's time goes where its text lands
            case _:
                assert_never(block)
    return units


def _list_images(block: ListBlock) -> list[ImageRef]:
    return [b.ref for item in block.items for b in item.blocks if isinstance(b, Image)]


def _item_without_images(item: ListItem) -> ListItem:
    return ListItem(tuple(b for b in item.blocks if not isinstance(b, Image)), item.line,
                    item.number, item.checked)


def _split_list_at_images(block: ListBlock) -> list[_Unit]:
    """A list where some items carry images: each image keeps the items up to its own."""
    units: list[_Unit] = []
    chunk: list[ListItem] = []
    for item in block.items:
        chunk.append(_item_without_images(item))
        images = [b.ref for b in item.blocks if isinstance(b, Image)]
        if images:
            last = max(i for i, b in enumerate(item.blocks) if isinstance(b, Image))
            text_after = any(isinstance(b, Paragraph) for b in item.blocks[last + 1:])
            units.append(_Text(_sublist(block, chunk), glued_next=True))
            units.extend(_Visual(ref, solo=text_after) for ref in images)
            chunk = []
    if chunk:
        units.append(_Text(_sublist(block, chunk)))
    return units


def _sublist(block: ListBlock, items: list[ListItem]) -> ListBlock:
    return ListBlock(tuple(items), items[0].line, block.ordered, block.delimiter)


def _is_cards(block: ListBlock) -> bool:
    """Two or more items, each with a picture and a title line of its own."""
    if len(block.items) < 2 or len(block.items) > 6:
        return False
    for item in block.items:
        images = [b for b in item.blocks if isinstance(b, Image)]
        if len(images) != 1 or not item_title(item):
            return False
    return True


def _pieces(units: list[_Unit]) -> list[_Piece]:
    """Group images that follow each other and give every text unit to an image (or none)."""
    groups: list[_Piece] = []
    owner_of_unit: dict[int, int] = {}
    for index, unit in enumerate(units):
        match unit:
            case _Visual():
                prev = units[index - 1] if index else None
                if isinstance(prev, _Visual) and not prev.solo \
                        and isinstance(unit.image, ImageRef) and _sidebyside_ok(groups[-1]):
                    groups[-1].images.append(unit.image)
                else:
                    groups.append(_Piece(images=[unit.image], first=index))
                owner_of_unit[index] = len(groups) - 1
            case _Cards():
                groups.append(_Piece(cards=unit.block, first=index))
                owner_of_unit[index] = len(groups) - 1
            case _Text():
                pass  # given to a group below
            case _:
                assert_never(unit)
    pieces = groups
    loose = _Piece(first=len(units))
    around = _around(units)
    for index, unit in enumerate(units):
        if not isinstance(unit, _Text):
            continue
        owner = _owner(units, index, owner_of_unit, around)
        if owner is None:
            if not loose.blocks:
                loose.first = index
            loose.blocks.append(unit.block)
        else:
            groups[owner].blocks.append(unit.block)
            groups[owner].first = min(groups[owner].first, index)
    if loose.blocks:
        pieces = groups + [loose]
    return sorted(pieces, key=lambda p: p.first)


def _sidebyside_ok(piece: _Piece) -> bool:
    return piece.cards is None and len(piece.images) < MAX_SIDE_BY_SIDE and all(
        isinstance(image, ImageRef) for image in piece.images)


def _owner(units: list[_Unit], index: int, owner_of_unit: dict[int, int],
           around: tuple[list[int | None], list[int | None]]) -> int | None:
    """Which image group a text unit belongs to.

    Text glued to an image (same paragraph, no blank line) belongs to it; otherwise text
    after an image belongs to that image, and text before the first image to the first.
    A cards list owns no loose text: text around it gets a slide of its own.
    """
    unit = units[index]
    prev_i, next_i = index - 1, index + 1
    prev = units[prev_i] if prev_i >= 0 else None
    nxt = units[next_i] if next_i < len(units) else None
    assert isinstance(unit, _Text)
    if isinstance(prev, _Visual) and _glued(prev.image.line, unit.block):
        return owner_of_unit[prev_i]
    if isinstance(nxt, _Visual) and (unit.glued_next or _glued_before(unit.block, nxt.image.line)):
        return owner_of_unit[next_i]
    before = _nearest(units, around[0][index], owner_of_unit)
    if before is not _NOT_FOUND:
        return before
    after = _nearest(units, around[1][index], owner_of_unit)
    return None if after is _NOT_FOUND else after


_NOT_FOUND = -1


def _around(units: list[_Unit]) -> tuple[list[int | None], list[int | None]]:
    """For each unit, the index of the nearest picture or cards list before it and after
    it: one pass each way, so a section of 10,000 paragraphs is not walked 10,000 times."""
    before: list[int | None] = []
    last: int | None = None
    for at, unit in enumerate(units):
        before.append(last)
        last = last if isinstance(unit, _Text) else at
    after: list[int | None] = [None] * len(units)
    last = None
    for at in range(len(units) - 1, -1, -1):
        after[at] = last
        last = last if isinstance(units[at], _Text) else at
    return before, after


def _nearest(units: list[_Unit], at: int | None, owner_of_unit: dict[int, int]) -> int | None:
    """The group of the picture at `at`; None when it is a cards list (it owns no loose
    text); _NOT_FOUND when there is none."""
    if at is None:
        return _NOT_FOUND
    unit = units[at]
    match unit:
        case _Visual():
            return owner_of_unit[at]
        case _Cards():
            return None
        case _Text():
            raise AssertionError("a text unit is never a nearest picture")
        case _:
            assert_never(unit)


def _glued(image_line: int, block: Flowing) -> bool:
    return isinstance(block, Paragraph) and block.line in (image_line, image_line + 1)


def _glued_before(block: Flowing, image_line: int) -> bool:
    if not isinstance(block, Paragraph):
        return False
    end = block.line + sum(1 for s in block.spans if s.is_break)
    return image_line in (end, end + 1)


# -- one piece to one slide -----------------------------------------------------------

def _shown(blocks: list[Flowing]) -> list[Block]:
    """What a slide may show: not the notes-only text, not a demo's time mark."""
    return [b for b in blocks if not isinstance(b, (NotesOnly, Demo))]


def demo_seconds(blocks: Sequence[Flowing]) -> float:
    """The demo time the blocks reserve, also inside callouts and list items."""
    return sum(block.seconds for block in walk(b for b in blocks if not isinstance(b, NotesOnly))
               if isinstance(block, Demo))


def _slide(title: str, piece: _Piece, section: str, line: int, language: str) -> Slide | None:
    blocks = piece.blocks if piece.cards is None else [piece.cards, *piece.blocks]
    sources = _visual_sources(piece.images)
    demo = demo_seconds(blocks)
    said_blocks = [b for b in blocks if not isinstance(b, NotesOnly)]  # the script is said
    kept = tuple(b.text for b in blocks if isinstance(b, NotesOnly))  # the whole code, read
    notes = Notes(notes_of(said_blocks) or ("" if sources else title), sources, demo,
                  detail=kept)
    shown = _shown(blocks)  # what the slide may show; notes-only text is said, not shown
    said = notes_of(shown) or title
    extra = _reading_seconds(shown) + _walk_through_seconds(piece.images) + demo
    first_line = _first_line(piece) or line
    if piece.cards is not None:
        cards = tuple(_card(item, piece.cards) for item in piece.cards.items)
        return Slide(SlideKind.CONTENT, title, notes=notes,
                     seconds=slide_seconds(SlideKind.CONTENT, said, language, 1) + extra,
                     cards=cards, section=section, line=first_line,
                     body=tuple(elements_of(_shown(piece.blocks), language)))
    body = elements_of(_shown(piece.blocks), language)
    pictures = tuple(piece.images)
    if not pictures and not body:
        sentence = first_sentence(_shown(piece.blocks))
        if sentence:
            body = [Takeaway(sentence)]
    if not pictures and not body:
        return None
    return Slide(SlideKind.CONTENT, title, notes=notes,
                 seconds=slide_seconds(SlideKind.CONTENT, said, language, len(pictures)) + extra,
                 body=tuple(body), pictures=pictures, section=section, line=first_line)


def _visual_sources(visuals: list[Visual]) -> tuple[str, ...]:
    """A diagram's Mermaid source and a formula's LaTeX: the speaker can read or edit them."""
    parts = []
    for visual in visuals:
        match visual:
            case Diagram():
                parts.append(f"Mermaid ({visual.kind}):\n{visual.source}")
            case Formula():
                parts.append(f"$$ {visual.latex} $$")
            case ImageRef():
                pass
            case _:
                assert_never(visual)
    return tuple(parts)


def _reading_seconds(blocks: list[Block]) -> float:
    """Code and tables take time to walk through even though the notes do not say them."""
    seconds = 0.0
    for block in blocks:
        match block:
            case CodeBlock():
                seconds += min(60.0, 1.5 * len(block.text.split("\n")))
            case Table():
                seconds += min(60.0, 2.0 * len(block.rows))
            case (Paragraph() | ListBlock() | Callout() | Heading() | Image() | Rule() | Embed()
                  | Diagram() | Formula() | Demo()):
                pass  # said (their words are the script), or looked at (a picture's pause)
            case _:
                assert_never(block)
    return seconds


def _walk_through_seconds(visuals: list[Visual]) -> float:
    """A diagram takes time to walk through: its boxes and arrows, or its messages; a
    formula a moment to read. Counted by the estimate, so the clock stays true."""
    seconds = 0.0
    for visual in visuals:
        match visual:
            case Diagram():
                seconds += _diagram_seconds(visual.parsed)
            case Formula():
                seconds += 5.0
            case ImageRef():
                pass  # a picture's pause is the slide's
            case _:
                assert_never(visual)
    return seconds


def _diagram_seconds(parsed: ParseResult) -> float:
    match parsed:
        case Flowchart():
            return min(45.0, 1.5 * len(parsed.nodes) + 0.5 * len(parsed.edges))
        case SequenceDiagram():
            return min(45.0, 2.0 * len(parsed.events))
        case Unsupported() | MermaidError():
            return 0.0  # a picture or a placeholder: looked at, not walked through
        case _:
            assert_never(parsed)


def _empty_slide(title: str, section: str, line: int, language: str, demo: float = 0.0
                 ) -> Slide:
    """A heading with nothing under it still gets its slide: the title says it all."""
    return Slide(SlideKind.CONTENT, title, notes=Notes(title, demo=demo),
                 seconds=slide_seconds(SlideKind.CONTENT, title, language) + demo,
                 section=section, line=line)


def _first_line(piece: _Piece) -> int | None:
    lines = [ref.line for ref in piece.images] + [b.line for b in _shown(piece.blocks)]
    if piece.cards is not None:
        lines.append(piece.cards.line)
    return min(lines) if lines else None


def _card(item: ListItem, block: ListBlock) -> Card:
    picture = next(b.ref for b in item.blocks if isinstance(b, Image))
    title = item_title(item)
    details = [Bullet(unaccent(phrase), 0) for phrase in key_phrases(item_rest(item))
               if text_of(phrase) != text_of(title)]
    notes = Notes(notes_of([ListBlock((item,), item.line, block.ordered, block.delimiter)]))
    return Card(unaccent(title), picture, tuple(dedupe(details)), list_number(item, block), notes)
