"""Notes that push layout hard: every deck fits (checked by eye-independent rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.build import build

from conftest import FIXTURES, ROOT, Decks, audit_errors, requires_soffice

STRESS = FIXTURES / "stress" / "stress.md"


@pytest.fixture(scope="module")
def stress_decks(tmp_path_factory) -> Decks:
    out = tmp_path_factory.mktemp("stress")
    # --all: the stress note checks continuation and sizes with everything on slides
    return Decks(lambda theme: build(STRESS, out / f"stress-{theme}.pptx",
                                     {"theme": theme, "fit": False}, vault=STRESS.parent).output)


def _sizes(deck: Path):
    for slide in Presentation(str(deck)).slides:
        for run in slide._element.iter(qn("a:r")):
            element = run
            while element.tag not in (qn("p:sp"), qn("p:graphicFrame")):
                element = element.getparent()
            name = element.find(".//" + qn("p:cNvPr")).get("name")
            yield name, int(run.find(qn("a:rPr")).get("sz")) / 100


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_no_body_text_below_24pt_and_no_code_below_18pt(stress_decks):
    for deck in (stress_decks["tecotalk"], stress_decks["plain"]):
        for name, size in _sizes(deck):
            if "page number" in name or "Missing picture" in name:
                continue
            assert size >= (18 if name == "deckgen code" else 24), (deck.name, name, size)


def test_long_content_continues_rather_than_overflowing(stress_decks):
    titles = [s.shapes.title.text_frame.text for s in
              Presentation(str(stress_decks["tecotalk"])).slides if s.shapes.title]
    assert sum(t.startswith("마흔 개의 항목 ") for t in titles) >= 3  # each says what it adds
    assert len(set(titles)) == len(titles)  # every continuation has a title of its own
    assert sum(t.startswith("서른 줄짜리 표 ") for t in titles) >= 2
    assert any(t.endswith("…") for t in titles)  # the 200-character heading, shortened


def test_split_tables_repeat_their_header(stress_decks):
    prs = Presentation(str(stress_decks["tecotalk"]))
    tables = [sh.table for s in prs.slides for sh in s.shapes
              if getattr(sh, "has_table", False) and sh.has_table]
    assert len(tables) >= 3 and all(t.cell(0, 1).text == "이름" for t in tables)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_stress_decks_pass_openxml_audit(stress_decks):
    for deck in (stress_decks["tecotalk"], stress_decks["plain"]):
        assert audit_errors(deck) == []


@requires_soffice
def test_stress_decks_render_without_layout_faults(stress_decks, tmp_path):
    from layoutcheck import render

    for theme, deck in ((t, stress_decks[t]) for t in ("tecotalk", "plain")):
        report = render(deck, tmp_path / theme)
        assert report.pages == report.slides
        assert report.faults == [], (theme, report.faults[:5])


@requires_soffice
def test_docker_deck_in_the_plain_theme_renders_cleanly(tmp_path):
    from layoutcheck import render

    deck = build(ROOT / "notes" / "docker.md", tmp_path / "plain.pptx", {"theme": "plain"},
                 vault=ROOT).output
    report = render(deck, tmp_path)
    assert report.faults == [] and report.foreign_fonts == []
    assert audit_errors(deck) == []
