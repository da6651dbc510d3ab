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


class BuildMemo:
    """Values by key, kept from one build to the next while what they were made against
    (a look, a measurer) stays the same: `with memo.build(against): …`. What a build did
    not use is forgotten when it ends."""

    def __init__(self) -> None:
        self._against: tuple[Any, ...] | None = None
        self._values: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()
        self.hits = 0  # values taken from the memo in the current build (tests, benches)

    def build(self, *against: Any) -> _Build:
        """One deck's build; another look or measurer (compared with ==; a measurer is
        equal only to itself) starts afresh."""
        if self._against is None or self._against != against:
            self._values.clear()
            self._against = against
        self._used.clear()
        self.hits = 0
        return _Build(self)

    def value(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept for `key`, made (and kept) when there is none."""
        found = self._get(key)
        if found is None:
            found = make()
            self._put(key, found)
        return found

    def _get(self, key: Hashable) -> Any:
        found = self._values.get(key)
        if found is not None:
            self.hits += 1
            self._used.add(key)
        return found

    def _put(self, key: Hashable, value: Any) -> None:
        self._values[key] = value
        self._used.add(key)

    def _forget_unused(self) -> None:
        self._values = {key: value for key, value in self._values.items() if key in self._used}


class _Build:
    def __init__(self, memo: BuildMemo):
        self._memo = memo

    def __enter__(self) -> BuildMemo:
        return self._memo

    def __exit__(self, *exc: object) -> None:
        self._memo._forget_unused()


class LaidOutSlides(BuildMemo):
    """`memo.pages(key, make)` within `with memo.build(look, measurer):`."""

    def pages(self, key: Hashable, make: Callable[[], Any]) -> Any:
        return self.value(key, make)
