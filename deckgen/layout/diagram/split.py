"""A flowchart turned or cut into parts, for a diagram that does not fit its slide.

Pure graph operations on the parsed `Flowchart` (no sizes): `turned` gives the other reading
direction (top-down ↔ left-to-right), `by_subgraph` groups the nodes by the author's
top-level subgraphs, `by_rank` cuts a laid-out chart into bands of consecutive ranks (for a
chart without subgraphs), and `part_of` makes one group a flowchart of its own. An edge
between two parts is kept on both pages: its far end becomes a stub, a node that names the
part where that end is drawn ("Old 영역"), so no edge is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...note.mermaid import Direction, FlowEdge, FlowNode, Flowchart, SequenceDiagram, Subgraph
from .placed import PlacedDiagram

_TURNED: dict[Direction, Direction] = {"TB": "LR", "LR": "TB", "BT": "RL", "RL": "BT"}


def turned(chart: Flowchart) -> Flowchart:
    """The chart read the other way: top-down becomes left-to-right and back."""
    return replace(chart, direction=_TURNED[chart.direction])


@dataclass(frozen=True)
class Group:
    """Nodes shown together on one page, and what the page's title calls them."""

    name: str
    nodes: tuple[str, ...]
    frame: str = ""  # the subgraph the group is, whole: its page's title names it already


@dataclass(frozen=True)
class Part:
    """One page's share of a split flowchart: its own chart, with stubs for far ends."""

    name: str
    chart: Flowchart
    stubs: frozenset[str]  # node ids in `chart` that stand for a node on another page


def _members(chart: Flowchart, sub_id: str) -> list[str]:
    """Every node inside a subgraph, its nested subgraphs' included, in source order."""
    by_id = {sub.id: sub for sub in chart.subgraphs}
    out: list[str] = []
    pending = [sub_id]
    while pending:
        sub = by_id.get(pending.pop(0))
        if sub is not None:
            out.extend(n for n in sub.nodes if n not in out)
            pending.extend(sub.children)
    return out


def by_subgraph(chart: Flowchart) -> list[Group]:
    """One group per top-level subgraph, titled as the author titled it; a node outside
    every subgraph joins the group of the first node it is linked to (or, linked to none,
    the first group). [] when the chart has fewer than two top-level subgraphs."""
    nested = {child for sub in chart.subgraphs for child in sub.children}
    tops = [sub for sub in chart.subgraphs if sub.id not in nested and _members(chart, sub.id)]
    if len(tops) < 2:
        return []
    home: dict[str, int] = {}
    for index, sub in enumerate(tops):
        for node in _members(chart, sub.id):
            home.setdefault(node, index)
    loose = [node.id for node in chart.nodes if node.id not in home]
    for _ in range(len(loose)):  # a loose node may be linked only to another loose node
        for node in loose:
            if node in home:
                continue
            for edge in chart.edges:
                other = edge.target if edge.source == node else \
                    edge.source if edge.target == node else None
                other_home = home.get(other, _sub_home(chart, other, tops)) if other else None
                if other_home is not None:
                    home[node] = other_home
                    break
    for node in loose:
        home.setdefault(node, 0)
    return [Group(sub.title.strip().replace("\n", " ") or sub.id,
                  tuple(n.id for n in chart.nodes if home.get(n.id) == index), sub.id)
            for index, sub in enumerate(tops)]


def _sub_home(chart: Flowchart, end: str | None, tops: list[Subgraph]) -> int | None:
    """The top-level group of an edge end that names a subgraph."""
    for index, sub in enumerate(tops):
        if end == sub.id or end in _nested_ids(chart, sub.id):
            return index
    return None


def _nested_ids(chart: Flowchart, sub_id: str) -> set[str]:
    by_id = {sub.id: sub for sub in chart.subgraphs}
    out: set[str] = set()
    pending = list(by_id[sub_id].children) if sub_id in by_id else []
    while pending:
        child = pending.pop()
        out.add(child)
        pending.extend(by_id[child].children if child in by_id else ())
    return out


