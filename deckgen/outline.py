"""`deckgen outline`: the talk plan as text, one block per slide.

The same format is used for the expected outlines in tests/fixtures, so a change in
planning shows up as a readable diff rather than a changed binary deck.
"""

from __future__ import annotations

from typing import assert_never

from .layout.frames import Deck
from .plan.timing import clock
from .plan.talk import Box, Bullet, Bullets, Card, Code, Columns, Element, TableData, Takeaway, Talk, text_of


def outline(talk: Talk, deck: Deck, theme: str) -> str:
    total = sum(placed.seconds for placed in deck.slides)
    lines = [f"{talk.title}",
             f"{len(deck.slides)} slides · {clock(total)} of {clock(talk.minutes * 60)} · "
             f"language {talk.language} · theme {theme}", ""]
    elapsed = 0.0
    for number, placed in enumerate(deck.slides, 1):
        elapsed += placed.seconds
        lines.append(f"{number:>2}. [{placed.layout}] {placed.title_text}   "
                     f"⏱ {clock(placed.seconds)} · {clock(elapsed)}")
        for subtitle in placed.subtitle:
            lines.append(f"      {subtitle}")
        lines.extend(_cards(placed.cards, with_pictures=False))
        for element in placed.shows:
            lines.extend(_element(element))
        for picture in placed.pictures:
            state = "" if picture.ok else f"   (placeholder: {picture.problem})"
            state += f"   caption: {picture.caption}" if picture.caption else ""
            lines.append(f"      picture: {picture.name} {picture.width}×{picture.height}{state}")
    return "\n".join(lines) + "\n"


def plan_outline(talk: Talk) -> str:
    """The plan as the planner made it, before layout: which slides, layouts, bullets and
    pictures, and each slide's time. A layout change (a continuation, a card split) leaves
    this text alone, so planning goldens only change when planning does."""
    lines = [f"{talk.title}",
             f"{len(talk.slides)} planned slides · {clock(talk.seconds)} of "
             f"{clock(talk.minutes * 60)} · language {talk.language}", ""]
    elapsed = 0.0
    for number, slide in enumerate(talk.slides, 1):
        elapsed += slide.seconds
        lines.append(f"{number:>2}. {slide.kind.value} [{slide.layout}] {slide.title}   "
                     f"⏱ {clock(slide.seconds)} · {clock(elapsed)}")
        lines.extend(f"      {subtitle}" for subtitle in slide.subtitle)
        lines.extend(_cards(slide.cards, with_pictures=True))
        for element in slide.body:
            lines.extend(_element(element))
        lines.extend(f"      picture: {ref.target}" for ref in slide.pictures)
    return "\n".join(lines) + "\n"


def _cards(cards: tuple[Card, ...], with_pictures: bool) -> list[str]:
    """A cards slide's items; the plan names each card's picture (the deck lists pictures)."""
    out = []
    for card in cards:
        number_text = f"{card.number} " if card.number else ""
        picture = f"   picture: {card.picture.target}" if with_pictures else ""
        out.append(f"      card: {number_text}{text_of(card.title)}{picture}")
        out.extend(f"        – {text_of(b.text)}" for b in card.bullets)
    return out


def _element(element: Element) -> list[str]:
    match element:
        case Bullets():
            return [_bullet(b) for b in element.items]
        case Columns():
            out = []
            for group in element.groups:
                out.append(f"      column: {text_of(group.label)}")
                out.extend("  " + _bullet(b) for b in group.bullets)
            return out
        case Takeaway():
            return [f"      takeaway: {text_of(element.text)}"]
        case Code():
            count = len(element.text.split("\n"))
            language = f" {element.language}" if element.language else ""
            return [f"      code{language}: {count} lines"]
        case TableData():
            columns = max([len(element.header)] + [len(r) for r in element.rows])
            return [f"      table: {len(element.rows)} rows × {columns} columns"]
        case Box():
            title = text_of(element.title) or element.kind
            return [f"      box ({element.kind}): {title}"] + ["  " + _bullet(b) for b in element.items]
        case _:
            assert_never(element)


def _bullet(bullet: Bullet) -> str:
    marker = bullet.number or ("•" if bullet.level == 0 else "–")
    indent = "      " + "  " * bullet.level
    return f"{indent}{marker} {text_of(bullet.text)}"
