import io
from pathlib import Path

from PIL import Image

from deckgen.layout.pictures import Picture, display_limit, encode, probe
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
