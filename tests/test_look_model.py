"""look.model: rectangles, the slide's geometry, and which template layout shows a name."""

from __future__ import annotations

import pytest

from deckgen.look.model import Geometry, LayoutChoice, Look, Rect
from deckgen.theme import TECOTALK


def test_a_rect_knows_its_right_and_bottom():
    rect = Rect(10, 20, 300, 40)
    assert (rect.right, rect.bottom) == (310, 60)


def test_inset_moves_in_from_every_side():
    assert Rect(10, 20, 300, 40).inset(5, 10) == Rect(15, 30, 290, 20)


def test_inset_never_leaves_less_than_a_point():
    shrunk = Rect(0, 0, 8, 8).inset(10, 10)
    assert shrunk.w == 1.0 and shrunk.h == 1.0


def test_a_rect_is_a_frozen_value():
    with pytest.raises(AttributeError):
        Rect(0, 0, 1, 1).x = 5  # type: ignore[misc]
    assert Rect(0, 0, 1, 1) == Rect(0, 0, 1, 1)


def test_the_default_geometry_is_a_16_9_slide_whose_body_stops_above_the_footer():
    geometry = Geometry()
    assert geometry.width / geometry.height == pytest.approx(16 / 9)
    assert geometry.body_bottom == geometry.height - geometry.footer


def test_a_templates_body_box_decides_where_the_body_ends():
    geometry = Geometry(body_box=Rect(40, 120, 880, 350))
    assert geometry.body_bottom == 470


def test_the_built_in_look_has_every_layout_under_its_own_name():
    choice = Look(TECOTALK).layout_for("Title and Content")
    assert choice == LayoutChoice("Title and Content", "title and content", "Title and Content",
                                  False)


def test_a_templates_choice_is_used_for_its_name():
    stand_in = LayoutChoice("Section Header", "title slide", "Title Slide", True)
    look = Look(TECOTALK, layouts=(stand_in,))
    assert look.layout_for("Section Header") is stand_in
    assert look.layout_for("Blank").key == "blank"  # a name it does not list: as written
