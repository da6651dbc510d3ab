"""Slides carried from one deck into another, with everything they use, and put in order.

A user's slide is copied part by part: its XML, its pictures (shared with the new deck's
when they are the same bytes), charts, media and tags it relates to (each part copied with
its own relationships), its links, and its speaker notes (moved onto the new deck's notes
master). It takes the new deck's layout of the same name, so it keeps the look the user
gave it within the new template. Relationships that cannot travel (a jump to another slide,
comments whose authors live in the old presentation) are left out and named.
"""

from __future__ import annotations

import io
import re

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import XmlPart
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart

R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
COMMENTS = (RT.COMMENTS, "http://schemas.microsoft.com/office/2018/10/relationships/comments")
LEFT_OUT = (RT.SLIDE, *COMMENTS)
NOT_COPIED = (RT.SLIDE_LAYOUT, RT.NOTES_SLIDE, RT.NOTES_MASTER)


def layouts_by_name(presentation) -> dict[str, object]:
    found: dict[str, object] = {}
    for master in presentation.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name, layout.part)
    return found


def copy_slide(presentation, slide, layout_part) -> tuple[SlidePart, list[str]]:
    """Append a copy of `slide` (from another deck) to `presentation`; returns its part
    and what could not travel with it ("comments", "links to other slides")."""
    package = presentation.part.package
    element = parse_xml(slide.part.blob)
    part = SlidePart(package.next_partname("/ppt/slides/slide%d.xml"), slide.part.content_type,
                     package, element)
    part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    left_out = _copy_rels(slide.part, part, element, package)
    if slide.has_notes_slide:
        left_out += _copy_notes(slide.notes_slide, part, package)
    rid = presentation.part.relate_to(part, RT.SLIDE)
    presentation.slides._sldIdLst.add_sldId(rid)
    return part, left_out


def _copy_rels(source, target, element, package, skip: tuple[str, ...] = ()) -> list[str]:
    mapping: dict[str, str] = {}
    left_out: list[str] = []
    for rid, rel in source.rels.items():
        if rel.reltype in NOT_COPIED or rel.reltype in skip:
            continue
        if rel.reltype in LEFT_OUT:
            left_out.append("comments" if rel.reltype in COMMENTS else "links to other slides")
        elif rel.is_external:
            mapping[rid] = target.relate_to(rel.target_ref, rel.reltype, is_external=True)
        elif rel.reltype == RT.IMAGE:
            mapping[rid] = target.relate_to(_image_part(rel.target_part, package), RT.IMAGE)
        else:
            mapping[rid] = target.relate_to(_copy_part(rel.target_part, package), rel.reltype)
    _remap(element, mapping)
    return left_out


def _image_part(image, package):
    """The new deck's part for these picture bytes (one part per picture, as python-pptx
    keeps them), or a plain copy of a kind it does not read (SVG, EMF)."""
    try:
        return package.get_or_add_image_part(io.BytesIO(image.blob))
    except Exception:  # a format Pillow cannot identify: copy the part as it is
        return _copy_part(image, package)


def _copy_part(part, package):
    partname = package.next_partname(_template(str(part.partname)))
    if not part.content_type.endswith("xml"):
        from pptx.opc.package import Part

        return Part(partname, part.content_type, package, part.blob)
    element = parse_xml(part.blob)
    copied = XmlPart(partname, part.content_type, package, element)
    _copy_rels(part, copied, element, package)
    return copied


def _template(partname: str) -> str:
    """`/ppt/charts/chart3.xml` → `/ppt/charts/chart%d.xml` (a name python-pptx numbers)."""
    folder, _, name = partname.rpartition("/")
    stem, dot, ext = name.partition(".")
    stem = re.sub(r"\d+$", "", stem.replace("%", "")) or "part"
    return f"{folder}/{stem}%d{dot}{ext}"


def _copy_notes(notes, part, package) -> list[str]:
    """The notes page made on the new deck's notes master, its shapes the user's."""
    made = part.notes_slide  # creates the notes part from the new deck's notes master
    old_tree = parse_xml(notes.part.blob).find(qn("p:cSld"))
    new_root = made._element
    new_tree = new_root.find(qn("p:cSld"))
    new_root.replace(new_tree, old_tree)
    return _copy_rels(notes.part, made.part, old_tree, package, skip=(RT.SLIDE,))


def _remap(element, mapping: dict[str, str]) -> None:
    """Point every relationship id at the copy; one that did not travel is removed."""
    for node in element.iter():
        for name in [a for a in node.attrib if a.startswith(R_NS)]:
            value = node.get(name)
            if value in mapping:
                node.set(name, mapping[value])
            else:
                del node.attrib[name]


def arrange(presentation, order: list[SlidePart], hidden: set[SlidePart]) -> None:
    """Make the deck exactly `order` (every other slide removed), hiding those in `hidden`."""
    listed = presentation.slides._sldIdLst
    by_part = {presentation.part.related_part(s.rId): s for s in listed}
    for sld_id in list(listed):
        listed.remove(sld_id)
    for part in order:
        listed.append(by_part.pop(part))
        if part in hidden:
            part._element.set("show", "0")
    for sld_id in by_part.values():
        presentation.part.drop_rel(sld_id.rId)
