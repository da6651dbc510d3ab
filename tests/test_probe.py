"""pictures.probe: a picture's size from its header, or why it cannot be shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from deckgen.note.model import ImageRef
from deckgen.note.vault import ImageFinder
from deckgen.pictures.probe import PLACEHOLDER_SIZE, probe

from conftest import png


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    png(tmp_path / "구조.png", (640, 480))
    return tmp_path


def probed(folder: Path, target: str, alt: str = "", **ref):
    return probe(ImageRef(target, alt, 7, **ref), ImageFinder(folder / "n.md", folder))


def test_a_picture_is_its_size_path_and_where_the_note_shows_it(folder: Path):
    picture = probed(folder, "구조.png", width=400)
    assert (picture.width, picture.height) == (640, 480)
    assert picture.path == folder / "구조.png" and picture.ok
    assert (picture.size_hint, picture.line, picture.name) == (400, 7, "구조.png")


def test_the_alt_text_is_the_caption_but_a_file_name_never_is(folder: Path):
    assert probed(folder, "구조.png", "도커 구조 diagram").caption == "도커 구조 diagram"
    assert probed(folder, "구조.png", "구조.png").caption == ""


def test_a_photo_turned_by_exif_is_measured_the_way_it_is_shown(tmp_path: Path):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°
    Image.new("RGB", (640, 480), "blue").save(tmp_path / "phone.jpg", exif=exif)
    picture = probed(tmp_path, "phone.jpg")
    assert (picture.width, picture.height) == (480, 640)


def test_other_raster_formats_are_shown_after_conversion(tmp_path: Path):
    Image.new("RGB", (30, 20)).save(tmp_path / "anim.gif")
    assert probed(tmp_path, "anim.gif").ok


@pytest.mark.parametrize("name, write, reason", [
    ("empty.png", lambda p: p.write_bytes(b""), "empty file"),
    ("text.png", lambda p: p.write_text("그림이 아닙니다"), "not a readable image"),
    ("mono.xbm", lambda p: Image.new("1", (8, 8)).save(p), "unsupported format XBM"),
])
def test_a_file_that_cannot_be_shown_is_a_placeholder_with_its_reason(tmp_path: Path, name, write,
                                                                       reason):
    write(tmp_path / name)
    picture = probed(tmp_path, name)
    assert not picture.ok and picture.problem == reason and picture.path is None
    assert (picture.width, picture.height) == PLACEHOLDER_SIZE and picture.line == 7


def test_a_missing_or_remote_picture_says_why(folder: Path):
    assert probed(folder, "없음.png").problem == "not found"
    assert probed(folder, "https://example.com/a.png").problem == "remote image (not fetched)"


def test_a_placeholder_has_no_caption_even_with_alt_text(folder: Path):
    assert probed(folder, "없음.png", "설명 caption").caption == ""


def test_a_pdf_page_is_named_with_its_page(tmp_path: Path):
    Image.new("RGB", (300, 200), "white").save(tmp_path / "slides.pdf")
    picture = probed(tmp_path, "slides.pdf", page=1)
    assert picture.name == "slides.pdf#page=1" and picture.ok and picture.page == 1
    assert picture.width > 0 and picture.height > 0
    assert probed(tmp_path, "slides.pdf", page=5).problem is not None
