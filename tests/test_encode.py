"""pictures.encode: the bytes a picture is embedded as: kept as it is when it needs no change,
else decoded once at about twice the pixels shown, photos as JPEG and flat pictures as
palette PNG; a reason string, never an exception, for a picture that does not decode."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from deckgen.pictures.encode import encode
from deckgen.pictures.model import Drawn, Encoded, Picture, target_width

from conftest import photo, png

SLIDE = 960.0


def picture(path: Path) -> Picture:
    with Image.open(path) as image:
        return Picture(path.name, image.width, image.height, path)


def opened(encoded: Encoded) -> Image.Image:
    image = Image.open(io.BytesIO(encoded.blob))
    image.load()
    return image


def test_a_compact_png_shown_at_its_size_is_embedded_byte_for_byte(tmp_path: Path):
    path = png(tmp_path / "다이어그램.png", (800, 450))
    encoded = encode(picture(path), SLIDE, SLIDE)
    assert encoded == Encoded(path.read_bytes(), "png")


def test_bytes_appended_after_a_pngs_end_do_not_ride_along(tmp_path: Path):
    clean = png(tmp_path / "clean.png", (800, 450)).read_bytes()
    junk = tmp_path / "junk.png"
    junk.write_bytes(clean + b"secret trailing data " * 20)
    assert encode(picture(junk), SLIDE, SLIDE).blob == clean


def test_a_photo_becomes_a_jpeg_no_wider_than_twice_what_is_shown(tmp_path: Path):
    path = photo(tmp_path / "사진.png", (400, 250))
    shown = 100.0
    encoded = encode(picture(path), shown, SLIDE)
    image = opened(encoded)
    assert encoded.extension == "jpg" and image.format == "JPEG"
    assert image.width == target_width(shown, SLIDE) and image.width < 400
    assert abs(image.width / image.height - 400 / 250) < 0.02  # never stretched
    assert len(encoded.blob) < path.stat().st_size


def test_a_flat_picture_shrunk_becomes_a_palette_png(tmp_path: Path):
    path = png(tmp_path / "flat.png", (1600, 900), (30, 120, 200))
    encoded = encode(picture(path), 50.0, SLIDE)
    image = opened(encoded)
    assert encoded.extension == "png" and image.mode == "P"
    assert image.width == target_width(50.0, SLIDE)
    assert image.convert("RGB").getpixel((5, 5)) == (30, 120, 200)  # its colour kept exactly


def test_transparency_keeps_a_png(tmp_path: Path):
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    for x in range(600):
        image.putpixel((x, x % 400), (x % 256, 90, 200 - x % 200, 128))
    image.save(tmp_path / "alpha.png")
    encoded = encode(picture(tmp_path / "alpha.png"), 100.0, SLIDE)
    shown = opened(encoded)
    assert encoded.extension == "png" and shown.mode in ("RGBA", "P")
    assert shown.convert("RGBA").getpixel((shown.width - 1, shown.height - 1))[3] == 0


def test_a_photo_turned_by_exif_is_stored_upright(tmp_path: Path):
    exif = Image.Exif()
    exif[0x0112] = 6
    source = Image.linear_gradient("L").resize((640, 320)).convert("RGB")
    source.save(tmp_path / "phone.jpg", exif=exif, quality=95)
    image = opened(encode(picture(tmp_path / "phone.jpg"), 100.0, SLIDE))
    assert image.height > image.width


def test_a_damaged_picture_is_a_reason_not_an_exception(tmp_path: Path):
    whole = png(tmp_path / "whole.png", (800, 450)).read_bytes()
    (tmp_path / "cut.png").write_bytes(whole[:60])
    broken = Picture("cut.png", 800, 450, tmp_path / "cut.png")
    assert encode(broken, SLIDE, SLIDE) == "damaged image (could not be decoded)"


def test_a_formula_is_embedded_as_drawn():
    formula = Picture("formula", 134, 31, line=2, drawing=Drawn(b"\x89PNG drawn bytes"))
    assert encode(formula, 134, SLIDE) == Encoded(b"\x89PNG drawn bytes", "png")


def test_a_qr_code_is_encoded_like_a_file(tmp_path: Path):
    from deckgen.pictures.qr import qr_picture
    from deckgen.plan.talk import QrCode

    qr = qr_picture(QrCode("https://github.com/me/발표"))
    encoded = encode(qr, 100.0, SLIDE)
    assert encoded.extension == "png" and opened(encoded).width <= target_width(100.0, SLIDE)
