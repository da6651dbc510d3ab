"""plan.labels: the words deckgen adds itself, in the talk's language."""

from __future__ import annotations

from deckgen.plan.labels import WORDS, word


def test_korean_and_english_know_the_same_words():
    assert set(WORDS["ko"]) == set(WORDS["en"])


def test_words_follow_the_language():
    assert (word("ko", "agenda"), word("en", "agenda")) == ("목차", "Agenda")
    assert (word("ko", "continued"), word("en", "continued")) == ("(계속)", "(cont.)")
    assert (word("ko", "thanks"), word("en", "thanks")) == ("감사합니다", "Thank you")


def test_a_language_deckgen_does_not_speak_gets_english():
    assert word("ja", "summary") == "Summary"
    assert word("", "references") == "References"


def test_korean_needs_no_by_before_the_speaker():
    assert word("ko", "by") == "" and word("en", "by") == "by"


def test_every_word_is_filled_in_except_the_korean_by():
    for language, words in WORDS.items():
        for key, value in words.items():
            assert value or (language, key) == ("ko", "by"), (language, key)
