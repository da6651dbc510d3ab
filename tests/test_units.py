"""look.units: points to EMU, the one conversion."""

from __future__ import annotations

from pptx.util import Emu, Inches, Pt

from deckgen.look.units import EMU_PER_PT, emu


def test_a_point_is_what_python_pptx_calls_a_point():
    assert EMU_PER_PT == Pt(1) == 12700
    assert emu(72) == Inches(1)


def test_the_16_9_slide_is_13_333_by_7_5_inches():
    assert emu(960) == Inches(13.333333333333334) == 12192000
    assert emu(540) == Inches(7.5)


def test_fractions_of_a_point_round_to_the_nearest_emu():
    assert emu(1.00004) == 12701  # 12700.508 rounds up
    assert emu(1.00003) == 12700  # 12700.381 rounds down
    assert emu(-2) == -25400  # an indent that hangs left stays negative


def test_the_result_is_an_emu_length():
    assert isinstance(emu(10), Emu) and emu(10).pt == 10
