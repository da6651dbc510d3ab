"""Mermaid diagrams and math through the whole pipeline: parsed into blocks, planned as a
slide's main visual, laid out in the picture area, drawn as native shapes and pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from deckgen.build import build, prepare
from deckgen.layout.frames import DiagramFrame
from deckgen.note.model import Diagram, Formula, Paragraph, plain
from deckgen.note.parse import parse_note
from deckgen.note.read import read_note

from conftest import FIXTURES, audit_errors, deck_texts, requires_soffice, slide_notes, write_note

DIAGRAMS = FIXTURES / "diagrams.md"
MATH = FIXTURES / "math.md"


def _blocks(note):
    return [b for section in note.sections for child in (section, *section.children)
            for b in child.blocks]


def test_mermaid_fences_and_display_math_become_blocks(tmp_path: Path) -> None:
    path = write_note(tmp_path, "n.md", "# 제목\n\n## 흐름\n\n```mermaid\ngraph LR\n  A[요청] --> B[응답]\n"
                                       "```\n\n$$\n\\frac{a}{b}\n$$\n\n```python\nx = 1\n```\n")
    note, warnings = parse_note(read_note(path))
    blocks = _blocks(note)
    diagrams = [b for b in blocks if isinstance(b, Diagram)]
    formulas = [b for b in blocks if isinstance(b, Formula)]
    assert [(d.kind, d.line, d.drawable) for d in diagrams] == [("flowchart", 5, True)]
    assert "A[요청] --> B[응답]" in diagrams[0].source
    assert [(f.latex, f.line) for f in formulas] == [("\\frac{a}{b}", 10)]
    assert not warnings


@pytest.mark.parametrize("text, shown", [
    ("복잡도는 $O(n^2)$이다", "복잡도는 O(n²)이다"),
    ("It costs $\\frac{1}{\\sqrt{p}}$ per step", "It costs 1/√p per step"),
    ("가격은 $5와 $10이다", "가격은 $5와 $10이다"),
    ("Prices: $5 and $10, and $HOME", "Prices: $5 and $10, and $HOME"),
])
def test_inline_math_is_readable_text_and_prices_stay(tmp_path: Path, text: str,
                                                      shown: str) -> None:
    note, _ = parse_note(read_note(write_note(tmp_path, "n.md", f"# T\n\n## S\n\n{text}\n")))
    paragraphs = [b for b in _blocks(note) if isinstance(b, Paragraph)]
    assert plain(paragraphs[0].spans) == shown


def test_unsupported_and_broken_diagrams_warn_once_with_their_line() -> None:
    note, warnings = parse_note(read_note(DIAGRAMS))
    lines = DIAGRAMS.read_text(encoding="utf-8").split("\n")
    mermaid = [w for w in warnings if "Mermaid" in w.message]
    assert len(mermaid) == 2
    unsupported, broken = mermaid
    assert "classDiagram" in unsupported.message
    assert lines[unsupported.line - 1] == "```mermaid"
    assert "does not parse" in broken.message
    assert lines[broken.line - 1].strip() == "B -->"  # the fence line plus the error's line


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_each_diagram_and_formula_is_its_own_slide_with_its_source_in_the_notes() -> None:
    prepared = prepare(DIAGRAMS, {}, vault=FIXTURES)
    shown = [s for s in prepared.talk.slides if s.pictures]
    assert all(len(s.pictures) == 1 for s in shown)
    assert sum(isinstance(s.pictures[0], Diagram) for s in shown) == 7
    gateway = next(s for s in shown if s.title == "위에서 아래로")
    assert "게이트웨이" in str(gateway.body)  # kept with the text that goes with it
    sources = "\n".join(gateway.notes.sources)
    assert "flowchart TD" in sources and "B -.->|캐시 조회| D((Redis))" in sources
    math = prepare(MATH, {}, vault=FIXTURES)
    formulas = [s for s in math.talk.slides if s.pictures]
    assert [type(s.pictures[0]) for s in formulas] == [Formula] * 3
    assert "\\sum_{i=1}^{n} i" in "".join(formulas[0].notes.sources)


def test_diagrams_are_laid_out_in_the_picture_area_at_a_legible_size() -> None:
    prepared = prepare(DIAGRAMS, {}, vault=FIXTURES)
    frames = [f for s in prepared.deck.slides for f in s.frames if isinstance(f, DiagramFrame)]
    assert len(frames) == 5
    sizes = prepared.theme.sizes
    for frame in frames:
        assert sizes.diagram_min - 0.01 <= frame.placed.size <= sizes.diagram + 0.01
        assert frame.placed.fits
        assert 0 <= frame.rect.x and frame.rect.right <= prepared.deck.width
    assert not [w for w in prepared.warnings if "floor" in w.message]


def _group_shapes(path: Path) -> list:
    out = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                out.append(list(shape.shapes))
    return out


@pytest.mark.slow  # a whole deck with seven diagrams, audited: a few seconds
def test_diagrams_render_as_editable_shapes_and_pass_the_audit(tmp_path: Path) -> None:
    result = build(DIAGRAMS, tmp_path / "d.pptx", {}, vault=FIXTURES)
    groups = _group_shapes(result.output)
    assert len(groups) == 5
    texts = [shape.text_frame.text for group in groups for shape in group if shape.has_text_frame
             and shape.text_frame.text]
    for label in ("클라이언트", "게이트웨이", "인증 서비스", "Redis", "토큰 유효?", "캐시 조회",
                  "CI 파이프라인", "로그인 요청", "비밀번호 해시 비교", "JWT 토큰", "토큰 검증"):
        assert label in texts  # each label its own text shape, typed as written
    ends = [el for group in groups for shape in group
            for el in shape._element.iter(qn("a:tailEnd"))]
    assert len(ends) >= 20
    notes = slide_notes(result.output)
    assert any("sequenceDiagram" in n and "U->>W: 로그인 요청" in n for n in notes)
    assert any("classDiagram" in n for n in notes)
    assert audit_errors(result.output) == []


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_math_deck_has_no_latex_on_slides_and_formulas_as_pictures(tmp_path: Path) -> None:
    result = build(MATH, tmp_path / "m.pptx", {}, vault=FIXTURES)
    texts = deck_texts(result.output)
    body = "\n".join(texts)
    for mark in ("\\frac", "\\sqrt", "\\log", "$O(", "$\\"):
        assert mark not in body
    assert "$5 and $10" in body and "O(n²)" in body and "σ/√n" in body
    pictures = [shape for slide in Presentation(str(result.output)).slides
                for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 3
    notes = "\n".join(slide_notes(result.output))
    assert "\\begin{aligned}" in notes
    assert audit_errors(result.output) == []


@requires_soffice
@pytest.mark.parametrize("note", [DIAGRAMS, MATH], ids=["diagrams", "math"])
def test_diagram_and_math_decks_render_without_faults(tmp_path: Path, note: Path) -> None:
    from layoutcheck import render

    result = build(note, tmp_path / "deck.pptx", {}, vault=FIXTURES)
    report = render(result.output, tmp_path)
    assert report.faults == []
