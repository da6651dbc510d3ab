"""export.preview: every page of the deck's PDF, small, on one marked PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from deckgen.export.files import written_by_us
from deckgen.export.preview import BACKGROUND, COLUMNS, GAP, THUMB_WIDTH, contact_sheet

from conftest import requires_soffice, write_note

COLOURS = ["#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff", "#000000"]


def pdf(path: Path, count: int, size=(960, 540)) -> Path:
    pages = [Image.new("RGB", size, COLOURS[n % len(COLOURS)]) for n in range(count)]
    pages[0].save(path, resolution=72, save_all=True, append_images=pages[1:])
    return path


def near(pixel, colour, slack: int = 4) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour))


def cell_centre(index: int, columns: int, size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    return (GAP + (index % columns) * (width + GAP) + width // 2,
            GAP + (index // columns) * (height + GAP) + height // 2)


def test_pages_are_laid_out_in_rows_of_five_in_order(tmp_path: Path):
    sheet_path = tmp_path / "n.png"
    contact_sheet(pdf(tmp_path / "n.pdf", 7), sheet_path)
    with Image.open(sheet_path) as sheet:
        thumb = (THUMB_WIDTH, round(THUMB_WIDTH * 540 / 960))
        assert sheet.size == (COLUMNS * (thumb[0] + GAP) + GAP, 2 * (thumb[1] + GAP) + GAP)
        rgb = sheet.convert("RGB")
    for index, colour in enumerate(COLOURS):
        expected = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
        assert near(rgb.getpixel(cell_centre(index, COLUMNS, thumb)), expected), index
    assert near(rgb.getpixel((1, 1)), BACKGROUND)
    assert near(rgb.getpixel(cell_centre(9, COLUMNS, thumb)), BACKGROUND)  # after the last page


def test_a_short_deck_is_as_wide_as_its_pages(tmp_path: Path):
    contact_sheet(pdf(tmp_path / "n.pdf", 2), tmp_path / "n.png")
    with Image.open(tmp_path / "n.png") as sheet:
        assert sheet.width == 2 * (THUMB_WIDTH + GAP) + GAP


def test_the_sheet_is_a_palette_png_marked_as_ours(tmp_path: Path):
    contact_sheet(pdf(tmp_path / "n.pdf", 3), tmp_path / "n.png", columns=3)
    with Image.open(tmp_path / "n.png") as sheet:
        assert sheet.format == "PNG" and sheet.mode == "P"
    assert written_by_us(tmp_path / "n.png")  # so the next build may replace it


@requires_soffice
@pytest.mark.subprocess
def test_a_real_decks_pdf_becomes_a_sheet_of_its_slides(tmp_path: Path):
    from deckgen.build import build
    from deckgen.export.pdf import convert

    note = write_note(tmp_path, "미리보기.md", "## 도커\n**컨테이너**\n## 이미지\n**레이어**\n")
    result = build(note, tmp_path / "미리보기.pptx", {})
    (slides_pdf,) = convert([result.output], tmp_path)
    contact_sheet(slides_pdf, tmp_path / "미리보기.png")
    with Image.open(tmp_path / "미리보기.png") as sheet:
        rows = -(-result.slides // COLUMNS)
        assert sheet.height == rows * (round(THUMB_WIDTH * 540 / 960) + GAP) + GAP
        assert near(sheet.convert("RGB").getpixel(cell_centre(0, COLUMNS, (THUMB_WIDTH, 216))),
                    (255, 255, 255), 40)  # the white slide, not the grey background
