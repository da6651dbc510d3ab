"""Laying a slide's PDF page onto a handout page so that what makes it readable comes along:
its links stay clickable (moved and scaled with the slide, a jump to another slide going to
the handout page that shows it), and its tagged text joins the handout's structure tree.

LibreOffice tags each page's content with marked-content ids (MCIDs) that its structure
elements point at. The slide's ids are shifted past the handout page's own, and for each
slide element a copy that points at the handout page is added to the tree, so the handout's
tags stay right and the slide's text is read where the slide stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, IndirectObject,
                           NameObject, NullObject, NumberObject, StreamObject)

MCID = re.compile(rb"/MCID\s+(\d+)")


def lay_slide(writer: PdfWriter, page: PageObject, slide: PageObject, slides: PdfReader,
              move: Transformation, offset: int) -> int:
    """Draw `slide` on `page` through `move`, its MCIDs shifted by `offset`; returns how
    many MCIDs the slide used (the next slide on the page starts after them)."""
    content = slide.get_contents()
    data = content.get_data() if content is not None else b""
    used = max((int(m.group(1)) + 1 for m in MCID.finditer(data)), default=0)
    if used and offset:
        shifted = MCID.sub(lambda m: b"/MCID %d" % (int(m.group(1)) + offset), data)
        stream = StreamObject()
        stream.set_data(shifted)
        copy = PageObject.create_blank_page(width=slide.mediabox.width,
                                            height=slide.mediabox.height)
        copy[NameObject("/Resources")] = slide["/Resources"]
        copy[NameObject("/Contents")] = writer._add_object(stream)
        slide = copy
    page.merge_transformed_page(slide, move)
    return used


def graft_tags(writer: PdfWriter, page: PageObject, slide: PageObject, slides: PdfReader,
               offset: int) -> list[IndirectObject]:
    """Copies of the slide's structure elements pointing at `page` (MCIDs shifted), entered
    in the page's parent-tree array; returns them in MCID order to be put in the tree."""
    tree = _parent_tree(slides.trailer["/Root"])
    owners = tree.get(slide.get("/StructParents", -1), [])
    target = _page_array(writer, page)
    made: dict[int, IndirectObject] = {}
    out: list[IndirectObject] = []
    parent = _document(writer)
    for mcid, owner in enumerate(owners):
        if isinstance(owner, NullObject) or owner is None:
            continue
        element = owner.get_object()
        key = id(element)
        if key not in made:
            copy = DictionaryObject({
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): _role(element),
                NameObject("/P"): parent,
                NameObject("/Pg"): page.indirect_reference,
                NameObject("/K"): ArrayObject()})
            for name in ("/Alt", "/ActualText", "/Lang"):
                if name in element:
                    copy[NameObject(name)] = element[name].clone(writer)
            made[key] = writer._add_object(copy)
            out.append(made[key])
        kids = cast(ArrayObject, cast(DictionaryObject, made[key].get_object())["/K"])
        kids.append(NumberObject(mcid + offset))
        while len(target) <= mcid + offset:
            target.append(NullObject())
        target[mcid + offset] = made[key]
    return out


def place_tags(writer: PdfWriter, page_number: int, elements: list[IndirectObject]) -> None:
    """Put a page's slide elements into the tree's reading order: after the page's header
    (its first element), before the notes beside the slide."""
    if not elements:
        return
    kids = cast(ArrayObject, cast(DictionaryObject, _document(writer).get_object())["/K"])
    owned = {id(e.get_object()) for e in _page_array(writer, writer.pages[page_number])
             if not isinstance(e, NullObject)}
    at = next((i + 1 for i, kid in enumerate(kids) if _holds(kid, owned)), len(kids))
    for element in reversed(elements):
        kids.insert(at, element)


def _holds(kid, owned: set[int]) -> bool:
    element = kid.get_object()
    if id(element) in owned:
        return True
    inner = element.get("/K") if isinstance(element, DictionaryObject) else None
    inner = inner.get_object() if inner is not None else None
    items = inner if isinstance(inner, list) else [inner]
    return any(isinstance(i, IndirectObject) and _holds(i, owned) for i in items)


