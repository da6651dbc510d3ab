"""Every example of the CommonMark spec (0.31.2: 652 examples) builds as a note: a deck, or a
one-line error, never an internal error; and nothing of it is lost: every block ends on a
slide, in the notes or in a warning (tests/lostcheck.py). The spec is not ours to commit;
`.ci/run` takes it from the marko package's source release on PyPI and names it in
DECKGEN_COMMONMARK_SPEC."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deckgen.build import build, prepare
from deckgen.errors import DeckgenError
from deckgen.layout.measure import Measurer

from lostcheck import lost_blocks

SPEC = os.environ.get("DECKGEN_COMMONMARK_SPEC", "")
EXAMPLE = re.compile(r"^`{32} example\n(.*?)^\.\n", re.S | re.M)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not SPEC or not Path(SPEC).is_file(),
    reason="DECKGEN_COMMONMARK_SPEC names no spec.txt; .ci/run fetches it "
           "(pip download --no-binary :all: marko==2.2.4: tests/spec/commonmark.txt)")]


def test_every_commonmark_example_builds_without_an_internal_error(tmp_path):
    examples = [found.replace("→", "\t") for found in EXAMPLE.findall(Path(SPEC).read_text())]
    assert len(examples) == 652  # spec 0.31.2, read whole
    measurer, crashed, lost = Measurer(), [], []
    for number, markdown in enumerate(examples, 1):
        note = tmp_path / f"example{number}.md"
        note.write_text(markdown, encoding="utf-8")
        try:
            if found := lost_blocks(prepare(note, {}, vault=tmp_path, measurer=measurer)):
                lost.append(f"example {number}: {found}")
            result = build(note, tmp_path / "out" / f"example{number}.pptx", {},
                           measurer=measurer)
        except DeckgenError:
            continue  # a one-line error the user can act on is an answer
        except Exception as exc:  # noqa: BLE001 (the point: nothing else may escape)
            crashed.append(f"example {number}: {exc!r}")
            continue
        assert result.output.is_file()
    assert crashed == []
    assert lost == [], "blocks on no slide, in no notes and in no warning"
