"""layout.memo and render.memo: a warm process (watch) lays out and writes only the slides
an edit touched, and the deck is the very deck a fresh process builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import build
from deckgen.keep import StampMemo
from deckgen.layout import LaidOutSlides
from deckgen.layout.measure import Measurer
from deckgen.render import WrittenSlides

from conftest import FIXTURES


def _copied(name: str, folder: Path) -> tuple[Path, str]:
    """The fixture note and its pictures copied into `folder`: the note's path and text."""
    note = folder / name
    text = (FIXTURES / name).read_text(encoding="utf-8")
    note.write_text(text, encoding="utf-8")
    (folder / "images").mkdir(exist_ok=True)
    for picture in FIXTURES.glob("images/*"):
        (folder / "images" / picture.name).write_bytes(picture.read_bytes())
    return note, text


@pytest.mark.parametrize("name", ["groups_code.md", "groups_code_en.md"])
def test_a_rebuild_after_one_edit_lays_out_only_that_slide_and_writes_the_same_deck(
        tmp_path: Path, name: str):
    note, text = _copied(name, tmp_path)
    memo, measurer, written, stamps = LaidOutSlides(), Measurer(), WrittenSlides(), StampMemo()
    first = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo,
                  written=written, stamps=stamps)
    assert memo.hits == 0 and written.hits == 0
    first_readings = stamps.hits  # frames every page has (decorations) are read once
    heading = next(line for line in text.splitlines() if line.startswith("## "))
    # typed into a line, as in an editor between saves: no line of the note moves
    note.write_text(text.replace(heading, heading + " 더", 1), encoding="utf-8")
    warm = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo,
                 written=written, stamps=stamps)
    slides = len(warm.deck.slides)
    # unchanged slides read back, and unchanged frames' texts, taken from the memo
    assert stamps.hits >= first_readings + 2 * (slides - 6), (stamps.hits, slides)
    assert slides - 6 <= memo.hits < len(first.deck.slides), (memo.hits, slides)
    assert slides - 6 <= written.hits < slides, (written.hits, slides)  # slides copied in
    fresh = build(note, tmp_path / "fresh.pptx", {}, vault=tmp_path)
    assert warm.deck == fresh.deck
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "fresh.pptx").read_bytes()


def test_another_look_lays_everything_out_again(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("# 도커\n\n## 이미지\n\n**이미지**는 묶음이다.\n\n## Containers\n\n"
                    "**A container** runs an image.\n", encoding="utf-8")
    memo, measurer = LaidOutSlides(), Measurer()
    build(note, tmp_path / "a.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo)
    build(note, tmp_path / "a.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo)
    assert memo.hits > 0
    plain = build(note, tmp_path / "a.pptx", {"theme": "plain"}, vault=tmp_path,
                  measurer=measurer, memo=memo)
    assert memo.hits == 0
    assert plain.deck == build(note, tmp_path / "b.pptx", {"theme": "plain"}, vault=tmp_path).deck


@pytest.mark.parametrize("name", ["groups_code.md", "groups_code_en.md"])
def test_a_new_section_renumbers_the_copied_slides_and_writes_the_same_deck(
        tmp_path: Path, name: str):
    """A section added at the end changes every page number and progress bar: the copies
    take this deck's, and the deck is still a fresh process's, byte for byte."""
    note, text = _copied(name, tmp_path)
    memo, measurer, written, stamps = LaidOutSlides(), Measurer(), WrittenSlides(), StampMemo()
    build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo,
          written=written, stamps=stamps)
    note.write_text(text + "\n## 덧붙인 절 Added\n\n**새로운 내용** is new.\n", encoding="utf-8")
    warm = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer,
                 memo=memo, written=written, stamps=stamps)
    assert written.hits >= len(warm.deck.slides) // 2, (written.hits, len(warm.deck.slides))
    assert stamps.hits >= len(warm.deck.slides) // 2, (stamps.hits, len(warm.deck.slides))
    build(note, tmp_path / "fresh.pptx", {}, vault=tmp_path)
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "fresh.pptx").read_bytes()


def test_a_slide_read_before_with_another_picture_reads_anew(tmp_path: Path):
    """The same slide XML (same part names, same ids) showing other pixels is another
    slide to the stamp: the memo keys a reading by the pictures' content too."""
    from PIL import Image
    from pptx import Presentation

    from deckgen.keep.digest import slide_mark

    stamps, marks = StampMemo(), []
    for colour in ("red", "blue"):
        path = tmp_path / f"{colour}.png"
        Image.new("RGB", (40, 30), colour).save(path)
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_picture(str(path), 0, 0)
        slide.notes_slide.notes_text_frame.text = "말할 것 what to say"
        with stamps.build():
            marks.append(slide_mark(slide, stamps))
        assert marks[-1] == slide_mark(slide)  # as read without the memo
    assert stamps.hits == 0
    assert marks[0].pictures != marks[1].pictures and marks[0].notes == marks[1].notes != ""


