from deckgen.layout.measure import Measurer, Style
from deckgen.plan.talk import Run
from deckgen.note.model import KEY
from deckgen.theme import TECOTALK

STYLE = Style(TECOTALK.body, TECOTALK.code, TECOTALK.fallbacks)


def test_width_takes_the_wider_of_the_face_and_the_stand_in():
    measurer = Measurer()
    # BM JUA is narrower than NanumGothic for Hangul: the stand-in decides the width
    jua_only = measurer.advance("가", "BMJUA_ttf.ttf")
    nanum = measurer.advance("가", "NanumGothic.ttf")
    assert jua_only < nanum
    assert measurer.width("가", 100, STYLE) >= nanum * 100


def test_korean_wraps_between_words_never_inside_one():
    measurer = Measurer()
    text = (Run("컨테이너는 이미지의 실행 가능한 인스턴스입니다"),)
    lines = measurer.wrap(text, 28, 250, STYLE)
    assert len(lines) > 1
    words = "컨테이너는 이미지의 실행 가능한 인스턴스입니다".split()
    assert all(word in words for line in lines for word in line.split())


def test_a_word_longer_than_the_line_is_split():
    measurer = Measurer()
    lines = measurer.wrap((Run("가" * 60),), 28, 300, STYLE)
    assert len(lines) > 1 and "".join(lines) == "가" * 60


def test_bold_and_plain_runs_of_one_word_stay_together():
    measurer = Measurer()
    runs = (Run("앞 "), Run("컨테이너", KEY), Run("를 뒤"))
    lines = measurer.wrap(runs, 28, measurer.width("앞 컨테이너", 28, STYLE) + 1, STYLE)
    assert any("컨테이너를" in line for line in lines)
    assert not any(line.endswith("컨테이너") for line in lines)


def test_characters_bm_jua_draws_blank_are_measured_in_the_fallback():
    measurer = Measurer()
    # '•' maps to an empty glyph in BM JUA; it must still take room
    assert measurer.width("•", 100, STYLE) > 10


def test_exact_widths_are_the_faces_own_and_narrower_than_the_safe_ones():
    safe, exact = Measurer(), Measurer(exact=True)
    for text in ("컨테이너를 만드는 데 사용되는 읽기 전용", "the read-only template of a container"):
        assert exact.width(text, 28, STYLE) < safe.width(text, 28, STYLE)
        assert abs(exact.width(text, 28, STYLE) - exact.width(text, 14, STYLE) * 2) < 1e-6


def test_exact_lines_break_between_hangul_and_a_bracket_as_libreoffice_does():
    exact = Measurer(exact=True)
    korean = (Run("이미지 사용되는 읽기 전용(Read-only)"),)
    width = exact.width("이미지 사용되는 읽기 전용", 28, STYLE) + 4
    assert exact.wrap(korean, 28, width, STYLE) == ["이미지 사용되는 읽기 전용", "(Read-only)"]
    english = (Run("images are kept read(only)"),)
    width = exact.width("images are kept read", 28, STYLE) + 4
    assert exact.wrap(english, 28, width, STYLE) == ["images are kept", "read(only)"]
    # the safe measure keeps the word whole, as it always did
    assert Measurer().wrap(korean, 28, 2000, STYLE) == ["이미지 사용되는 읽기 전용(Read-only)"]
    narrow = Measurer().width("이미지 사용되는 읽기 전용", 28, STYLE) + 4
    assert Measurer().wrap(korean, 28, narrow, STYLE)[-1] == "전용(Read-only)"
