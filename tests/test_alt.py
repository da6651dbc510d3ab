"""Alt text by construction (layout/alt.py): from the note, never a file name."""

from __future__ import annotations

from pathlib import Path

from deckgen.build import prepare
from deckgen.layout.alt import describe, picture_alt
from deckgen.layout.frames import DiagramFrame, PictureFrame
from deckgen.note.mermaid import parse_mermaid
from deckgen.note.model import Diagram
from deckgen.pictures.formula import formula_reading
from deckgen.pictures.model import Picture
from deckgen.plan.talk import Notes, Slide, SlideKind

from conftest import photo, write_note


def diagram(source: str) -> Diagram:
    return Diagram(source, 1, parse_mermaid(source))


def test_a_flowchart_says_its_kind_nodes_and_edges_in_reading_order_in_korean_and_english():
    chart = diagram("flowchart LR\n  A[도커] -->|만든다| B[컨테이너]\n  B --> C[앱 App]\n")
    assert describe(chart, "ko") == ("순서도. 요소: 도커, 컨테이너, 앱 App. "
                                     "연결: 도커 → 컨테이너 (만든다); 컨테이너 → 앱 App")
    assert describe(chart, "en").startswith("Flowchart. nodes: 도커, 컨테이너, 앱 App. links:")


def test_a_sequence_diagram_says_who_sends_what_in_order():
    seq = diagram("sequenceDiagram\n  participant U as 사용자\n  participant S as Server\n"
                  "  U->>S: 로그인 요청\n  S-->>U: token\n")
    assert describe(seq, "ko") == ("시퀀스 다이어그램. 사용자, Server. "
                                   "사용자 → Server: 로그인 요청; Server → 사용자: token")


def test_a_formula_says_its_latex_and_how_it_reads():
    assert formula_reading(r"\frac{a}{b} \leq \sqrt{x}") == \
        r"\frac{a}{b} \leq \sqrt{x} ((a) / (b) ≤ √(x))"
    assert formula_reading("E = mc^2") == "E = mc^2 (E = mc ^ 2)"
    slide = Slide(SlideKind.CONTENT, "질량과 에너지")
    formula = Picture("formula", 10, 10, alt=formula_reading("E = mc^2"))
    assert picture_alt(formula, slide, "ko") == "수식: E = mc^2 (E = mc ^ 2)"
    assert picture_alt(formula, slide, "en").startswith("Formula: E = mc^2")


def test_a_picture_says_its_caption_else_the_sentence_before_it_else_the_title():
    named = Picture("Pasted image 2024.png", 10, 10)
    said = Slide(SlideKind.CONTENT, "도커란?", Notes("1. 도커는 컨테이너를 관리하는 도구입니다. 다음 문장."))
    assert picture_alt(named, said, "ko") == "도커는 컨테이너를 관리하는 도구입니다."
    quiet = Slide(SlideKind.CONTENT, "Why containers?")
    assert picture_alt(named, quiet, "en") == "Why containers?"
    captioned = Picture("diagram.png", 10, 10, caption="도커 구조")
    assert picture_alt(captioned, said, "ko") == "도커 구조"


def test_every_picture_and_diagram_of_a_built_deck_has_alt_text_that_is_no_file_name(
        tmp_path: Path):
    photo(tmp_path / "Pasted image 1.png", (800, 500))
    note = write_note(tmp_path, "n.md", (
        "# 도커\n\n## 구조\n도커는 이미지를 실행합니다.\n\n![[Pasted image 1.png]]\n\n"
        "## 흐름\n```mermaid\nflowchart LR\n  A[이미지] --> B[컨테이너]\n```\n\n"
        "## 공식\n$$E = mc^2$$\n"))
    deck = prepare(note, {}).deck
    frames = [f for page in deck.slides for f in page.frames
              if isinstance(f, (PictureFrame, DiagramFrame))]
    assert len(frames) == 3
    alts = [f.alt for f in frames]
    assert alts[0] == "도커는 이미지를 실행합니다."
    assert alts[1] == "순서도. 요소: 이미지, 컨테이너. 연결: 이미지 → 컨테이너"
    assert alts[2].startswith("수식: E = mc^2")
