"""Hostile input, round two, class 3: time linear in the input.

Each construct that used to be searched from every opener or re-measured one character at
a time is timed at n and 2n: twice the time when linear, four times when quadratic; the
bound is 3.2. Measured so a busy machine does not flake it: a warm-up run, the collector
off, and the best of several runs of each size taken in turns, so a burst of load elsewhere
slows both sizes alike. Kept in
a module of its own so the fast lane's workers share the hostile tests evenly."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

# Best-of-five timings at two sizes each: out of the fast lane, run by CI with -m slow.
pytestmark = pytest.mark.slow

def _seconds(function, *args) -> float:
    """Wall time of one call, without the garbage collector (its pauses grow with every
    object alive in the test process, not with the work measured)."""
    gc.disable()
    try:
        started = time.perf_counter()
        function(*args)
        return time.perf_counter() - started
    finally:
        gc.enable()


def _layout_seconds(text: str) -> float:
    from deckgen.build import prepare

    def run():
        note = Path(os.environ["HOSTILE_TMP"]) / "scale.md"
        note.write_text(text, encoding="utf-8")
        prepare(note, {}, note.parent, note.parent)
    return _seconds(run)


def _parse_seconds(text: str) -> float:
    from deckgen.note.parse import parse_note
    from deckgen.note.read import Source

    return _seconds(parse_note, Source(Path("x.md"), text))


def _ratio(measure, make, n: int, runs: int = 5) -> float:
    """Best time for 2n over best time for n: about 2 when linear, 4 when quadratic."""
    small_text, large_text = make(n), make(2 * n)
    measure(small_text)  # warm caches and imports
    measure(large_text)
    small = large = float("inf")
    for _ in range(runs):
        small = min(small, measure(small_text))
        large = min(large, measure(large_text))
    return large / max(small, 1e-4)


def _rules_seconds(text: str) -> float:
    """The Obsidian rules alone (markdown-it's own link rule, linear but slow, left out)."""
    from markdown_it import MarkdownIt

    from deckgen.note.obsidian import obsidian_plugin

    return _seconds(MarkdownIt("zero").use(obsidian_plugin).parse, text)


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n" + "[[가 " * n, lambda n: "# T\n\n" + "![[a " * n,
    lambda n: "# T\n\n" + "==x " * n], ids=["wikilinks", "embeds", "highlights"])
def test_obsidian_rules_on_runs_of_openers_are_linear(make):
    assert _ratio(_rules_seconds, make, 20000) < 3.2


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n![[a.png|1" + " " * n + "y]]\n",
    lambda n: "# T\n\n![a|1" + " " * n + "y](a.png)\n",
    lambda n: "<div>\n" + "<a " * n + "\n", lambda n: "<div>\n" + "<!-- " * n + "\n"],
    ids=["embed-size", "alt-size", "html-tags", "html-comments"])
def test_parsing_hostile_runs_is_linear(make):
    assert _ratio(_parse_seconds, make, 6000) < 3.2


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n## 코드\n\n```json\n" + '{"키":"값","key":"value"}' * n + "\n```\n",
    lambda n: "# T\n\n## " + "가나다 long " * n + "\n\n내용 text\n",
    lambda n: "# T\n\n## 목록\n\n- " + "가나다 word " * n + "\n"],
    ids=["code-line", "heading", "list-item"])
def test_cutting_long_lines_is_linear(make, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HOSTILE_TMP", str(tmp_path))
    assert _ratio(_layout_seconds, make, 100) < 3.2


