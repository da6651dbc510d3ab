"""Sequence diagrams laid out by hand: simple enough that no graph engine is needed.

Participants stand in columns spaced so each message label fits between its lifelines; each
message or note takes one row below the one before.
"""

from __future__ import annotations

from ...note.mermaid import Message, SequenceDiagram
from .placed import EdgeStyle, PlacedDiagram, PlacedEdge, PlacedNode, Point, Rect, \
    Typesetter, centred, normalised


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
    lifelines = [PlacedEdge(((c, head_h), (c, bottom)), "lifeline", "none") for c in centres]
    width = max(max(n.box.x + n.box.w for n in nodes),
                max(c + r for c, r in zip(centres, right_room)))
    return normalised(PlacedDiagram(width, bottom, typeset.size, tuple(nodes),
                                     tuple(lifelines + edges), (), "sequence"))


def _message_text(message: Message) -> str:
    return f"{message.number}. {message.text}" if message.number is not None else message.text


