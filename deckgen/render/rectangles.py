"""Decorative rectangles (bars, rules, accent marks) as python-pptx makes them, made fast.

The first rectangle of each fill and role on a deck is made with python-pptx; the rest are
copies of its XML with their own id and box, the same bytes: made shape by shape, the three
of every slide were a quarter of the writer's time on a deck of 200 slides.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn

from ..layout.frames import ShapeFrame
from .copies import box

DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_NV_SP_PR, _C_NV_PR, _SP_PR = qn("p:nvSpPr"), qn("p:cNvPr"), qn("p:spPr")
_XFRM, _OFF, _EXT = qn("a:xfrm"), qn("a:off"), qn("a:ext")


@dataclass
class Rectangles:
    """One writer's rectangles made so far, by (fill, role)."""

    _made: dict[tuple[str, str], etree._Element] = field(default_factory=dict)

    def add(self, slide, frame: ShapeFrame) -> None:
        """`frame` as a filled, borderless, decorative rectangle on `slide`, its id the
        next one `slide.shapes` gives."""
        key = (frame.fill, frame.role)
        made = self._made.get(key)
        x, y, cx, cy = box(frame.rect)
        if made is None:
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, cx, cy)
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(frame.fill)
            shape.line.fill.background()
            shape.shadow.inherit = False
            shape.name = f"deckgen {frame.role}"
            no_text_style(shape)
            decorative(shape._element.find(_NV_SP_PR).find(_C_NV_PR))
            self._made[key] = copy.deepcopy(shape._element)
            return
        sp = copy.deepcopy(made)
        sp.find(_NV_SP_PR).find(_C_NV_PR).set("id", str(slide.shapes._next_shape_id))
        xfrm = sp.find(_SP_PR).find(_XFRM)
        xfrm.find(_OFF).attrib.update({"x": str(x), "y": str(y)})
        xfrm.find(_EXT).attrib.update({"cx": str(cx), "cy": str(cy)})
        slide.shapes._spTree.insert_element_before(sp, "p:extLst")


def no_text_style(shape) -> None:
    """Autoshapes carry a style that would colour text white; ours carry none anyway."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def decorative(c_nv_pr) -> None:
    """Mark a shape decorative (Office 2019+: bars, rules, accent marks carry no meaning),
    so screen readers skip it and the Accessibility Checker asks for no alt text."""
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", {"val": "1"}, nsmap={"adec": ADEC})
