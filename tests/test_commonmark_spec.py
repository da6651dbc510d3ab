"""Every example of the CommonMark spec builds as a note: a deck, or a one-line error, never
an internal error. The spec is not ours to commit; `.ci/run` takes it from the commonmark
package's source release on PyPI and names it in DECKGEN_COMMONMARK_SPEC."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deckgen.build import build
from deckgen.errors import DeckgenError
from deckgen.layout.measure import Measurer

SPEC = os.environ.get("DECKGEN_COMMONMARK_SPEC", "")
EXAMPLE = re.compile(r"^`{32} example\n(.*?)^\.\n", re.S | re.M)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not SPEC or not Path(SPEC).is_file(),
    reason="DECKGEN_COMMONMARK_SPEC names no spec.txt; .ci/run fetches it "
           "(pip download --no-binary :all: commonmark==0.9.1)")]


def test_every_commonmark_example_builds_without_an_internal_error(tmp_path):
    examples = [found.replace("→", "\t") for found in EXAMPLE.findall(Path(SPEC).read_text())]
    assert len(examples) > 600  # the spec was read, not an empty file
    measurer, crashed = Measurer(), []
    for number, markdown in enumerate(examples, 1):
        note = tmp_path / f"example{number}.md"
        note.write_text(markdown, encoding="utf-8")
        try:
            result = build(note, tmp_path / "out" / f"example{number}.pptx", {},
                           measurer=measurer)
        except DeckgenError:
            continue  # a one-line error the user can act on is an answer
        except Exception as exc:  # noqa: BLE001 (the point: nothing else may escape)
            crashed.append(f"example {number}: {exc!r}")
            continue
        assert result.output.is_file()
    assert crashed == []
