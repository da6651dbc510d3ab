"""A diagram never leaves its slide and is never drawn below the label floor
(layout/diagramfit.py): as written beside its text, turned, alone on its page, or split by
subgraph (or by rank) over pages whose titles name their part. Built through the pipeline
(`prepare`) from Korean and English notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.layout.diagram import find_dot
from deckgen.layout.frames import DiagramFrame, PlacedSlide, TextFrame
from deckgen.note.mermaid import Flowchart
from deckgen.pictures.model import DrawnDiagram
from deckgen.plan.talk import PICTURE_WITH_CAPTION, SlideKind
from deckgen.theme import TECOTALK

from conftest import FIXTURES, write_note

FLOOR = TECOTALK.sizes.diagram_min
pytestmark = pytest.mark.skipif(find_dot() is None, reason="Graphviz dot is not installed")

PIPELINE = {
    "ko": ("배포 파이프라인", "코드를 푸시하면 **CI가 세 가지 검사를 동시에** 돌린다.", """\
flowchart TD
  A[코드 푸시] --> D[CI 빌드]
  D --> E[단위 테스트]
  D --> F[린트]
  D --> S[보안 스캔]
  E --> G{통과?}
  F --> G
  S --> G
  G -->|예| H[이미지 푸시]
  G -->|아니오| I[실패 알림]
  H --> J[스테이징]
  H --> P[부하 테스트]
  J --> K[운영 배포<br>블루-그린]
  P --> K
  K --> L[모니터링]"""),
    "en": ("Release pipeline", "A push runs **three checks at once** before an image ships.", """\
flowchart TD
  A[Push] --> D[CI build]
  D --> E[Unit tests]
  D --> F[Lint]
  D --> S[Scan]
  E --> G{Green?}
  F --> G
  S --> G
  G -->|yes| H[Push image]
  G -->|no| I[Alert]
  H --> J[Staging]
  H --> P[Load test]
  J --> K[Deploy<br>blue-green]
  P --> K
  K --> L[Monitor]"""),
}

ORDERS = """\
flowchart TD
  visit[Customer visits] --> browse
  subgraph Shop[Storefront]
    browse[Browse the catalogue] --> cart[Add to cart]
    cart --> checkout[Check out]
    checkout --> address[Enter the address]
    address --> confirm{Confirm the order?}
  end
  subgraph Pay[Payments]
    auth[Authorise the card] --> capture[Capture the payment]
    capture --> receipt[Send the receipt]
    receipt --> book[Book it in the ledger]
  end
  subgraph Ship[Warehouse]
    pick[Pick the items] --> pack[Pack the parcel]
    pack --> label[Print the label]
    label --> ship[Hand it to the carrier]
  end
  confirm -->|yes| auth
  confirm -->|no| cart
  book -->|paid| pick
