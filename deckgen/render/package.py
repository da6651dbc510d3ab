"""The package details every viewer people present from needs, beyond what PowerPoint forgives.

Keynote refuses ("the file format is invalid") decks that PowerPoint and LibreOffice open,
and third parties bisected why (python-pptx issue 1051 and PR 1128, OfficeCLI issue 255,
anthropics/skills issue 1167):

- notes pages whose notes master is not listed in `presentation.xml`: python-pptx creates
  the notes master lazily, relates it, but never writes `<p:notesMasterIdLst>`;
- `<p:sldSz type="screen4x3">` on a slide that is not 4:3 (python-pptx's default template
  widened, or a PowerPoint template that kept the old type);
- a `printerSettings` part (binary, Windows-only) that PowerPoint templates carry;
- two shapes with one id on a slide.

`make_portable` fixes all four on the presentation just before it is saved; `keynote_faults`
reads a saved deck and names what is still wrong (the tests run it on every deck they build).
Google Slides keeps only Google Fonts families: `rename_fonts` renames the faces the deck
names to those of the same designs.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..errors import BuildWarning

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# CT_Presentation's children, in the order ECMA-376 declares them (xsd:sequence).
PRESENTATION_ORDER = ("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst",
                      "sldSz", "notesSz", "smartTags", "embeddedFontLst", "custShowLst",
                      "photoAlbum", "custDataLst", "kinsoku", "defaultTextStyle",
                      "modifyVerifier", "extLst")
SIZE_LIMIT = 100 * 1000 * 1000  # bytes: many viewers and mail systems refuse a larger deck
_TYPEFACED = ("latin", "ea", "cs", "sym", "buFont", "font")


def make_portable(prs) -> None:
    """Bring the package in line with what Keynote accepts; PowerPoint is indifferent."""
    _list_notes_master(prs)
    _untype_slide_size(prs)
    _drop_printer_settings(prs)
    for slide in prs.slides:
        _unique_shape_ids(slide.shapes._spTree)


def _list_notes_master(prs) -> None:
    part = prs.part
    rid = next((r.rId for r in part.rels.values() if r.reltype == RT.NOTES_MASTER), None)
    root = part._element
    listed = root.find(qn("p:notesMasterIdLst"))
    if rid is None:
        if listed is not None:
            root.remove(listed)
        return
    if listed is None:
        listed = etree.Element(qn("p:notesMasterIdLst"))
        _insert_in_order(root, listed)
    for child in list(listed):
        listed.remove(child)
    etree.SubElement(listed, qn("p:notesMasterId"), {qn("r:id"): rid})


def _insert_in_order(root: etree._Element, element: etree._Element) -> None:
    """Put `element` where CT_Presentation's sequence wants it: before its first successor."""
    name = etree.QName(element).localname
    later = set(PRESENTATION_ORDER[PRESENTATION_ORDER.index(name) + 1:])
    for index, child in enumerate(root):
        if isinstance(child.tag, str) and etree.QName(child).localname in later:
            root.insert(index, element)
            return
    root.append(element)


def is_four_by_three(width: int, height: int) -> bool:
    return width * 3 == height * 4


def _untype_slide_size(prs) -> None:
    size = prs.part._element.find(qn("p:sldSz"))
    if size is None or "type" not in size.attrib:
        return
    if not is_four_by_three(int(size.get("cx")), int(size.get("cy"))):
        del size.attrib["type"]


def _drop_printer_settings(prs) -> None:
    """Removing the relationship removes the part and its content type: python-pptx writes
    only the parts it reaches, and [Content_Types].xml from those parts."""
    for part in list(prs.part.package.iter_parts()):
        for rid, rel in list(part.rels.items()):
            if rel.reltype == RT.PRINTER_SETTINGS:
                part.rels.pop(rid)


def _unique_shape_ids(tree: etree._Element) -> None:
    """Give a shape whose id is already taken on its slide the next free id."""
    elements = [e for e in tree.iter(qn("p:cNvPr"))]
    used: set[int] = set()
    taken = {int(e.get("id")) for e in elements if (e.get("id") or "").isdigit()}
    following = max(taken, default=0) + 1
    for element in elements:
        value = element.get("id") or ""
        number = int(value) if value.isdigit() else -1
        if number < 1 or number in used:
            number, following = following, following + 1
            element.set("id", str(number))
        used.add(number)


# -- checking a saved deck --------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    rule: str
    where: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.where}"


def keynote_faults(deck: bytes) -> list[Fault]:
    """What a saved deck still has that Keynote is reported to reject."""
    faults: list[Fault] = []
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        names = package.namelist()
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = _rels(package, "ppt/_rels/presentation.xml.rels")
        faults += _notes_master_faults(names, presentation, rels)
        faults += _size_faults(presentation)
        content_types = package.read("[Content_Types].xml").decode("utf-8")
        for name in names:
            if "printerSettings" in name:
                faults.append(Fault("printer settings part", name))
            if name.endswith(".rels") and b"relationships/printerSettings" in package.read(name):
                faults.append(Fault("printer settings relationship", name))
        if "printerSettings" in content_types:
            faults.append(Fault("printer settings content type", "[Content_Types].xml"))
        for name in names:
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                faults += _id_faults(name, etree.fromstring(package.read(name)))
            faults += _chain_faults(package, names, name)
    return faults


