"""One topic (an H2, or an H1 with content of its own) to its content slides.

The rules, from the brief: each image is one main visual and keeps the text that
accompanies it; images with no text between them go side by side; a numbered list whose
items each carry an image and a title becomes cards; bold phrases and list items become
bullets; `▶ label` lines open groups and two or three groups make a comparison; a slide
with neither bullets nor picture shows its first sentence. Prose goes to the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import (Block, Callout, CodeBlock, Heading, Image, ImageRef, Inline, ListBlock,
                    ListItem, Paragraph, Rule, Span, Table, lines_of, plain)
from .talk import (TITLE_ONLY, Box, Bullet, Bullets, Card, Code, Columns, Element, Group, Run,
                   Slide, SlideKind, TableData, Takeaway, Text, layout_for, text_of)
from .errors import BuildWarning
from .notes import notes_of
from .speech import slide_seconds

GROUP_MARKERS = "▶►▷■□●○◆◇☞➤➜→✦★☆◎"
MAX_CODE_LINES = 30  # about two slides of code; a talk cannot show more
MAX_TAKEAWAY = 160  # characters: a takeaway is one line of a slide, not a paragraph
MAX_BULLET = 300  # characters of a bullet; the whole text stays in the notes
MAX_SPANS = 2000
MAX_GROUP_LABEL = 40
MAX_SIDE_BY_SIDE = 4
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+")
CALLOUT_TITLES_KO = {
    "note": "참고", "info": "정보", "tip": "팁", "hint": "팁", "important": "중요",
    "warning": "주의", "caution": "주의", "attention": "주의", "danger": "위험", "error": "오류",
    "bug": "버그", "example": "예시", "question": "질문", "faq": "질문", "help": "질문",
    "success": "성공", "check": "확인", "done": "완료", "failure": "실패", "fail": "실패",
    "missing": "누락", "abstract": "요약", "summary": "요약", "tldr": "요약", "todo": "할 일",
    "quote": "인용", "cite": "인용",
}


# -- the pieces of a topic: image groups with the text they own ---------------------------

@dataclass(frozen=True)
class _CodeRest:
    """The part of a long code block that only the notes carry."""

    text: str
    line: int


@dataclass
class _Unit:
    """One step of the topic's flow: free text, an image, or a cards list."""

    kind: str  # "text", "image", "cards"
    block: Block | None = None
    image: ImageRef | None = None
    glued_next: bool = False  # text that belongs to the image right after it (list chunks)
    solo: bool = False  # an image with text after it in its list item: never side by side


@dataclass
class _Piece:
    images: list[ImageRef] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    cards: ListBlock | None = None
    first: int = 0  # position in the flow, to keep source order


def topic_slides(title: str, blocks: tuple[Block, ...], section: str, line: int,
                 language: str, warnings: list[BuildWarning] | None = None) -> list[Slide]:
    """The content slides for one topic, in source order (at least one slide)."""
    blocks = _cap_code(blocks, warnings if warnings is not None else [])
    pieces = _pieces(_flow(blocks))
    slides = [_slide(title, piece, section, line, language) for piece in pieces]
    return [s for s in slides if s is not None] or [_empty_slide(title, section, line, language)]


def _cap_code(blocks: tuple[Block, ...], warnings: list[BuildWarning]) -> tuple[Block, ...]:
    """Code longer than two slides' worth shows its start; the whole block stays in the notes."""
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n") if isinstance(block, CodeBlock) else []
        if len(lines) > MAX_CODE_LINES:
            warnings.append(BuildWarning(
                f"code block has {len(lines)} lines; the slides show the first "
                f"{MAX_CODE_LINES}, the rest is in the speaker notes", block.line))
            out.append(CodeBlock("\n".join(lines[:MAX_CODE_LINES]), block.line, block.language))
            out.append(_CodeRest("\n".join(lines[MAX_CODE_LINES:]), block.line))
        else:
            out.append(block)
    return tuple(out)


