"""layout.diagram.place: a Mermaid diagram laid out once at its label size, then fitted to
each area it is tried in."""

from __future__ import annotations

import pytest

from deckgen.layout.diagram.dot import find_dot
from deckgen.layout.diagram.place import lay_out_diagram
from deckgen.layout.diagram.placed import DiagramStyle
from deckgen.note.mermaid import parse_mermaid

STYLE = DiagramStyle(label_size=20, floor_size=14)
FLOW = parse_mermaid("flowchart TD\n  A[도커 엔진] --> B(런타임)\n  B --> C{이미지가 있나?}\n")
SEQUENCE = parse_mermaid("sequenceDiagram\n  participant C as 클라이언트\n  participant S as 서버\n"
                         "  C->>S: 요청\n  S-->>C: 응답\n")


def measure(text: str, size: float) -> float:
    return len(text) * size * 0.6


def no_dot() -> None:
    return None


def test_without_dot_a_flowchart_is_laid_out_in_pure_python():
    placed = lay_out_diagram(FLOW, measure, 864, 390, STYLE, dot_finder=no_dot)
    assert placed.engine == "layered" and [n.id for n in placed.nodes] == ["A", "B", "C"]


@pytest.mark.subprocess
@pytest.mark.skipif(find_dot() is None, reason="Graphviz dot is not installed")
def test_with_dot_a_flowchart_is_laid_out_by_graphviz():
    assert lay_out_diagram(FLOW, measure, 864, 390, STYLE).engine == "dot"


def test_a_sequence_diagram_needs_no_graph_engine():
    def refuse() -> None:
        raise AssertionError("a sequence diagram never looks for dot")

    placed = lay_out_diagram(SEQUENCE, measure, 864, 390, STYLE, dot_finder=refuse)
    assert placed.engine == "sequence"


def test_nothing_to_draw_is_none():
    assert lay_out_diagram(parse_mermaid("flowchart TD\n"), measure, 864, 390, STYLE,
                           dot_finder=no_dot) is None
    assert lay_out_diagram(parse_mermaid("sequenceDiagram\n"), measure, 864, 390, STYLE) is None


def test_a_diagram_is_laid_out_once_per_label_width_and_scaled_to_every_area():
    asked = []

    def finder() -> None:
        asked.append(1)
        return None

    natural: dict = {}
    large = lay_out_diagram(FLOW, measure, 864, 390, STYLE, dot_finder=finder, natural=natural)
    again = lay_out_diagram(FLOW, measure, 700, 380, STYLE, dot_finder=finder, natural=natural)
    assert len(asked) == 1 and list(natural) == [STYLE.wrap_em]
    assert large.size == again.size == STYLE.label_size
    first = natural[STYLE.wrap_em]
    small = lay_out_diagram(FLOW, measure, 864, large.height * 0.8, STYLE, dot_finder=finder,
                            natural=natural)
    lay_out_diagram(FLOW, measure, 864, large.height * 0.8, STYLE, dot_finder=finder,
                    natural=natural)
    assert len(asked) == 2  # once more, for the narrower labels; never again after that
    assert natural[STYLE.wrap_em] is first
    assert small.size < STYLE.label_size and small.height <= large.height * 0.8 + 0.01


def test_a_wide_diagram_also_tries_narrower_labels_and_keeps_the_larger_result():
    wide = parse_mermaid("flowchart LR\n" + "\n".join(
        f"  N{n}[아주 긴 라벨 텍스트가 들어간 상자 {n}] --> N{n + 1}[다음 단계로 넘어가는 상자 {n + 1}]"
        for n in range(3)))
    natural: dict = {}
    placed = lay_out_diagram(wide, measure, 864, 390, STYLE, dot_finder=no_dot, natural=natural)
    assert sorted(natural) == [STYLE.wrap_em * 0.6, STYLE.wrap_em]
    fitted = [lay_out_diagram(wide, measure, 864, 390, STYLE, dot_finder=no_dot,
                              natural={k: natural[k]}) for k in natural]
    assert placed.size == pytest.approx(max(p.size for p in fitted))


def test_a_diagram_that_cannot_fit_comes_back_at_the_floor_saying_so():
    placed = lay_out_diagram(FLOW, measure, 60, 40, STYLE, dot_finder=no_dot)
    assert not placed.fits and placed.size == pytest.approx(STYLE.floor_size)
    assert "14 pt floor" in placed.warning
