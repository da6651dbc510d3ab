from deckgen.plan.timing import clock, language_of, speaking_seconds


def test_korean_is_about_300_syllables_a_minute_with_latin_words_as_two():
    assert speaking_seconds("가" * 300, "ko") == 60
    assert speaking_seconds("Docker Docker", "ko") == 0.8  # 4 units


def test_english_is_about_150_words_a_minute():
    assert speaking_seconds(" ".join(["word"] * 150), "en") == 60


def test_language_follows_the_mostly_used_script():
    assert language_of("도커는 컨테이너를 관리합니다 Docker") == "ko"
    assert language_of("Docker manages containers 도커") == "en"


def test_clock_format():
    assert clock(40) == "0:40" and clock(190.4) == "3:10" and clock(600) == "10:00"
