"""Slides as written, remembered between the builds of one warm process (`deckgen watch`).

Writing a laid-out slide is a translation: the same `PlacedSlide` in the same look gives
the same shapes. So a watch session keeps, per placed slide, a copy of the shape tree it
wrote and the relationships the shapes use, in the order they were made (pictures by
key, links by address), and the runs that jump to another slide (by their place in the
tree). A rebuild makes the slide and its notes as before, puts a copy of the tree in,
and makes the same relationships in the same order, so they get the same ids: the deck
is the one a fresh process writes, byte for byte. What a build did not use is forgotten.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Written:
    """One slide's shapes as written: the tree, its relationships, its jumping runs."""

    tree: Any  # a copy of the slide's p:spTree (lxml), never handed out itself
    rels: tuple[tuple[str, str, bool, str], ...]  # (rId, type, external, picture key or URL)
    jumps: tuple[tuple[tuple[int, ...], int], ...]  # (run places in tree order, target page)
    numbering: tuple[int, ...] = ()  # the tree places of the page number and progress bar


class WrittenSlides:
    """`memo.get(key)` / `memo.put(key, written)` within `with memo.build(look):`."""

    def __init__(self) -> None:
        self._look: Any = None
        self._slides: dict[Hashable, Written] = {}
        self._used: set[Hashable] = set()
        self.hits = 0  # slides copied in the current build (for tests and benches)

    def build(self, look: Any) -> _Build:
        if self._look is None or self._look != look:
            self._slides.clear()
            self._look = look
        self._used.clear()
        self.hits = 0
        return _Build(self)

    def get(self, key: Hashable) -> Written | None:
        found = self._slides.get(key)
        if found is not None:
            self.hits += 1
            self._used.add(key)
        return found

    def put(self, key: Hashable, written: Written) -> None:
        self._slides[key] = written
        self._used.add(key)

    def _forget_unused(self) -> None:
        self._slides = {k: v for k, v in self._slides.items() if k in self._used}


class _Build:
    def __init__(self, memo: WrittenSlides):
        self._memo = memo

    def __enter__(self) -> WrittenSlides:
        return self._memo

    def __exit__(self, *exc: object) -> None:
        self._memo._forget_unused()
