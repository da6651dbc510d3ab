"""Alt text, by the rules of PowerPoint's Accessibility Checker: never a file name.

A picture says what the note says about it: its caption (title or alt text), else the
sentence that introduces it (the first sentence the speaker says on its slide), else its
slide's title. A formula says its LaTeX and how it reads aloud; a Mermaid diagram says its
kind, then its nodes and edges in reading order, in the talk's language.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from ..note.mermaid import Flowchart, MermaidError, Message, SequenceDiagram, Unsupported
from ..note.model import Diagram
from ..pictures.model import DrawnDiagram, Picture
from ..plan.talk import Slide, text_of
from .frames import DiagramFrame, Frame, PictureFrame

WORDS = {  # the words of a description, in the talk's language
    "ko": {"flowchart": "순서도", "sequenceDiagram": "시퀀스 다이어그램", "nodes": "요소",
           "edges": "연결", "to": "→", "formula": "수식", "picture": "그림"},
    "en": {"flowchart": "Flowchart", "sequenceDiagram": "Sequence diagram", "nodes": "nodes",
           "edges": "links", "to": "→", "formula": "Formula", "picture": "Picture"},
}
MAX_ALT = 1000
MIN_SENTENCE = 8  # characters: shorter is a label ("1."), not a sentence about the picture
_MARKER = re.compile(r"^\s*(?:[-*•▶▷►·]+|\d+[.)]|[①-⑳])\s*")


def with_alt(frame: Frame, slide: Slide, language: str) -> Frame:
    """`frame` with its alt text, when it is a picture or a diagram."""
    match frame:
        case DiagramFrame():
            drawing = frame.picture.drawing
            if isinstance(drawing, DrawnDiagram):  # what this page draws: a part, if split
                shown = drawing.diagram if drawing.chart is None else \
                    replace(drawing.diagram, parsed=drawing.chart)
                return replace(frame, alt=describe(shown, language))
            return replace(frame, alt=picture_alt(frame.picture, slide, language))
        case PictureFrame():
            return replace(frame, alt=picture_alt(frame.picture, slide, language))
        case _:
            return frame


def picture_alt(picture: Picture, slide: Slide, language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    if picture.name == "formula" and picture.alt:
        return f"{words['formula']}: {picture.alt}"[:MAX_ALT]
    if picture.alt or picture.caption:
        return (picture.alt or picture.caption)[:MAX_ALT]
    card = next((c for c in slide.cards if c.picture.line == picture.line), None)
    if card is not None:  # a card's picture: what the card says about it
        said = _first_sentence(card.notes.script)
        return (said or text_of(card.title) or slide.title)[:MAX_ALT]
    said = _first_sentence(slide.notes.script)
    return (said or slide.title.strip() or words["picture"])[:MAX_ALT]


def describe(diagram: Diagram, language: str) -> str:
    """What a Mermaid diagram shows: its kind, its nodes and its edges in reading order."""
    words = WORDS.get(language, WORDS["en"])
    parsed = diagram.parsed
    match parsed:
        case Flowchart():
            labels = {node.id: _flat(node.label) or node.id for node in parsed.nodes}
            labels |= {graph.id: _flat(graph.title) or graph.id for graph in parsed.subgraphs}
            edges = [f"{labels.get(e.source, e.source)} {words['to']} "
                     f"{labels.get(e.target, e.target)}"
                     + (f" ({_flat(e.label)})" if e.label else "") for e in parsed.edges]
            text = (f"{words['flowchart']}. {words['nodes']}: "
                    f"{', '.join(labels[n.id] for n in parsed.nodes)}")
            text += f". {words['edges']}: {'; '.join(edges)}" if edges else ""
        case SequenceDiagram():
            names = {p.id: _flat(p.label) or p.id for p in parsed.participants}
            steps = [f"{names.get(e.source, e.source)} {words['to']} "
                     f"{names.get(e.target, e.target)}: {_flat(e.text)}"
                     for e in parsed.events if isinstance(e, Message)]
            text = f"{words['sequenceDiagram']}. {', '.join(names.values())}. {'; '.join(steps)}"
        case Unsupported() | MermaidError():  # not drawn as shapes: its source says it
            text = f"{diagram.kind}: {' '.join(diagram.source.split())}"
        case _:
            assert_never(parsed)
    return text[:MAX_ALT]


def _flat(text: str) -> str:
    return " ".join(text.replace("\n", " ").split())


def _first_sentence(script: str) -> str:
    """The first sentence that says something: not a list number, a bullet or a marker."""
    for part in re.split(r"(?<=[.!?。])\s+|\n", script):
        sentence = _flat(_MARKER.sub("", part))
        if len(sentence) >= MIN_SENTENCE and re.search(r"\w{2}", sentence):
            return sentence[:300]
    return ""
