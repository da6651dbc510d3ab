"""Mermaid diagrams laid out (dot and the grandalf fallback) and drawn as native shapes."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.layout.diagram import (
    DiagramStyle, PlacedDiagram, PlacedNode, find_dot, lay_out_diagram)
from deckgen.layout.frames import Rect
from deckgen.note.mermaid import parse_mermaid
from deckgen.layout.diagram.placed import DiagramPaint
from deckgen.render.diagram import draw_diagram

from conftest import audit_errors

FONTS = Path(__file__).resolve().parent.parent / "deckgen" / "fonts"
_FACES = [ImageFont.truetype(str(FONTS / name), 200)
          for name in ("BMJUA_ttf.ttf", "NanumGothic.ttf")]
STYLE = DiagramStyle(label_size=20, floor_size=14)
AREA = (864.0, 390.0)  # a 16:9 slide's body, in points
PAINT = DiagramPaint(font="BM JUA_TTF", east_asian_font="BM JUA_TTF", text="212529",
                     line="495057", fill="F8F9FA", accent="E03131", frame_fill="FFF5F5",
                     note_fill="FFF9DB", paper="FFFFFF", muted="ADB5BD", line_pt=1.5,
                     thick_pt=3.0)
needs_dot = pytest.mark.skipif(find_dot() is None, reason="Graphviz dot is not installed")

TD = """flowchart TD
  A[도커 엔진] --> B(컨테이너 런타임)
  B --> C{이미지가 있나?}
  C -->|예| D([컨테이너 시작])
  C -->|아니오| E[레지스트리에서 pull]
  E -.-> D
  D ==> F((실행 중))
  subgraph host [호스트 머신]
    B
    C
  end
"""
LR = """graph LR
  src[Source code] --> build(Build image) --> push[Push to registry]
  push --> deploy([Deploy]) & test{Tests pass?}
  test -- no --> src
"""
SEQUENCE = """sequenceDiagram
  autonumber
  participant C as 클라이언트
  participant D as Docker CLI
  participant E as 도커 데몬
  actor R as Registry
  C->>D: docker run nginx
  D->>E: 컨테이너 생성 요청
  E->>R: 이미지 pull
  R-->>E: 이미지 레이어
  Note right of R: 캐시됨
  E->>E: 컨테이너 시작
  E-->>D: 컨테이너 ID
  D-->>C: 출력
  C-xE: 연결 끊김
"""


def measure(text: str, size: float) -> float:
    """Width in points as the wider of the deck's face and its Korean stand-in."""
    return max(face.getlength(text) for face in _FACES) * size / 200


def lay_out(source: str, area: tuple[float, float] = AREA, **kwargs) -> PlacedDiagram:
    diagram = parse_mermaid(source)
    placed = lay_out_diagram(diagram, measure, *area, STYLE, **kwargs)  # type: ignore[arg-type]
    assert placed is not None
    return placed


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.w - 0.5 and b.x < a.x + a.w - 0.5 and (
        a.y < b.y + b.h - 0.5 and b.y < a.y + a.h - 0.5)


def inside(inner: Rect, outer: Rect) -> bool:
    return (inner.x >= outer.x - 0.01 and inner.y >= outer.y - 0.01
            and inner.x + inner.w <= outer.x + outer.w + 0.01
            and inner.y + inner.h <= outer.y + outer.h + 0.01)


def assert_text_fits_its_shape(node: PlacedNode) -> None:
    text, box = node.text, node.box
    for line in text.lines:
        assert measure(line, text.size) <= text.box.w + 0.01, line
    assert len(text.lines) * text.size * STYLE.line_spacing <= text.box.h + 0.01
    # the text block's corners lie inside the drawn outline
    rx, ry = box.w / 2, box.h / 2
    dx, dy = text.box.w / 2, text.box.h / 2
    if node.shape == "rhombus":
        assert dx / rx + dy / ry <= 1.0 + 1e-6, node
    elif node.shape == "circle":
        assert (dx / rx) ** 2 + (dy / ry) ** 2 <= 1.0 + 1e-6, node
    else:
        assert inside(text.box, box), node


def assert_clean(placed: PlacedDiagram, area: tuple[float, float] = AREA) -> None:
    assert placed.fits and not placed.warning
    assert placed.width <= area[0] + 0.01 and placed.height <= area[1] + 0.01
    assert placed.size >= STYLE.floor_size
    frame = Rect(0, 0, placed.width, placed.height)
    shapes = [n for n in placed.nodes if n.shape != "note"]
    for node in placed.nodes:
        assert inside(node.box, frame)
        assert_text_fits_its_shape(node)
    for a, b in itertools.combinations(shapes, 2):
        assert not overlap(a.box, b.box), (a.id, b.id)
    for edge in placed.edges:
        assert all(-0.01 <= x <= placed.width + 0.01 and -0.01 <= y <= placed.height + 0.01
                   for x, y in edge.points)
        if edge.text is not None:
            for line in edge.text.lines:
                assert measure(line, edge.text.size) <= edge.text.box.w + 0.01