@pytest.mark.parametrize("name", ["groups_code.md", "groups_code_en.md"])
def test_a_section_added_first_moves_every_number_and_takes_them_from_the_memo(
        tmp_path: Path, name: str, monkeypatch):
    """A section added at the start moves every page one on: each copied page shows the
    number its neighbour showed in the last build, so its number shape is copied too, not
    placed again; and the deck is still a fresh process's, byte for byte."""
    from deckgen.render.writer import Renderer

    note, text = _copied(name, tmp_path)
    memo, measurer, written, stamps = LaidOutSlides(), Measurer(), WrittenSlides(), StampMemo()
    build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo,
          written=written, stamps=stamps)
    title, rest = text.split("\n", 1)
    note.write_text(f"{title}\n\n## 먼저 Added first\n\n**새로운 내용** is new.\n{rest}",
                    encoding="utf-8")
    numbers: list[str] = []
    place_text = Renderer._place_text

    def counted(self, shape, frame):
        if frame.role == "page":
            numbers.append(frame.paras[0].runs[0].text)
        return place_text(self, shape, frame)

    monkeypatch.setattr(Renderer, "_place_text", counted)
    warm = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer,
                 memo=memo, written=written, stamps=stamps)
    pages = len(warm.deck.slides)
    assert written.hits >= pages // 2, (written.hits, pages)
    assert len(numbers) <= pages // 2, (numbers, pages)  # the others copied
    monkeypatch.setattr(Renderer, "_place_text", place_text)
    build(note, tmp_path / "fresh.pptx", {}, vault=tmp_path)
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "fresh.pptx").read_bytes()


@pytest.mark.parametrize("name", ["groups_code.md", "groups_code_en.md"])
def test_a_rebuild_sets_the_text_of_the_edited_slide_and_the_page_furniture_only(
        tmp_path: Path, name: str, monkeypatch):
    """The pages a warm process takes from the memo come with their text set; a rebuild
    sets only the edited slide's frames and every page's number and bar."""
    import deckgen.layout.slides as slides_module
    from deckgen.layout.frames import TableFrame, TextFrame

    note, text = _copied(name, tmp_path)
    content: list[object] = []
    set_frames = slides_module.set_frames

    def counted(frames, theme):
        content.extend(frame for frame in frames  # what has text to set, bar the number
                       if isinstance(frame, (TextFrame, TableFrame)) and frame.role != "page")
        return set_frames(frames, theme)

    monkeypatch.setattr(slides_module, "set_frames", counted)
    memo, measurer, written, stamps = LaidOutSlides(), Measurer(), WrittenSlides(), StampMemo()
    build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer, memo=memo,
          written=written, stamps=stamps)
    cold = len(content)
    content.clear()
    heading = next(line for line in text.splitlines() if line.startswith("## "))
    note.write_text(text.replace(heading, heading + " 더", 1), encoding="utf-8")
    warm = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer,
                 memo=memo, written=written, stamps=stamps)
    assert 0 < len(content) < cold / 2, (len(content), cold)  # the edited slide's only
    monkeypatch.setattr(slides_module, "set_frames", set_frames)
    assert warm.deck == build(note, tmp_path / "fresh.pptx", {}, vault=tmp_path).deck


@pytest.mark.slow  # two long notes built three times each
@pytest.mark.parametrize("name", ["network_80.md", "postgres_en.md"])
def test_a_rebuild_plans_only_the_edited_chapter_and_gives_the_same_talk(
        tmp_path: Path, name: str, monkeypatch):
    """A chapter's slides and rank depend on the chapter alone: a warm process plans the
    edited chapter again and takes the others from its memo; the talk, chosen from all of
    them, is the fresh process's."""
    import deckgen.plan.planner as planner
    from deckgen.layout import BuildMemo

    note = tmp_path / name
    text = (FIXTURES / "long" / name).read_text(encoding="utf-8")
    note.write_text(text, encoding="utf-8")
    planned: list[str] = []
    chapter_plan = planner._chapter_plan

    def counted(chapter, language):
        planned.append(chapter.title)
        return chapter_plan(chapter, language)

    monkeypatch.setattr(planner, "_chapter_plan", counted)
    plans, memo, measurer = BuildMemo(), LaidOutSlides(), Measurer()
    first = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer,
                  memo=memo, plans=plans)
    chapters = len(planned)
    assert chapters >= 5 and plans.hits == 0
    planned.clear()
    last = [line for line in text.splitlines() if line.startswith("# ")][-1]
    # typed into the last chapter's heading: no line moves, one chapter changes
    note.write_text(text.replace(last, last + " 더 more", 1), encoding="utf-8")
    warm = build(note, tmp_path / "warm.pptx", {}, vault=tmp_path, measurer=measurer,
                 memo=memo, plans=plans)
    assert planned == [last[2:] + " 더 more"], planned
    assert plans.hits == chapters - 1
    fresh = build(note, tmp_path / "fresh.pptx", {}, vault=tmp_path)
    assert warm.deck == fresh.deck and warm.deck != first.deck
