"""layout.setting: every paragraph cut into runs with the face that draws each glyph, its
colour, boldness and language; bullets with their colour and face."""

from __future__ import annotations

import pytest

from deckgen.layout.frames import Para, PictureFrame, Rect, TableFrame, TextFrame
from deckgen.layout.setting import set_frame, set_para
from deckgen.note.model import KEY, Marks
from deckgen.pictures.model import Picture
from deckgen.plan.talk import Run
from deckgen.theme import DEJAVU, JUA, NANUM_CODING, NANUM_GOTHIC, PLAIN, TECOTALK, Face

TEXT = TECOTALK.colors.text
URL = "https://docs.docker.com"


def setting(*runs: Run, theme=TECOTALK, **para):
    return set_para(Para(runs, 28, 34, **para), theme.body, theme.colors.text, theme).set


def pieces(set_para_) -> list[tuple[str, str]]:
    return [(run.text, run.face.name) for run in set_para_.runs]


def test_each_piece_names_the_face_that_draws_its_glyphs():
    runs = setting(Run("도커 → Docker²")).runs
    assert [(r.text, r.face) for r in runs] == [("도커 ", JUA), ("→ ", NANUM_GOTHIC),
                                                 ("Docker", JUA), ("²", NANUM_GOTHIC)]
    assert "".join(r.text for r in runs) == "도커 → Docker²"  # the text measured is the text set


def test_a_backslash_is_never_set_in_bm_jua_which_draws_it_as_won():
    runs = setting(Run("C:\\Users")).runs
    assert [r.face for r in runs if "\\" in r.text] == [DEJAVU]


def test_code_runs_start_from_the_code_face():
    (run,) = setting(Run("docker run", Marks(code=True))).runs
    assert run.face is NANUM_CODING


def test_a_key_phrase_takes_the_accent_and_plain_text_the_frames_colour():
    runs = setting(Run("도커는 "), Run("컨테이너", KEY), Run(" 도구")).runs
    assert [r.color for r in runs] == [TEXT, TECOTALK.colors.accent, TEXT]


def test_a_paragraphs_own_colour_and_face_win_over_the_frames():
    muted = TECOTALK.colors.muted
    set_ = set_para(Para((Run("쪽 번호"),), 14, 17, color=muted, face=NANUM_GOTHIC), JUA, TEXT,
                    TECOTALK).set
    assert set_.color == muted and set_.face is NANUM_GOTHIC
    assert [(r.color, r.face) for r in set_.runs] == [(muted, NANUM_GOTHIC)]


def test_linked_words_are_pieces_of_their_own_in_the_link_colour():
    runs = setting(Run("공식 문서 docs", Marks(link=URL))).runs
    assert [(r.text, r.link, r.color) for r in runs] == [
        ("공식", URL, TECOTALK.colors.link), (" ", None, TEXT), ("문서", URL, TECOTALK.colors.link),
        (" ", None, TEXT), ("docs", URL, TECOTALK.colors.link)]


def test_a_link_that_takes_one_line_stays_one_piece():
    (run,) = setting(Run("공식 문서", Marks(link=URL)), wraps=False).runs
    assert (run.text, run.link, run.color) == ("공식 문서", URL, TECOTALK.colors.link)


def test_a_key_phrase_link_is_accent_coloured_and_still_links():
    (run,) = setting(Run("핵심", Marks(bold=True, link=URL))).runs
    assert run.color == TECOTALK.colors.accent and run.link == URL


def test_boldness_italics_and_strike_travel_to_every_piece():
    runs = setting(Run("제목 C:\\ Title", Marks(italic=True, strike=True)), bold=True, theme=PLAIN).runs
    assert len(runs) == 3
    assert all(r.bold and r.italic and r.strike for r in runs)
    assert not any(r.bold for r in setting(Run("본문"), theme=PLAIN).runs)


def test_runs_with_hangul_are_korean_and_the_paragraph_too():
    set_ = setting(Run("Docker "), Run("이미지"))
    assert [r.lang for r in set_.runs] == ["en-US", "ko-KR"]
    assert set_.lang == "ko-KR"
    assert setting(Run("only English")).lang == "en-US"


def test_a_bullet_gets_the_accent_and_a_face_that_draws_its_mark():
    set_ = setting(Run("항목"), bullet="•")
    assert set_.bullet_color == TECOTALK.colors.accent
    assert set_.bullet_face is NANUM_GOTHIC  # BM JUA has no •


def test_a_numbered_bullet_takes_the_paragraphs_face_when_it_draws_digits():
    set_ = setting(Run("항목"), number=3)
    assert set_.bullet_face is JUA and set_.bullet_color == TECOTALK.colors.accent


def test_a_paragraph_without_a_bullet_has_no_bullet_colour():
    set_ = setting(Run("문단"))
    assert set_.bullet_color is None and set_.bullet_face is None


def test_a_template_face_we_cannot_read_is_trusted_with_every_glyph():
    calibri = Face("Calibri", east_asian="맑은 고딕")
    set_ = set_para(Para((Run("도커 → ☂️"),), 28, 34), calibri, TEXT, TECOTALK).set
    assert [(r.text, r.face) for r in set_.runs] == [("도커 → ☂", calibri)]  # selector dropped


def test_table_cells_and_placeholder_labels_are_set_and_placeholders_coloured():
    para = Para((Run("셀 cell"),), 24, 29)
    table = TableFrame(Rect(0, 0, 100, 40), ((para,),), (100,), (40,), JUA, TEXT, False, "F1F3F5",
                       "FFFFFF", (8, 5))
    assert set_frame(table, TECOTALK).cells[0][0].set is not None
    label = TextFrame(Rect(0, 0, 100, 40), (para,), JUA, TEXT)
    missing = PictureFrame(Rect(0, 0, 100, 40), Picture("x.png", 1600, 900, problem="not found"),
                           label=label)
    placed = set_frame(missing, TECOTALK)
    assert placed.label.paras[0].set is not None
    assert (placed.placeholder_fill, placed.placeholder_line) == (TECOTALK.colors.placeholder,
                                                                  TECOTALK.colors.muted)


def test_a_text_marker_of_a_list_counting_from_zero_gets_a_face_that_draws_it():
    set_ = setting(Run("영번째 항목"), bullet="0.")
    assert set_.bullet_color == TECOTALK.colors.accent
    assert set_.bullet_face is JUA  # BM JUA draws both "0" and "."
