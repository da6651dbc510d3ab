"""A flowchart turned or cut into parts (layout/diagram/split.py): pure graph operations,
checked on Korean and English charts."""

from __future__ import annotations

import pytest

from deckgen.layout.diagram import DiagramStyle, find_dot, lay_out_diagram
from deckgen.layout.diagram.split import (Group, by_events, by_rank, by_subgraph, part_of,
                                          turned)
from deckgen.note.mermaid import Flowchart, SequenceDiagram, parse_mermaid

from test_diagram import measure

STYLE = DiagramStyle(label_size=20, floor_size=14)
needs_dot = pytest.mark.skipif(find_dot() is None, reason="Graphviz dot is not installed")

HEAP = """flowchart TD
  NEW[new 객체] --> EDEN
  subgraph Young[Young 영역]
    EDEN[Eden] --> S0[Survivor 0]
    S0 --> S1[Survivor 1]
  end
  subgraph Old[Old 영역]
    T[승격된 객체] --> M[Major GC]
  end
  subgraph Meta[Metaspace]
    L[클래스 로더] --> C[클래스 메타데이터]
  end
  S1 -->|나이 15| T
  T -.->|참조| C
"""

SHOP = """flowchart LR
  user[Customer] --> cart
  subgraph Front[Storefront]
    cart[Cart] --> pay[Checkout]
  end
  subgraph Back[Back office]
    stock[Stock] --> ship[Shipping]
  end
  subgraph Money[Payments]
    psp[Payment provider] --> ledger[Ledger]
  end
  pay -->|charge| psp
  ledger -->|paid| stock
"""

CHAIN = "flowchart TD\n" + "\n".join(
    f"  N{n}[단계 {n}] --> N{n + 1}[단계 {n + 1}]" for n in range(9))


def _chart(source: str) -> Flowchart:
    parsed = parse_mermaid(source)
    assert isinstance(parsed, Flowchart)
    return parsed


@pytest.mark.parametrize("written, other", [("TD", "LR"), ("LR", "TB"), ("BT", "RL"),
                                            ("RL", "BT")])
def test_turned_reads_the_other_way_and_keeps_everything_else(written: str, other: str) -> None:
    chart = _chart(f"flowchart {written}\n  가[시작] --> 나[끝]\n  A[start] --> 나")
    again = turned(chart)
    assert again.direction == other
    assert (again.nodes, again.edges, again.subgraphs) == (chart.nodes, chart.edges,
                                                          chart.subgraphs)
    assert turned(again) == chart


@pytest.mark.parametrize("source, names, loose", [
    (HEAP, ["Young 영역", "Old 영역", "Metaspace"], ("NEW", 0)),
    (SHOP, ["Storefront", "Back office", "Payments"], ("user", 0)),
], ids=["korean", "english"])
def test_subgraphs_are_the_groups_and_a_loose_node_joins_its_neighbour(
        source: str, names: list[str], loose: tuple[str, int]) -> None:
    chart = _chart(source)
    groups = by_subgraph(chart)
    assert [g.name for g in groups] == names
    everyone = [n for g in groups for n in g.nodes]
    assert sorted(everyone) == sorted(n.id for n in chart.nodes)  # each node in one group
    node, index = loose
    assert node in groups[index].nodes  # beside the node it points at


def test_a_chart_with_one_subgraph_is_not_split_by_subgraph() -> None:
    chart = _chart("flowchart TD\n  subgraph A[하나]\n    x --> y\n  end\n  y --> z")
    assert by_subgraph(chart) == []


@pytest.mark.parametrize("source", [HEAP, SHOP], ids=["korean", "english"])
def test_an_edge_between_parts_is_on_both_pages_ending_in_a_named_stub(source: str) -> None:
    chart = _chart(source)
    groups = by_subgraph(chart)
    parts = [part_of(chart, g, groups) for g in groups]
    for edge in chart.edges:  # no edge dropped: each on every page that holds an end of it
        holders = [p for p in parts if edge in p.chart.edges]
        homes = {g.name for g in groups for end in (edge.source, edge.target) if end in g.nodes}
        assert {p.name for p in holders} == homes
    for part, group in zip(parts, groups):
        ids = {n.id for n in part.chart.nodes}
        assert ids == set(group.nodes) | part.stubs
        for stub in part.stubs:  # a stub says where the node is drawn
            node = next(n for n in part.chart.nodes if n.id == stub)
            home = next(g.name for g in groups if stub in g.nodes)
            assert node.label.endswith(f"({home})")
        for edge in part.chart.edges:
            assert {edge.source, edge.target} <= ids | {s.id for s in part.chart.subgraphs}
    for part in parts:  # a page that is one whole subgraph is titled by it, not framed
        assert part.chart.subgraphs == ()


