"""theme: looks as data, the faces they name, and which face draws a character."""

from __future__ import annotations

from dataclasses import fields

from deckgen.fonts import FONT_DIR, PACKAGED
from deckgen.theme import (DEJAVU, EMOJI, GOOGLE_FAMILIES, GOOGLE_FONTS, JUA, NANUM_CODING,
                           NANUM_GOTHIC, PLAIN, TECOTALK, THEMES, Face, face_for, theme_named)

FALLBACKS = (JUA, NANUM_GOTHIC, DEJAVU)


def _faces(theme):
    return (theme.heading, theme.body, theme.code, *theme.fallbacks)


def test_themes_are_found_by_name_whatever_the_case_and_spaces():
    assert theme_named(" Tecotalk ") is TECOTALK
    assert theme_named("PLAIN") is PLAIN
    assert theme_named("keynote") is None
    assert set(THEMES) == {"tecotalk", "plain"}


def test_every_face_a_theme_measures_with_ships_in_the_package():
    for theme in THEMES.values():
        for face in _faces(theme):
            for file in (face.regular, face.bold):
                if file:
                    assert (FONT_DIR / file).is_file(), (theme.name, file)
                    assert PACKAGED[file] == face.name


def test_a_new_accent_changes_only_the_accent():
    red = TECOTALK.with_accent("0C8599")
    assert red.colors.accent == "0C8599" and TECOTALK.colors.accent == "E03131"
    for spec in fields(red.colors):
        if spec.name != "accent":
            assert getattr(red.colors, spec.name) == getattr(TECOTALK.colors, spec.name)
    assert (red.heading, red.sizes, red.gaps) == (TECOTALK.heading, TECOTALK.sizes, TECOTALK.gaps)


def test_every_colour_is_six_hex_digits():
    for theme in THEMES.values():
        for spec in fields(theme.colors):
            value = getattr(theme.colors, spec.name)
            values = [c for _, c in value] if spec.name == "code_palette" else [value]
            for colour in values:
                assert len(colour) == 6 and int(colour, 16) >= 0, (spec.name, colour)


def test_body_and_code_never_shrink_below_their_floor():
    for theme in THEMES.values():
        sizes = theme.sizes
        assert sizes.body_min <= sizes.body and sizes.code_min <= sizes.code <= sizes.code_max
        assert sizes.title_min <= sizes.title and sizes.diagram_min <= sizes.diagram


def test_plain_is_the_dense_look_with_bold_titles():
    assert PLAIN.heading_bold and not TECOTALK.heading_bold
    assert PLAIN.sizes.body < TECOTALK.sizes.body
    assert JUA.synthetic_bold  # BM JUA looks bold already: never ask for bold


def test_hangul_and_latin_are_drawn_by_bm_jua_itself():
    assert face_for("가", FALLBACKS) is JUA
    assert face_for("뷁", FALLBACKS) is JUA
    assert face_for("A", FALLBACKS) is JUA


def test_what_bm_jua_lacks_falls_to_the_next_face_that_draws_it():
    assert face_for("→", FALLBACKS) is NANUM_GOTHIC
    assert face_for("•", FALLBACKS) is NANUM_GOTHIC
    # BM JUA draws a backslash as ₩: the backslash goes to a face that draws it
    assert face_for("\\", FALLBACKS) is not JUA


def test_a_face_we_do_not_ship_is_trusted_to_draw_anything():
    malgun = Face("맑은 고딕")
    assert face_for("가", (malgun, JUA)) is malgun
    assert face_for("→", (JUA, malgun)) is malgun


def test_no_face_draws_it_is_none():
    assert face_for("가", (DEJAVU,)) is None


def test_east_asian_name_is_the_faces_own_unless_a_template_named_one():
    assert JUA.east_asian_name == "BM JUA"
    assert Face("Calibri", east_asian="맑은 고딕").east_asian_name == "맑은 고딕"


def test_google_slides_gets_a_family_for_every_face_we_ship():
    for face in (JUA, NANUM_GOTHIC, NANUM_CODING, DEJAVU, EMOJI):
        assert GOOGLE_FONTS[face.name] in GOOGLE_FAMILIES
    assert GOOGLE_FONTS["BM JUA"] == "Jua"
