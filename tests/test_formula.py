"""pictures.formula: display math drawn in memory as a PNG cropped to its ink."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from deckgen.note.model import Formula
from deckgen.pictures.formula import FORMULA_DPI, _for_engine, formula_picture, formula_png

INK = "E03131"


@pytest.fixture(scope="module")
def einstein():
    return formula_png(r"E = mc^2", INK, 36, FORMULA_DPI)


def test_a_formula_is_a_transparent_png_in_the_colour_asked_for(einstein):
    with Image.open(io.BytesIO(einstein.png)) as image:
        assert image.format == "PNG" and image.size == (einstein.width, einstein.height)
        rgba = image.convert("RGBA")
    assert rgba.getpixel((0, 0))[3] == 0  # cropped with a pixel of air around the ink
    inked = [px for _, px in rgba.getcolors(rgba.width * rgba.height) if px[3] == 255]
    assert inked and all(px[:3] == (0xE0, 0x31, 0x31) for px in inked)


def test_its_size_in_points_follows_the_resolution(einstein):
    assert einstein.width_pt == pytest.approx(einstein.width * 72 / FORMULA_DPI)
    assert einstein.height_pt == pytest.approx(einstein.height * 72 / FORMULA_DPI)
    smaller = formula_png(r"E = mc^2", INK, 18, FORMULA_DPI)
    assert smaller.width_pt == pytest.approx(einstein.width_pt / 2, rel=0.1)


def test_the_same_formula_gives_the_same_bytes(einstein):
    assert formula_png(r"E = mc^2", INK, 36, FORMULA_DPI).png == einstein.png


@pytest.mark.parametrize("latex", [r"\text{한글}", r"\undefinedmacro{x}", r"\frac{a}{", "   "])
def test_what_cannot_be_drawn_faithfully_is_none(latex: str):
    assert formula_png(latex, INK, 36, FORMULA_DPI) is None


def test_a_bad_colour_or_size_is_a_programming_error():
    with pytest.raises(ValueError):
        formula_png("x", "#E03131", 36, FORMULA_DPI)
    with pytest.raises(ValueError):
        formula_png("x", INK, 0, FORMULA_DPI)


def test_display_environments_become_what_the_engine_draws():
    assert _for_engine(r"\begin{align*} a &= b \\ c &= d \end{align*}") == \
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}"
    assert _for_engine(r"\begin{gather} a \\ b \end{gather}") == \
        r"\begin{array}{c} a \\ b \end{array}"
    assert _for_engine(r"a = b \\ c = d") == r"\begin{array}{c}a = b \\ c = d\end{array}"
    assert _for_engine(r"\begin{equation} x = 1 \label{eq:1} \tag{3} \end{equation}") == "x = 1"


def test_aligned_lines_are_drawn_one_under_another():
    one = formula_png(r"a = b", INK, 36, FORMULA_DPI)
    two = formula_png(r"\begin{align*} a &= b \\ c &= d \end{align*}", INK, 36, FORMULA_DPI)
    assert two.height > 1.6 * one.height


def test_a_formula_picture_is_at_its_natural_size_in_points():
    picture = formula_picture(Formula("x^2 + y^2 = z^2", 12), "212529", 36)
    assert picture.ok and picture.line == 12 and picture.name == "formula"
    assert picture.drawing.natural_points and picture.drawing.png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(picture.drawing.png)) as image:
        assert picture.width == round(image.width * 72 / FORMULA_DPI)


def test_a_formula_that_cannot_be_drawn_is_a_placeholder_that_says_why():
    picture = formula_picture(Formula(r"\text{속도} = d / t", 4), "212529", 36)
    assert not picture.ok and "Hangul inside \\text{}" in picture.problem
    assert "speaker notes" in picture.problem and picture.line == 4
