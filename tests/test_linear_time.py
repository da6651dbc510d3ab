"""Hostile input, round two, class 3: time linear in the input.

Each construct that used to be searched from every opener or re-measured one character at
a time is timed at n and 4n: about 4 times the time when linear, 16 when quadratic. Kept in
a module of its own so the fast lane's workers share the hostile tests evenly."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

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


def _ratio(measure, make, n: int) -> float:
    """Time for 4n over time for n: about 4 when linear, 16 when quadratic."""
    measure(make(n // 4))  # warm caches and imports
    small = min(measure(make(n)) for _ in range(3))
    large = min(measure(make(4 * n)) for _ in range(2))
    return large / max(small, 1e-3)


def _rules_seconds(text: str) -> float:
    """The Obsidian rules alone (markdown-it's own link rule, linear but slow, left out)."""
    from markdown_it import MarkdownIt

    from deckgen.note.obsidian import obsidian_plugin

    return _seconds(MarkdownIt("zero").use(obsidian_plugin).parse, text)


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n" + "[[가 " * n, lambda n: "# T\n\n" + "![[a " * n,
    lambda n: "# T\n\n" + "==x " * n], ids=["wikilinks", "embeds", "highlights"])
def test_obsidian_rules_on_runs_of_openers_are_linear(make):
    assert _ratio(_rules_seconds, make, 10000) < 8


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n![[a.png|1" + " " * n + "y]]\n",
    lambda n: "# T\n\n![a|1" + " " * n + "y](a.png)\n",
    lambda n: "<div>\n" + "<a " * n + "\n", lambda n: "<div>\n" + "<!-- " * n + "\n"],
    ids=["embed-size", "alt-size", "html-tags", "html-comments"])
def test_parsing_hostile_runs_is_linear(make):
    assert _ratio(_parse_seconds, make, 3000) < 8


@pytest.mark.parametrize("make", [
    lambda n: "# T\n\n## 코드\n\n```json\n" + '{"키":"값","key":"value"}' * n + "\n```\n",
    lambda n: "# T\n\n## " + "가나다 long " * n + "\n\n내용 text\n",
    lambda n: "# T\n\n## 목록\n\n- " + "가나다 word " * n + "\n"],
    ids=["code-line", "heading", "list-item"])
def test_cutting_long_lines_is_linear(make, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HOSTILE_TMP", str(tmp_path))
    assert _ratio(_layout_seconds, make, 50) < 8


