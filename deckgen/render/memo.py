"""Slides as written, remembered between the builds of one warm process (`deckgen watch`).

Writing a laid-out slide is a translation: the same layout, title and frames in the same
look give the same shapes. So a watch session keeps, per slide, a copy of the shape tree
it wrote and the relationships the shapes use, in the order they were made (pictures by
key, links by address), and the runs that jump to another slide (by their place in the
tree). A rebuild makes the slide and its notes as before, puts a copy of the tree in, and
makes the same relationships in the same order, so they get the same ids
(`render/copies.py`): the deck is the one a fresh process writes, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from ..layout.memo import BuildMemo
from .container import ZippedParts


@dataclass(frozen=True)
class Written:
    """One slide's shapes as written: the tree, its relationships, its jumping runs."""

    tree: Any  # a copy of the slide's p:spTree (lxml), never handed out itself
    rels: tuple[tuple[str, str, bool, str], ...]  # (rId, type, external, picture key or URL)
    jumps: tuple[tuple[tuple[int, ...], int], ...]  # (run places in tree order, target page)
    numbering: tuple[int, ...] = ()  # the tree places of the page number and progress bar


class WrittenSlides(BuildMemo):
    """`memo.get(key)` / `memo.put(key, written)` within `with memo.build(look):`; the
    parts' deflated bytes in `zipped`."""

    def __init__(self) -> None:
        super().__init__()
        self.zipped = ZippedParts()

    def get(self, key: Hashable) -> Written | None:
        return self._get(key)

    def put(self, key: Hashable, written: Written) -> None:
        self._put(key, written)

    def kept(self, kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
        """A piece of a slide kept by `kind` and key (a page number shape by its frame, a
        notes page's paragraphs by their text), made when there is none; never handed out
        to be changed (callers copy it). `hits` counts slides, so these are not counted."""
        return self.value((kind, key), make, counted=False)
