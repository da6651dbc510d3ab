"""The longest start of something that still fits, found in log time.

Cutting a 4 KB code line or a 500-word heading one character (or word) at a time, laying
out each try, took minutes: the cost grew with the square of the length. Fitting is
monotone in the length kept (more text is never shorter), so a binary search finds the
same cut point with a logarithmic number of tries.
"""

from __future__ import annotations

from collections.abc import Callable


def longest_fitting(most: int, fits: Callable[[int], bool], least: int = 1) -> int | None:
    """The largest `keep` in [least, most] with `fits(keep)`, or None if even `least` does not."""
    if most < least:
        return None
    low, high, best = least, most, None
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best
