"""PowerPoint sections (`p14:sectionLst`) and jumps between slides, written as PowerPoint
writes them: sections in presentation.xml's extension list, a jump as a run's
`hlinkClick` to the slide's part with the `hlinksldjump` action."""

from __future__ import annotations

import uuid

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
JUMP = "ppaction://hlinksldjump"
LINK_COLOUR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"
_IDS = uuid.UUID("5b0e3f4c-9d2a-4e55-8d1f-6c1f1d0a7e22")  # section ids: stable per name


def write_sections(prs, sections: tuple[tuple[str, int], ...]) -> None:
    """Group the slides into `sections` (name, first slide, 0-based), in order."""
    if not sections:
        return
    root = prs.part._element
    ids = [sld.get("id") for sld in root.find(qn("p:sldIdLst"))]
    ext_lst = root.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(root, qn("p:extLst"))
    for old in ext_lst.findall(qn("p:ext")):
        if old.get("uri") == SECTIONS_EXT:  # a template's own sections name its slides
            ext_lst.remove(old)
    ext = etree.Element(qn("p:ext"), uri=SECTIONS_EXT)
    ext_lst.insert(0, ext)
    listing = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    bounds = [start for _, start in sections[1:]] + [len(ids)]
    for number, ((name, start), end) in enumerate(zip(sections, bounds)):
        section = etree.SubElement(listing, f"{{{P14}}}section", name=name,
                                   id="{" + str(uuid.uuid5(_IDS, f"{number}:{name}")).upper() + "}")
        slides = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in ids[start:end]:
            etree.SubElement(slides, f"{{{P14}}}sldId", id=slide_id)


def link_jumps(prs, jumps: list[tuple[object, list, int]]) -> None:
    """Each (slide part, run properties, target slide) as a click that jumps there."""
    slides = list(prs.slides)
    for part, properties, target in jumps:
        if not 0 <= target < len(slides):
            continue
        rid = part.relate_to(slides[target].part, RT.SLIDE)  # type: ignore[attr-defined]
        for rpr in properties:
            if rpr.find(qn("a:hlinkClick")) is None:
                _jump(rpr, rid)


def _jump(rpr, rid: str) -> None:
    """A click that jumps, drawn as the run is (its colour, not underlined): an agenda
    entry looks as it did; PowerPoint 2019+ and LibreOffice honour `hlinkClr tx`."""
    rpr.set("u", "none")
    click = etree.SubElement(rpr, qn("a:hlinkClick"), {qn("r:id"): rid, "action": JUMP})
    ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"),
                           uri=LINK_COLOUR_EXT)
    etree.SubElement(ext, f"{{{AHYP}}}hlinkClr", {"val": "tx"}, nsmap={"ahyp": AHYP})