def _role(element: DictionaryObject) -> NameObject:
    """The element's role; a paragraph inside a heading reads as the heading."""
    role = element.get("/S", NameObject("/P"))
    parent = element.get("/P")
    parent_role = parent.get_object().get("/S") if parent is not None else None
    if role == "/P" and parent_role is not None and str(parent_role).startswith("/H"):
        return NameObject(parent_role)
    return NameObject(role)


def _parent_tree(root) -> dict[int, list]:
    tree = root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree.get_object():
        return {}
    nums = tree.get_object()["/ParentTree"].get_object().get("/Nums", [])
    return {int(nums[i]): list(nums[i + 1].get_object()) for i in range(0, len(nums) - 1, 2)}


def _page_array(writer: PdfWriter, page: PageObject) -> ArrayObject:
    """The handout page's parent-tree array (MCID → element), made if the page has none."""
    tree = cast(DictionaryObject, writer.root_object["/StructTreeRoot"].get_object())
    nums = cast(ArrayObject, cast(DictionaryObject, tree["/ParentTree"].get_object())["/Nums"])
    key = page.get("/StructParents")
    if key is None:
        key = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
        page[NameObject("/StructParents")] = NumberObject(key)
    for i in range(0, len(nums) - 1, 2):
        if int(nums[i]) == int(key):
            return nums[i + 1].get_object()
    array = ArrayObject()
    nums.extend([NumberObject(key), writer._add_object(array)])
    return array


def _document(writer: PdfWriter) -> IndirectObject:
    """The element the slide elements hang under: the tree root itself (LibreOffice puts
    its elements directly under it)."""
    return writer.root_object.raw_get("/StructTreeRoot")


def carry_links(writer: PdfWriter, page: PageObject, slide: PageObject, slides: PdfReader,
                move: Transformation, page_of_slide: Mapping[int, int]) -> int:
    """The slide's link annotations on `page`, their rectangles moved with the slide; a
    jump to another slide goes to the handout page showing it. Returns how many."""
    count = 0
    for annot in slide.get("/Annots", []) or []:
        annot = annot.get_object()
        if annot.get("/Subtype") != "/Link":
            continue
        link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                 NameObject("/Subtype"): NameObject("/Link"),
                                 NameObject("/Rect"): _moved(annot["/Rect"], move),
                                 NameObject("/Border"): ArrayObject([NumberObject(0)] * 3)})
        if "/Contents" in annot:
            link[NameObject("/Contents")] = annot["/Contents"].clone(writer)
        action = annot.get("/A")
        target = _target_slide(annot, slides)
        if target is not None:
            if target not in page_of_slide:
                continue
            link[NameObject("/Dest")] = ArrayObject([
                writer.pages[page_of_slide[target]].indirect_reference, NameObject("/Fit")])
        elif action is not None:
            link[NameObject("/A")] = action.get_object().clone(writer)
        else:
            continue
        writer.add_annotation(page, link)
        count += 1
    return count


def _moved(rect, move: Transformation) -> ArrayObject:
    x0, y0 = move.apply_on((float(rect[0]), float(rect[1])))
    x1, y1 = move.apply_on((float(rect[2]), float(rect[3])))
    return ArrayObject([FloatObject(min(x0, x1)), FloatObject(min(y0, y1)),
                        FloatObject(max(x0, x1)), FloatObject(max(y0, y1))])


def _target_slide(annot, slides: PdfReader) -> int | None:
    """The slide (0-based) an internal link jumps to, or None for a link out."""
    dest = annot.get("/Dest")
    action = annot.get("/A")
    if dest is None and action is not None and action.get_object().get("/S") == "/GoTo":
        dest = action.get_object().get("/D")
    if dest is None:
        return None
    dest = dest.get_object()
    if not isinstance(dest, list):  # a named destination
        named = slides.named_destinations.get(str(dest))
        return slides.get_destination_page_number(named) if named is not None else None
    refs = {page.indirect_reference.idnum: i for i, page in enumerate(slides.pages)
            if page.indirect_reference is not None}
    first = dest[0]
    return refs.get(first.idnum) if isinstance(first, IndirectObject) else None