def by_rank(chart: Flowchart, placed: PlacedDiagram, count: int, name: str = ""
            ) -> list[list[Group]]:
    """Ways to cut the chart into `count` bands of consecutive ranks along its reading
    direction (ranks read off `placed`, a layout of it), the likeliest to fit first: even
    extents, then each cut moved one rank either way (a cut across fewer edges makes fewer
    stubs). Bands are named "1/2", "2/2" (after `name` when given)."""
    axis = {"TB": lambda b: b.y + b.h / 2, "BT": lambda b: -(b.y + b.h / 2),
            "LR": lambda b: b.x + b.w / 2, "RL": lambda b: -(b.x + b.w / 2)}[chart.direction]
    where = {node.id: axis(node.box) for node in placed.nodes}
    ranks: list[float] = []
    for value in sorted(where.values()):
        if not ranks or value - ranks[-1] > 1.0:
            ranks.append(value)
    count = max(1, min(count, len(ranks)))
    span = ranks[-1] - ranks[0]
    even: list[int] = []  # the first rank of each band after the first
    for i in range(1, count):
        target = ranks[0] + span * i / count
        later = [k for k in range(1, len(ranks)) if not even or k > even[-1]]
        if later:
            even.append(min(later, key=lambda k: abs(ranks[k] - target)))
    cuts = [even]
    for at in range(len(even)):
        for step in (-1, 1):
            moved = even[:at] + [even[at] + step] + even[at + 1:]
            if all(0 < a < b for a, b in zip([0] + moved, moved + [len(ranks)])):
                cuts.append(moved)
    prefix = f"{name} " if name else ""
    out = []
    for cut in cuts:
        starts = [ranks[k] for k in cut]
        band = {node: sum(at >= start - 0.5 for start in starts) for node, at in where.items()}
        groups = [tuple(n.id for n in chart.nodes if band.get(n.id, 0) == i)
                  for i in range(len(cut) + 1)]
        groups = [g for g in groups if g]
        out.append([Group(f"{prefix}{i}/{len(groups)}", nodes)
                    for i, nodes in enumerate(groups, 1)])
    return out


def part_of(chart: Flowchart, group: Group, groups: list[Group],
            known: frozenset[str] = frozenset()) -> Part:
    """`group`'s nodes as a chart of their own: the edges among them, and every edge to or
    from another group with its far end as a stub naming that group. `known`: the chart's
    own stubs (it is a part being cut again), which stay stubs and keep their labels."""
    inside = set(group.nodes)
    where = {node: g.name for g in groups for node in g.nodes}
    labels = {node.id: node.label for node in chart.nodes}
    titles = {sub.id: sub.title or sub.id for sub in chart.subgraphs}
    subs = {sub.id: set(_members(chart, sub.id)) for sub in chart.subgraphs}

    def kept(end: str) -> bool:
        return end in inside or (end in subs and bool(subs[end]) and subs[end] <= inside)

    def far_group(end: str) -> str:
        members = subs.get(end) or {end}
        return next((where[m] for m in members if m in where and m not in inside), "")

    stubs: dict[str, FlowNode] = {node.id: node for node in chart.nodes
                                  if node.id in known and node.id in inside}
    edges: list[FlowEdge] = []
    for edge in chart.edges:
        near = [kept(edge.source), kept(edge.target)]
        if not any(near):
            continue
        for end, is_near in zip((edge.source, edge.target), near):
            if is_near or end in stubs:
                continue
            if end in known:  # already a stub: it names its own page
                stubs[end] = next(node for node in chart.nodes if node.id == end)
            else:
                label, where_drawn = labels.get(end) or titles.get(end) or end, far_group(end)
                told = label if label == where_drawn else f"{label} ({where_drawn})"
                stubs[end] = FlowNode(end, told, "round")
        edges.append(edge)
    nodes = tuple(node for node in chart.nodes if node.id in inside and node.id not in stubs) \
        + tuple(stubs.values())
    framed = {sub.id for sub in chart.subgraphs if subs[sub.id] & inside}
    if group.frame and not any(group.frame in (e.source, e.target) for e in edges):
        framed.discard(group.frame)  # the page is that subgraph: its title says so, no frame
    subgraphs = tuple(replace(sub, nodes=tuple(n for n in sub.nodes if n in inside),
                              children=tuple(c for c in sub.children if c in framed))
                      for sub in chart.subgraphs if sub.id in framed)
    return Part(group.name, Flowchart(chart.direction, nodes, tuple(edges), subgraphs),
                frozenset(stubs))


def by_events(diagram: SequenceDiagram, count: int) -> list[tuple[str, SequenceDiagram]]:
    """The diagram's messages and notes cut into `count` runs of even length, in order,
    each with every participant (in the same order on every page; an `autonumber`
    number stays the message's own). Named "1/3", "2/3", "3/3"."""
    events = diagram.events
    count = max(1, min(count, len(events)))
    cuts = [round(i * len(events) / count) for i in range(count + 1)]
    return [(f"{i}/{count}", replace(diagram, events=events[a:b]))
            for i, (a, b) in enumerate(zip(cuts, cuts[1:]), 1)]