def _flow(blocks: tuple[Block, ...]) -> list[_Unit]:
    units: list[_Unit] = []
    for block in blocks:
        if isinstance(block, Image):
            units.append(_Unit("image", image=block.ref))
        elif isinstance(block, ListBlock) and _is_cards(block):
            units.append(_Unit("cards", block=block))
        elif isinstance(block, ListBlock) and _list_images(block):
            units.extend(_split_list_at_images(block))
        elif isinstance(block, Rule):
            continue
        else:
            units.append(_Unit("text", block=block))
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
            units.append(_Unit("text", block=_sublist(block, chunk), glued_next=True))
            units.extend(_Unit("image", image=ref, solo=text_after) for ref in images)
            chunk = []
    if chunk:
        units.append(_Unit("text", block=_sublist(block, chunk)))
    return units


def _sublist(block: ListBlock, items: list[ListItem]) -> ListBlock:
    return ListBlock(tuple(items), items[0].line, block.ordered, block.delimiter)


def _is_cards(block: ListBlock) -> bool:
    """Two or more items, each with a picture and a title line of its own."""
    if len(block.items) < 2 or len(block.items) > 6:
        return False
    for item in block.items:
        images = [b for b in item.blocks if isinstance(b, Image)]
        if len(images) != 1 or not _item_title(item):
            return False
    return True


def _pieces(units: list[_Unit]) -> list[_Piece]:
    """Group images that follow each other and give every text unit to an image (or none)."""
    groups: list[_Piece] = []
    owner_of_unit: dict[int, int] = {}
    for index, unit in enumerate(units):
        if unit.kind == "image":
            prev = units[index - 1] if index else None
            if prev is not None and prev.kind == "image" and not prev.solo \
                    and _sidebyside_ok(groups[-1]):
                groups[-1].images.append(unit.image)
            else:
                groups.append(_Piece(images=[unit.image], first=index))
            owner_of_unit[index] = len(groups) - 1
        elif unit.kind == "cards":
            groups.append(_Piece(cards=unit.block, first=index))
            owner_of_unit[index] = len(groups) - 1
    pieces = groups
    loose = _Piece(first=len(units))
    for index, unit in enumerate(units):
        if unit.kind != "text":
            continue
        owner = _owner(units, index, owner_of_unit, groups)
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
    return piece.cards is None and len(piece.images) < MAX_SIDE_BY_SIDE


def _owner(units: list[_Unit], index: int, owner_of_unit: dict[int, int],
           groups: list[_Piece]) -> int | None:
    """Which image group a text unit belongs to.

    Text glued to an image (same paragraph, no blank line) belongs to it; otherwise text
    after an image belongs to that image, and text before the first image to the first.
    A cards list owns no loose text: text around it gets a slide of its own.
    """
    unit = units[index]
    prev_i, next_i = index - 1, index + 1
    prev = units[prev_i] if prev_i >= 0 else None
    nxt = units[next_i] if next_i < len(units) else None
    if prev is not None and prev.kind == "image" and _glued(prev.image.line, unit.block):
        return owner_of_unit[prev_i]
    if nxt is not None and nxt.kind == "image" and (unit.glued_next or
                                                     _glued_before(unit.block, nxt.image.line)):
        return owner_of_unit[next_i]
    for back in range(index - 1, -1, -1):
        if units[back].kind == "image":
            return owner_of_unit[back]
        if units[back].kind == "cards":
            return None
    for ahead in range(index + 1, len(units)):
        if units[ahead].kind == "image":
            return owner_of_unit[ahead]
        if units[ahead].kind == "cards":
            return None
    return None


def _glued(image_line: int, block: Block | None) -> bool:
    return isinstance(block, Paragraph) and block.line in (image_line, image_line + 1)


def _glued_before(block: Block | None, image_line: int) -> bool:
    if not isinstance(block, Paragraph):
        return False
    end = block.line + sum(1 for s in block.spans if s.is_break)
    return image_line in (end, end + 1)


# -- one piece to one slide -----------------------------------------------------------

