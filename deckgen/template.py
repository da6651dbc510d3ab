"""The presentation a deck starts from: our built-in 16:9 template, or the user's own.

The built-in template is python-pptx's default, widened to 16:9, with the theme's fonts
(Latin, East Asian and the Hangul script slot) and colours written into its theme part and
master text styles, so even text a user adds later in PowerPoint comes out in BM JUA.
Slides are made from layouts picked by name, as pandoc's pptx writer does.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout

from .errors import BuildWarning, DeckgenError
from .talk import BLANK, LAYOUT_NAMES, TITLE_ONLY
from .theme import Theme

EMU_PER_PT = 12700
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WIDE = (960 * EMU_PER_PT, 540 * EMU_PER_PT)
POTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


@dataclass
class Base:
    """A presentation to add slides to, and its layouts by name."""

    presentation: Presentation
    layouts: dict[str, SlideLayout]
    user_template: bool = False


def built_in(theme: Theme) -> Base:
    prs = Presentation()
    _widen(prs)
    _write_theme(prs, theme)
    _write_master_styles(prs, theme)
    return Base(prs, _layouts_by_name(prs))


def from_template(path: Path) -> Base:
    """A user's .pptx or .potx; its own slides are removed, its masters and layouts kept."""
    if not path.is_file():
        raise DeckgenError("template not found", str(path))
    try:
        prs = _open_template(path)
    except Exception as exc:  # python-pptx raises many kinds for a bad package
        raise DeckgenError(f"cannot open template ({type(exc).__name__})", str(path)) from None
    _drop_slides(prs)
    return Base(prs, _layouts_by_name(prs), user_template=True)


def _open_template(path: Path) -> Presentation:
    if path.suffix.lower() != ".potx":
        return Presentation(str(path))
    # A .potx differs from a .pptx only in its main part's content type.
    import io
    import zipfile

    source = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(POTX_TYPE.encode(), PPTX_TYPE.encode())
            zout.writestr(item, data)
    source.seek(0)
    return Presentation(source)


def _drop_slides(prs: Presentation) -> None:
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _layouts_by_name(prs: Presentation) -> dict[str, SlideLayout]:
    found: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip().lower(), layout)
    return found


def pick_layout(base: Base, name: str, warned: set[str]) -> tuple[SlideLayout, BuildWarning | None]:
    """The layout called `name`; missing ones fall back to Title Only, then Blank, then any."""
    layout = base.layouts.get(name.lower())
    if layout is not None:
        return layout, None
    for fallback in (TITLE_ONLY, BLANK):
        if fallback.lower() in base.layouts:
            layout = base.layouts[fallback.lower()]
            break
    else:
        layout = next(iter(base.layouts.values()))
    warning = None
    if name not in warned:
        warned.add(name)
        warning = BuildWarning(f"template has no layout named '{name}'; using "
                               f"'{layout.name}' for those slides")
    return layout, warning


def known_layouts() -> tuple[str, ...]:
    return LAYOUT_NAMES


# -- the built-in template ------------------------------------------------------------

def _widen(prs: Presentation) -> None:
    """4:3 to 16:9: stretch every master and layout shape horizontally."""
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    factor = WIDE[0] / old_width
    parts = [prs.slide_master, *prs.slide_master.slide_layouts]
    for part in parts:
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _theme_part(prs: Presentation):
    return prs.slide_master.part.part_related_by(RT.THEME)


def _write_theme(prs: Presentation, theme: Theme) -> None:
    part = _theme_part(prs)
    root = etree.fromstring(part.blob)
    elements = root.find(qn("a:themeElements"))
    root.set("name", f"deckgen {theme.name}")
    colours = elements.find(qn("a:clrScheme"))
    colours.set("name", f"deckgen {theme.name}")
    palette = {
        "dk1": theme.colors.text, "lt1": theme.colors.background, "dk2": "343A40",
        "lt2": theme.colors.table_header, "accent1": theme.colors.accent, "accent2": "1971C2",
        "accent3": "2B8A3E", "accent4": "E8590C", "accent5": "7048E8", "accent6": "0C8599",
        "hlink": theme.colors.link, "folHlink": "862E9C",
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


def _write_master_styles(prs: Presentation, theme: Theme) -> None:
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


def clone(element: etree._Element) -> etree._Element:
    return copy.deepcopy(element)
