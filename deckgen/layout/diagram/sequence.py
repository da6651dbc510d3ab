"""Sequence diagrams laid out by hand: simple enough that no graph engine is needed.

Participants stand in columns spaced so each message label fits between its lifelines; each
message or note takes one row below the one before. A lifeline is drawn as a column of line
shapes cut where messages meet it, and each message is glued to the top end of the piece it
starts or ends on: the one connection site every viewer keeps where it was (a line shape's
first site). Custom sites (`a:cxnLst` in a custom geometry) would be one shape per lifeline,
but LibreOffice reads them as the shape's four box sites, moving every message to the top,
middle or bottom of its lifeline, and saves the shape without them.
"""

from __future__ import annotations

from dataclasses import replace

from ...note.mermaid import Message, SequenceDiagram
from .placed import EdgeStyle, PlacedDiagram, PlacedEdge, PlacedNode, PlacedText, Point, \
    Rect, Typesetter, centred, normalised


def sequence_layout(chart: SequenceDiagram, typeset: Typesetter) -> PlacedDiagram:
    """Participants in a row, spaced so every label fits; then one row per event."""
    em, pad = typeset.size, typeset.pad_x
    order = {p.id: i for i, p in enumerate(chart.participants)}
    heads = [typeset.text(p.label) for p in chart.participants]
    sizes = [typeset.node_size(text, "participant") for text in heads]
    head_h = max(h for _, h in sizes)
    texts = [typeset.text(_message_text(e) if isinstance(e, Message) else e.text)
             for e in chart.events]
    loop_w = 1.5 * em
    need: dict[tuple[int, int], float] = {}  # minimum distance between two centres

    def require(a: int, b: int, distance: float) -> None:
        need[(a, b)] = max(need.get((a, b), 0.0), distance)

    for i in range(len(sizes) - 1):
        require(i, i + 1, (sizes[i][0] + sizes[i + 1][0]) / 2 + typeset.style.node_gap_em * em)
    right_room = [sizes[i][0] / 2 for i in range(len(sizes))]
    left_room = [sizes[i][0] / 2 for i in range(len(sizes))]
    for event, text in zip(chart.events, texts):
        if isinstance(event, Message):
            a, b = sorted((order[event.source], order[event.target]))
            if a != b:
                require(a, b, text.box.w + 2 * pad)
                continue
            extent = loop_w + pad / 2 + text.box.w + pad
        else:
            cols = sorted(order[p] for p in event.participants)
            extent = text.box.w + 2 * pad + em
            if event.placement == "left":
                left_room[cols[0]] = max(left_room[cols[0]], extent)
                if cols[0] > 0:
                    require(cols[0] - 1, cols[0], extent + sizes[cols[0] - 1][0] / 2)
                continue
            if event.placement == "over":
                extra = (text.box.w + 2 * pad) / 2
                left_room[cols[0]] = max(left_room[cols[0]], extra)
                right_room[cols[-1]] = max(right_room[cols[-1]], extra)
                continue
            a = cols[-1]
        right_room[a] = max(right_room[a], extent)
        if a + 1 < len(sizes):
            require(a, a + 1, extent + sizes[a + 1][0] / 2)
    centres = [left_room[0]]
    for j in range(1, len(sizes)):
        centres.append(max(centres[i] + need.get((i, j), 0.0) for i in range(j)))
    nodes = [PlacedNode(p.id, "actor" if p.actor else "participant",
                        Rect(c - w / 2, 0, w, head_h), centred(t, c, head_h / 2))
             for p, c, (w, _), t in zip(chart.participants, centres, sizes, heads)]
    edges: list[PlacedEdge] = []
    meets: dict[int, tuple[int, int, float]] = {}  # edge index -> columns and y it joins
    y = head_h + typeset.style.node_gap_em * em / 2
    for event, text in zip(chart.events, texts):
        if isinstance(event, Message):
            xa, xb = centres[order[event.source]], centres[order[event.target]]
            style: EdgeStyle = "dotted" if event.dotted else "solid"
            shown = text if text.lines != ("",) else None
            if xa == xb:
                h = max(text.box.h, em)
                points: tuple[Point, ...] = ((xa, y), (xa + loop_w, y), (xa + loop_w, y + h),
                                             (xa, y + h))
                label = centred(text, xa + loop_w + pad / 2 + text.box.w / 2, y + h / 2)
                edges.append(PlacedEdge(points, style, event.head, text=shown and label))
                y += h + em
            else:
                line_y = y + text.box.h + 0.3 * em
                label = centred(text, (xa + xb) / 2, y + text.box.h / 2)
                meets[len(edges)] = (order[event.source], order[event.target], line_y)
                edges.append(PlacedEdge(((xa, line_y), (xb, line_y)), style, event.head,
                                        text=shown and label))
                y = line_y + em
            continue
        cols = sorted(order[p] for p in event.participants)
        w, h = text.box.w + 2 * pad, text.box.h + 2 * typeset.pad_y
        if event.placement == "over":
            x0 = min(centres[cols[0]] - w / 2, centres[cols[0]] - em)
            x1 = max(centres[cols[-1]] + w / 2, centres[cols[-1]] + em, x0 + w)
        elif event.placement == "right":
            x0 = centres[cols[-1]] + em / 2
            x1 = x0 + w
        else:
            x1 = centres[cols[0]] - em / 2
            x0 = x1 - w
        nodes.append(PlacedNode("", "note", Rect(x0, y, x1 - x0, h),
                                centred(text, (x0 + x1) / 2, y + h / 2)))
        y += h + 0.6 * em
    bottom = y
    stops: list[set[float]] = [set() for _ in centres]
    for a, b, at in meets.values():
        stops[a].add(at)
        stops[b].add(at)
    lifelines: list[PlacedNode] = []
    piece_at: dict[tuple[int, float], str] = {}  # (column, y) -> the piece starting there
    for column, (participant, c) in enumerate(zip(chart.participants, centres)):
        cuts = [head_h, *sorted(stops[column]), bottom]
        for piece in _lifeline(participant.id, c, cuts, typeset.size):
            lifelines.append(piece)
            piece_at[(column, piece.box.y)] = piece.id
    edges = [replace(edge, ends=(piece_at[(meets[i][0], meets[i][2])],
                                 piece_at[(meets[i][1], meets[i][2])]), sites=("top", "top"))
             if i in meets else edge for i, edge in enumerate(edges)]
    width = max(max(n.box.x + n.box.w for n in nodes),
                max(c + r for c, r in zip(centres, right_room)))
    return normalised(PlacedDiagram(width, bottom, typeset.size, tuple(lifelines + nodes),
                                     tuple(edges), (), "sequence"))


def _lifeline(key: str, x: float, cuts: list[float], size: float) -> list[PlacedNode]:
    """A participant's lifeline as pieces from each cut to the next: a message meeting the
    lifeline at a cut is glued to the top end of the piece below it."""
    return [PlacedNode(f"{key}:{k}", "lifeline", Rect(x, top, 0, end - top),
                       PlacedText((), Rect(x, top, 0, 0), size))
            for k, (top, end) in enumerate(zip(cuts, cuts[1:]))]


def _message_text(message: Message) -> str:
    return f"{message.number}. {message.text}" if message.number is not None else message.text