def _slide(title: str, piece: _Piece, section: str, line: int, language: str) -> Slide | None:
    blocks = piece.blocks if piece.cards is None else [piece.cards, *piece.blocks]
    notes = notes_of(blocks)
    said = notes_of([b for b in blocks if not isinstance(b, _CodeRest)]) or title
    extra = _reading_seconds(blocks)
    first_line = _first_line(piece) or line
    if piece.cards is not None:
        cards = tuple(_card(item, piece.cards) for item in piece.cards.items)
        return Slide(SlideKind.CONTENT, TITLE_ONLY, title, notes=notes or title,
                     seconds=slide_seconds(SlideKind.CONTENT, said, language, 1) + extra,
                     cards=cards, section=section, line=first_line,
                     body=tuple(elements_of(piece.blocks, language)))
    body = elements_of(piece.blocks, language)
    pictures = tuple(piece.images)
    if not pictures and not body:
        sentence = first_sentence(piece.blocks)
        if sentence:
            body = [Takeaway(sentence)]
    if not pictures and not body:
        return None
    return Slide(SlideKind.CONTENT, layout_for(body, bool(pictures)), title, notes=notes or title,
                 seconds=slide_seconds(SlideKind.CONTENT, said, language, len(pictures)) + extra,
                 body=tuple(body), pictures=pictures, section=section, line=first_line)


def _reading_seconds(blocks: list[Block]) -> float:
    """Code and tables take time to walk through even though the notes do not say them."""
    seconds = 0.0
    for block in blocks:
        if isinstance(block, CodeBlock):
            seconds += min(60.0, 1.5 * len(block.text.split("\n")))
        elif isinstance(block, Table):
            seconds += min(60.0, 2.0 * len(block.rows))
    return seconds


def _empty_slide(title: str, section: str, line: int, language: str) -> Slide:
    """A heading with nothing under it still gets its slide: the title says it all."""
    return Slide(SlideKind.CONTENT, TITLE_ONLY, title, notes=title,
                 seconds=slide_seconds(SlideKind.CONTENT, title, language),
                 section=section, line=line)


def _first_line(piece: _Piece) -> int | None:
    lines = [ref.line for ref in piece.images] + [b.line for b in piece.blocks]
    if piece.cards is not None:
        lines.append(piece.cards.line)
    return min(lines) if lines else None


def _card(item: ListItem, block: ListBlock) -> Card:
    picture = next(b.ref for b in item.blocks if isinstance(b, Image))
    title = _item_title(item)
    details = [Bullet(_unaccent(phrase), 0) for phrase in _key_phrases(_item_rest(item))
               if text_of(phrase) != text_of(title)]
    notes = notes_of([ListBlock((item,), item.line, block.ordered, block.delimiter)])
    return Card(_unaccent(title), picture, tuple(_dedupe(details)), _number(item, block), notes)


# -- text blocks to slide elements -------------------------------------------------------

def elements_of(blocks: list[Block], language: str) -> list[Element]:
    """Bullets, comparison columns, code, tables and boxes for a run of text blocks."""
    elements: list[Element] = []
    bullets: list[Bullet] = []
    groups, rest = _groups(blocks)
    for block in rest:
        if isinstance(block, Paragraph):
            bullets.extend(Bullet(_unaccent(p)) for p in _key_phrases([block]))
        elif isinstance(block, ListBlock):
            bullets.extend(_list_bullets(block, 0))
        elif isinstance(block, (CodeBlock, Table, Callout)):
            _flush(elements, bullets)
            elements.append(_special(block, language))
    _flush(elements, bullets)
    if len(groups) in (2, 3):
        elements.append(Columns(tuple(groups)))
    else:
        for group in groups:
            elements.append(Bullets(tuple(_dedupe(
                [Bullet(group.label)] + [Bullet(b.text, 1, b.number) for b in group.bullets]))))
    return elements


def _flush(elements: list[Element], bullets: list[Bullet]) -> None:
    if bullets:
        elements.append(Bullets(tuple(_dedupe(bullets))))
        bullets.clear()


def _special(block: Block, language: str) -> Element:
    if isinstance(block, CodeBlock):
        return Code(block.text, block.language)
    if isinstance(block, Table):
        return TableData(tuple(runs_of(cell) for cell in block.header),
                         tuple(tuple(runs_of(cell) for cell in row) for row in block.rows),
                         block.aligns)
    assert isinstance(block, Callout)
    items = [b for b in _callout_bullets(block)]
    title = runs_of(block.title) or ((Run(_callout_title(block.kind, language)),)
                                     if block.kind != "quote" else ())
    return Box(block.kind, title, tuple(items))


