"""Long notes become talks, not paginated skeletons (issue 19).

Each fixture under tests/fixtures/long/ is built by default into a real .pptx and the deck
is read back with python-pptx: at most 35 shown slides up to the Q&A slide, no talk slide
that is a title and a fragment, a true clock (no negative ⏱, a running clock that never
goes back, slide times that add up to it, an end within the minutes), a summary of at most
six lines, every H2 on a talk slide or a backup slide, and no shape off its slide.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.build import build
from deckgen.plan.own import closing_kind
from deckgen.plan.talk import SlideKind

from conftest import FIXTURES, Decks, sweep

LONG = FIXTURES / "long"
NOTES = sorted(LONG.glob("*.md"))
_CLOCK = re.compile(r"⏱ (-?\d+):(\d\d) · (-?\d+):(\d\d)/(\d+):(\d\d)")
FRAGMENT_CHARS = 25  # a title and fewer characters than this, with nothing drawn, says nothing


def _seconds(minutes: str, seconds: str) -> int:
    sign = -1 if minutes.startswith("-") else 1
    return sign * (abs(int(minutes)) * 60 + int(seconds))


def _h2_titles(note: Path) -> list[str]:
    from deckgen.plan.planner import clean_title
    return [clean_title(line[3:].strip()) for line in note.read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")]


def _texts(slide) -> str:
    """Every word on the slide: its text boxes and its tables' cells."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame and not shape.text_frame.text.strip().isdigit():  # page no.
            parts.append(shape.text_frame.text)
        elif getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def _drawn(slide) -> bool:
    """A picture, a table, a diagram (a group or connectors) or code drawn on the slide."""
    for shape in slide.shapes:
        if shape.shape_type is not None and shape.shape_type in (13, 6, 19, 9):  # picture,
            return True  # group, table, line
        if getattr(shape, "has_table", False) and shape.has_table:
            return True
    return False


def _boxes(shapes, place=lambda x, y: (x, y), scale=(1.0, 1.0)):
    """(name, left, top, right, bottom) in slide EMU of every shape, inside groups too: a
    group's children are in its child space (`a:chOff`/`a:chExt`), mapped onto its box."""
    for shape in shapes:
        x, y = place(shape.left, shape.top)
        yield (shape.name, x, y, x + shape.width * scale[0], y + shape.height * scale[1])
        if shape.shape_type == 6:  # a group: its diagram's boxes, lines and labels
            xfrm = shape._element.grpSpPr.find(qn("a:xfrm"))
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
            sx = scale[0] * int(ext.get("cx")) / max(1, int(ch_ext.get("cx")))
            sy = scale[1] * int(ext.get("cy")) / max(1, int(ch_ext.get("cy")))
            gx, gy = place(int(off.get("x")), int(off.get("y")))

            def inner(cx, cy, gx=gx, gy=gy, sx=sx, sy=sy, ch_off=ch_off):
                return (gx + (cx - int(ch_off.get("x"))) * sx,
                        gy + (cy - int(ch_off.get("y"))) * sy)

            yield from _boxes(shape.shapes, inner, (sx, sy))


def _off_slide(slide, width: int, height: int) -> list[str]:
    """The shapes (any depth) that reach past an edge of the slide."""
    slack = Emu(12700)  # 1 pt: a line's own width at an edge
    return [name for name, left, top, right, bottom in _boxes(slide.shapes)
            if left < -slack or top < -slack or right > width + slack or bottom > height + slack]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("long")
    return Decks(lambda stem: build(LONG / f"{stem}.md", out / f"{stem}.pptx", {}, vault=LONG))


