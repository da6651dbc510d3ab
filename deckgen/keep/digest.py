"""What a slide shows, read semantically: the same value before and after a viewer's save.

PowerPoint, Keynote and LibreOffice rewrite a deck's XML when they save it without any edit:
LibreOffice renumbers shape ids, turns text boxes into shapes with text, writes its own
field text for the page number and snaps every position to 1/100 mm (up to ~700 EMU off).
So a slide is read as what a person sees: each shape's kind, its text (paragraphs with
their whitespace collapsed, fields left out) or its picture (by content hash), its box in
whole points, and the speaker notes. Two readings are the same slide when kinds and
contents agree and every box is within `BOX_TOLERANCE_PT`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..look.units import EMU_PER_PT
from ..render.images import StoredImagePart
from .memo import StampMemo

BOX_TOLERANCE_PT = 1  # a viewer's snapping moves a box by far less; a person's move by more
HASH_CHARS = 8
_P, _R, _T, _BR = qn("a:p"), qn("a:r"), qn("a:t"), qn("a:br")
_XFRMS = (qn("a:xfrm"), qn("p:xfrm"))
_OFF, _EXT, _BLIP, _EMBED = qn("a:off"), qn("a:ext"), qn("a:blip"), qn("r:embed")
_TABLE, _CELL, _BODY = qn("a:tbl"), qn("a:tc"), qn("p:txBody")
_RPR, _SOLID, _SRGB = qn("a:rPr"), qn("a:solidFill"), qn("a:srgbClr")
_SP, _PH, _CSLD, _SPTREE = qn("p:sp"), qn("p:ph"), qn("p:cSld"), qn("p:spTree")


@dataclass(frozen=True)
class ShapeMark:
    """One shape as seen: its kind ("text", "picture", "table", "group", "line", "shape",
    "frame"), a short hash of its content, and its box (x, y, w, h) in whole points."""

    kind: str
    content: str
    box: tuple[int, int, int, int]

    def same(self, other: ShapeMark) -> bool:
        return (self.kind == other.kind and self.content == other.content
                and all(abs(a - b) <= BOX_TOLERANCE_PT for a, b in zip(self.box, other.box)))


@dataclass(frozen=True)
class SlideMark:
    """A slide as seen: its shapes in z-order, a hash of its notes, whether it is hidden."""

    shapes: tuple[ShapeMark, ...]
    notes: str
    hidden: bool = False

    def same(self, other: SlideMark) -> bool:
        return (self.notes == other.notes and self.hidden == other.hidden
                and len(self.shapes) == len(other.shapes)
                and all(a.same(b) for a, b in zip(self.shapes, other.shapes)))

    def likeness(self, other: SlideMark) -> float:
        """How much of what `self` shows is still in `other` (0–1): the share of its shapes
        with content (text, picture, table) found there with the same content, the notes
        counting as one more. Decorations every page has do not count. A retitled slide
        keeps most of it; a slide the user made keeps none."""
        left = [(o.kind, o.content) for o in other.shapes if o.content]
        mine = [(m.kind, m.content) for m in self.shapes if m.content]
        found = 0
        for shape in mine:
            if shape in left:
                found += 1
                left.remove(shape)
        if self.notes:
            found += self.notes == other.notes
        total = len(mine) + bool(self.notes)
        return found / total if total else 0.0

    @property
    def pictures(self) -> tuple[str, ...]:
        return tuple(shape.content for shape in self.shapes if shape.kind == "picture")


def short_hash(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def slide_mark(slide, memo: StampMemo | None = None) -> SlideMark:
    """Read a python-pptx slide as it is seen; with `memo`, a slide read before (the same
    XML, the same pictures) is not read again."""
    if memo is None:
        shapes = _shape_marks(slide)
    else:
        key = ("slide", etree.tostring(slide._element), _related(slide.part))
        shapes = memo.value(key, lambda: _shape_marks(slide))
    body = _notes_body(slide.part)
    notes = _text_hash(body, looks=False) if body is not None else ""
    return SlideMark(shapes, notes, slide._element.get("show") in ("0", "false"))


def _shape_marks(slide) -> tuple[ShapeMark, ...]:
    return tuple(_shape_mark(element, slide.part)
                 for element in slide.shapes._spTree.iterchildren() if _is_shape(element))


def _related(part) -> tuple[tuple[str, str], ...]:
    """What a slide's relationships point at, pictures by their content (a reading depends
    on those, not on the part names)."""
    return tuple((rid, rel.target_ref if rel.is_external else
                  _part_hash(rel.target_part) if rel.reltype == RT.IMAGE else
                  str(rel.target_part.partname))
                 for rid, rel in part.rels.items())


def _notes_body(part):
    """The text body of the slide's notes placeholder (python-pptx's `notes_text_frame`),
    found without making the notes slide's objects; None when there is none."""
    notes = next((rel.target_part for rel in part.rels.values()
                  if rel.reltype == RT.NOTES_SLIDE and not rel.is_external), None)
    if notes is None:
        return None
    tree = notes._element.find(_CSLD)
    tree = tree.find(_SPTREE) if tree is not None else None
    for shape in tree.iterchildren(_SP) if tree is not None else ():
        placeholder = next(shape.iter(_PH), None)
        if placeholder is not None and placeholder.get("type") == "body":
            return shape.find(_BODY)
    return None


