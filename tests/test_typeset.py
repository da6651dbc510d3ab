"""Typesetter: paragraphs, bullets and their measured heights, set directly (no build)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deckgen.layout.frames import Para
from deckgen.layout.measure import Measurer
from deckgen.layout.typeset import (BODY_PITCH, CODE_PITCH, DESCENT_ALLOWANCE, GLYPH_BOX,
                                    GLYPH_OVERLAP, TITLE_PITCH, Typesetter, pitch)
from deckgen.note.model import KEY
from deckgen.plan.talk import Bullet, Run, Text
from deckgen.theme import PLAIN, TECOTALK

KO = "컨테이너는 호스트 운영체제의 커널을 공유하면서 프로세스를 격리하는 가벼운 실행 환경입니다"
EN = "A container shares the host kernel while isolating processes in a lightweight sandbox"
TEXTS = pytest.mark.parametrize("sentence", [KO, EN], ids=["ko", "en"])


@pytest.fixture(scope="module")
def ts() -> Typesetter:
    return Typesetter(TECOTALK, Measurer())


def text(value: str) -> Text:
    return (Run(value),)


# -- pitch ------------------------------------------------------------------------------

def test_pitch_is_the_factor_for_body_text():
    assert pitch(28) == round(28 * BODY_PITCH, 2)
    assert pitch(20, CODE_PITCH) == round(20 * CODE_PITCH, 2)


def test_pitch_opens_up_for_large_text_so_glyph_boxes_do_not_touch():
    for size in (40, 54, 66, 90):
        assert pitch(size, TITLE_PITCH) >= size * GLYPH_BOX - GLYPH_OVERLAP - 0.01
    assert pitch(90, TITLE_PITCH) > round(90 * TITLE_PITCH, 2)  # the glyph box wins here


def test_pitch_grows_with_size():
    pitches = [pitch(size) for size in range(8, 100)]
    assert pitches == sorted(pitches) and len(set(pitches)) == len(pitches)


# -- plain ------------------------------------------------------------------------------

@TEXTS
def test_plain_sets_size_exact_pitch_and_extras(ts: Typesetter, sentence: str):
    para = ts.plain(text(sentence), 30, TITLE_PITCH, align="ctr", color="E03131", bold=True)
    assert para.runs == text(sentence)
    assert para.size == 30 and para.line_pitch == pitch(30, TITLE_PITCH)
    assert (para.align, para.color, para.bold) == ("ctr", "E03131", True)
    assert para.bullet is None and para.number is None and para.margin == 0


# -- bullets ----------------------------------------------------------------------------

@TEXTS
def test_bullets_hang_their_markers(ts: Typesetter, sentence: str):
    items = (Bullet(text(sentence)), Bullet(text(sentence[:12])), Bullet(text("끝 end")))
    paras = ts.bullets(items, 28)
    assert [p.bullet for p in paras] == ["•"] * 3
    for para in paras:
        assert para.level == 0 and para.size == 28 and para.line_pitch == pitch(28)
        assert para.margin == para.hanging >= 28 * 0.95  # the marker sits in the margin
    assert paras[0].space_before == 0
    assert all(p.space_before > 0 for p in paras[1:])


def test_bullets_not_first_on_the_frame_get_space_before(ts: Typesetter):
    paras = ts.bullets((Bullet(text("다음 항목")), Bullet(text("next item"))), 28, first=False)
    assert all(p.space_before > 0 for p in paras)


def test_numbered_items_keep_their_numbers(ts: Typesetter):
    items = (Bullet(text("세 번째 단계"), number="3."), Bullet(text("fourth step"), number="4."),
             Bullet(text("괄호 번호"), number="7)"))
    paras = ts.bullets(items, 28)
    assert [p.number for p in paras] == [3, 4, 7]
    assert all(p.bullet is None for p in paras)
    assert [p.number_style for p in paras] == ["arabicPeriod", "arabicPeriod", "arabicParenR"]


def test_wide_numbers_get_a_wider_margin(ts: Typesetter):
    short = ts.bullets((Bullet(text("하나"), number="1."),), 28)[0]
    long = ts.bullets((Bullet(text("백열"), number="110."),), 28)[0]
    assert long.margin > short.margin
    assert long.margin >= ts.measurer.width("110.", 28, ts.body_style)


@pytest.mark.parametrize("theme", [TECOTALK, PLAIN], ids=lambda t: t.name)
def test_sub_bullets_are_smaller_by_the_themes_drop(theme):
    ts = Typesetter(theme, Measurer())
    sizes = theme.sizes
    size = sizes.body_min + sizes.sub_bullet_drop + 6
    paras = ts.bullets((Bullet(text("상위 항목 top")), Bullet(text("하위 항목 detail"), level=1)), size)
    top, sub = paras
    assert sub.level == 1 and sub.bullet == "–"
    assert sub.size == size - sizes.sub_bullet_drop
    assert sub.line_pitch == pitch(sub.size)
    assert sub.margin > top.margin  # indented under its parent


def test_sub_bullet_drop_comes_from_the_theme():
    theme = replace(TECOTALK, sizes=replace(TECOTALK.sizes, sub_bullet_drop=7))
    ts = Typesetter(theme, Measurer())
    sub = ts.bullets((Bullet(text("위")), Bullet(text("아래 below"), level=1)), 40)[1]
    assert sub.size == 33


def test_sub_bullets_never_drop_below_the_body_floor(ts: Typesetter):
    floor = TECOTALK.sizes.body_min
    for size in (floor, floor + 1, floor + 2):
        sub = ts.bullets((Bullet(text("위 top")), Bullet(text("아래 below"), level=1)), size)[1]
        assert sub.size == floor


# -- wrapping -----------------------------------------------------------------------------

@TEXTS
def test_lines_break_between_words_and_keep_every_word(ts: Typesetter, sentence: str):
    para = ts.plain(text(sentence), 28)
    words = sentence.split()
    for width in (220, 360, 520, 800):
        lines = ts.lines(para, width)
        assert " ".join(lines).split() == words  # nothing lost, no word cut in two
        for line in lines:
            assert ts.measurer.width(line, 28, ts.body_style) <= width + 0.01
    assert len(ts.lines(para, 220)) > len(ts.lines(para, 800))


def test_a_korean_word_longer_than_the_line_is_cut_inside(ts: Typesetter):
    word = "초장거리단어" * 6
    para = ts.plain(text(f"짧은 {word}"), 28)
    lines = ts.lines(para, 200)
    assert len(lines) > 2 and lines[0] == "짧은"  # the short word stays whole on its line
    assert "".join(lines[1:]) == word
    assert all(ts.measurer.width(line, 28, ts.body_style) <= 200 + 0.01 for line in lines)


def test_bold_runs_glued_to_a_particle_do_not_break(ts: Typesetter):
    runs = (Run("우리는 "), Run("컨테이너", KEY), Run("를 배웁니다 with "), Run("Docker", KEY),
            Run("'s tools"))
    para = ts.plain(runs, 28)
    for width in (150, 200, 260):
        joined = " ".join(ts.lines(para, width)).split()
        assert "컨테이너를" in joined and "Docker's" in joined


@TEXTS
def test_bullet_text_wraps_inside_its_margin(ts: Typesetter, sentence: str):
    para = ts.bullets((Bullet(text(sentence)),), 28)[0]
    width = 420
    assert ts.widest_line(para, width) <= width - para.margin + 0.01
    assert ts.lines(para, width) == ts.measurer.wrap(para.runs, 28, width - para.margin,
                                                     ts.body_style)


# -- heights ------------------------------------------------------------------------------

@TEXTS
def test_para_height_is_space_before_plus_lines_times_pitch(ts: Typesetter, sentence: str):
    para = replace(ts.plain(text(sentence), 28), space_before=9.0)
    lines = ts.lines(para, 300)
    assert ts.para_height(para, 300) == pytest.approx(9.0 + len(lines) * para.line_pitch)


@TEXTS
def test_height_leaves_room_for_the_last_lines_descenders(ts: Typesetter, sentence: str):
    paras = [ts.plain(text(sentence), 28), ts.plain(text(sentence[:10]), 36)]
    body = sum(ts.para_height(p, 400) for p in paras)
    assert ts.height(paras, 400) == pytest.approx(body + DESCENT_ALLOWANCE * 36, abs=0.01)
    assert ts.height([], 400) == 0.0


@TEXTS
def test_height_grows_with_more_text(ts: Typesetter, sentence: str):
    one = ts.bullets((Bullet(text(sentence)),), 28)
    two = ts.bullets((Bullet(text(sentence)), Bullet(text(sentence))), 28)
    longer = ts.bullets((Bullet(text(sentence + " " + sentence)),), 28)
    assert ts.height(two, 500) > ts.height(one, 500)
    assert ts.height(longer, 500) > ts.height(one, 500)


@TEXTS
def test_height_shrinks_in_a_wider_box(ts: Typesetter, sentence: str):
    paras = ts.bullets((Bullet(text(sentence)), Bullet(text(sentence), level=1)), 28)
    heights = [ts.height(paras, width) for width in (250, 400, 600, 864)]
    assert heights == sorted(heights, reverse=True) and heights[0] > heights[-1]


@TEXTS
def test_larger_size_is_taller(ts: Typesetter, sentence: str):
    assert ts.height([ts.plain(text(sentence), 36)], 500) > \
        ts.height([ts.plain(text(sentence), 28)], 500)


@TEXTS
def test_widest_line_fits_and_is_the_longest(ts: Typesetter, sentence: str):
    para = ts.plain(text(sentence), 28)
    widest = ts.widest_line(para, 360)
    widths = [ts.measurer.width(line, 28, ts.body_style) for line in ts.lines(para, 360)]
    assert widest == max(widths) and 0 < widest <= 360
    assert ts.widest_line(para, 2000) == pytest.approx(
        ts.measurer.width(sentence, 28, ts.body_style))


def test_para_face_is_measured_in_its_own_font(ts: Typesetter):
    para: Para = ts.plain(text("iiiiiiiiii lllllllll"), 28, face=TECOTALK.code)
    assert ts.style_for(para.face) is ts.code_style
    assert ts.widest_line(para, 2000) == pytest.approx(
        ts.measurer.width("iiiiiiiiii lllllllll", 28, ts.code_style))


def test_a_list_counting_from_zero_shows_its_numbers_as_text_markers():
    """DrawingML autonumbering starts at 1; "0." must still show rather than become a dot."""
    ts = Typesetter(TECOTALK, Measurer())
    paras = ts.bullets((Bullet((Run("영번째 항목"),), 0, "0."), Bullet((Run("first item"),), 0, "1.")), 28)
    assert paras[0].number is None and paras[0].bullet == "0."
    assert paras[1].number == 1 and paras[1].bullet is None
