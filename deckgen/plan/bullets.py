"""Text blocks to slide elements: bullets from key phrases and list items, groups,
comparison columns, takeaway lines, code, tables and boxes.

A bold or highlighted phrase is the author's own key phrase; a list item shows its leading
bold phrase (or first line) and its other bold phrases beneath it; `▶ label` lines (and
sub-headings) open groups. What is not shown stays in the speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from ..note.model import (Block, Callout, CodeBlock, Demo, Diagram, Embed, Formula, Heading, Image,
                          Inline, ListBlock, ListItem, Paragraph, Rule, Span, Table, lines_of,
                          merge_neighbours, plain)
from .talk import (Box, Bullet, Bullets, Code, Columns, Element, Group, Run, TableData,
                   Text, text_of)

GROUP_MARKERS = "▶►▷■□●○◆◇☞➤➜→✦★☆◎"
MAX_TAKEAWAY = 160  # characters: a takeaway is one line of a slide, not a paragraph
MAX_BULLET = 300  # characters of a bullet; the whole text stays in the notes
MAX_SPANS = 2000
MAX_GROUP_LABEL = 40
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+")
CALLOUT_TITLES_KO = {
    "note": "참고", "info": "정보", "tip": "팁", "hint": "팁", "important": "중요",
    "warning": "주의", "caution": "주의", "attention": "주의", "danger": "위험", "error": "오류",
    "bug": "버그", "example": "예시", "question": "질문", "faq": "질문", "help": "질문",
    "success": "성공", "check": "확인", "done": "완료", "failure": "실패", "fail": "실패",
    "missing": "누락", "abstract": "요약", "summary": "요약", "tldr": "요약", "todo": "할 일",
    "quote": "인용", "cite": "인용",
}


# -- text blocks to slide elements -------------------------------------------------------

def elements_of(blocks: list[Block], language: str) -> list[Element]:
    """Bullets, comparison columns, code, tables and boxes for a run of text blocks.

    Groups that all have bullets and nothing else become a comparison (two or three
    columns); otherwise each group is its label over its bullets, code and tables in
    note order, so a group's code never drifts away from its text and no column is empty.
    """
    lead, groups = _groups(blocks)
    elements = _in_order(lead, language)
    columns = [_column(label, members) for label, members in groups]
    if comparable(groups) and all(c.bullets for c in columns):
        elements.append(Columns(tuple(columns)))
        return elements
    for (label, members), column in zip(groups, columns):
        bullets = [Bullet(label)]
        if not any(_text_bullets([m]) for m in members) and column.bullets:
            bullets.extend(Bullet(b.text, 1) for b in column.bullets)  # its first sentence
        elements.extend(_in_order(members, language, bullets))
    return elements


def comparable(groups: list[tuple[Text, list[Block]]]) -> bool:
    """Two or three groups of text alone can stand side by side."""
    return len(groups) in (2, 3) and not any(
        _non_text(member) for _, members in groups for member in members)


def _non_text(block: Block) -> bool:
    return not isinstance(block, (Paragraph, ListBlock, Heading, Rule))


def _in_order(blocks: list[Block], language: str,
              bullets: list[Bullet] | None = None) -> list[Element]:
    """Text blocks as bullets and code, tables and boxes as their own elements, in order;
    `bullets` (a group's label) leads, and the group's own bullets sit beneath it."""
    elements: list[Element] = []
    nested = bullets is not None
    bullets = bullets if bullets is not None else []
    for block in blocks:
        match block:
            case CodeBlock() | Table() | Callout():
                _flush(elements, bullets)
                elements.append(_special(block, language))
            case Paragraph() | ListBlock():
                found = _text_bullets([block])
                bullets.extend(Bullet(b.text, 1, b.number) if nested else b for b in found)
            case Heading() | Rule() | Image() | Diagram() | Formula() | Embed() | Demo():
                # labels are read as groups before; pictures, diagrams and formulas are the
                # slide's visuals (content.py); rules and demo marks show nothing
                pass
            case _:
                assert_never(block)
    _flush(elements, bullets)
    return elements


def _text_bullets(blocks: list[Block]) -> list[Bullet]:
    """The bullets text blocks make: key phrases of paragraphs, list items."""
    bullets: list[Bullet] = []
    for block in blocks:
        match block:
            case Paragraph():
                bullets.extend(Bullet(unaccent(p)) for p in key_phrases([block]))
            case ListBlock():
                bullets.extend(_list_bullets(block, 0))
            case (CodeBlock() | Table() | Callout() | Heading() | Rule() | Image() | Diagram()
                  | Formula() | Embed() | Demo()):
                pass  # not text: elements or visuals of their own, or nothing to show
            case _:
                assert_never(block)
    return bullets


def _flush(elements: list[Element], bullets: list[Bullet]) -> None:
    if bullets:
        elements.append(Bullets(tuple(dedupe(bullets))))
        bullets.clear()


def _special(block: CodeBlock | Table | Callout, language: str) -> Element:
    match block:
        case CodeBlock():
            return Code(block.text, block.language)
        case Table():
            return TableData(tuple(runs_of(cell) for cell in block.header),
                             tuple(tuple(runs_of(cell) for cell in row) for row in block.rows),
                             block.aligns)
        case Callout():
            items = [b for b in _callout_bullets(block)]
            title = runs_of(block.title) or ((Run(_callout_title(block.kind, language)),)
                                             if block.kind != "quote" else ())
            return Box(block.kind, title, tuple(items))
        case _:
            assert_never(block)


def _callout_title(kind: str, language: str) -> str:
    if language == "ko":
        return CALLOUT_TITLES_KO.get(kind, kind.capitalize())
    return kind.capitalize()


def _callout_bullets(block: Callout) -> list[Bullet]:
    inner = list(block.blocks)
    bullets = [Bullet(unaccent(p)) for p in key_phrases(inner)]
    for b in inner:
        if isinstance(b, ListBlock):
            bullets.extend(_list_bullets(b, 0))
    if not bullets:
        sentence = first_sentence(inner)
        if sentence:
            bullets = [Bullet(sentence)]
    return dedupe(bullets)


def _groups(blocks: list[Block]) -> tuple[list[Block], list[tuple[Text, list[Block]]]]:
    """Split off `▶ label` groups (and sub-heading groups) with every block under each
    label, code and tables included; what precedes the first label is the lead."""
    lead: list[Block] = []
    groups: list[tuple[Text, list[Block]]] = []
    for block in blocks:
        label, remainder = _group_label(block)
        if label is not None:
            groups.append((label, [remainder] if remainder is not None else []))
        elif groups:
            groups[-1][1].append(block)
        else:
            lead.append(block)
    return lead, groups


def _column(label: Text, members: list[Block]) -> Group:
    """A group's label and bullets (its first sentence when it has no bullet of its own)."""
    bullets = _text_bullets(members)
    if not bullets and (sentence := first_sentence(members)):
        bullets = [Bullet(sentence)]
    return Group(label, tuple(dedupe(bullets)))


def is_group_label(block: Block) -> bool:
    """A sub-heading or a `▶ label` line: the start of a group."""
    return _group_label(block)[0] is not None


def _group_label(block: Block) -> tuple[Text | None, Block | None]:
    """The label a sub-heading or `▶ label` line opens a group with, and the rest of the
    paragraph after the label's line; (None, None) for any other block."""
    match block:
        case Heading():
            return runs_of(block.spans), None
        case Paragraph():
            return _marker_label(block)
        case _:
            return None, None


def _marker_label(block: Paragraph) -> tuple[Text | None, Block | None]:
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
        title = item_title(item)
        if title:
            out.append(Bullet(unaccent(title), min(level, 1), list_number(item, block)))
        for phrase in key_phrases(item_rest(item)):
            if text_of(phrase) != text_of(title):
                out.append(Bullet(unaccent(phrase), 1))
        for nested in item.blocks:
            if isinstance(nested, ListBlock):
                out.extend(_list_bullets(nested, level + 1))
    return out


def list_number(item: ListItem, block: ListBlock) -> str | None:
    return f"{item.number}{block.delimiter}" if block.ordered and item.number is not None else None


def item_title(item: ListItem) -> Text:
    """A list item shows its leading bold phrase when prose follows it, else its first line."""
    return runs_of(_item_parts(item)[0])


def item_rest(item: ListItem) -> list[Block]:
    """What follows the item's title: the rest of its first paragraph and its later blocks."""
    return _item_parts(item)[1]


def _item_parts(item: ListItem) -> tuple[Inline, list[Block]]:
    rest: list[Block] = []
    title: Inline = ()
    for block in item.blocks:
        match block:
            case Paragraph() if not title:
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
            case ListBlock() | Image():
                pass  # nested lists are bullets of their own; pictures are visuals
            case _:
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


def key_phrases(blocks: list[Block]) -> list[Text]:
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
    runs[-1] = replace(last, text=stripped)
    runs[0] = replace(runs[0], text=first if len(runs) > 1 else stripped.lstrip())
    runs = [r for r in runs if r.text]
    return tuple(runs) if text_of(tuple(runs)).strip() else ()


def runs_of(spans: Inline) -> Text:
    """Spans to slide runs: key phrases take the accent; line breaks become spaces."""
    runs = [Run(" " if span.is_break else span.text,
                replace(span.marks, bold=span.is_key, highlight=False)) for span in spans]
    return _collapse_spaces(tuple(merge_neighbours(runs)))


def _collapse_spaces(text: Text) -> Text:
    out: list[Run] = []
    for index, run in enumerate(text):
        value = re.sub(r"\s+", " ", run.text)
        if index == 0:
            value = value.lstrip()
        if index == len(text) - 1:
            value = value.rstrip()
        if value:
            out.append(replace(run, text=value))
    return tuple(out)


def unaccent(text: Text) -> Text:
    """A bullet that is all key phrase needs no accent; accent marks a phrase within text."""
    if text and all(run.accent for run in text):
        return tuple(replace(r, marks=replace(r.marks, bold=False, highlight=False)) for r in text)
    return text


def dedupe(bullets: list[Bullet]) -> list[Bullet]:
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
        out.append(replace(run, text=piece))
    return _collapse_spaces(tuple(out))
