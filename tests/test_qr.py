"""pictures.qr: the talk link's QR code, drawn in memory."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from deckgen.pictures.model import Drawn
from deckgen.pictures.qr import BORDER, SCALE, qr_picture
from deckgen.plan.talk import QrCode

URL = "https://github.com/woowacourse/발표-자료/tree/main"


def test_the_png_decodes_at_the_size_the_picture_says():
    picture = qr_picture(QrCode(URL, line=9))
    assert isinstance(picture.drawing, Drawn) and not picture.drawing.natural_points
    with Image.open(io.BytesIO(picture.drawing.png)) as image:
        assert image.format == "PNG"
        assert image.size == (picture.width, picture.height)
        assert picture.width == picture.height and picture.width % SCALE == 0
        assert image.convert("L").getpixel((0, 0)) == 255  # the quiet zone is white
        dark = image.convert("L").getpixel((BORDER * SCALE + 1, BORDER * SCALE + 1))
        assert dark == 0  # the finder pattern's corner starts right after the quiet zone
    assert picture.ok and picture.line == 9 and picture.name == "QR"


def test_the_code_reads_back_as_the_url():
    zxingcpp = pytest.importorskip("zxingcpp")
    picture = qr_picture(QrCode(URL))
    with Image.open(io.BytesIO(picture.drawing.png)) as image:
        (found,) = zxingcpp.read_barcodes(image.convert("L"))
    assert found.text == URL


def test_the_same_url_gives_the_same_bytes_and_another_url_others():
    first, again = qr_picture(QrCode(URL)), qr_picture(QrCode(URL))
    assert first.drawing.png == again.drawing.png
    assert qr_picture(QrCode(URL + "/x")).drawing.png != first.drawing.png


def test_nothing_is_written_to_disk(tmp_path: Path, monkeypatch):
    private = tmp_path / "tmp"  # the temp folder to itself: no other test writes here
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    monkeypatch.chdir(tmp_path)
    assert tempfile.gettempdir() == str(private)
    picture = qr_picture(QrCode("https://example.com/새-파일-없음"))
    assert list(private.iterdir()) == []
    assert list(tmp_path.iterdir()) == [private]  # nor in the working folder
    assert picture.path is None