def _callout_title(kind: str, language: str) -> str:
    if language == "ko":
        return CALLOUT_TITLES_KO.get(kind, kind.capitalize())
    return kind.capitalize()


def _callout_bullets(block: Callout) -> list[Bullet]:
    inner = list(block.blocks)
    bullets = [Bullet(_unaccent(p)) for p in _key_phrases(inner)]
    for b in inner:
        if isinstance(b, ListBlock):
            bullets.extend(_list_bullets(b, 0))
    if not bullets:
        sentence = first_sentence(inner)
        if sentence:
            bullets = [Bullet(sentence)]
    return _dedupe(bullets)


def _groups(blocks: list[Block]) -> tuple[list[Group], list[Block]]:
    """Split off `▶ label` groups (and sub-heading groups); what precedes them stays."""
    before: list[Block] = []
    groups: list[tuple[Text, list[Block]]] = []
    for block in blocks:
        label, remainder = _group_label(block)
        if label is not None:
            groups.append((label, [remainder] if remainder is not None else []))
        elif groups and isinstance(block, (Paragraph, ListBlock)):
            groups[-1][1].append(block)
        else:
            before.append(block)  # code, tables and boxes keep their own element
    out = []
    for label, members in groups:
        bullets = [Bullet(_unaccent(p)) for p in _key_phrases(members)]
        for member in members:
            if isinstance(member, ListBlock):
                bullets.extend(_list_bullets(member, 0))
        if not bullets and (sentence := first_sentence(members)):
            bullets = [Bullet(sentence)]
        out.append(Group(label, tuple(_dedupe(bullets))))
    return out, before


def _group_label(block: Block) -> tuple[Text | None, Block | None]:
    if isinstance(block, Heading):
        return runs_of(block.spans), None
    if not isinstance(block, Paragraph):
        return None, None
    lines = lines_of(block.spans)
    if not lines:
        return None, None
    first = plain(lines[0])
    if not first or first[0] not in GROUP_MARKERS:
        return None, None
    label = first.lstrip(GROUP_MARKERS).strip()
    if not label or len(label) > MAX_GROUP_LABEL:
        return None, None
    rest = tuple(s for line in lines[1:] for s in (*line, Span("\n")))[:-1]
    return (Run(label),), (Paragraph(rest, block.line + 1) if rest else None)


def _list_bullets(block: ListBlock, level: int) -> list[Bullet]:
    out: list[Bullet] = []
    for item in block.items:
        title = _item_title(item)
        if title:
            out.append(Bullet(_unaccent(title), min(level, 1), _number(item, block)))
        for phrase in _key_phrases(_item_rest(item)):
            if text_of(phrase) != text_of(title):
                out.append(Bullet(_unaccent(phrase), 1))
        for nested in item.blocks:
            if isinstance(nested, ListBlock):
                out.extend(_list_bullets(nested, level + 1))
    return out


def _number(item: ListItem, block: ListBlock) -> str | None:
    return f"{item.number}{block.delimiter}" if block.ordered and item.number is not None else None


def _item_title(item: ListItem) -> Text:
    """A list item shows its leading bold phrase when prose follows it, else its first line."""
    return runs_of(_item_parts(item)[0])


def _item_rest(item: ListItem) -> list[Block]:
    """What follows the item's title: the rest of its first paragraph and its later blocks."""
    return _item_parts(item)[1]


def _item_parts(item: ListItem) -> tuple[Inline, list[Block]]:
    rest: list[Block] = []
    title: Inline = ()
    for block in item.blocks:
        if isinstance(block, Paragraph) and not title:
            lines = lines_of(block.spans)
            if not lines:
                continue
            lead = _leading_key(lines[0])
            has_more = len(lines) > 1 or len(lead) < len(lines[0])
            title = lead if lead and has_more else lines[0]
            remaining = tuple(lines[0][len(title):]) + tuple(
                s for line in lines[1:] for s in (Span("\n"), *line))
            if plain(remaining):
                rest.append(Paragraph(remaining, block.line))
        elif not isinstance(block, (ListBlock, Image)):
            rest.append(block)
    return title, rest