# -- layout -------------------------------------------------------------------------------

@needs_dot
def test_korean_flowchart_laid_out_by_dot_fits_without_overlaps():
    placed = lay_out(TD)
    assert placed.engine == "dot"
    assert_clean(placed)
    assert {n.id for n in placed.nodes} == set("ABCDEF")
    assert len(placed.edges) == 6
    (frame,) = placed.clusters
    assert frame.title is not None and frame.title.lines == ("호스트 머신",)
    members = [n for n in placed.nodes if n.id in "BC"]
    assert all(inside(n.box, frame.box) for n in members)
    assert placed.height > placed.width  # TD grows downward


@needs_dot
def test_lr_diagram_is_wider_than_tall_and_edges_end_at_their_nodes():
    placed = lay_out(LR)
    assert_clean(placed)
    assert placed.width > 2 * placed.height
    boxes = {n.id: n.box for n in placed.nodes}
    first = placed.edges[0]
    tip = first.points[-1]
    build = boxes["build"]
    assert build.x - 1 <= tip[0] <= build.x + build.w + 1
    labelled = [e for e in placed.edges if e.text is not None]
    assert [e.text.lines for e in labelled if e.text] == [("no",)]


@pytest.mark.parametrize("source", [TD, LR, "flowchart BT\n  가 --> 나 --> 다",
                                    "flowchart RL\n  one --> two --> three"])
def test_fallback_without_dot_still_lays_out_cleanly(source: str):
    placed = lay_out(source, dot_finder=lambda: None)
    assert placed.engine == "layered"
    big = (2000.0, 2000.0)
    assert_clean(lay_out(source, big, dot_finder=lambda: None), big)


def test_fallback_when_dot_is_not_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_dot() is None
    placed = lay_out(LR)
    assert placed.engine == "layered"
    assert_clean(placed)
    assert placed.width > placed.height


def test_directions_orient_the_fallback_layout():
    down = lay_out("flowchart TD\n  A --> B", dot_finder=lambda: None)
    up = lay_out("flowchart BT\n  A --> B", dot_finder=lambda: None)
    right = lay_out("flowchart LR\n  A --> B", dot_finder=lambda: None)
    left = lay_out("flowchart RL\n  A --> B", dot_finder=lambda: None)

    def centre(placed: PlacedDiagram, node_id: str) -> tuple[float, float]:
        box = next(n.box for n in placed.nodes if n.id == node_id)
        return box.x + box.w / 2, box.y + box.h / 2

    assert centre(down, "A")[1] < centre(down, "B")[1]
    assert centre(up, "A")[1] > centre(up, "B")[1]
    assert centre(right, "A")[0] < centre(right, "B")[0]
    assert centre(left, "A")[0] > centre(left, "B")[0]


@pytest.mark.parametrize("label", [
    "컨테이너는 호스트 커널을 공유하는 격리된 프로세스이며 가상 머신보다 가볍다",
    "A container is an isolated process that shares the host kernel with others"])
def test_long_labels_wrap_between_words(label: str):
    placed = lay_out(f'flowchart TD\n  A["{label}"] --> B[짧다]')
    node = next(n for n in placed.nodes if n.id == "A")
    assert len(node.text.lines) >= 2
    assert " ".join(node.text.lines) == label
    assert all(measure(line, STYLE.label_size) <= STYLE.wrap_em * STYLE.label_size
               for line in node.text.lines if " " in line)
    assert_clean(placed)


def test_a_diagram_too_big_stays_at_the_floor_and_says_so():
    source = "flowchart LR\n" + "\n".join(f"  n{i}[단계 {i}] --> n{i + 1}[단계 {i + 1}]"
                                          for i in range(12))
    placed = lay_out(source, (400.0, 300.0))
    assert not placed.fits
    assert placed.size == pytest.approx(STYLE.floor_size)
    assert "14 pt floor" in placed.warning


def test_sequence_lays_out_participants_lifelines_messages_and_notes():
    placed = lay_out(SEQUENCE)
    assert placed.engine == "sequence"
    assert_clean(placed)
    heads = [n for n in placed.nodes if n.shape in ("participant", "actor")]
    assert [n.text.lines for n in heads] == [("클라이언트",), ("Docker CLI",), ("도커 데몬",),
                                              ("Registry",)]
    assert [n.shape for n in heads][-1] == "actor"
    lifelines = {n.box.x for n in placed.nodes if n.shape == "lifeline"}
    messages = list(placed.edges)
    assert len(lifelines) == 4 and len(messages) == 8
    xs = sorted(lifelines)
    assert xs == sorted(xs)
    ys = [m.points[0][1] for m in messages]
    assert ys == sorted(ys)  # one row per message, in order
    for message in messages:  # a label fits between the lifelines it joins
        assert message.text is not None
        (x0, _), (x1, _) = message.points[0], message.points[-1]
        if x0 != x1:
            assert message.text.box.w <= abs(x1 - x0)
    (note,) = [n for n in placed.nodes if n.shape == "note"]
    assert note.text.lines == ("캐시됨",) and note.box.x > xs[-1]
    assert messages[0].text and messages[0].text.lines == ("1. docker run nginx",)


