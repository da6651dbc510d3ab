"""Mermaid source -> model: every shape, edge, direction, Korean labels, errors with lines."""

from __future__ import annotations

import pytest

from deckgen.note.mermaid import (
    Flowchart, FlowEdge, Message, MermaidError, SequenceDiagram, SequenceNote, Unsupported,
    parse_mermaid)


def flow(source: str) -> Flowchart:
    result = parse_mermaid(source)
    assert isinstance(result, Flowchart), result
    return result


def shapes(chart: Flowchart) -> dict[str, tuple[str, str]]:
    return {node.id: (node.shape, node.label) for node in chart.nodes}


def test_korean_labels_and_shapes():
    chart = flow("flowchart TD\n  A[도커 엔진] --> B(컨테이너)\n")
    assert shapes(chart) == {"A": ("rect", "도커 엔진"), "B": ("round", "컨테이너")}
    assert chart.edges == (FlowEdge("A", "B", "solid", "triangle"),)


def test_every_node_shape_in_korean_and_english():
    chart = flow("graph LR\n a[사각형] --> b(둥근)\n c([Stadium]) --> d((원))\n"
                 " e{결정?} --> f[\"quoted (with) ] brackets\"]\n")
    assert shapes(chart) == {
        "a": ("rect", "사각형"), "b": ("round", "둥근"), "c": ("stadium", "Stadium"),
        "d": ("circle", "원"), "e": ("rhombus", "결정?"),
        "f": ("rect", "quoted (with) ] brackets")}


def test_a_node_named_alone_is_a_box_labelled_with_its_id():
    assert shapes(flow("graph TD\n  서버\n")) == {"서버": ("rect", "서버")}


@pytest.mark.parametrize("arrow, style, head", [
    ("-->", "solid", "triangle"), ("---", "solid", "none"), ("-.->", "dotted", "triangle"),
    ("-.-", "dotted", "none"), ("==>", "thick", "triangle"), ("===", "thick", "none"),
    ("--->", "solid", "triangle"), ("--o", "solid", "oval"), ("--x", "solid", "cross"),
])
def test_every_edge_type(arrow: str, style: str, head: str):
    (edge,) = flow(f"graph TD\n  A {arrow} B\n").edges
    assert (edge.style, edge.head) == (style, head)


@pytest.mark.parametrize("line, label, style", [
    ("A -->|예| B", "예", "solid"), ("A -- 아니오 --> B", "아니오", "solid"),
    ("A -.->|maybe later| B", "maybe later", "dotted"), ("A -. 나중에 .-> B", "나중에", "dotted"),
    ("A == 반드시 ==> B", "반드시", "thick"), ("A -- yes --- B", "yes", "solid"),
])
def test_edge_labels_in_both_forms(line: str, label: str, style: str):
    (edge,) = flow(f"flowchart LR\n  {line}\n").edges
    assert (edge.source, edge.target, edge.label, edge.style) == ("A", "B", label, style)


@pytest.mark.parametrize("written, direction", [
    ("TD", "TB"), ("TB", "TB"), ("LR", "LR"), ("RL", "RL"), ("BT", "BT")])
def test_directions(written: str, direction: str):
    assert flow(f"flowchart {written}\n A --> B").direction == direction


def test_invisible_links_add_no_edge():
    chart = flow("graph LR\n  A ~~~ B\n")
    assert [n.id for n in chart.nodes] == ["A", "B"] and chart.edges == ()


def test_chains_and_ampersand_groups():
    chart = flow("graph TD\n  A --> B --> C\n  D & E --> F & G\n")
    pairs = [(e.source, e.target) for e in chart.edges]
    assert pairs == [("A", "B"), ("B", "C"), ("D", "F"), ("D", "G"), ("E", "F"), ("E", "G")]


def test_subgraph_is_a_titled_frame_holding_its_nodes():
    chart = flow("flowchart TD\n  subgraph host [호스트 머신]\n    A[엔진] --> B\n  end\n"
                 "  subgraph Cloud\n    C\n  end\n  B --> C\n")
    frames = {sub.id: (sub.title, sub.nodes) for sub in chart.subgraphs}
    assert frames == {"host": ("호스트 머신", ("A", "B")), "Cloud": ("Cloud", ("C",))}


def test_nested_subgraphs_name_their_children():
    chart = flow("graph TD\n subgraph outer\n  subgraph inner\n   A\n  end\n  B\n end\n")
    by_id = {sub.id: sub for sub in chart.subgraphs}
    assert by_id["outer"].children == ("inner",) and by_id["inner"].nodes == ("A",)


