"""PDF pages as pictures, drawn with pypdfium2 from a real 3-page PDF in the fixture vault.

Each page of tests/fixtures/vault/attachments/paper.pdf says "PAGE n" in its own colour
(1 blue, 2 red, 3 green), so a test can tell which page was drawn.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from PIL import Image

from deckgen.pictures.pdfpages import PROBE_SCALE, encode_pdf_page, pdf_page_size
from deckgen.pictures.encode import encode
from deckgen.pictures.probe import probe
from deckgen.note.model import ImageRef
from deckgen.note.vault import ImageFinder

from conftest import FIXTURES

VAULT = FIXTURES / "vault"
PAPER = VAULT / "attachments" / "paper.pdf"
BROKEN = VAULT / "attachments" / "broken.pdf"


def _ink(blob: bytes) -> tuple[int, int, int]:
    """The average colour of the page's coloured pixels (its "PAGE n" text)."""
    with Image.open(io.BytesIO(blob)) as image:
        colours = image.convert("RGB").getcolors(1 << 24) or []
    inked = [(count, rgb) for count, rgb in colours if max(rgb) - min(rgb) > 60]
    total = sum(count for count, _ in inked)
    return tuple(sum(count * rgb[i] for count, rgb in inked) // total for i in range(3))


def test_page_size_is_the_page_in_points_at_the_probe_scale() -> None:
    width, height = pdf_page_size(PAPER, 2)
    assert (width, height) == (round(612 * PROBE_SCALE), round(792 * PROBE_SCALE))


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_pages_outside_the_document_and_damaged_files_are_reasons() -> None:
    assert pdf_page_size(PAPER, 4) == "page 4 is not in the PDF (3 pages)"
    assert pdf_page_size(PAPER, 0) == "page 0 is not in the PDF (3 pages)"
    assert pdf_page_size(BROKEN, 1) == "damaged PDF (could not be read)"


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_the_asked_page_is_drawn_at_the_asked_width() -> None:
    second = encode_pdf_page(PAPER, 2, 400)
    first = encode_pdf_page(PAPER, 1, 400)
    with Image.open(io.BytesIO(second.blob)) as image:
        assert image.size == (400, round(400 * 792 / 612)) and image.format == "PNG"
    red, green, blue = _ink(second.blob)
    assert red > 150 and red > 2 * blue  # page 2 is red
    r1, g1, b1 = _ink(first.blob)
    assert b1 > r1  # page 1 is blue


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_probe_and_encode_a_pdf_embed_through_the_vault(tmp_path: Path) -> None:
    finder = ImageFinder(VAULT / "웹 통신.md", VAULT)
    two = probe(ImageRef("paper.pdf", "", 5, embed=True, page=2), finder)
    three = probe(ImageRef("paper.pdf", "논문의 그림 3", 6, embed=True, page=3), finder)
    assert two.ok and two.page == 2 and two.name == "paper.pdf#page=2"
    assert two.key != three.key  # two pages of one PDF are two pictures
    assert three.caption == "논문의 그림 3"
    encoded = encode(two, shown_width_pt=240, slide_width_pt=960)
    with Image.open(io.BytesIO(encoded.blob)) as image:
        assert 600 <= image.width <= 700  # a quarter of a 1920 slide, about twice over
    past = probe(ImageRef("paper.pdf", "", 7, embed=True, page=9), finder)
    assert not past.ok and past.problem == "page 9 is not in the PDF (3 pages)"
    assert past.caption == ""
