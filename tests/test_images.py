import io
from pathlib import Path

import pytest
from PIL import Image

from deckgen.pictures.encode import encode
from deckgen.pictures.model import Picture, display_limit
from deckgen.pictures.probe import probe
from deckgen.note.model import ImageRef
from deckgen.note.vault import ImageFinder

from conftest import png


def probe_file(vault: Path, name: str, width: int | None = None) -> Picture:
    return probe(ImageRef(name, "", 3, width, embed=True), ImageFinder(vault / "n.md", vault))


def test_probe_reads_size_without_decoding(vault: Path):
    png(vault / "a.png", (1600, 900))
    picture = probe_file(vault, "a.png")
    assert picture.ok and (picture.width, picture.height) == (1600, 900) and picture.line == 3


def test_missing_and_broken_images_become_problems(vault: Path):
    assert probe_file(vault, "missing.png").problem == "not found"
    (vault / "empty.png").write_bytes(b"")
    assert probe_file(vault, "empty.png").problem == "empty file"
    (vault / "text.png").write_text("not an image")
    assert probe_file(vault, "text.png").problem == "not a readable image"


def test_exif_rotation_swaps_the_size(vault: Path):
    image = Image.new("RGB", (400, 200), "red")
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90
    image.save(vault / "photo.jpg", exif=exif.tobytes())
    picture = probe_file(vault, "photo.jpg")
    assert (picture.width, picture.height) == (200, 400)
    encoded = encode(picture, 100, 960)
    assert Image.open(io.BytesIO(encoded.blob)).size[1] > Image.open(io.BytesIO(encoded.blob)).size[0]


def test_encode_downscales_to_about_twice_the_shown_pixels(vault: Path):
    png(vault / "big.png", (4000, 2000))
    picture = probe_file(vault, "big.png")
    encoded = encode(picture, 480, 960)  # shown at half the slide: 960 px of 1920
    width = Image.open(io.BytesIO(encoded.blob)).size[0]
    assert 1300 <= width <= 1400


def test_small_png_passes_through_unchanged(vault: Path):
    path = png(vault / "small.png", (300, 200))
    picture = probe_file(vault, "small.png")
    assert encode(picture, 400, 960).blob == path.read_bytes()


def test_gif_webp_bmp_become_png(vault: Path):
    for name, fmt in (("a.gif", "GIF"), ("a.webp", "WEBP"), ("a.bmp", "BMP")):
        Image.new("RGB", (64, 48), "blue").save(vault / name, fmt)
        encoded = encode(probe_file(vault, name), 100, 960)
        assert encoded.extension == "png" and Image.open(io.BytesIO(encoded.blob)).format == "PNG"


def test_never_shown_larger_than_it_stays_sharp(vault: Path):
    png(vault / "icon.png", (64, 64))
    picture = probe_file(vault, "icon.png")
    assert display_limit(picture, 960) == 64 * 1.5 * 960 / 1920


def test_size_hint_limits_the_shown_width(vault: Path):
    png(vault / "a.png", (1600, 900))
    picture = probe_file(vault, "a.png", width=350)
    assert display_limit(picture, 960) == 480


@pytest.mark.slow  # full-size photos encoded: the long lane
def test_photo_like_pictures_become_jpeg_at_full_colour_resolution(vault: Path):
    from conftest import photo

    photo(vault / "photo.png")
    encoded = encode(probe_file(vault, "photo.png"), 480, 960)
    image = Image.open(io.BytesIO(encoded.blob))
    assert encoded.extension == "jpg" and image.format == "JPEG"
    assert 1300 <= image.width <= 1400
    # 4:4:4: colour is kept at every pixel, so coloured text and thin lines stay crisp
    from PIL import JpegImagePlugin

    assert JpegImagePlugin.get_sampling(image) == 0
    assert len(encoded.blob) < (vault / "photo.png").stat().st_size / 3


def test_few_colour_pictures_become_palette_png(vault: Path):
    image = Image.new("RGB", (2400, 1500), (248, 249, 250))
    from PIL import ImageDraw

    pen = ImageDraw.Draw(image)
    for index in range(20):
        pen.rectangle((40 + index * 100, 100, 120 + index * 100, 900), fill=(20 * index, 120, 200))
    image.save(vault / "diagram.png")
    encoded = encode(probe_file(vault, "diagram.png"), 240, 960)  # a quarter of the slide
    shown = Image.open(io.BytesIO(encoded.blob))
    assert encoded.extension == "png" and shown.mode == "P"
    assert 660 <= shown.width <= 700


def test_a_compact_png_somewhat_too_wide_is_kept_whole(vault: Path):
    image = Image.new("RGB", (2000, 1200), "white")
    from PIL import ImageDraw

    ImageDraw.Draw(image).rectangle((100, 100, 900, 700), outline="black", width=5)
    image.save(vault / "flat.png")
    picture = probe_file(vault, "flat.png")
    # target 1358 px: 2000 is 1.47 times that, but the file is a few kilobytes
    assert encode(picture, 480, 960).blob == (vault / "flat.png").read_bytes()
    # a quarter of the slide (679 px): three times too wide, so it is shrunk
    assert Image.open(io.BytesIO(encode(picture, 240, 960).blob)).width < 700


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_big_photo_png_within_the_size_is_reencoded_not_passed_through(vault: Path):
    from conftest import photo

    path = photo(vault / "shot.png", (1200, 800))
    encoded = encode(probe_file(vault, "shot.png"), 960, 960)  # shown full width: no shrink
    assert encoded.extension == "jpg" and encoded.blob != path.read_bytes()


def test_damaged_png_is_not_passed_through(vault: Path):
    path = png(vault / "small.png", (300, 200), (10, 20, 30))
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF  # inside the last IDAT: its CRC no longer matches
    path.write_bytes(bytes(data))
    result = encode(probe_file(vault, "small.png"), 400, 960)
    assert isinstance(result, str) or result.blob != bytes(data)


@pytest.mark.slow  # a 6000-pixel JPEG: the long lane runs it
def test_large_jpeg_shown_small_is_stored_small(vault: Path):
    from conftest import photo

    photo(vault / "p.png", (4000, 3000))
    Image.open(vault / "p.png").save(vault / "big.jpg", quality=90)
    encoded = encode(probe_file(vault, "big.jpg"), 240, 960)  # a quarter of the slide
    assert encoded.extension == "jpg"
    assert 660 <= Image.open(io.BytesIO(encoded.blob)).width <= 700