def _leading_key(spans: Inline) -> Inline:
    out = []
    for span in spans:
        if span.is_key:
            out.append(span)
        elif not span.text.strip() and out:
            out.append(span)
        else:
            break
    while out and not out[-1].is_key:
        out.pop()
    return tuple(out)


def _key_phrases(blocks: list[Block]) -> list[Text]:
    """Bold and highlighted phrases of paragraphs, in order: the author's own key phrases."""
    out: list[Text] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        current: list[Span] = []
        for span in (*block.spans, Span("\n")):
            if span.is_key and not span.is_break:
                current.append(span)
                continue
            if current:
                phrase = _clean_phrase(runs_of(tuple(current)))
                if phrase:
                    out.append(phrase)
                current = []
    return out


def _clean_phrase(text: Text) -> Text:
    if not text:
        return ()
    if len(text_of(text)) > MAX_BULLET:
        text = _cut(text, MAX_BULLET) + (Run(" …"),)
    last = text[-1]
    stripped = last.text.rstrip().rstrip(":：").rstrip()
    first = text[0].text.lstrip()
    runs = list(text)
    runs[-1] = Run(stripped, last.accent, last.code, last.italic, last.strike, last.link)
    runs[0] = Run(first if len(runs) > 1 else stripped.lstrip(), runs[0].accent, runs[0].code,
                  runs[0].italic, runs[0].strike, runs[0].link)
    runs = [r for r in runs if r.text]
    return tuple(runs) if text_of(tuple(runs)).strip() else ()


def runs_of(spans: Inline) -> Text:
    """Spans to slide runs: key phrases take the accent; line breaks become spaces."""
    runs: list[Run] = []
    for span in spans:
        text = " " if span.is_break else span.text
        run = Run(text, accent=span.is_key, code=span.code, italic=span.italic,
                  strike=span.strike, link=span.link)
        if runs and (runs[-1].accent, runs[-1].code, runs[-1].italic, runs[-1].strike,
                     runs[-1].link) == (run.accent, run.code, run.italic, run.strike, run.link):
            runs[-1] = Run(runs[-1].text + run.text, run.accent, run.code, run.italic, run.strike,
                           run.link)
        else:
            runs.append(run)
    return _collapse_spaces(tuple(runs))


def _collapse_spaces(text: Text) -> Text:
    out: list[Run] = []
    for index, run in enumerate(text):
        value = re.sub(r"\s+", " ", run.text)
        if index == 0:
            value = value.lstrip()
        if index == len(text) - 1:
            value = value.rstrip()
        if value:
            out.append(Run(value, run.accent, run.code, run.italic, run.strike, run.link))
    return tuple(out)


def _unaccent(text: Text) -> Text:
    """A bullet that is all key phrase needs no accent; accent marks a phrase within text."""
    if text and all(run.accent for run in text):
        return tuple(Run(r.text, False, r.code, r.italic, r.strike, r.link) for r in text)
    return text


def _dedupe(bullets: list[Bullet]) -> list[Bullet]:
    seen: set[tuple[int, str]] = set()
    out = []
    for bullet in bullets:
        key = (bullet.level, " ".join(text_of(bullet.text).split()).casefold())
        if key[1] and key not in seen:
            seen.add(key)
            out.append(bullet)
    return out


def first_sentence(blocks: list[Block]) -> Text:
    """The first sentence of the first paragraph: the takeaway line of a prose-only slide."""
    for block in blocks:
        if isinstance(block, Paragraph):
            text = runs_of(block.spans[:MAX_SPANS])
            if not text:
                continue
            whole = text_of(text)[:MAX_TAKEAWAY * 2]
            sentence = _SENTENCE_END.split(whole, maxsplit=1)[0].rstrip()
            if len(sentence) > MAX_TAKEAWAY:
                cut = sentence[:MAX_TAKEAWAY].rsplit(" ", 1)[0] or sentence[:MAX_TAKEAWAY]
                return _cut(text, len(cut)) + (Run(" …"),)
            return _cut(text, len(sentence))
    return ()


def _cut(text: Text, length: int) -> Text:
    out: list[Run] = []
    for run in text:
        if length <= 0:
            break
        piece = run.text[:length]
        length -= len(run.text)
        out.append(Run(piece, run.accent, run.code, run.italic, run.strike, run.link))
    return _collapse_spaces(tuple(out))
