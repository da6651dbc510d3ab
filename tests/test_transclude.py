"""Transclusion (`![[Note]]`, `![[Note#Heading]]`, `![[Note#^id]]`) and the fixture vault.

The vault in tests/fixtures/vault has a note (`웹 통신.md`) that transcludes a heading of one
note, a block of another, a 3-page PDF at page 2, an Excalidraw drawing with its exported
PNG, and itself; and a note (`문제 많은 노트.md`) with every embed problem. Both have
goldens like the other fixtures (DECKGEN_UPDATE_OUTLINES=1 rewrites them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.build import build, prepare
from deckgen.note.model import Embed, Image, ListBlock, Paragraph, plain
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.note.transclude import MAX_DEPTH, transclude
from deckgen.note.vault import ImageFinder
from deckgen.outline import _element, outline, plan_outline

from conftest import FIXTURES, audit_errors, deck_texts, png, requires_soffice, slide_notes, \
    write_note

VAULT = FIXTURES / "vault"
WEB = VAULT / "웹 통신.md"
PROBLEMS = VAULT / "문제 많은 노트.md"


def _golden(path: Path, text: str) -> None:
    if os.environ.get("DECKGEN_UPDATE_OUTLINES"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no expected outline {path.name}"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def web():
    return prepare(WEB, {}, vault=VAULT)


@pytest.mark.parametrize("note", [WEB, PROBLEMS], ids=["web", "problems"])
def test_vault_notes_match_their_goldens(note: Path) -> None:
    prepared = prepare(note, {}, vault=VAULT)
    _golden(note.with_suffix(".outline.txt"),
            outline(prepared.talk, prepared.deck, prepared.theme.name))
    _golden(note.with_suffix(".plan.txt"), plan_outline(prepared.talk))


def _slide(prepared, title: str):
    return next(s for s in prepared.deck.slides if s.title_text == title)


def _texts(placed) -> str:
    """What the slide shows, as `deckgen outline` prints it."""
    return "\n".join(line for element in placed.shows for line in _element(element))


def test_a_transcluded_heading_brings_its_text_list_table_and_picture(web) -> None:
    first = _slide(web, "연결 맺기")
    assert "3-way 핸드셰이크" in _texts(first) and "SYN-ACK" in _texts(first)
    picture = first.pictures[0]
    # the picture resolves from the embedded note's own folder (개념/images)
    assert picture.ok and picture.path.parent.name == "images"
    assert picture.path.parent.parent.name == "개념"
    assert picture.caption == "세 번의 패킷 교환"
    continued = _slide(web, "연결 맺기 · 왜 세 번인가")  # what the page adds
    assert "왜 세 번인가" in _texts(continued) and "table: 3 rows" in _texts(continued)
    # the section after the embedded one (UDP) is not brought in
    assert not any("UDP" in _texts(s) for s in web.deck.slides)


def test_a_transcluded_block_is_only_that_block(web) -> None:
    shown = _texts(_slide(web, "서버는 기억하지 않는다"))
    assert "무상태(stateless)" in shown
    assert "멱등성" not in shown and "멀티플렉싱" not in shown


def test_pdf_page_two_and_the_excalidraw_export_are_pictures(web) -> None:
    pdf = _slide(web, "논문 그림").pictures[0]
    assert pdf.ok and pdf.page == 2 and pdf.path.name == "paper.pdf"
    assert pdf.height > pdf.width  # the paper's pages are portrait
    drawing = _slide(web, "구조도").pictures[0]
    assert drawing.ok and drawing.path.name == "Drawing.excalidraw.png"
    assert drawing.caption == ""  # a file name is never a caption


def test_the_note_that_embeds_itself_warns_once_and_finishes(web) -> None:
    cycles = [w for w in web.warnings if "cycle" in w.message]
    assert len(cycles) == 1 and "웹 통신" in cycles[0].message
    queries = [w for w in web.warnings if "query block" in w.message]
    assert len(queries) == 1 and "2 query block(s) (dataview, tasks)" in queries[0].message


def test_block_links_show_their_alias_or_the_block_text(web) -> None:
    summary = " ".join(web.deck.slides[-2].source.notes.script.split()) + _texts(web.deck.slides[-2])
    assert "무상태의 장점" in summary
    assert "HTTP/2의 멀티플렉싱은 한 연결로" in summary
    assert "^" not in summary and "[[" not in summary


def test_problems_are_warnings_naming_what_is_missing() -> None:
    prepared = prepare(PROBLEMS, {}, vault=VAULT)
    messages = [w.message for w in prepared.warnings]
    assert "embedded note '없는 노트' not found; left out" in messages
    assert "heading '없는 제목' not found in '네트워크 기초'; left out" in messages
    assert "block '^no-such-block' not found in '용어집'; left out" in messages
    assert any("'../../english' outside the vault" in m for m in messages)
    assert any("page 9 is not in the PDF (3 pages)" in m for m in messages)
    assert any("damaged PDF" in m for m in messages)
    assert any("Sketch.excalidraw" in m and "auto-export" in m for m in messages)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_nothing_of_the_syntax_reaches_a_slide_or_a_note(tmp_path: Path) -> None:
    result = build(WEB, tmp_path / "web.pptx", {}, vault=VAULT)
    shown = "\n".join(deck_texts(result.output) + slide_notes(result.output))
    for syntax in ("**", "![[", "[[", "^handshake", "^stateless", "^why-stateless", "^q1",
                   "dataview", "LIST FROM", "not done"):
        assert syntax not in shown, syntax
    assert "무상태(stateless)" in shown and "QUIC(퀵)" in shown


@requires_soffice
def test_the_vault_deck_renders_without_faults_and_passes_the_audit(tmp_path: Path) -> None:
    from layoutcheck import render

    result = build(WEB, tmp_path / "web.pptx", {}, vault=VAULT)
    report = render(result.output, tmp_path)
    assert report.faults == [] and report.pages == result.slides
    assert audit_errors(result.output) == []


# -- rules, on notes written here ---------------------------------------------------------

def _transcluded(vault: Path, name: str):
    path = vault / name
    note, warnings = parse_note(Source(path, path.read_text(encoding="utf-8")))
    joined, more = transclude(note, ImageFinder(path, vault))
    return joined, warnings + more


def test_whole_note_embed_keeps_its_headings_as_subheadings(vault: Path) -> None:
    write_note(vault, "main.md", "## 개요\n![[Other]]\n")
    write_note(vault, "Other.md", "Intro **key**.\n\n## Part one\nFirst **point**.\n")
    note, warnings = _transcluded(vault, "main.md")
    blocks = note.sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Heading", "Paragraph"]
    assert plain(blocks[1].spans) == "Part one" and warnings == []


def test_pictures_resolve_from_the_embedded_notes_folder(vault: Path) -> None:
    png(vault / "attachments" / "same.png", color=(255, 0, 0))
    png(vault / "deep" / "sub" / "images" / "same.png", color=(0, 0, 255))
    write_note(vault, "main.md", "## 그림\n![[같은 이름]]\n")
    write_note(vault, "deep/sub/같은 이름.md", "![[same.png]]\n")
    note, _ = _transcluded(vault, "main.md")
    image = note.sections[0].blocks[0]
    assert isinstance(image, Image) and image.ref.origin.endswith("같은 이름.md")
    found = ImageFinder(vault / "main.md", vault).find(image.ref)
    assert found.path == (vault / "deep" / "sub" / "images" / "same.png").resolve()


def test_a_chain_deeper_than_the_limit_stops_with_a_warning(vault: Path) -> None:
    for level in range(MAX_DEPTH + 3):
        write_note(vault, f"n{level}.md", f"level {level} text\n\n![[n{level + 1}]]\n")
    write_note(vault, f"n{MAX_DEPTH + 3}.md", "the bottom\n")
    note, warnings = _transcluded(vault, "n0.md")
    texts = [plain(b.spans) for b in note.preamble if isinstance(b, Paragraph)]
    assert texts[:MAX_DEPTH + 1] == [f"level {i} text" for i in range(MAX_DEPTH + 1)]
    assert "the bottom" not in texts
    assert [w.message for w in warnings] == [f"embeds nest deeper than {MAX_DEPTH}; "
                                            f"'n{MAX_DEPTH + 1}' left out"]


def test_mutual_embeds_are_a_cycle_not_a_hang(vault: Path) -> None:
    write_note(vault, "a.md", "## A\n**에이** text\n\n![[b]]\n")
    write_note(vault, "b.md", "**비** text\n\n![[a#A]]\n")
    note, warnings = _transcluded(vault, "a.md")
    texts = [plain(b.spans) for b in note.sections[0].blocks if isinstance(b, Paragraph)]
    # a shows b, b shows a's section A (as Obsidian does), and that section's `![[b]]`
    # is where the loop closes
    assert texts == ["에이 text", "비 text", "에이 text"]
    assert len(warnings) == 1 and "'b' embeds itself (a cycle)" in warnings[0].message


def test_a_block_id_names_a_list_item_or_the_block_before_it(vault: Path) -> None:
    write_note(vault, "main.md", "## x\n![[terms#^two]]\n\n![[terms#^table]]\n")
    write_note(vault, "terms.md", "- one ^one\n- **two** words ^two\n\n"
                                  "| a | b |\n|---|---|\n| 1 | 2 |\n\n^table\n")
    note, warnings = _transcluded(vault, "main.md")
    listed, table = note.sections[0].blocks
    assert isinstance(listed, ListBlock) and len(listed.items) == 1
    assert plain(listed.items[0].blocks[0].spans) == "two words"
    assert type(table).__name__ == "Table" and warnings == []


def test_same_note_heading_embed_and_unresolved_embeds_leave_nothing_behind(vault: Path) -> None:
    write_note(vault, "main.md", "## Intro\n![[#Details]]\n\n## Details\nThe **detail**.\n")
    note, warnings = _transcluded(vault, "main.md")
    assert plain(note.sections[0].blocks[0].spans) == "The detail."
    assert not any(isinstance(b, Embed) for s in note.sections for b in s.blocks)
    assert warnings == []