def test_empty_diagrams_place_nothing():
    chart = parse_mermaid("flowchart TD\n %% nothing yet\n")
    assert lay_out_diagram(chart, measure, *AREA, STYLE) is None  # type: ignore[arg-type]


# -- render -------------------------------------------------------------------------------

def build_deck(tmp_path: Path, sources: list[str]) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    for source in sources:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        placed = lay_out(source)
        draw_diagram(slide.shapes, placed, 48 + (AREA[0] - placed.width) / 2,
                     110 + (AREA[1] - placed.height) / 2, PAINT)
    path = tmp_path / "diagrams.pptx"
    prs.save(str(path))
    return path


def expected_labels(source: str) -> Counter[str]:
    placed = lay_out(source)
    texts = [n.text for n in placed.nodes if n.text.lines]  # a lifeline has no label
    texts += [e.text for e in placed.edges if e.text]
    texts += [c.title for c in placed.clusters if c.title]
    return Counter("\n".join(t.lines) for t in texts)


def drawn_texts(group) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(s.text_frame.text for s in group.shapes
                   if s.has_text_frame and s.text_frame.text)


@pytest.mark.parametrize("source", [TD, LR, SEQUENCE])
def test_one_group_with_one_editable_text_per_label(tmp_path: Path, source: str):
    deck = Presentation(str(build_deck(tmp_path, [source])))
    (group,) = deck.slides[0].shapes
    assert group.shape_type == 6  # MSO_SHAPE_TYPE.GROUP
    assert drawn_texts(group) == expected_labels(source)
    ids = [e.get("id") for e in deck.slides[0].shapes._spTree.iter(qn("p:cNvPr"))]
    assert len(ids) == len(set(ids))


def test_arrowheads_dashes_and_fonts_are_in_the_xml(tmp_path: Path):
    deck = Presentation(str(build_deck(tmp_path, [TD])))
    xml = deck.slides[0].shapes._spTree
    arrows = [e for e in xml.iter(qn("a:tailEnd")) if e.get("type") == "triangle"]
    assert len(arrows) == 6  # every TD edge has an arrowhead
    assert [e.get("val") for e in xml.iter(qn("a:prstDash"))] == ["dash"]
    runs = list(xml.iter(qn("a:rPr")))
    assert runs and all(r.find(qn("a:ea")).get("typeface") == "BM JUA_TTF" for r in runs)
    assert all(r.find(qn("a:latin")) is not None for r in runs)
    assert all(r.get("lang") == "ko-KR" for r in runs)  # every TD label has Hangul
    lr = Presentation(str(build_deck(tmp_path, [LR]))).slides[0].shapes._spTree
    assert {r.get("lang") for r in lr.iter(qn("a:rPr"))} == {"en-US"}
    assert xml.find(".//" + qn("p:style")) is None  # flat: no theme shadow


def test_sequence_cross_and_lifelines_are_drawn(tmp_path: Path):
    deck = Presentation(str(build_deck(tmp_path, [SEQUENCE])))
    (group,) = deck.slides[0].shapes
    names = Counter(s.name for s in group.shapes)
    lifelines = [s for s in group.shapes if s.name.startswith("diagram lifeline ")]
    assert len({s.left for s in lifelines}) == 4  # four lifelines, cut where messages meet
    assert all(s._element.spPr.find(qn("a:prstGeom")).get("prst") == "line" and s.width == 0
               for s in lifelines)
    assert names["diagram cross"] == 2
    xml = group._element
    assert [e.get("val") for e in xml.iter(qn("a:prstDash"))].count("sysDot") == len(lifelines)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_deck_passes_openxml_audit(tmp_path: Path):
    assert audit_errors(build_deck(tmp_path, [TD, LR, SEQUENCE])) == []


@pytest.mark.libreoffice
@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext is not installed")
def test_libreoffice_shows_every_label(tmp_path: Path):
    sources = [TD, LR, SEQUENCE]
    deck = build_deck(tmp_path, sources)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(deck)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "diagrams.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    flat = "".join(text.split())
    for source in sources:
        for label in expected_labels(source):
            assert "".join(label.split()) in flat, label


# -- connectors glued to the shapes they join --------------------------------------------

from conftest import FIXTURES, Decks, requires_soffice, sweep  # noqa: E402

