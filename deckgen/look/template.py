"""A user's .pptx or .potx template, read before layout into a `Look`.

Checked before python-pptx reads it (a zip bomb would take gigabytes) and after (no layouts,
no theme, a broken part or slide size): any problem is one line, never a deck that does not
reopen. From it come the theme (its fonts and colours, our sizes), the geometry (its slide
size, title and body boxes) and which of its layouts stands for each layout name deckgen asks
for; render opens the same bytes again (`open_presentation`) to write into.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationPart
from pptx.slide import SlideLayout

from ..errors import BuildWarning, DeckgenError
from ..plan.talk import BLANK, LAYOUT_NAMES, TITLE_ONLY
from ..theme import NANUM_GOTHIC, Face, Theme
from .model import Geometry, LayoutChoice, Look, Rect
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


def read_template(path: Path, ours: Theme) -> tuple[Look, list[BuildWarning]]:
    """The look of the template at `path`, with our theme's sizes (and faces where the
    template's cannot draw what they are named for)."""
    try:
        found = path.is_file()
    except (OSError, ValueError):
        found = False
    if not found:
        raise DeckgenError("template not found", str(path))
    check_template_zip(path)
    try:
        blob = _template_bytes(path)
    except OSError as exc:
        raise DeckgenError(f"cannot open template ({exc.strerror or exc})", str(path)) from None
    prs, layouts, warnings = open_presentation(blob, path)
    try:
        theme, font_warnings = theme_from_template(prs, ours)
        warnings += font_warnings
        geometry = _geometry(prs, layouts)
    except Exception as exc:  # a part python-pptx opened but cannot read
        raise DeckgenError(f"cannot use template {path.name}: a part is damaged "
                           f"({type(exc).__name__})", str(path)) from None
    return Look(theme, geometry, _choices(layouts), blob, str(path)), warnings


def open_presentation(blob: bytes, path: Path
                      ) -> tuple[PresentationPart, dict[str, SlideLayout], list[BuildWarning]]:
    """The template as a presentation to add slides to: its own slides removed, links to
    outside files dropped (with a warning), the parts PowerPoint insists on added; and its
    layouts by lower-case name."""
    try:
        prs = Presentation(io.BytesIO(blob))
    except Exception as exc:  # python-pptx raises many kinds for a bad package
        raise DeckgenError(f"cannot open template ({type(exc).__name__})", str(path)) from None
    try:
        _check_usable(prs)
        _drop_slides(prs)
        warnings = _drop_external_relationships(prs)
        _ensure_part(prs, RT.VIEW_PROPS, "/ppt/viewProps.xml", VIEW_PROPS_TYPE, VIEW_PROPS)
        _ensure_part(prs, RT.PRES_PROPS, "/ppt/presProps.xml", PRES_PROPS_TYPE, PRES_PROPS)
        layouts = layouts_by_name(prs)
    except TemplateProblem as exc:
        raise DeckgenError(f"cannot use template {path.name}: {exc}", str(path)) from None
    except Exception as exc:
        raise DeckgenError(f"cannot use template {path.name}: a part is damaged "
                           f"({type(exc).__name__})", str(path)) from None
    return prs, layouts, warnings


def _geometry(prs: PresentationPart, layouts: dict[str, SlideLayout]) -> Geometry:
    """The template's slide size and the title and body boxes of its content layout."""
    width = int(prs.slide_width or 0) / EMU_PER_PT  # checked present by _check_usable
    height = int(prs.slide_height or 0) / EMU_PER_PT
    title, body = _boxes(layouts)
    return Geometry(width=width, height=height, margin=min(48.0, width * 0.05),
                    title_box=title, body_box=body)


def _choices(layouts: dict[str, SlideLayout]) -> tuple[LayoutChoice, ...]:
    """For each layout name deckgen asks for, the template layout that shows it: the same
    name (or what LibreOffice calls it), else a close relative, then Title Only, then Blank."""
    return tuple(_choice(name, layouts) for name in LAYOUT_NAMES)


def _choice(name: str, layouts: dict[str, SlideLayout]) -> LayoutChoice:
    for candidate in (name, *SAME_LAYOUT.get(name, ())):
        if candidate.lower() in layouts:
            return LayoutChoice(name, candidate.lower(), layouts[candidate.lower()].name, False)
    for fallback in (*CLOSE_LAYOUTS.get(name, ()), TITLE_ONLY, "Title Only", BLANK, "Blank Slide"):
        if fallback.lower() in layouts:
            key = fallback.lower()
            break
    else:
        key = next(iter(layouts))
    return LayoutChoice(name, key, layouts[key].name, True)


def theme_part(prs: PresentationPart):
    """The theme part of the first slide master (fonts and colours live there)."""
    return prs.slide_master.part.part_related_by(RT.THEME)


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


def _template_bytes(path: Path) -> bytes:
    """The template as .pptx bytes: a .potx differs only in its main part's content type."""
    blob = path.read_bytes()
    if path.suffix.lower() != ".potx":
        return blob
    import zipfile

    source = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(POTX_TYPE.encode(), PPTX_TYPE.encode())
            zout.writestr(item, data)
    return source.getvalue()


def _drop_slides(prs: PresentationPart) -> None:
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def layouts_by_name(prs: PresentationPart) -> dict[str, SlideLayout]:
    found: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip().lower(), layout)
    return found


# -- a user's template as a theme and a geometry ------------------------------------------

def theme_from_template(prs: PresentationPart, ours: Theme
                        ) -> tuple[Theme, list[BuildWarning]]:
    """The template's own fonts and colours, our sizes; its Hangul font where it names one.

    A template font that cannot draw what it is named for (a Latin-only East Asian font,
    as LibreOffice Impress writes DejaVu Sans there) is replaced by our theme's face for
    that script, with one warning naming it: viewers would otherwise fall back to whatever
    they have, or show boxes."""
    root = parse_xml(theme_part(prs).blob)
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
    warnings = [BuildWarning(f"template font '{font}' has no {script} glyphs; {script} text is "
                             f"set in '{ours.body.name}'") for font, script in lacking.items()]
    return replace(ours, name=f"template ({ours.name} sizes)", heading=heading, body=body,
                   colors=palette, progress_bar=False, heading_bold=False,
                   fallbacks=fallbacks), warnings


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


def _boxes(layouts: dict[str, SlideLayout]) -> tuple[Rect | None, Rect | None]:
    """The title and body boxes (in points) of the template's content layout."""
    layout = next((layouts.get(n.lower()) for n in ("Title and Content", "Title, Content")
                   if n.lower() in layouts), None)
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


def _points(shape) -> Rect | None:
    try:
        if shape.left is None or shape.width is None:
            return None
        return Rect(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT,
                    shape.height / EMU_PER_PT)
    except Exception:
        return None