def _rels(package: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(package.read(name))
    return {r.get("Id"): (r.get("Type"), r.get("Target")) for r in root}


def _notes_master_faults(names, presentation, rels) -> list[Fault]:
    has_notes = any(n.startswith("ppt/notesSlides/") and n.endswith(".xml") for n in names)
    masters = [rid for rid, (kind, _) in rels.items() if kind == RT.NOTES_MASTER]
    listed = presentation.find(f"{{{P_NS}}}notesMasterIdLst")
    faults = []
    if has_notes and not masters:
        faults.append(Fault("notes without a notes master", "ppt/presentation.xml"))
    if masters and listed is None:
        faults.append(Fault("notes master not in notesMasterIdLst", "ppt/presentation.xml"))
    if listed is not None:
        ids = [e.get(f"{{{R_NS}}}id") for e in listed]
        if ids != masters[:1] or len(masters) != 1:
            faults.append(Fault("notesMasterIdLst names no notes master", "ppt/presentation.xml"))
        order = [etree.QName(c).localname for c in presentation if isinstance(c.tag, str)]
        ranks = [PRESENTATION_ORDER.index(n) for n in order if n in PRESENTATION_ORDER]
        if ranks != sorted(ranks):
            faults.append(Fault("presentation children out of schema order", " ".join(order)))
    return faults


def _chain_faults(package: zipfile.ZipFile, names: list[str], name: str) -> list[Fault]:
    """A notes page inherits from the notes master, which takes its fonts from a theme: a
    link missing anywhere in that chain leaves the notes with nothing to inherit."""
    folder, _, file = name.rpartition("/")
    wanted = {"ppt/notesSlides": RT.NOTES_MASTER, "ppt/notesMasters": RT.THEME}.get(folder)
    if wanted is None or not file.endswith(".xml"):
        return []
    rels_name = f"{folder}/_rels/{file}.rels"
    kinds = {kind for kind, _ in _rels(package, rels_name).values()} if rels_name in names else set()
    return [] if wanted in kinds else [Fault(f"no {wanted.rsplit('/', 1)[-1]} to inherit from", name)]


def _size_faults(presentation) -> list[Fault]:
    size = presentation.find(f"{{{P_NS}}}sldSz")
    if size is None:
        return [Fault("no slide size", "ppt/presentation.xml")]
    kind = size.get("type")
    if kind and not is_four_by_three(int(size.get("cx")), int(size.get("cy"))):
        return [Fault(f"sldSz type {kind} on a slide that is not 4:3", "ppt/presentation.xml")]
    return []


def _id_faults(name: str, slide) -> list[Fault]:
    ids = [e.get("id") for e in slide.iter(f"{{{P_NS}}}cNvPr")]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    return [Fault(f"shape id {i} used twice", name) for i in repeated]


# -- fonts for another viewer ------------------------------------------------------------

def rename_fonts(prs, names: dict[str, str], keep: frozenset[str]) -> list[str]:
    """Rename every typeface the package names through `names`, drop the theme's per-script
    fonts (a viewer that maps fonts maps them all to one default), and return the names left
    that are neither in `keep` nor theme tokens (`+mn-lt`)."""
    left: set[str] = set()
    for part in list(prs.part.package.iter_parts()):
        element = getattr(part, "_element", None)
        if element is not None:
            left |= _rename_in(element, names, keep)
        elif part.partname.endswith(".xml") and "/theme/" in str(part.partname):
            root = etree.fromstring(part.blob)
            left |= _rename_in(root, names, keep)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
    return sorted(left)


def notes_theme_like_deck(prs) -> None:
    """The notes master's theme names the faces of the deck's own theme (latin, major and
    minor): python-pptx's default notes theme names Calibri and Arial, faces no slide of
    ours uses, which a renamed deck would carry as their metric clones."""
    notes = prs.part.package.presentation_part.presentation.notes_master
    deck_theme = _theme_root(prs.slide_master.part.part_related_by(RT.THEME))
    notes_part = notes.part.part_related_by(RT.THEME)
    notes_theme = _theme_root(notes_part)
    for slot in ("a:majorFont", "a:minorFont"):
        source = deck_theme.find(f".//{qn(slot)}/{qn('a:latin')}")
        target = notes_theme.find(f".//{qn(slot)}/{qn('a:latin')}")
        if source is not None and target is not None:
            target.set("typeface", source.get("typeface", ""))
    if getattr(notes_part, "_element", None) is None:
        notes_part._blob = etree.tostring(notes_theme, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)


def _theme_root(part) -> etree._Element:
    element = getattr(part, "_element", None)
    return element if element is not None else etree.fromstring(part.blob)


def _rename_in(root: etree._Element, names: dict[str, str], keep: frozenset[str]) -> set[str]:
    left = set()
    for element in list(root.iter(*(qn(f"a:{tag}") for tag in _TYPEFACED))):
        if element.tag == qn("a:font") and element.get("script"):
            element.getparent().remove(element)
            continue
        face = element.get("typeface")
        if not face or face.startswith("+"):
            continue
        face = names.get(face, face)
        element.set("typeface", face)
        if face not in keep:
            left.add(face)
    return left


def size_warning(size: int, pictures: list[tuple[str, int]], limit: int | None = None
                 ) -> BuildWarning | None:
    """A deck over `limit` bytes (SIZE_LIMIT): many viewers and mail systems refuse it. Name
    the pictures that weigh most (name, bytes), so the user knows what to shrink."""
    limit = SIZE_LIMIT if limit is None else limit
    if size <= limit:
        return None
    largest = sorted(pictures, key=lambda item: (-item[1], item[0]))[:3]
    named = ", ".join(f"{name} ({_megabytes(weight)})" for name, weight in largest)
    return BuildWarning(f"the deck is {_megabytes(size)}, over {_megabytes(limit)}: many viewers "
                        f"and mail systems refuse it; largest pictures: {named or 'none'}")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"
