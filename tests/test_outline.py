"""Fixture notes, one per planning rule, against their expected outlines.

Two goldens per note: `X.plan.txt` is the plan before layout (it changes only when planning
does) and `X.outline.txt` the laid-out deck as `deckgen outline` prints it.
Run with DECKGEN_UPDATE_OUTLINES=1 to rewrite the expected files after an intended change;
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.config import settings
from deckgen.note.parse import parse_note
from deckgen.note.read import read_note
from deckgen.outline import outline, plan_outline
from deckgen.plan.planner import plan_talk

from conftest import FIXTURES

NOTES = sorted(p for p in FIXTURES.glob("*.md"))


@pytest.mark.parametrize("note", NOTES, ids=[p.stem for p in NOTES])
def test_outline_matches_expected(note: Path) -> None:
    prepared = prepare(note, {}, vault=FIXTURES)
    text = outline(prepared.talk, prepared.deck, prepared.theme.name)
    expected_path = note.with_suffix(".outline.txt")
    if os.environ.get("DECKGEN_UPDATE_OUTLINES"):
        expected_path.write_text(text, encoding="utf-8")
    assert expected_path.exists(), f"no expected outline for {note.name}"
    assert text == expected_path.read_text(encoding="utf-8")


def _golden(path: Path, text: str) -> None:
    if os.environ.get("DECKGEN_UPDATE_OUTLINES"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no expected outline {path.name}"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("note", NOTES, ids=[p.stem for p in NOTES])
def test_plan_matches_expected(note: Path) -> None:
    """Planning alone: read, parse, plan; no pictures probed, nothing laid out."""
    source = read_note(note)
    parsed, warnings = parse_note(source)
    chosen, _ = settings({}, parsed.meta, {}, (FIXTURES, note.parent, FIXTURES))
    talk, _ = plan_talk(parsed, chosen.talk)
    _golden(note.with_suffix(".plan.txt"), plan_outline(talk))


def test_every_fixture_has_both_goldens() -> None:
    missing = [p.name for p in NOTES
               if not (p.with_suffix(".outline.txt").exists() and p.with_suffix(".plan.txt").exists())]
    assert not missing