@pytest.mark.parametrize("note", sweep(NOTES, ("memo_demo",), ids=lambda p: p.stem))
def test_a_long_note_builds_into_a_talk(note: Path, built) -> None:
    result = built[note.stem]
    deck = Presentation(str(result.output))
    kinds = [placed.kind for placed in result.deck.slides]
    assert len(kinds) == len(deck.slides)
    qa = kinds.index(SlideKind.CLOSING)
    assert qa + 1 <= 35, f"{qa + 1} slides up to the Q&A slide"
    width, height = deck.slide_width, deck.slide_height
    elapsed = 0
    for number, (slide, kind) in enumerate(zip(deck.slides, kinds), 1):
        off = _off_slide(slide, width, height)  # no shape off its slide
        assert not off, f"slide {number}: {off} off the slide"
        notes = slide.notes_slide.notes_text_frame.text
        found = _CLOCK.search(notes)
        assert found, f"slide {number} has no time line"
        own = _seconds(found.group(1), found.group(2))
        running = _seconds(found.group(3), found.group(4))
        assert own >= 0, f"slide {number}: ⏱ below 0:00"
        assert running >= elapsed - 1, f"slide {number}: the clock goes back"
        elapsed += own
        assert abs(running - elapsed) <= number, f"slide {number}: times do not add up"
        if number - 1 < qa and kind == SlideKind.CONTENT and not _drawn(slide):
            body = _texts(slide).replace(slide.shapes.title.text_frame.text, "", 1) \
                if slide.shapes.title is not None else _texts(slide)
            body = re.sub(r"\s+|\d+\s*/\s*\d+", "", body)
            assert len(body) >= FRAGMENT_CHARS, \
                f"slide {number} '{result.deck.slides[number - 1].title_text}' is a fragment"
    talk_seconds = sum(p.seconds for p in result.deck.slides[:qa + 1])
    assert talk_seconds <= result.minutes * 60 + 0.5
    assert abs(result.seconds - talk_seconds) < 0.5, "backup slides take no talk time"
    summaries = [i for i, k in enumerate(kinds) if k == SlideKind.SUMMARY]
    assert len(summaries) == 1
    summary = deck.slides[summaries[0]]
    lines = [p for shape in summary.shapes if shape.has_text_frame and shape != summary.shapes.title
             for p in shape.text_frame.paragraphs if p.text.strip() and not p.text.strip().isdigit()]
    assert 1 <= len(lines) <= 6, f"summary has {len(lines)} lines"
    everything = "\n".join(_texts(slide) for slide in deck.slides)
    flat = " ".join(everything.split())
    missing = [t for t in _h2_titles(note) if " ".join(t.split()) not in flat]
    assert not missing, f"H2s on no slide: {missing}"
    chapters = [placed.title_text for placed in result.deck.slides[:qa]
                if placed.kind == SlideKind.SECTION]
    h1s = sum(line.startswith("# ") and not closing_kind(line[2:])  # the note's own 정리
              for line in note.read_text(encoding="utf-8").splitlines())
    assert min(3, h1s) <= len(chapters) <= 5, f"{len(chapters)} chapters: {chapters}"
    sections = [e.get("name") for e in deck.part._element.iter(  # PowerPoint sections
        "{http://schemas.microsoft.com/office/powerpoint/2010/main}section")]
    assert all(title in sections for title in chapters), (chapters, sections)


EVERY_FIXTURE = sorted(FIXTURES.glob("*.md"))
# the plain theme too where a diagram is drawn: its sizes and margins differ
THEMED = [(note, "tecotalk") for note in EVERY_FIXTURE] + [
    (note, "plain") for note in EVERY_FIXTURE if "```mermaid" in note.read_text(encoding="utf-8")]


@pytest.mark.slow
@pytest.mark.parametrize("note, theme", THEMED, ids=[f"{p.stem}-{t}" for p, t in THEMED])
def test_every_shape_of_every_fixture_deck_lies_on_its_slide(note: Path, theme: str,
                                                                tmp_path: Path) -> None:
    """Every shape of every fixture's deck, down to each box and line of a diagram, lies on
    its slide, and no diagram was drawn below the label floor to get there."""
    result = build(note, tmp_path / f"{note.stem}.pptx", {"theme": theme}, vault=FIXTURES)
    deck = Presentation(str(result.output))
    for number, slide in enumerate(deck.slides, 1):
        off = _off_slide(slide, deck.slide_width, deck.slide_height)
        assert not off, f"{note.name} slide {number}: {off} off the slide"
    squeezed = [w.message for w in result.warnings if "to stay on the slide" in w.message]
    assert not squeezed
