"""Laid-out pages remembered between the builds of one warm process (`deckgen watch`).

Laying out a plan slide is pure: the same slide, language and pictures, in the same look
and measured by the same `Measurer`, give the same pages. A watch session edits one part
of a note at a time, so most slides of a rebuild are the slides of the last build; they
are taken from here instead of being measured and arranged again. What a build did not
use is forgotten when it ends, so the memo holds about one deck.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class LaidOutSlides:
    """`memo.pages(key, make)` within `with memo.build(look, measurer):`."""

    def __init__(self) -> None:
        self._against: tuple[Any, Any] | None = None  # the look and measurer it was made in
        self._pages: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()
        self.hits = 0  # pages taken from the memo in the current build (for tests, benches)

    def build(self, look: Any, measurer: Any) -> _Build:
        """One deck's layout: a new look or measurer starts afresh."""
        if self._against is None or self._against[0] != look or \
                self._against[1] is not measurer:
            self._pages.clear()
            self._against = (look, measurer)
        self._used.clear()
        self.hits = 0
        return _Build(self)

    def pages(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if key in self._pages:
            self.hits += 1
        else:
            self._pages[key] = make()
        self._used.add(key)
        return self._pages[key]

    def _forget_unused(self) -> None:
        self._pages = {key: value for key, value in self._pages.items() if key in self._used}


class _Build:
    def __init__(self, memo: LaidOutSlides):
        self._memo = memo

    def __enter__(self) -> LaidOutSlides:
        return self._memo

    def __exit__(self, *exc: object) -> None:
        self._memo._forget_unused()
