"""layout.search: the longest start that still fits, in a logarithmic number of tries."""

from __future__ import annotations

import math

from deckgen.layout.search import longest_fitting


def test_finds_the_largest_length_that_fits():
    assert longest_fitting(100, lambda keep: keep <= 37) == 37


def test_everything_fitting_keeps_everything():
    assert longest_fitting(12, lambda keep: True) == 12


def test_nothing_fitting_is_none():
    assert longest_fitting(50, lambda keep: False) is None


def test_the_least_is_respected():
    tried: list[int] = []

    def fits(keep: int) -> bool:
        tried.append(keep)
        return keep <= 3

    assert longest_fitting(20, fits, least=5) is None
    assert min(tried) >= 5


def test_an_empty_range_asks_nothing():
    tried: list[int] = []
    assert longest_fitting(0, lambda keep: tried.append(keep) or True) is None
    assert tried == []


def test_a_long_text_takes_log_tries_not_one_per_character():
    text = "가" * 4000
    tries = 0

    def fits(keep: int) -> bool:
        nonlocal tries
        tries += 1
        return len(text[:keep].encode("utf-8")) <= 6000  # 3 bytes a syllable: 2000 fit

    assert longest_fitting(len(text), fits) == 2000
    assert tries <= math.ceil(math.log2(len(text))) + 1
