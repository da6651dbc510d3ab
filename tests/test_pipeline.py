"""The pipeline's wiring: what a warm process keeps, what is done once."""

from __future__ import annotations

from conftest import FIXTURES

from deckgen.build import prepare
from deckgen.layout.diagram import place
from deckgen.layout.measure import Measurer


def test_a_measurer_passed_in_is_the_one_used_and_keeps_its_fonts():
    measurer = Measurer()
    prepare(FIXTURES / "bullets.md", {}, vault=FIXTURES, measurer=measurer)
    loaded = measurer.loaded_fonts
    assert loaded  # the build measured with it (it once made a Measurer of its own)
    prepare(FIXTURES / "bullets.md", {}, vault=FIXTURES, measurer=measurer)
    assert measurer.loaded_fonts == loaded


def test_each_diagram_is_laid_out_once_and_then_scaled(monkeypatch):
    calls: list[tuple[int, float]] = []
    real = place.dot_layout

    def counted(diagram, typeset, dot):
        calls.append((id(diagram), typeset.max_w))
        return real(diagram, typeset, dot)

    monkeypatch.setattr(place, "dot_layout", counted)
    prepared = prepare(FIXTURES / "diagrams.md", {}, vault=FIXTURES)
    drawn = sum(1 for s in prepared.deck.slides for f in s.frames if type(f).__name__ == "DiagramFrame")
    assert drawn >= 3
    assert calls and len(calls) == len(set(calls))  # no diagram laid out twice at one width
