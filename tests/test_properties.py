"""Property-based: notes generated from the constructs the reader supports always build.

For every generated note: no exception, the deck reopens, no Markdown or Obsidian syntax
on any slide, every bold phrase reaches a slide; openxml-audit on a sample. The quick run
is part of the normal suite; `python -m pytest -m slow` runs 2,000 notes (CI does).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.build import prepare
from deckgen.layout import picture_uses
from deckgen.pictures import PictureEncoder, results
from deckgen.render import DeckInfo, render_deck

from conftest import audit_errors, deck_texts, png

KOREAN = ["도커", "컨테이너", "이미지", "격리", "가상화", "레이어", "엔진", "빌드", "배포", "실행"]
ENGLISH = ["docker", "image", "layer", "engine", "build", "deploy", "run", "cache", "volume"]
LEAKS = ("**", "![[", "]]", "%%", "==", "#tag")

word = st.sampled_from(KOREAN + ENGLISH)
words = st.lists(word, min_size=1, max_size=6).map(" ".join)
phrase = st.lists(word, min_size=1, max_size=4).map(" ".join)


@st.composite
def inline(draw) -> tuple[str, list[str]]:
    """Inline text and the key phrases (bold or highlight) it contains."""
    parts, keys = [], []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["plain", "bold", "highlight", "italic", "code", "wiki",
                                     "link", "tag", "comment"]))
        text = draw(phrase)
        if kind == "bold":
            parts.append(f"**{text}**")
            keys.append(text)
        elif kind == "highlight":
            parts.append(f"=={text}==")
            keys.append(text)
        elif kind == "italic":
            parts.append(f"*{text}*")
        elif kind == "code":
            parts.append(f"`{text}`")
        elif kind == "wiki":
            parts.append(draw(st.sampled_from([f"[[{text}]]", f"[[Note|{text}]]",
                                               f"[[Note#{text}]]"])))
        elif kind == "link":
            parts.append(f"[{text}](https://example.com/{draw(st.integers(0, 9))})")
        elif kind == "tag":
            parts.append("#tag" + draw(st.sampled_from(["", "/sub", "-x"])))
        elif kind == "comment":
            parts.append(f"%% {text} %%")
        else:
            parts.append(text)
    return " ".join(parts), keys


@st.composite
def block(draw) -> tuple[str, list[str]]:
    kind = draw(st.sampled_from(["para", "para", "list", "olist", "image", "code", "table",
                                 "callout", "group", "heading3"]))
    if kind == "para":
        return draw(inline())
    if kind in ("list", "olist"):
        lines, keys = [], []
        for n in range(draw(st.integers(1, 5))):
            text, found = draw(inline())
            marker = f"{n + 1}." if kind == "olist" else "-"
            lines.append(f"{marker} {text}")
            keys += found
            if draw(st.booleans()):
                nested, more = draw(inline())
                lines.append(f"   - {nested}")
                keys += more
        return "\n".join(lines), keys
    if kind == "image":
        return draw(st.sampled_from(["![[pic.png]]", "![[missing.png|300]]", "![a](pic.png)"])), []
    if kind == "code":
        return "```python\n" + "\n".join(draw(st.lists(words, min_size=1, max_size=8))) + "\n```", []
    if kind == "table":
        cells = draw(st.lists(phrase, min_size=2, max_size=2))
        return f"| a | b |\n|---|---|\n| {cells[0]} | {cells[1]} |", []
    if kind == "callout":
        text, keys = draw(inline())
        return f"> [!note] {draw(phrase)}\n> {text}", keys
    if kind == "group":
        first, k1 = draw(inline())
        second, k2 = draw(inline())
        return f"▶{draw(phrase)}\n{first}\n\n▶{draw(phrase)}\n{second}", k1 + k2
    return f"### {draw(phrase)}", []


@st.composite
def notes(draw) -> tuple[str, list[str]]:
    lines, keys = [], []
    if draw(st.booleans()):
        lines.append(f"---\ntitle: {draw(phrase)}\n---")
    for _ in range(draw(st.integers(0, 3))):
        level = draw(st.sampled_from(["#", "##", "##"]))
        check = draw(st.sampled_from(["", " ✔", ":"]))
        lines.append(f"{level} {draw(phrase)}{check}")
        for _ in range(draw(st.integers(0, 4))):
            text, found = draw(block())
            lines.append(text)
            keys += found
    if not lines:
        text, found = draw(inline())
        lines.append(text)
        keys += found
    return "\n\n".join(lines) + "\n", keys


def _check(note_text: str, keys: list[str], folder: Path, audit: bool) -> None:
    note = folder / "note.md"
    note.write_text(note_text, encoding="utf-8")
    prepared = prepare(note, {"fit": False}, vault=folder, cwd=folder)  # --all: all on slides
    with PictureEncoder() as encoder:
        encoded = results(encoder.submit(picture_uses(prepared.deck), prepared.deck.width))
    blob, _ = render_deck(prepared.deck, prepared.look,
                          {k: v for k, v in encoded.items() if not isinstance(v, str)},
                          DeckInfo(prepared.talk.title))
    texts = deck_texts(blob)
    joined = " ".join(" ".join(t.split()) for t in texts)
    for text in texts:
        for leak in LEAKS:
            assert leak not in text, (leak, text, note_text)
    for key in keys:
        assert " ".join(key.split()) in joined, (key, note_text)
    if audit:
        deck = folder / "deck.pptx"
        deck.write_bytes(blob)
        assert audit_errors(deck) == []


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated")
    (path / ".obsidian").mkdir()
    png(path / "pic.png", (640, 360))
    return path


COUNTER = {"n": 0}


def _run(folder: Path, sample: tuple[str, list[str]], every: int) -> None:
    COUNTER["n"] += 1
    _check(sample[0], sample[1], folder, audit=COUNTER["n"] % every == 1)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(sample=notes())
def test_generated_notes_build(folder: Path, sample) -> None:
    _run(folder, sample, every=10)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(sample=notes())
def test_two_thousand_generated_notes_build(folder: Path, sample) -> None:
    _run(folder, sample, every=40)