MERMAID_NOTES = [p.stem for p in sorted(FIXTURES.glob("*.md"))
                 if "```mermaid" in p.read_text(encoding="utf-8")]
# connection sites by preset, as presetShapeDefinitions lists them: four box sites (top,
# left, bottom, right); an ellipse's eight counter-clockwise from the top; a line's two ends
_FOUR = ("top", "left", "bottom", "right")
_SITE_NAMES = {"ellipse": dict(enumerate(("top", None, "left", None, "bottom", None, "right"))),
               "line": {0: "start", 1: "end"}}


def _diagram_groups(deck_path):
    """Each diagram group of the deck, in slide order."""
    for slide in Presentation(str(deck_path)).slides:
        for shape in slide.shapes:
            if shape.shape_type == 6 and shape.name == "deckgen diagram":
                yield shape


def _site(shape, idx: int) -> tuple[str, tuple[int, int]]:
    """The site's name and where it is (EMU, the group's space) on a preset shape."""
    prst = shape._element.spPr.find(qn("a:prstGeom")).get("prst")
    name = _SITE_NAMES.get(prst, dict(enumerate(_FOUR)))[idx]
    x, y, w, h = shape.left, shape.top, shape.width, shape.height
    where = {"top": (x + w // 2, y), "bottom": (x + w // 2, y + h),
             "left": (x, y + h // 2), "right": (x + w, y + h // 2),
             "start": (x, y), "end": (x + w, y + h)}[name]
    return f"{prst} {name}", where


def _glue_of(group):
    """(connector, its start's shape and site, its end's shape and site) per edge of the
    group; asserting every end is glued to a shape of this group and lies on that site."""
    by_id = {s.shape_id: s for s in group.shapes}
    out = []
    for line in group.shapes:
        if line.name == "diagram cross":  # a lost message's 'x': two strokes, no ends
            continue
        if "edge" not in line.name:
            continue
        assert line._element.tag == qn("p:cxnSp"), f"{line.name} is a freeform, unglued"
        glue = [line.name]
        for tag, point in (("a:stCxn", (line.begin_x, line.begin_y)),
                           ("a:endCxn", (line.end_x, line.end_y))):
            found = line._element.find(f".//{qn(tag)}")
            assert found is not None, f"{line.name}: no {tag}"
            shape = by_id[int(found.get("id"))]  # a KeyError: glued outside its group
            site, (x, y) = _site(shape, int(found.get("idx")))
            assert abs(point[0] - x) <= 12700 and abs(point[1] - y) <= 12700, (line.name, site)
            glue += [shape.name, site]
        out.append(tuple(glue))
    return out


@pytest.fixture(scope="module")
def fixture_decks(tmp_path_factory):
    from deckgen.build import build

    def make(stem):
        deck = tmp_path_factory.mktemp("glue") / f"{stem}.pptx"
        build(FIXTURES / f"{stem}.md", deck, {}, vault=FIXTURES)
        return deck

    return Decks(make)


@pytest.mark.subprocess
@pytest.mark.parametrize("stem", sweep(MERMAID_NOTES, fast={"diagrams"}))
def test_every_connector_is_glued_at_both_ends_to_the_shapes_it_joins(fixture_decks, stem):
    groups = list(_diagram_groups(fixture_decks[stem]))
    assert groups
    for group in groups:
        glue = _glue_of(group)
        assert glue, [s.name for s in group.shapes]
        for _line, source, source_site, target, target_site in glue:
            assert source != target
            if source.startswith("diagram lifeline "):  # a message: lifeline to lifeline
                assert target.startswith("diagram lifeline ")
                assert source_site == target_site == "line start"


def test_the_glue_fixtures_have_flowcharts_and_sequence_diagrams_in_korean_and_english():
    sources = {stem: (FIXTURES / f"{stem}.md").read_text(encoding="utf-8")
               for stem in MERMAID_NOTES}
    assert "diagram_fit" in sources and "diagrams_en" in sources
    assert sum("sequenceDiagram" in text for text in sources.values()) >= 2
    assert any("sequenceDiagram" in text for stem, text in sources.items() if "en" in stem)


@requires_soffice
@pytest.mark.parametrize("stem", sweep(MERMAID_NOTES, fast={"diagrams"}))
def test_libreoffice_keeps_the_glue_when_it_saves_the_deck(fixture_decks, stem, tmp_path):
    """LibreOffice reads each glued end back from the site it names (so a site it read
    differently would move the line) and writes the glue again."""
    deck = fixture_decks[stem]
    before = [_glue_of(g) for g in _diagram_groups(deck)]
    subprocess.run(["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(tmp_path),
                    str(deck)], check=True, capture_output=True, timeout=180)
    after = [_glue_of(g) for g in _diagram_groups(tmp_path / deck.name)]
    assert after == before
