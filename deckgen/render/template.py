"""The presentation a deck starts from: our built-in 16:9 template, or the user's own.

The built-in template is python-pptx's default, widened to 16:9, with the theme's fonts
(Latin, East Asian and the Hangul script slot) and colours written into its theme part and
master text styles, so even text a user adds later in PowerPoint comes out in BM JUA.
Slides are made from layouts picked by name, as pandoc's pptx writer does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.presentation import Presentation as PresentationPart
from pptx.util import Emu
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout

from ..errors import BuildWarning, DeckgenError
from ..plan.talk import BLANK, TITLE_ONLY
from ..theme import NANUM_GOTHIC, Face, Theme

from .units import EMU_PER_PT
# The same layouts under the names LibreOffice Impress gives them when it saves a .pptx.
SAME_LAYOUT = {
    "Title and Content": ("Title, Content",),
    "Two Content": ("Title, 2 Content",),
    "Blank": ("Blank Slide",),
}
# When a template lacks a layout, the nearest one it has, before Title Only.
CLOSE_LAYOUTS = {
    "Section Header": ("Title Slide",),
    "Comparison": ("Two Content", "Title, 2 Content"),
    "Picture with Caption": ("Title Only",),
    "Two Content": ("Title and Content", "Title, Content"),
}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WIDE = (960 * EMU_PER_PT, 540 * EMU_PER_PT)
VIEW_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"
PRES_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml"
_P_NS = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
VIEW_PROPS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:viewPr {_P_NS}>'
              '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>').encode()
PRES_PROPS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<p:presentationPr {_P_NS}/>').encode()
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024  # unpacked; real templates are a few MB
MAX_TEMPLATE_MEMBERS = 5000
MAX_RATIO = 100  # deflate rarely beats 100:1 on real parts; bombs reach 1000:1
MIN_SLIDE_EMU, MAX_SLIDE_EMU = 914400, 51206400  # 1 inch to 56 inches, as PowerPoint allows
POTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


@dataclass
class Base:
    """A presentation to add slides to, and its layouts by name."""

    presentation: PresentationPart
    layouts: dict[str, SlideLayout]
    user_template: bool = False
    warnings: list[BuildWarning] = field(default_factory=list)  # from checking a user's template


def built_in(theme: Theme) -> Base:
    prs = Presentation()
    _widen(prs)
    _write_theme(prs, theme)
    _write_master_styles(prs, theme)
    return Base(prs, _layouts_by_name(prs))


def from_template(path: Path) -> Base:
    """A user's .pptx or .potx; its own slides are removed, its masters and layouts kept.

    Checked before python-pptx reads it (a zip bomb would take gigabytes) and after (no
    layouts, no theme, a broken part or slide size): any problem is one line, never a deck
    that does not reopen."""
    try:
        found = path.is_file()
    except (OSError, ValueError):
        found = False
    if not found:
        raise DeckgenError("template not found", str(path))
    check_template_zip(path)
    try:
        prs = _open_template(path)
    except DeckgenError:
        raise
    except Exception as exc:  # python-pptx raises many kinds for a bad package
        raise DeckgenError(f"cannot open template ({type(exc).__name__})", str(path)) from None
    try:
        _check_usable(prs)
        _drop_slides(prs)
        warnings = _drop_external_relationships(prs)
        _ensure_part(prs, RT.VIEW_PROPS, "/ppt/viewProps.xml", VIEW_PROPS_TYPE, VIEW_PROPS)
        _ensure_part(prs, RT.PRES_PROPS, "/ppt/presProps.xml", PRES_PROPS_TYPE, PRES_PROPS)
        layouts = _layouts_by_name(prs)
    except TemplateProblem as exc:
        raise DeckgenError(f"cannot use template {path.name}: {exc}", str(path)) from None
    except Exception as exc:
        raise DeckgenError(f"cannot use template {path.name}: a part is damaged "
                           f"({type(exc).__name__})", str(path)) from None
    return Base(prs, layouts, user_template=True, warnings=warnings)


class TemplateProblem(Exception):
    """Why a template that opened cannot be used; said in one line."""


def check_template_zip(path: Path) -> None:
    """Refuse zip bombs before anything decompresses: total size, member count, ratio."""
    import zipfile

    shown = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DeckgenError("cannot open template (not a .pptx/.potx file)", shown) from None
    if len(members) > MAX_TEMPLATE_MEMBERS:
        raise DeckgenError(f"cannot use template {path.name}: {len(members)} parts (a template "
                           f"has at most {MAX_TEMPLATE_MEMBERS})", shown)
    total = sum(item.file_size for item in members)
    if total > MAX_TEMPLATE_BYTES:
        raise DeckgenError(f"cannot use template {path.name}: {total // (1024 * 1024)} MB "
                           f"unpacked (the limit is {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB)",
                           shown)
    for item in members:
        if item.file_size > 1024 * 1024 and item.file_size > MAX_RATIO * max(1, item.compress_size):
            raise DeckgenError(f"cannot use template {path.name}: part {item.filename[:60]} "
                               f"unpacks {item.file_size // max(1, item.compress_size)} times "
                               "its size (a zip bomb?)", shown)


def _check_usable(prs: PresentationPart) -> None:
    """What python-pptx opens but a deck cannot be made from (or would not reopen)."""
    size = prs.part._element.find(qn("p:sldSz"))
    if size is None:
        raise TemplateProblem("it has no slide size (p:sldSz)")
    try:
        width, height = int(size.get("cx", "0")), int(size.get("cy", "0"))
    except ValueError:
        raise TemplateProblem("its slide size is not a number") from None
    if not (MIN_SLIDE_EMU <= width <= MAX_SLIDE_EMU and MIN_SLIDE_EMU <= height <= MAX_SLIDE_EMU):
        raise TemplateProblem(f"its slide size {width}×{height} EMU is not usable")
    masters = list(prs.slide_masters)
    if not masters:
        raise TemplateProblem("it has no slide master")
    layouts = [layout for master in masters for layout in master.slide_layouts]
    if not layouts:
        raise TemplateProblem("it has no slide layouts")
    for part in (*masters, *layouts):
        _ = part.name  # parses the part: an undeclared entity or truncated XML fails here
    for master in masters:
        try:
            theme = master.part.part_related_by(RT.THEME)
        except KeyError:
            raise TemplateProblem("its slide master has no theme part") from None
        try:
            root = parse_xml(theme.blob)
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"its theme XML is damaged ({_first_line(exc)})") from None
        if root.find(qn("a:themeElements")) is None:
            raise TemplateProblem("its theme has no theme elements")


def _drop_external_relationships(prs: PresentationPart) -> list[BuildWarning]:
    """Links from masters and layouts to files elsewhere (a picture on a server or a disk)
    would make every viewer fetch them: dropped, with one warning."""
    dropped = 0
    for master in prs.slide_masters:
        for part in (master.part, *(layout.part for layout in master.slide_layouts)):
            for rid, rel in list(part.rels.items()):
                if rel.is_external:
                    part.rels.pop(rid)
                    _unreference(part._element, rid)
                    dropped += 1
    if not dropped:
        return []
    return [BuildWarning(f"template links to {dropped} outside file(s) from its masters or "
                         "layouts; those links were dropped")]


def _unreference(root: etree._Element, rid: str) -> None:
    """Remove attributes naming a dropped relationship, so nothing points at nothing."""
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if value == rid and name.startswith(f"{{{R_NS}}}"):
                del element.attrib[name]


def parse_xml(blob: bytes) -> etree._Element:
    """Template XML without entity resolution, DTDs or network access, whatever lxml's defaults."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=False)
    return etree.fromstring(blob, parser)


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]