_SHAPE_TAGS = {qn("p:sp"): "shape", qn("p:pic"): "picture", qn("p:graphicFrame"): "frame",
               qn("p:grpSp"): "group", qn("p:cxnSp"): "line", qn("p:contentPart"): "frame"}


def _is_shape(element) -> bool:
    return element.tag in _SHAPE_TAGS


def _shape_mark(element, part) -> ShapeMark:
    kind = _SHAPE_TAGS[element.tag]
    box = _box(element)
    if kind == "picture":
        return ShapeMark(kind, _picture_hash(element, part), box)
    if kind == "group":
        inner = [_shape_mark(child, part) for child in element.iterchildren() if _is_shape(child)]
        return ShapeMark(kind, short_hash("|".join(f"{m.kind}:{m.content}" for m in inner)), box)
    if kind == "frame" and next(element.iter(_TABLE), None) is not None:
        cells = element.iter(_CELL)
        return ShapeMark("table", short_hash("\t".join(_paragraphs(c) for c in cells)), box)
    body = element.find(_BODY)
    if kind == "shape" and body is not None and _paragraphs(body):
        return ShapeMark("text", _text_hash(body), box)
    return ShapeMark(kind, "", box)


def _box(element) -> tuple[int, int, int, int]:
    """The shape's own offset and extent in whole points (0s when it inherits them)."""
    xfrm = next(element.iter(*_XFRMS), None)
    if xfrm is None:
        return (0, 0, 0, 0)
    off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
    values = [int(node.get(name, "0")) for node, names in ((off, "xy"), (ext, ("cx", "cy")))
              if node is not None for name in names]
    values += [0] * (4 - len(values))
    return (_pt(values[0]), _pt(values[1]), _pt(values[2]), _pt(values[3]))


def _pt(emu: int) -> int:
    return round(emu / EMU_PER_PT)


def _paragraphs(body, looks: bool = True) -> str:
    """Each paragraph's text, whitespace collapsed, fields and empty paragraphs left out;
    where the look of the text (bold, italic, colour) changes, a mark of it (viewers
    split and join runs freely, so runs themselves do not count)."""
    lines = []
    for para in body.iter(_P):
        pieces, look = [], ""
        for child in para.iterchildren():
            if child.tag == _R:
                text = child.findtext(_T) or ""
                if looks and text.strip() and _run_look(child) != look:
                    look = _run_look(child)
                    pieces.append(f"\x1e{look}\x1e")
                pieces.append(text)
            elif child.tag == _BR:
                pieces.append(" ")
        line = " ".join("".join(pieces).split())
        if line.replace("\x1e", "").strip():
            lines.append(line)
    return "\n".join(lines)


def _run_look(run) -> str:
    """A run's bold, italic and colour, as it is written (LibreOffice writes what was
    inherited explicitly, so what deckgen leaves unset reads as its default). Not its size:
    LibreOffice rounds a fitted 17.61 pt to 17.6 and 15.24 pt to 15.3."""
    props = run.find(_RPR)
    if props is None:
        return ""
    fill = props.find(_SOLID)
    colour = next(fill.iter(_SRGB), None) if fill is not None else None
    return "\x1f".join((str(int(props.get("b", "0") in ("1", "true"))),
                        str(int(props.get("i", "0") in ("1", "true"))),
                        colour.get("val", "").upper() if colour is not None else "", ""))


def _text_hash(body, looks: bool = True) -> str:
    text = _paragraphs(body, looks)
    return short_hash(text) if text else ""


def _picture_hash(element, part) -> str:
    blip = next(element.iter(_BLIP), None)
    rid = blip.get(_EMBED) if blip is not None else None
    if not rid or rid not in part.rels:
        return ""
    rel = part.rels[rid]
    if rel.is_external:
        return ""
    return _part_hash(rel.target_part)


def _part_hash(image) -> str:
    if isinstance(image, StoredImagePart):  # its digest is known: no need to read it again
        return image.sha256.hex()[:HASH_CHARS]
    return short_hash(image.blob)