def test_a_part_keeps_its_frame_when_an_edge_ends_on_the_subgraph_itself() -> None:
    chart = _chart("flowchart TD\n  subgraph A[가]\n    x --> y\n  end\n"
                   "  subgraph B[나]\n    z --> w\n  end\n  y --> B")
    groups = by_subgraph(chart)
    first, second = (part_of(chart, g, groups) for g in groups)
    assert first.chart.subgraphs == () and first.stubs == {"B"}
    assert next(n.label for n in first.chart.nodes if n.id == "B") == "나"  # the part itself
    assert [s.id for s in second.chart.subgraphs] == ["B"]  # the edge ends on its frame
    merged = Group("가 · 나", groups[0].nodes + groups[1].nodes)
    assert [s.id for s in part_of(chart, merged, [merged]).chart.subgraphs] == ["A", "B"]


@needs_dot
def test_ranks_are_cut_into_consecutive_bands_that_cover_every_node() -> None:
    chart = _chart(CHAIN)
    placed = lay_out_diagram(chart, measure, 1e6, 1e6, STYLE)
    assert placed is not None
    cuts = by_rank(chart, placed, 3)
    even = cuts[0]
    assert [g.name for g in even] == ["1/3", "2/3", "3/3"]
    assert [n for g in even for n in g.nodes] == [n.id for n in chart.nodes]  # in order
    assert max(len(g.nodes) for g in even) - min(len(g.nodes) for g in even) <= 1
    for groups in cuts:  # every way offered still covers each node once
        assert sorted(n for g in groups for n in g.nodes) == sorted(n.id for n in chart.nodes)
    part = part_of(chart, even[1], even)
    above, below = even[0].nodes[-1], even[2].nodes[0]
    assert part.stubs == {above, below}  # the band's neighbours above and below, as stubs
    labels = {n.id: n.label for n in part.chart.nodes}
    assert labels[above] == f"단계 {above[1:]} (1/3)"
    assert labels[below] == f"단계 {below[1:]} (3/3)"


def test_a_part_cut_again_keeps_its_stubs_as_they_were() -> None:
    chart = _chart(HEAP)
    groups = by_subgraph(chart)
    young = part_of(chart, groups[0], groups)
    (stub,) = young.stubs
    bands = [Group("a", ("NEW", "EDEN")), Group("b", ("S0", "S1", stub))]
    second = part_of(young.chart, bands[1], bands, young.stubs)
    label = next(n.label for n in second.chart.nodes if n.id == stub)
    assert label == "승격된 객체 (Old 영역)"
    assert second.stubs == {stub, "EDEN"}


@pytest.mark.parametrize("source", [
    "sequenceDiagram\n  autonumber\n  participant U as 사용자\n  participant A as 인증 서버\n"
    + "\n".join(f"  U->>A: 요청 {n}\n  A-->>U: 응답 {n}" for n in range(5)),
    "sequenceDiagram\n  autonumber\n  participant C as Client\n  participant S as Server\n"
    + "\n".join(f"  C->>S: request {n}\n  S-->>C: reply {n}" for n in range(5)),
], ids=["korean", "english"])
def test_a_sequence_is_cut_into_runs_of_messages_with_every_participant(source: str) -> None:
    diagram = parse_mermaid(source)
    assert isinstance(diagram, SequenceDiagram)
    runs = by_events(diagram, 3)
    assert [name for name, _ in runs] == ["1/3", "2/3", "3/3"]
    assert [e for _, run in runs for e in run.events] == list(diagram.events)  # all, in order
    assert all(run.participants == diagram.participants for _, run in runs)
    assert [len(run.events) for _, run in runs] in ([3, 4, 3], [4, 3, 3], [3, 3, 4])
    numbers = [e.number for _, run in runs for e in run.events]
    assert numbers == list(range(1, 11))  # autonumber goes on across pages
