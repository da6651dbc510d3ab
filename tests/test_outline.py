"""Fixture notes, one per planning rule, against their expected outlines.

Run with DECKGEN_UPDATE_OUTLINES=1 to rewrite the expected files after an intended change;
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.outline import outline

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


def test_every_fixture_has_an_outline() -> None:
    missing = [p.name for p in NOTES if not p.with_suffix(".outline.txt").exists()]
    assert not missing