def test_comments_and_styling_lines_are_skipped():
    chart = flow("graph TD\n %% 주석\n A --> B %% trailing\n classDef hot fill:#f00\n"
                 " class A hot\n style B fill:#0f0\n linkStyle 0 stroke:#f00\n"
                 " click A callback\n A:::hot --> C; C --> D\n")
    assert [n.id for n in chart.nodes] == ["A", "B", "C", "D"]
    assert len(chart.edges) == 3


def test_br_breaks_a_label_into_lines():
    chart = flow('graph TD\n A["첫 줄<br>second line"] --> B(one<br/>두 줄)\n')
    assert shapes(chart)["A"][1] == "첫 줄\nsecond line"
    assert shapes(chart)["B"][1] == "one\n두 줄"


def test_sequence_with_four_participants_eight_messages_and_a_note():
    result = parse_mermaid("""sequenceDiagram
    autonumber
    participant C as 클라이언트
    participant D as Docker CLI
    participant E as 도커 데몬
    actor R as Registry
    C->>D: docker run
    D->>+E: 생성 요청
    E->>R: pull
    R-->>E: 레이어
    Note right of R: 캐시됨
    E->>E: 시작
    E-->>-D: ID
    D->C: 출력
    C-xE: 끊김
    Note over C,D: 사용자는 CLI만 본다
    activate E
    deactivate E
""")
    assert isinstance(result, SequenceDiagram)
    assert [(p.id, p.label, p.actor) for p in result.participants] == [
        ("C", "클라이언트", False), ("D", "Docker CLI", False), ("E", "도커 데몬", False),
        ("R", "Registry", True)]
    messages = [e for e in result.events if isinstance(e, Message)]
    notes = [e for e in result.events if isinstance(e, SequenceNote)]
    assert len(messages) == 8
    assert [m.number for m in messages] == list(range(1, 9))
    assert messages[3] == Message("R", "E", "레이어", True, "triangle", 4)
    assert (messages[6].dotted, messages[6].head) == (False, "none")
    assert messages[7].head == "cross"
    assert notes == [SequenceNote("캐시됨", "right", ("R",)),
                     SequenceNote("사용자는 CLI만 본다", "over", ("C", "D"))]


def test_sequence_arrow_kinds():
    result = parse_mermaid("sequenceDiagram\n A->>B: a\n A-->>B: b\n A->B: c\n A-->B: d\n"
                           " A-xB: e\n A--xB: f\n A-)B: g\n")
    assert isinstance(result, SequenceDiagram)
    kinds = [(e.dotted, e.head) for e in result.events if isinstance(e, Message)]
    assert kinds == [(False, "triangle"), (True, "triangle"), (False, "none"), (True, "none"),
                     (False, "cross"), (True, "cross"), (False, "open")]


def test_sequence_participants_appear_on_first_mention_and_blocks_are_read_through():
    result = parse_mermaid("sequenceDiagram\n loop 매 분\n  앨리스->>밥: 안녕?\n end\n"
                           " Note left of 앨리스: hi\n")
    assert isinstance(result, SequenceDiagram)
    assert [p.id for p in result.participants] == ["앨리스", "밥"]
    assert len(result.events) == 2


@pytest.mark.parametrize("kind", ["classDiagram", "stateDiagram-v2", "erDiagram", "gantt",
                                  "pie", "mindmap", "journey", "gitGraph"])
def test_other_diagram_types_are_named_as_unsupported(kind: str):
    assert parse_mermaid(f"%% 주석\n{kind}\n  something\n") == Unsupported(kind)


@pytest.mark.parametrize("source, line", [
    ("flowchart TD\n  A --> B\n  B --> \n", 3),
    ("graph LR\n  A[도커 --> B\n", 2),
    ("graph TD\n  A --> B\n\n  C ~~> D\n", 4),
    ("graph TD\n  A --> B\n  C -> D\n", 3),
    ("flowchart TD\n  subgraph one\n    A\n", 2),
    ("graph TD\n  A\n  end\n", 3),
    ("sequenceDiagram\n  A->>B: hi\n  이건 메시지가 아니다\n", 3),
    ("flowchart XY\n  A --> B\n", 1),
])
def test_a_broken_line_is_reported_with_its_line_number(source: str, line: int):
    result = parse_mermaid(source)
    assert isinstance(result, MermaidError), result
    assert result.line == line


