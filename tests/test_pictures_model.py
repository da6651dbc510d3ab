"""pictures.model: how wide a picture may be shown, how many pixels it is stored at, and the
key that names it across the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.mermaid import parse_mermaid
from deckgen.note.model import Diagram
from deckgen.pictures.model import (MAX_UPSCALE, SLIDE_PIXELS_WIDE, Drawn, DrawnDiagram, Picture,
                                    display_limit, target_width)

SLIDE = 960.0


def photo(width: int = 1920, height: int = 1080, **extra) -> Picture:
    return Picture("사진.png", width, height, Path("/vault/사진.png"), **extra)


def test_a_picture_is_shown_at_most_one_and_a_half_times_its_pixels():
    assert display_limit(photo(640, 480), SLIDE) == pytest.approx(640 * MAX_UPSCALE / 2)
    assert display_limit(photo(3840, 2160), SLIDE) == pytest.approx(3840 * MAX_UPSCALE / 2)


def test_the_authors_width_hint_caps_it_as_a_share_of_the_slide():
    assert display_limit(photo(3840, 2160, size_hint=350), SLIDE) == pytest.approx(SLIDE / 2)
    assert display_limit(photo(3840, 2160, size_hint=2000), SLIDE) == pytest.approx(SLIDE)
    assert display_limit(photo(400, 300, size_hint=700), SLIDE) == pytest.approx(300)  # pixels win


def test_a_picture_drawn_in_points_is_never_shown_larger_than_its_natural_size():
    formula = Picture("formula", 134, 31, line=3, drawing=Drawn(b"png"))
    assert display_limit(formula, SLIDE) == 134
    wide = Picture("formula", 5000, 31, line=3, drawing=Drawn(b"png"))
    assert display_limit(wide, SLIDE) == SLIDE


def test_a_qr_code_is_judged_by_its_pixels_like_a_photo():
    qr = Picture("QR", 444, 444, line=1, drawing=Drawn(b"png", natural_points=False))
    assert display_limit(qr, SLIDE) == pytest.approx(444 * MAX_UPSCALE * SLIDE / SLIDE_PIXELS_WIDE)


def test_a_diagram_is_sized_in_points():
    source = "flowchart LR\n  A --> B"
    diagram = Picture("mermaid flowchart", 300, 120, line=2,
                      drawing=DrawnDiagram(Diagram(source, 2, parse_mermaid(source))))
    assert display_limit(diagram, SLIDE) == 300


def test_a_placeholder_may_take_the_whole_width():
    assert display_limit(Picture("x.png", 1600, 900, problem="not found"), SLIDE) == SLIDE


def test_a_picture_is_stored_at_about_twice_the_pixels_it_is_shown_at():
    assert target_width(SLIDE, SLIDE) == 2716  # the full slide: 1920 × √2, rounded up
    assert target_width(SLIDE / 2, SLIDE) == 1358
    assert target_width(0.0001, SLIDE) == 1


def test_ok_and_aspect():
    assert photo().ok and not Picture("x", 1600, 900, problem="not found").ok
    assert photo(1600, 900).aspect == pytest.approx(16 / 9)
    assert Picture("x", 10, 0).aspect == pytest.approx(16 / 9)  # never divides by zero


def test_a_files_key_is_its_path_and_a_pdf_page_adds_the_page():
    assert photo().key == "/vault/사진.png"
    assert Picture("a.pdf#page=3", 100, 100, Path("/vault/a.pdf"), page=3).key == "/vault/a.pdf#page=3"
    assert Picture("x.png", 1600, 900, problem="not found").key == "missing:x.png"


def test_drawn_pictures_are_named_by_where_the_note_draws_them():
    a = Picture("formula", 30, 31, line=2, drawing=Drawn(b"a"))
    b = Picture("formula", 30, 31, line=5, drawing=Drawn(b"b"))
    assert a.key != b.key


def test_two_formulas_on_one_line_have_their_own_keys():
    a = Picture("formula", 31, 31, line=2, drawing=Drawn(b"png of a^2"))
    b = Picture("formula", 30, 31, line=2, drawing=Drawn(b"png of b^2"))
    assert a.key != b.key
