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


# -- SVG through resvg --------------------------------------------------------------------

def _svg(body: str, width: int = 400, height: int = 200) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{body}</svg>')


def test_an_svg_is_drawn_in_its_own_proportions_not_a_placeholder(tmp_path: Path):
    import io

    from deckgen.pictures.probe import svg_png

    (tmp_path / "구성도.svg").write_text(_svg('<rect width="400" height="200" fill="#2563eb"/>'))
    picture = probed(tmp_path, "구성도.svg")
    assert picture.ok and (picture.width, picture.height) == (1600, 800)
    with Image.open(io.BytesIO(svg_png(tmp_path / "구성도.svg", 600))) as image:
        assert image.size == (600, 300)
        assert image.convert("RGB").getpixel((300, 150)) == (0x25, 0x63, 0xEB)


def test_an_svg_follows_no_reference_out_of_its_file(tmp_path: Path):
    import io

    from deckgen.pictures.probe import svg_png

    png(tmp_path / "secret.png", (100, 100))  # conftest's picture: not transparent
    Image.new("RGB", (100, 100), (255, 0, 0)).save(tmp_path / "secret.png")
    body = ('<image width="400" height="200" href="secret.png"/>'
            f'<image width="400" height="200" xlink:href="file://{tmp_path}/secret.png"/>')
    (tmp_path / "leak.svg").write_text(_svg(body))
    with Image.open(io.BytesIO(svg_png(tmp_path / "leak.svg", 400))) as image:
        assert image.convert("RGBA").getpixel((200, 100))[:3] != (255, 0, 0)
        assert image.getextrema()[3] == (0, 0)  # nothing drawn at all


def test_a_sliver_of_an_svg_is_a_placeholder_not_a_pixel_bomb(tmp_path: Path):
    (tmp_path / "thin.svg").write_text(_svg('<rect width="1" height="90000"/>', 1, 90000))
    picture = probed(tmp_path, "thin.svg")
    assert not picture.ok and picture.problem == "SVG could not be drawn"