"""


def _note(tmp_path: Path, title: str, text: str, source: str, name: str = "note.md") -> Path:
    return write_note(tmp_path, name, f"## {title}\n\n{text}\n\n```mermaid\n{source}\n```\n")


def _diagram_pages(slides: tuple[PlacedSlide, ...]) -> list[tuple[PlacedSlide, DiagramFrame]]:
    return [(slide, frame) for slide in slides for frame in slide.frames
            if isinstance(frame, DiagramFrame)]


def _on_slide_at_the_floor(prepared) -> None:
    """Every drawn box and label inside the slide and inside the diagram's own frame, every
    label at the floor size or above."""
    width, height = prepared.deck.width, prepared.deck.height
    for slide, frame in _diagram_pages(prepared.deck.slides):
        placed, rect = frame.placed, frame.rect
        assert placed.fits and placed.size >= FLOOR - 0.01, slide.title_text
        assert 0 <= rect.x and rect.right <= width and 0 <= rect.y and rect.bottom <= height
        boxes = [n.box for n in placed.nodes] + [c.box for c in placed.clusters]
        for box in boxes:
            assert -0.5 <= box.x and box.x + box.w <= placed.width + 0.5
            assert -0.5 <= box.y and box.y + box.h <= placed.height + 0.5
        assert placed.width <= rect.w + 0.5 and placed.height <= rect.h + 0.5
        for node in placed.nodes:
            assert node.text.size >= FLOOR - 0.01


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_tall_top_down_chart_is_turned_left_to_right_to_stay_beside_its_text(
        tmp_path: Path, language: str) -> None:
    title, text, source = PIPELINE[language]
    prepared = prepare(_note(tmp_path, title, text, source), {}, vault=tmp_path)
    ((slide, frame),) = _diagram_pages(prepared.deck.slides)
    drawing = frame.picture.drawing
    assert isinstance(drawing, DrawnDiagram) and drawing.chart is not None
    assert drawing.chart.direction == "LR"
    assert any(isinstance(f, TextFrame) and f.role == "body" for f in slide.frames), \
        "the text stays on the diagram's slide"
    assert slide.layout != PICTURE_WITH_CAPTION
    assert "LR, written TB" in frame.picture.name  # the outline says so
    (warning,) = [w for w in prepared.warnings if "Mermaid" in w.message]
    assert "drawn left to right instead of top-down" in warning.message
    assert warning.line == 5
    _on_slide_at_the_floor(prepared)


def test_a_chart_that_fits_as_written_keeps_its_direction_and_says_nothing() -> None:
    prepared = prepare(FIXTURES / "diagrams.md", {}, vault=FIXTURES)
    pages = _diagram_pages(prepared.deck.slides)
    assert len(pages) >= 4
    for _, frame in pages:
        drawing = frame.picture.drawing
        assert isinstance(drawing, DrawnDiagram) and drawing.chart is None
    assert not [w for w in prepared.warnings if "Mermaid flowchart" in w.message]
    _on_slide_at_the_floor(prepared)


def _grid() -> str:
    steps = ["접수", "검토", "승인", "배정", "처리", "확인", "종료"]
    return "flowchart TD\n" + "\n".join(
        f"  c{c}r{r}[{steps[r]} {c + 1}] --> c{c}r{r + 1}[{steps[r + 1]} {c + 1}]"
        for c in range(7) for r in range(6))


def test_a_diagram_too_big_beside_its_text_gets_the_page_and_the_text_the_next(
        tmp_path: Path) -> None:
    bullets = ["부서마다 일곱 단계를 같은 순서로 거친다", "접수부터 종료까지 보통 한 주가 걸린다",
               "승인 단계에서 가장 오래 기다린다"]
    text = "\n".join(f"- {b}" for b in bullets)
    prepared = prepare(_note(tmp_path, "업무 흐름", text, _grid()), {}, vault=tmp_path)
    content = [s for s in prepared.deck.slides if s.kind == SlideKind.CONTENT]
    assert [s.title_text for s in content] == ["업무 흐름", "업무 흐름 (계속)"]
    alone, rest = content
    assert alone.layout == PICTURE_WITH_CAPTION  # picked by name, as every page's layout
    assert [type(f) for f in alone.frames if isinstance(f, DiagramFrame)
            or isinstance(f, TextFrame) and f.role == "body"] == [DiagramFrame]
    shown = " ".join(run.text for f in rest.frames if isinstance(f, TextFrame)
                     for p in f.paras for run in p.runs)
    for bullet in bullets:  # nothing lost: the text is on the next page
        assert bullet in shown
    drawing = next(f for f in alone.frames if isinstance(f, DiagramFrame)).picture.drawing
    assert isinstance(drawing, DrawnDiagram) and drawing.chart is None  # as written
    assert not [w for w in prepared.warnings if "Mermaid" in w.message]
    _on_slide_at_the_floor(prepared)


def _split(prepared, title: str) -> list[tuple[PlacedSlide, DiagramFrame]]:
    pages = _diagram_pages(prepared.deck.slides)
    assert all(slide.title_text.startswith(f"{title} (") for slide, _ in pages)
    return pages


def _every_node_and_edge_shown(pages, chart: Flowchart) -> None:
    """Each node drawn once as itself (stubs aside), each edge on a page."""
    drawn: list[str] = []
    ends: set[tuple[str, str]] = set()
    for _, frame in pages:
        drawing = frame.picture.drawing
        assert isinstance(drawing, DrawnDiagram)
        drawn += [n.id for n in frame.placed.nodes if n.shape != "stub"]
        assert {n.id for n in frame.placed.nodes if n.shape == "stub"} == drawing.stubs
        assert drawing.chart is not None
        ends |= {(e.source, e.target) for e in drawing.chart.edges}
    assert sorted(drawn) == sorted(n.id for n in chart.nodes)
    assert {(e.source, e.target) for e in chart.edges} <= ends


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_diagram_too_big_for_a_slide_splits_by_subgraph_korean() -> None:
    prepared = prepare(FIXTURES / "diagram_fit.md", {}, vault=FIXTURES)
    heap = [(s, f) for s, f in _diagram_pages(prepared.deck.slides)
            if s.title_text.startswith("힙 영역별 GC")]
    titles = [s.title_text for s, _ in heap]
    assert len(titles) >= 3
    for name in ("Young 영역", "Old 영역", "Metaspace"):
        assert any(f"({name}" in t or f"· {name}" in t for t in titles), titles
    parsed = heap[0][1].picture.drawing.diagram.parsed  # type: ignore[union-attr]
    assert isinstance(parsed, Flowchart)
    _every_node_and_edge_shown(heap, parsed)
    old = next(f for s, f in heap if "Old 영역" in s.title_text)
    stubs = [n for n in old.placed.nodes if n.shape == "stub"]
    assert any(line.endswith("(Metaspace)") or "Metaspace" in line
               for n in stubs for line in n.text.lines)  # the edge to Metaspace, named
    (warning,) = [w for w in prepared.warnings if w.line == 59]
    assert "split by subgraph over" in warning.message
    meta = next(f for s, f in heap if "Metaspace" in s.title_text)
    assert "클래스 로더" in meta.alt and "Eden" not in meta.alt  # each page says its part
    _on_slide_at_the_floor(prepared)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_stub_is_drawn_as_an_editable_dashed_box_naming_its_part(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.oxml.ns import qn

    from deckgen.build import build

    result = build(FIXTURES / "diagram_fit.md", tmp_path / "fit.pptx", {}, vault=FIXTURES)
    stubs = [shape for slide in Presentation(str(result.output)).slides
             for group in slide.shapes if group.shape_type == 6
             for shape in group.shapes if shape.name.startswith("diagram stub")]
    assert stubs
    for shape in stubs:
        line = shape._element.spPr.find(qn("a:ln"))
        assert line.find(qn("a:prstDash")).get("val") == "dash"
        assert shape.text_frame.text.rstrip(")").split("(")[-1].strip() != ""
    assert any("(Old 영역)" in shape.text_frame.text.replace("\n", " ") for shape in stubs)
    from test_diagram import _glue_of

    glued = {name for slide in Presentation(str(result.output)).slides
             for group in slide.shapes if group.shape_type == 6
             for glue in _glue_of(group) for name in glue[1::2]}  # (line, shape, site, ...)
    assert {shape.name for shape in stubs} <= glued  # an edge to a stub is glued to it


def test_a_diagram_too_big_for_a_slide_splits_by_subgraph_english(tmp_path: Path) -> None:
    prepared = prepare(_note(tmp_path, "Placing an order", "Every order passes **three teams**.",
                             ORDERS), {}, vault=tmp_path)
    pages = _split(prepared, "Placing an order")
    titles = [s.title_text for s, _ in pages]
    assert len(pages) >= 2
    for name in ("Storefront", "Payments", "Warehouse"):
        assert any(name in t for t in titles), titles
    parsed = pages[0][1].picture.drawing.diagram.parsed  # type: ignore[union-attr]
    assert isinstance(parsed, Flowchart)
    _every_node_and_edge_shown(pages, parsed)
    assert pages[0][0].source is pages[-1][0].source  # one plan slide, several pages
    assert sum(s.seconds for s, _ in pages) == pytest.approx(pages[0][0].source.seconds, abs=0.5)
    _on_slide_at_the_floor(prepared)


def test_a_chart_without_subgraphs_too_big_for_a_slide_is_cut_by_rank(tmp_path: Path) -> None:
    chain = "flowchart TD\n" + "\n".join(
        f"  N{n}[단계 {n}번 처리] --> N{n + 1}[단계 {n + 1}번 처리]" for n in range(11))
    prepared = prepare(_note(tmp_path, "흐름", "요청은 **여러 단계**를 거친다.", chain), {},
                       vault=tmp_path)
    pages = _split(prepared, "흐름")
    count = len(pages)
    assert count >= 2
    assert [s.title_text for s, _ in pages] == [f"흐름 ({i}/{count})" for i in
                                                range(1, count + 1)]
    parsed = pages[0][1].picture.drawing.diagram.parsed  # type: ignore[union-attr]
    _every_node_and_edge_shown(pages, parsed)
    (warning,) = [w for w in prepared.warnings if "Mermaid" in w.message]
    assert f"split by rank over {count} slides" in warning.message
    assert "stay on the slide" not in warning.message  # never below the floor
    _on_slide_at_the_floor(prepared)


def test_a_sequence_too_tall_for_a_slide_is_cut_into_runs_of_messages(tmp_path: Path) -> None:
    steps = ["아이디와 비밀번호 입력", "로그인 요청", "액세스 토큰", "토큰과 함께 요청", "토큰 검증",
             "유효함", "데이터", "화면 표시", "리프레시 토큰", "새 액세스 토큰", "다시 요청", "데이터"]
    pairs = [("U", "B"), ("B", "A"), ("A", "B"), ("B", "S"), ("S", "A"), ("A", "S"),
             ("S", "B"), ("B", "U"), ("B", "A"), ("A", "B"), ("B", "S"), ("S", "B")]
    source = "sequenceDiagram\n  participant U as 사용자\n  participant B as 브라우저\n" \
        "  participant A as 인증 서버\n  participant S as API 서버\n" + "\n".join(
            f"  {a}->>{b}: {text}" for (a, b), text in zip(pairs, steps))
    prepared = prepare(_note(tmp_path, "로그인 흐름", "사용자가 로그인하면 **토큰**이 오간다.",
                             source), {}, vault=tmp_path)
    pages = _split(prepared, "로그인 흐름")
    count = len(pages)
    assert count >= 2
    assert [s.title_text for s, _ in pages] == [f"로그인 흐름 ({i}/{count})"
                                                for i in range(1, count + 1)]
    shown = [line for _, frame in pages for edge in frame.placed.edges if edge.text
             for line in edge.text.lines]
    assert " ".join(shown).split() == " ".join(steps).split()  # every message, in order
    (warning,) = [w for w in prepared.warnings if "Mermaid" in w.message]
    assert f"split by message over {count} slides" in warning.message
    _on_slide_at_the_floor(prepared)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_one_rank_too_wide_for_any_cut_stays_on_its_slide_and_says_it_is_smaller(
        tmp_path: Path) -> None:
    """The last resort: no turn or cut makes 40 siblings fit, so they are drawn smaller
    than the floor inside the slide, and the warning says so (never off the slide)."""
    fan = "flowchart TD\n" + "\n".join(f"  root[서버] --> c{n}[작업 {n}]" for n in range(40))
    prepared = prepare(_note(tmp_path, "작업 분배", "서버가 **작업 마흔 개**를 나눠 준다.", fan), {},
                       vault=tmp_path)
    width, height = prepared.deck.width, prepared.deck.height
    pages = _diagram_pages(prepared.deck.slides)
    assert pages
    for _, frame in pages:
        rect = frame.rect
        assert 0 <= rect.x and rect.right <= width and 0 <= rect.y and rect.bottom <= height
        assert frame.placed.width <= rect.w + 0.5 and frame.placed.height <= rect.h + 0.5
    drawn = sorted(n.id for _, f in pages for n in f.placed.nodes if n.shape != "stub")
    assert drawn == sorted(["root", *(f"c{n}" for n in range(40))])  # nothing dropped
    (warning,) = [w for w in prepared.warnings if "Mermaid" in w.message]
    assert "to stay on the slide" in warning.message and "split by" not in warning.message
    assert len(pages) == 1  # more pages of the same squeeze would not help
