"""The writer's half for a warm process: slides it wrote before, copied into a new deck.

`render/memo.py` keeps what was written; this copies it in (the shape tree, its
relationships in their first order so their ids match, the runs that jump to another
slide) and sets the page number and progress bar again, which change with the number of
pages. The writer (`Renderer`) takes these methods as a base class.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any

from pptx.oxml.ns import qn
from pptx.util import Emu

from ..layout.frames import PROGRESS_ROLE, Frame, Rect, ShapeFrame, TextFrame
from ..look.units import emu
from ..pictures.model import Encoded
from .memo import Written, WrittenSlides


class SlideCopies:
    """Methods of `Renderer` (which has the attributes and methods they use)."""

    pictures: Mapping[str, Encoded | str | Future]
    memo: WrittenSlides | None
    _image_parts: dict
    _jumps: list

    def _place_text(self, shape: Any, frame: TextFrame) -> None: ...
    def _image_part(self, key: str, encoded: Encoded) -> Any: ...

    def _as_written(self, slide, rels_before: set[str], jumps_before: int) -> Written:
        """The slide's shapes as just written, for the next build of a watch session."""
        tree = slide.shapes._spTree
        keys = {id(part): key for key, part in self._image_parts.items()}
        made = []
        for rid, rel in slide.part.rels.items():
            if rid in rels_before:
                continue
            target = rel.target_ref if rel.is_external else keys[id(rel.target_part)]
            made.append((rid, rel.reltype, rel.is_external, target))
        place = {id(element): i for i, element in enumerate(tree.iter())}
        jumps = tuple((tuple(place[id(run)] for run in runs), page)
                      for _, runs, page in self._jumps[jumps_before:])
        return Written(copy.deepcopy(tree), tuple(made), jumps)

    def _renumber(self, slide, written: Written, frames: tuple[Frame, ...]) -> None:
        """The copy's page number and progress bar set for this deck's number of pages."""
        tree = slide.shapes._spTree
        renumbered = [frame for frame in frames if numbering(frame)]
        for frame, place in zip(renumbered, written.numbering):
            if isinstance(frame, TextFrame):
                tree[place] = self._numbered(slide, tree[place], frame)
            else:
                shape = slide.shapes._shape_factory(tree[place])
                shape.left, shape.top, shape.width, shape.height = box(frame.rect)

    def _numbered(self, slide, element: Any, frame: TextFrame) -> Any:
        """The page number shape showing `frame`: a copy of one placed for the same frame
        (number, box, face) in this or an earlier build of the session, with this shape's
        id; placed now when there is none. A page added or taken away renumbers every
        page after it, so most numbers were shown before, on the neighbouring page."""
        def placed() -> Any:
            self._place_text(slide.shapes._shape_factory(element), frame)
            return element

        if self.memo is None:
            return placed()
        made = copy.deepcopy(self.memo.kept("page number", frame,
                                            lambda: copy.deepcopy(placed())))
        made.find(f".//{qn('p:cNvPr')}").set("id", element.find(f".//{qn('p:cNvPr')}").get("id"))
        return made

    def _remember_number(self, element: Any, frame: Frame) -> None:
        """A page number just placed, kept for a copied page that shows the same frame."""
        if self.memo is not None and isinstance(frame, TextFrame):
            self.memo.kept("page number", frame, lambda: copy.deepcopy(element))

    def _can_copy(self, written: Written) -> bool:
        """Every picture the slide shows is encoded this time too (a picture that failed
        is a placeholder: that slide is written again)."""
        for _, _, external, target in written.rels:
            if not external:
                found = self.pictures.get(target)
                if isinstance(found, Future):
                    found = found.result()
                if not isinstance(found, Encoded):
                    return False
        return True

    def _copy_in(self, slide, written: Written) -> None:
        """The remembered shapes in the new slide, their relationships made in the order
        they were first made (so with the same ids) and their jumps registered again."""
        tree = slide.shapes._spTree
        tree[:] = list(copy.deepcopy(written.tree))
        for rid, reltype, external, target in written.rels:
            if external:
                made = slide.part.relate_to(target, reltype, is_external=True)
            else:
                found = self.pictures[target]
                encoded = found.result() if isinstance(found, Future) else found
                assert isinstance(encoded, Encoded)  # `_can_copy` saw to it
                made = slide.part.relate_to(self._image_part(target, encoded), reltype)
            if made != rid:  # never expected: the copy would point at the wrong parts
                raise RuntimeError(f"slide relationship {made} made where {rid} was")
        elements = list(tree.iter())
        for places, page in written.jumps:
            self._jumps.append((slide.part, [elements[i] for i in places], page))



def box(rect: Rect) -> tuple[Emu, Emu, Emu, Emu]:
    """A placed rectangle in EMU, never of zero size (viewers drop those)."""
    return emu(rect.x), emu(rect.y), emu(max(rect.w, 1)), emu(max(rect.h, 1))


def numbering(frame: Frame) -> bool:
    """The page number and the progress bar: what changes on every page with their count."""
    return (isinstance(frame, TextFrame) and frame.role == "page") or \
        (isinstance(frame, ShapeFrame) and frame.role == PROGRESS_ROLE)
