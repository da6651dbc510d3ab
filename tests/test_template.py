"""A user's template replaces our look: its layouts by name, masters, colours and fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.build import build

from conftest import FIXTURES, ROOT, Decks, audit_errors, requires_soffice

TEMPLATES = FIXTURES / "templates"
NOTE = ROOT / "notes" / "docker.md"


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Decks:
    out = tmp_path_factory.mktemp("templates")

    def make(name: str) -> tuple[Path, tuple]:
        template = TEMPLATES / name
        result = build(NOTE, out / f"{template.stem}-{template.suffix[1:]}.pptx",
                       {"template": template}, vault=ROOT)
        return result.output, result.warnings

    return Decks(make)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_template_size_and_layouts_are_kept(decks):
    prs = Presentation(str(decks["powerpoint-4x3.pptx"][0]))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    layouts = {slide.slide_layout.name for slide in prs.slides}
    assert {"Title Slide", "Title and Content", "Section Header"} <= layouts


def test_runs_use_the_templates_fonts_with_its_hangul_font(decks):
    prs = Presentation(str(decks["powerpoint-16x9.pptx"][0]))
    title = prs.slides[3].shapes.title._element
    latin = {e.get("typeface") for e in title.iter(qn("a:latin"))}
    east_asian = {e.get("typeface") for e in title.iter(qn("a:ea"))}
    assert latin == {"Calibri"} and east_asian == {"맑은 고딕"}


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_potx_opens_like_pptx(decks):
    assert audit_errors(decks["powerpoint-16x9.potx"][0]) == []


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_missing_layouts_fall_back_with_one_warning_each(decks):
    _, warnings = decks["impress.pptx"]
    messages = [w.message for w in warnings if "template has no layout" in w.message]
    assert len(messages) == len(set(messages)) and any("'Section Header'" in m for m in messages)
    prs = Presentation(str(decks["impress.pptx"][0]))
    assert "Title, Content" in {s.slide_layout.name for s in prs.slides}  # the same layout, renamed


@pytest.mark.slow  # every template's deck audited: the long lane
def test_every_template_deck_passes_openxml_audit(decks):
    for template in sorted(TEMPLATES.iterdir()):
        assert audit_errors(decks[template.name][0]) == [], template.name


@requires_soffice
def test_every_template_deck_renders_without_layout_faults(decks, tmp_path):
    from layoutcheck import render

    for name in sorted(t.name for t in TEMPLATES.iterdir()):
        report = render(decks[name][0], tmp_path / name)
        assert report.pages == report.slides, name
        assert report.faults == [], (name, report.faults[:5])
