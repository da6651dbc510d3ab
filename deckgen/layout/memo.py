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
        self._values: dict[_Hashed, Any] = {}  # kept from the builds before
        self._used: dict[_Hashed, Any] = {}  # what this build took or made: kept after it
        self.hits = 0  # values taken from the memo in the current build (tests, benches)

    def build(self, *against: Any) -> _Build:
        """One deck's build; another look or measurer (compared with ==; a measurer is
        equal only to itself) starts afresh."""
        if self._against is None or self._against != against:
            self._values.clear()
            self._against = against
        self._used = {}
        self.hits = 0
        return _Build(self)

    def value(self, key: Hashable, make: Callable[[], Any], counted: bool = True) -> Any:
        """The value kept for `key`, made (and kept) when there is none; a hit counts in
        `hits` unless not `counted`."""
        hashed = _Hashed(key)
        found = self._find(hashed, counted)
        if found is None:
            found = make()
            self._used[hashed] = found
        return found

    def _get(self, key: Hashable) -> Any:
        return self._find(_Hashed(key))

    def _find(self, hashed: _Hashed, counted: bool = True) -> Any:
        found = self._used.get(hashed)
        if found is None:
            found = self._values.get(hashed)
            if found is not None:
                self._used[hashed] = found
        if found is not None and counted:
            self.hits += 1
        return found

    def _put(self, key: Hashable, value: Any) -> None:
        self._used[_Hashed(key)] = value

    def _forget_unused(self) -> None:
        self._values, self._used = self._used, {}


class _Hashed:
    """A key with its hash worked out once: keys are deep frozen values (plan slides,
    frames), whose hash Python would otherwise compute again at every lookup."""

    __slots__ = ("key", "_hash")

    def __init__(self, key: Hashable):
        self.key = key
        self._hash = hash(key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashed) and self._hash == other._hash and \
            self.key == other.key


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
