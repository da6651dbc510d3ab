"""The presentation a deck is written into: our built-in 16:9 template, or the user's own.

The built-in template is python-pptx's default, widened to 16:9, with the theme's fonts
(Latin, East Asian and the Hangul script slot) and colours written into its theme part and
master text styles, so even text a user adds later in PowerPoint comes out in BM JUA. A
user's template was read before layout (`look.template`); here its bytes are opened again to
add slides to. Slides are made from the layouts the look chose by name, as pandoc's pptx
writer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationPart
from pptx.slide import SlideLayout
from pptx.util import Emu

from ..look.model import Look
from ..look.template import layouts_by_name, open_presentation, parse_xml, theme_part
from ..look.units import EMU_PER_PT
from ..theme import Theme

WIDE = (960 * EMU_PER_PT, 540 * EMU_PER_PT)


@dataclass
class Base:
    """A presentation to add slides to, and its layouts by lower-case name."""

    presentation: PresentationPart
    layouts: dict[str, SlideLayout]
    user_template: bool = False


def base_for(look: Look) -> Base:
    """The presentation the look names: the user's template, else the built-in one."""
    if look.template is None:
        return built_in(look.theme)
    prs, layouts, _ = open_presentation(look.template, Path(look.template_path))
    return Base(prs, layouts, user_template=True)


def built_in(theme: Theme) -> Base:
    prs = Presentation()
    _widen(prs)
    _write_theme(prs, theme)
    _write_master_styles(prs, theme)
    return Base(prs, layouts_by_name(prs))


# -- the built-in template ------------------------------------------------------------

def _widen(prs: PresentationPart) -> None:
    """4:3 to 16:9: stretch every master and layout shape horizontally."""
    old_width = int(prs.slide_width or WIDE[0])
    prs.slide_width, prs.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    factor = WIDE[0] / old_width
    parts = [prs.slide_master, *prs.slide_master.slide_layouts]
    for part in parts:
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _write_theme(prs: PresentationPart, theme: Theme) -> None:
    part = theme_part(prs)
    root = parse_xml(part.blob)
    elements = root.find(qn("a:themeElements"))
    root.set("name", f"deckgen {theme.name}")
    colours = elements.find(qn("a:clrScheme"))
    colours.set("name", f"deckgen {theme.name}")
    c = theme.colors
    palette = {
        "dk1": c.text, "lt1": c.background, "dk2": c.dark2, "lt2": c.table_header,
        "accent1": c.accent, "accent2": c.accent2, "accent3": c.accent3, "accent4": c.accent4,
        "accent5": c.accent5, "accent6": c.accent6, "hlink": c.link, "folHlink": c.followed_link,
    }
    for slot, value in palette.items():
        holder = colours.find(qn(f"a:{slot}"))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr"), val=value)
    fonts = elements.find(qn("a:fontScheme"))
    fonts.set("name", f"deckgen {theme.name}")
    for tag, face in (("a:majorFont", theme.heading), ("a:minorFont", theme.body)):
        holder = fonts.find(qn(tag))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:latin"), typeface=face.name)
        etree.SubElement(holder, qn("a:ea"), typeface=face.name)
        etree.SubElement(holder, qn("a:cs"), typeface=face.name)
        etree.SubElement(holder, qn("a:font"), script="Hang", typeface=face.name)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_master_styles(prs: PresentationPart, theme: Theme) -> None:
    """Default sizes and colours for text added later by hand, in the theme's look."""
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    if title is not None:
        title.set("algn", "l")
        _set_default_run(title, round(theme.sizes.title * 100), "+mj-lt", "+mj-ea")
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 10):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is not None:
            size = theme.sizes.body if level == 1 else max(theme.sizes.body_min, theme.sizes.body - 4)
            _set_default_run(ppr, round(size * 100), "+mn-lt", "+mn-ea")


def _set_default_run(ppr: etree._Element, size: int, latin: str, east_asian: str) -> None:
    default = ppr.find(qn("a:defRPr"))
    if default is None:
        default = etree.SubElement(ppr, qn("a:defRPr"))
    default.set("sz", str(size))
    for child in list(default):
        if child.tag in (qn("a:latin"), qn("a:ea"), qn("a:cs")):
            default.remove(child)
    fill = default.find(qn("a:solidFill"))
    if fill is None:
        fill = etree.SubElement(default, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr"), val="tx1")
    else:
        for child in list(fill):
            fill.remove(child)
        etree.SubElement(fill, qn("a:schemeClr"), val="tx1")
    for tag, value in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin.replace("lt", "cs"))):
        etree.SubElement(default, qn(tag), typeface=value)
