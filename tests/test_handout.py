"""export.handout: where each slide and its notes go on the A4 handout (pure placement, no
LibreOffice), the text pages as a deck, and slides laid onto pages as vector PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.build import BuildResult, prepare
from deckgen.export.handout import (A4, BOTTOM, MARGIN, SLIDE_TOP, SLIDE_WIDTH, Placement,
                                    handout_deck, overlay_slides)
from deckgen.layout.frames import Rect

from conftest import write_note

SENTENCE = "컨테이너는 호스트의 커널을 공유하면서 프로세스를 격리합니다."


def result_of(folder: Path, text: str) -> BuildResult:
    note = write_note(folder, "핸드아웃.md", text)
    prepared = prepare(note, {"fit": False})
    return BuildResult(note, folder / "핸드아웃.pptx", prepared.deck, prepared.talk.minutes,
                       prepared.talk.title, ())


def handout_text(path: Path) -> list[str]:
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in Presentation(str(path)).slides]


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout")
    text = "".join(f"## 주제 {n}\n**요점 {n}** 설명 문장입니다.\n" for n in range(6))
    result = result_of(folder, text)
    plan = handout_deck(result, folder / "handout.pptx")
    return result, plan, folder / "handout.pptx"


def placed(plan: list[Placement]) -> list[tuple[int, Rect]]:
    return [item for page in plan for item in page.slides]


def test_every_slide_is_placed_once_in_order(short):
    result, plan, _ = short
    assert [index for index, _ in placed(plan)] == list(range(len(result.deck.slides)))


def test_slides_sit_on_the_left_at_the_decks_proportions(short):
    result, plan, _ = short
    for _, rect in placed(plan):
        assert (rect.x, rect.w) == (MARGIN, SLIDE_WIDTH)
        assert rect.w / rect.h == pytest.approx(result.deck.width / result.deck.height)


def test_rows_on_a_page_never_overlap_and_stay_above_the_bottom(short):
    _, plan, _ = short
    for page in plan:
        rects = [rect for _, rect in page.slides]
        assert rects[0].y == SLIDE_TOP
        assert all(a.bottom < b.y for a, b in zip(rects, rects[1:]))
        assert rects[-1].bottom <= A4[1] - BOTTOM


def test_the_text_pages_are_a4_with_the_title_and_page_numbers(short):
    result, plan, path = short
    prs = Presentation(str(path))
    assert (prs.slide_width.pt, prs.slide_height.pt) == pytest.approx(A4, abs=0.01)
    pages = handout_text(path)
    assert len(pages) == len(plan) >= 2
    for number, text in enumerate(pages, 1):
        assert text.startswith(result.title) and text.endswith(f"{number} / {len(pages)}")


def test_the_notes_stand_beside_their_slides_without_the_time_line(short):
    result, _, path = short
    text = "\n".join(handout_text(path))
    assert "⏱" not in text
    for notes in result.notes:
        assert notes.text(with_time=False).split("\n")[0] in text


def test_notes_longer_than_the_room_continue_on_the_next_page(tmp_path: Path):
    lines = "\n\n".join(f"문장 {n}: {SENTENCE}" for n in range(80))
    result = result_of(tmp_path, f"## 긴 노트\n**핵심**\n\n{lines}\n")
    plan = handout_deck(result, tmp_path / "handout.pptx")
    index = next(i for i, p in enumerate(result.deck.slides) if p.title_text == "긴 노트")
    pages_with_it = [n for n, page in enumerate(plan) if index in {i for i, _ in page.slides}]
    assert len(pages_with_it) == 1  # the slide once ...
    text = "\n".join(handout_text(tmp_path / "handout.pptx"))
    assert all(f"문장 {n}: {SENTENCE}" in text for n in range(80))  # ... and all of its notes
    assert len(plan) > pages_with_it[0] + 1


@pytest.mark.parametrize("sentence, word", [
    (SENTENCE, "격리합니다"),
    ("Containers share the host kernel and isolate each process from the others.", "isolate")])
def test_a_notes_paragraph_taller_than_a_page_runs_on_to_the_next(tmp_path: Path, sentence, word):
    paragraph = " ".join([sentence] * 60)  # one line of notes, about 2000 characters or more
    result = result_of(tmp_path, f"## 하나\n**핵심**\n\n{paragraph}\n")
    plan = handout_deck(result, tmp_path / "handout.pptx")
    pages = handout_text(tmp_path / "handout.pptx")
    text = "\n".join(line for page in pages for line in page.split("\n")
                     if line != result.title and not re.fullmatch(r"\d+ / \d+", line))
    assert text.count(word) == 60
    assert "".join(paragraph.split()) in "".join(text.split())  # not a letter lost at the cuts
    assert len(plan) >= 2  # it went on over pages


def pdf_pages(path: Path, size: tuple[int, int], colours: list[str]) -> Path:
    pages = [Image.new("RGB", size, colour) for colour in colours]
    pages[0].save(path, resolution=72, save_all=True, append_images=pages[1:])
    return path


def near(pixel, colour, slack: int = 4) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour))


def test_each_slide_is_laid_into_its_rectangle_on_its_page(tmp_path: Path):
    import pypdfium2 as pdfium

    handout = pdf_pages(tmp_path / "text.pdf", (595, 842), ["white", "white"])
    slides = pdf_pages(tmp_path / "slides.pdf", (960, 540), ["red", "blue", "green"])
    plan = [Placement(((0, Rect(42, 62, 236, 132.75)), (1, Rect(42, 300, 236, 132.75)))),
            Placement(((2, Rect(42, 62, 236, 132.75)), (7, Rect(42, 300, 236, 132.75))))]
    overlay_slides(handout, slides, tmp_path / "handout.pdf", plan)
    document = pdfium.PdfDocument(str(tmp_path / "handout.pdf"))
    try:
        assert len(document) == 2
        first = document[0].render(scale=1).to_pil().convert("RGB")
        second = document[1].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    assert near(first.getpixel((160, 128)), (255, 0, 0))  # slide 1 in the first row
    assert near(first.getpixel((160, 366)), (0, 0, 255))  # slide 2 in the second
    assert near(first.getpixel((450, 128)), (255, 255, 255))  # the notes column stays text
    assert near(first.getpixel((160, 60)), (255, 255, 255))  # nothing above the rectangle
    assert near(second.getpixel((160, 128)), (0, 128, 0))
    assert near(second.getpixel((160, 366)), (255, 255, 255))  # a slide the PDF lacks: skipped


@pytest.mark.parametrize("kind, per_page", [("lines", 3), ("grid", 6)])
def test_audience_handouts_place_every_slide_without_notes(tmp_path: Path, kind, per_page):
    from deckgen.export.handout import audience_deck

    text = "".join(f"## 주제 {n}\n**요점 {n}** {SENTENCE}\n\nTopic {n} in English.\n"
                   for n in range(9))
    result = result_of(tmp_path, text)
    plan = audience_deck(result, tmp_path / "audience.pptx", kind)
    assert [index for index, _ in placed(plan)] == list(range(len(result.deck.slides)))
    assert all(len(page.slides) == per_page for page in plan[:-1])
    ratio = result.deck.height / result.deck.width
    for page in plan:
        rects = [rect for _, rect in page.slides]
        for rect in rects:
            assert rect.h == pytest.approx(rect.w * ratio)
            assert MARGIN <= rect.x and rect.right <= A4[0] - MARGIN
            assert SLIDE_TOP <= rect.y and rect.y + rect.h <= A4[1] - BOTTOM
        for a, b in zip(rects, rects[1:]):  # no two slides overlap
            assert a.y + a.h <= b.y or a.right <= b.x or b.right <= a.x
    pages = handout_text(tmp_path / "audience.pptx")
    assert len(pages) == len(plan)
    for text_of_page in pages:  # the title and a page number; no speaker notes
        assert text_of_page.startswith(result.title)
        assert SENTENCE not in text_of_page and "English" not in text_of_page


def test_lined_handout_rules_stand_beside_each_slide(tmp_path: Path):
    from deckgen.export.handout import audience_deck

    result = result_of(tmp_path, "".join(f"## 주제 {n}\n**요점 {n}**\n" for n in range(3)))
    plan = audience_deck(result, tmp_path / "lined.pptx", "lines")
    prs = Presentation(str(tmp_path / "lined.pptx"))
    slide_right = max(rect.right for _, rect in plan[0].slides)
    rules = [shape for shape in prs.slides[0].shapes
             if not shape.has_text_frame or not shape.text_frame.text
             if shape.height < 12700 * 2 and shape.left / 12700 > slide_right]
    assert len(rules) >= 3 * 6  # at least six lines to write on beside each of 3 slides
