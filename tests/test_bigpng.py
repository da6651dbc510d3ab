"""Large PNGs decoded band by band: the same pixels as a whole decode, never the whole image."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFile

from deckgen.pictures.bigpng import BAND_ROWS, banded_reduce
from deckgen.pictures.encode import _to_rgb, encode
from deckgen.pictures.probe import probe
from deckgen.note.model import ImageRef
from deckgen.note.vault import ImageFinder

from conftest import sweep


def _source() -> Image.Image:
    grain = Image.effect_noise((600, 410), 70)
    return Image.merge("RGB", (grain, grain.rotate(90), Image.linear_gradient("L").resize((600, 410))))


@pytest.mark.parametrize("mode", sweep(["RGB", "RGBA", "L", "LA", "P"], ("RGBA", "P")))
@pytest.mark.parametrize("optimize", [False, True])  # other row filters
def test_banded_reduce_matches_a_whole_decode(tmp_path: Path, mode: str, optimize: bool):
    image = _source().quantize(200) if mode == "P" else _source().convert(mode)
    path = tmp_path / "a.png"
    image.save(path, optimize=optimize)
    for factor in (2, 3, 5):
        banded = banded_reduce(path, factor, _to_rgb)
        whole = _to_rgb(Image.open(path)).reduce(factor)
        assert banded is not None and banded.size == whole.size
        assert ImageChops.difference(banded.convert("RGBA"), whole.convert("RGBA")).getbbox() \
            is None


def test_a_16_bit_png_is_left_to_a_whole_decode(tmp_path: Path):
    Image.new("I;16", (300, 200)).save(tmp_path / "deep.png")
    assert banded_reduce(tmp_path / "deep.png", 2, _to_rgb) is None


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_large_png_is_never_decoded_whole(tmp_path: Path, monkeypatch):
    (tmp_path / ".obsidian").mkdir()
    big = Image.linear_gradient("L").resize((5000, 3000)).convert("RGB")
    big.save(tmp_path / "big.png", compress_level=1)
    heights: list[int] = []
    original = ImageFile.ImageFile.load

    def load(self):
        heights.append(self.size[1])
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    finder = ImageFinder(tmp_path / "n.md", tmp_path)
    picture = probe(ImageRef("big.png", "", 1, embed=True), finder)
    encoded = encode(picture, 480, 960)
    assert max(heights) <= BAND_ROWS + 1
    assert 1300 <= Image.open(io.BytesIO(encoded.blob)).width <= 1400