def _ensure_part(prs: PresentationPart, reltype: str, name: str, content_type: str, xml: bytes) -> None:
    """Templates saved by other tools may lack parts PowerPoint insists on (viewProps):
    without them it offers to repair the deck. Add a minimal one."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    part = prs.part
    if any(rel.reltype == reltype for rel in part.rels.values()):
        return
    part.relate_to(Part(PackURI(name), content_type, part.package, xml), reltype)


def _open_template(path: Path) -> PresentationPart:
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


def _drop_slides(prs: PresentationPart) -> None:
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _layouts_by_name(prs: PresentationPart) -> dict[str, SlideLayout]:
    found: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip().lower(), layout)
    return found


def pick_layout(base: Base, name: str, warned: set[str]) -> tuple[SlideLayout, BuildWarning | None]:
    """The layout called `name` (or what LibreOffice calls it); missing ones fall back to a
    close relative, then Title Only, then Blank, with one warning per missing name."""
    for candidate in (name, *SAME_LAYOUT.get(name, ())):
        layout = base.layouts.get(candidate.lower())
        if layout is not None:
            return layout, None
    for fallback in (*CLOSE_LAYOUTS.get(name, ()), TITLE_ONLY, "Title Only", BLANK, "Blank Slide"):
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


# -- a user's template as a theme and a geometry ------------------------------------------

def theme_from_template(base: Base, ours: Theme, warnings: list[BuildWarning] | None = None
                        ) -> Theme:
    """The template's own fonts and colours, our sizes; its Hangul font where it names one.

    A template font that cannot draw what it is named for (a Latin-only East Asian font,
    as LibreOffice Impress writes DejaVu Sans there) is replaced by our theme's face for
    that script, with one warning naming it: viewers would otherwise fall back to whatever
    they have, or show boxes."""
    root = parse_xml(_theme_part(base.presentation).blob)
    fonts = root.find(f".//{{{A_NS}}}fontScheme")
    colours = root.find(f".//{{{A_NS}}}clrScheme")
    lacking: dict[str, str] = {}
    heading = _face(fonts.find(qn("a:majorFont")) if fonts is not None else None, ours.heading,
                    lacking)
    body = _face(fonts.find(qn("a:minorFont")) if fonts is not None else None, ours.body, lacking)
    palette = replace(ours.colors,
                      text=_colour(colours, "dk1", ours.colors.text),
                      background=_colour(colours, "lt1", ours.colors.background),
                      accent=_colour(colours, "accent1", ours.colors.accent),
                      link=_colour(colours, "hlink", ours.colors.link))
    fallbacks = ours.fallbacks
    if "Hangul" in lacking.values():
        fallbacks = (ours.body, *(f for f in fallbacks if f is not ours.body))
    for font, script in lacking.items():
        if warnings is not None:
            instead = ours.body.name
            warnings.append(BuildWarning(f"template font '{font}' has no {script} glyphs; "
                                         f"{script} text is set in '{instead}'"))
    return replace(ours, name=f"template ({ours.name} sizes)", heading=heading, body=body,
                   colors=palette, progress_bar=False, heading_bold=False, fallbacks=fallbacks)


def _face(holder, default: Face, lacking: dict[str, str]) -> Face:
    """Our Face for a theme's major or minor font. Each slot's font is checked against the
    script it is for; one that cannot draw it is noted in `lacking` and left out."""
    if holder is None:
        return default
    latin = _typeface(holder, "a:latin")
    hangul = next((f.get("typeface") for f in holder.findall(qn("a:font"))
                   if f.get("script") == "Hang" and f.get("typeface")), "")
    east_asian = hangul or _typeface(holder, "a:ea") or NANUM_GOTHIC.name
    from ..fonts import HANGUL_SAMPLE, LATIN_SAMPLE, PACKAGED, draws, find_font_file

    if draws(east_asian, HANGUL_SAMPLE) is False:
        lacking[east_asian] = "Hangul"
        east_asian = ""  # Hangul then falls to the theme's Korean face, which measures it
    if latin and draws(latin, LATIN_SAMPLE) is False:
        lacking[latin] = "Latin"
        latin = ""
    if not latin:
        return replace(default, east_asian=east_asian)
    packaged = next((file for file, family in PACKAGED.items() if family == latin), "")
    file = packaged or find_font_file(latin)
    if not east_asian and not file:
        # Runs in a face we cannot read are not split by glyph: name our Korean face in
        # their East Asian slot so Hangul still lands in a font that has it.
        east_asian = default.east_asian_name
    return Face(latin, file, east_asian=east_asian)


def _typeface(holder, tag: str) -> str:
    element = holder.find(qn(tag))
    value = element.get("typeface", "") if element is not None else ""
    return "" if value.startswith("+") else value


def _colour(scheme, slot: str, default: str) -> str:
    if scheme is None or scheme.find(qn(f"a:{slot}")) is None:
        return default
    holder = scheme.find(qn(f"a:{slot}"))
    for child in holder:
        value = child.get("val") if child.tag == qn("a:srgbClr") else child.get("lastClr")
        if value and len(value) == 6:
            return value.upper()
    return default


def template_boxes(base: Base) -> tuple[tuple[float, ...] | None, tuple[float, ...] | None]:
    """The title and body boxes (x, y, w, h in points) of the template's content layout."""
    layout = next((base.layouts.get(n.lower()) for n in ("Title and Content", "Title, Content")
                   if n.lower() in base.layouts), None)
    if layout is None:
        return None, None
    title = body = None
    for shape in list(layout.placeholders):
        kind = shape.placeholder_format.type
        box = _points(shape)
        if box is None:
            continue
        if kind in (1, 3) and title is None:  # TITLE, CENTER_TITLE
            title = box
        elif kind in (2, 7) and body is None:  # BODY, OBJECT
            body = box
    return title, body


def _points(shape) -> tuple[float, float, float, float] | None:
    try:
        if shape.left is None or shape.width is None:
            return None
        return (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT,
                shape.height / EMU_PER_PT)
    except Exception:
        return None


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


def _theme_part(prs: PresentationPart):
    return prs.slide_master.part.part_related_by(RT.THEME)


def _write_theme(prs: PresentationPart, theme: Theme) -> None:
    part = _theme_part(prs)
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