def test_front_matter_keeps_line_numbers():
    result = parse_mermaid("---\ntitle: 예시\n---\nflowchart TD\n  A -->\n")
    assert isinstance(result, MermaidError) and result.line == 5


def test_empty_source_is_an_error():
    assert isinstance(parse_mermaid("\n%% nothing\n"), MermaidError)


def test_a_quoted_label_may_span_lines_and_keeps_its_breaks():
    chart = parse_mermaid('flowchart LR\n  A["int max = a;\n  return max;"] --> B[끝 end]\n'
                          '  C["첫 줄\n  둘째 줄"]\n')
    assert isinstance(chart, Flowchart)
    labels = {node.id: node.label for node in chart.nodes}
    assert labels == {"A": "int max = a;\nreturn max;", "B": "끝 end", "C": "첫 줄\n둘째 줄"}
    assert [(e.source, e.target) for e in chart.edges] == [("A", "B")]


def test_a_quote_that_never_closes_is_named_at_the_line_it_opened():
    result = parse_mermaid('flowchart LR\n  A --> B\n  C["열린 따옴표\n  D --> E\n')
    assert isinstance(result, MermaidError)
    assert result.line == 3 and "unclosed quote" in result.message


# -- fuzz: generated diagrams never raise from the parser or the layout ------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_IDS = st.sampled_from(["A", "B", "c1", "도커", "db-main", "x.y", "end", "bb", "subgraph"])
_LABEL = st.text(alphabet=st.sampled_from(list("ab 도커;\"|[](){}<>-=.&%:#\n`")), max_size=12)
_OPENERS = ["[", "(", "((", "([", "[[", "{", "{{", "[(", ">", "[/", ""]
_CLOSERS = ["]", ")", "))", "])", "]]", "}", "}}", ")]", "/]", ""]
_ARROWS_FUZZ = ["-->", "---", "-.->", "==>", "<-->", "--o", "--x", "~~~", "-- 글 -->",
                "-->|라벨|", "--", "->", "=", "&", ";"]


@st.composite
def _statement(draw) -> str:
    kind = draw(st.sampled_from(["chain", "subgraph", "end", "noise", "comment", "style"]))
    if kind == "subgraph":
        return "subgraph " + draw(st.sampled_from(["bb", "s1 [틀 frame]", '"제목 title"', 'x["a\nb"]', ""]))
    if kind == "end":
        return "end"
    if kind == "noise":
        return draw(_LABEL)
    if kind == "comment":
        return "%% " + draw(_LABEL)
    if kind == "style":
        return draw(st.sampled_from(["classDef big fill:#f00", "class A big", "style A fill:#fff",
                                     "direction LR", "click A call"]))
    parts = []
    for index in range(draw(st.integers(1, 4))):
        if index:
            parts.append(draw(st.sampled_from(_ARROWS_FUZZ)))
        node = draw(_IDS)
        if draw(st.booleans()):
            quote = '"' if draw(st.booleans()) else ""
            node += (draw(st.sampled_from(_OPENERS)) + quote + draw(_LABEL) + quote
                     + draw(st.sampled_from(_CLOSERS)))
        parts.append(node)
    return " ".join(parts)


@st.composite
def _diagram(draw) -> str:
    header = draw(st.sampled_from(["flowchart TB", "flowchart LR", "graph TD", "graph", "flowchart XX",
                                   "sequenceDiagram", "---\ntitle: t\n---\nflowchart BT", ""]))
    lines = draw(st.lists(_statement(), max_size=8))
    return "\n".join([header, *lines])


def _fuzz_measure(text: str, size: float) -> float:
    return len(text) * size * 0.6


def _check_diagram(source: str) -> None:
    from deckgen.layout.diagram import DiagramStyle, lay_out_diagram

    result = parse_mermaid(source)
    assert isinstance(result, (Flowchart, SequenceDiagram, Unsupported, MermaidError))
    if isinstance(result, MermaidError):
        assert result.line >= 1 and result.message
    if isinstance(result, (Flowchart, SequenceDiagram)):
        lay_out_diagram(result, _fuzz_measure, 600, 300, DiagramStyle(label_size=20, floor_size=14),
                        dot_finder=lambda: None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_diagram())
def test_generated_diagrams_parse_and_lay_out_without_an_internal_error(source):
    _check_diagram(source)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_diagram())
def test_ten_thousand_generated_diagrams_raise_no_internal_error(source):
    _check_diagram(source)
