"""PNGs inflated by ISA-L and unfiltered by Pillow: Pillow's very pixels, or left to Pillow."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from deckgen.pictures import encode as encode_module
from deckgen.pictures import fastpng
from deckgen.pictures.encode import _encode_raster
from deckgen.pictures.fastpng import decode_png

from conftest import sweep


def _dense(size=(640, 420)) -> Image.Image:
    """Noise: several bytes a pixel in a PNG, as a photo-like screenshot has."""
    grain = Image.effect_noise(size, 90)
    return Image.merge("RGB", (grain, grain.rotate(90, expand=False),
                               Image.linear_gradient("L").resize(size)))


def _idat_chunks(path: Path) -> int:
    data, pos, count = path.read_bytes(), 8, 0
    while pos < len(data):
        length, name = struct.unpack_from(">I4s", data, pos)
        count += name == b"IDAT"
        pos += 12 + length
    return count


@pytest.mark.parametrize("mode", sweep(["RGB", "RGBA", "L", "LA", "P"], ("RGBA", "P")))
@pytest.mark.parametrize("optimize", [False, True])  # other row filters
def test_the_pixels_are_pillows_own(tmp_path: Path, mode: str, optimize: bool):
    source = _dense()
    image = source.quantize(256) if mode == "P" else source.convert(mode)
    path = tmp_path / "a.png"
    image.save(path, optimize=optimize, **({"transparency": 3} if mode == "P" else {}))
    assert _idat_chunks(path) > 1  # Pillow writes the pixel data in several chunks
    reference = Image.open(path)
    reference.load()
    decoded = decode_png(path, Image.open(path))
    assert decoded is not None
    assert decoded.mode == reference.mode and decoded.size == reference.size
    assert decoded.tobytes() == reference.tobytes()
    if mode == "P":
        assert decoded.getpalette() == reference.getpalette()
        assert decoded.info.get("transparency") == reference.info.get("transparency") == 3


def test_an_encoded_picture_is_the_same_either_way(tmp_path: Path, monkeypatch):
    path = tmp_path / "photo.png"
    _dense((1200, 800)).save(path)
    taken = []
    monkeypatch.setattr(encode_module, "decode_png",
                        lambda p, like: taken.append(p) or decode_png(p, like))
    fast = _encode_raster(path, 600)
    assert taken == [path]
    monkeypatch.setattr(fastpng, "DENSE_BYTES_PER_PIXEL", 1e9)  # Pillow decodes it
    assert decode_png(path, Image.open(path)) is None
    plain = _encode_raster(path, 600)
    assert not isinstance(fast, str) and not isinstance(plain, str)
    assert fast.data == plain.data and fast.extension == plain.extension == "jpg"


def test_flat_pictures_are_left_to_pillow(tmp_path: Path):
    """Long runs inflate nearly for free in zlib: copying them through costs more."""
    path = tmp_path / "flat.png"
    Image.new("RGB", (800, 500), (240, 240, 240)).save(path)
    assert decode_png(path, Image.open(path)) is None


def test_what_it_does_not_read_is_left_to_pillow(tmp_path: Path):
    interlaced = tmp_path / "interlaced.png"  # Pillow writes no Adam7: its header says so
    _dense().save(interlaced)
    data = bytearray(interlaced.read_bytes())
    data[28] = 1  # IHDR's interlace method
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    interlaced.write_bytes(bytes(data))
    assert Image.open(interlaced).info.get("interlace") == 1
    deep = tmp_path / "deep.png"
    Image.effect_noise((300, 200), 90).convert("I;16").save(deep)
    for path in (interlaced, deep):
        assert decode_png(path, Image.open(path)) is None


def test_a_cut_file_is_left_to_pillow_which_reports_it(tmp_path: Path):
    whole = tmp_path / "whole.png"
    _dense().save(whole)
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    like = Image.open(cut)
    assert decode_png(cut, like) is None
    with pytest.raises(OSError, match="truncated"):  # as Pillow's own decode says
        _encode_raster(cut, 300)


def test_without_isal_pillow_decodes(tmp_path: Path, monkeypatch):
    path = tmp_path / "photo.png"
    _dense().save(path)
    monkeypatch.setattr(fastpng, "isal_zlib", None)
    assert decode_png(path, Image.open(path)) is None
