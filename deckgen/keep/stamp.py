"""The stamp: what deckgen wrote on each slide, kept inside the deck it describes.

It lives in the package's custom document properties (`docProps/custom.xml`), which
PowerPoint, Keynote, Google Slides and LibreOffice keep through a save (LibreOffice drops
`custDataLst` and `extLst`, and renames slides and shapes). Office shows and keeps a custom
property's text up to 255 characters, so the stamp (compact JSON) is cut into properties
`deckgen.stamp.001`, `.002`, … of at most `CHUNK_CHARS` each; other properties are left as
they are.
"""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from .digest import ShapeMark, SlideMark

STAMP_VERSION = 1
CHUNK_CHARS = 250
PREFIX = "deckgen.stamp."
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one custom properties use
_KIND_CODES = {"text": "t", "picture": "p", "table": "b", "group": "g", "line": "l",
               "shape": "s", "frame": "f"}
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}


@dataclass(frozen=True)
class Entry:
    """One slide deckgen made: its key and section (see `pages`), the section's digest, and
    the slide as it was written. `gone`: the user deleted it, and it stays deleted while
    its section is unchanged."""

    key: str
    section: str
    digest: str
    mark: SlideMark
    gone: bool = False


@dataclass(frozen=True)
class Stamp:
    note: str  # the note's file name
    entries: tuple[Entry, ...]


def to_json(stamp: Stamp) -> str:
    slides = []
    for entry in stamp.entries:
        item: dict[str, object] = {"k": entry.key, "c": entry.section, "s": entry.digest,
                                   "n": entry.mark.notes,
                                   "p": [[_KIND_CODES[m.kind], m.content, *m.box]
                                         for m in entry.mark.shapes]}
        if entry.mark.hidden:
            item["h"] = 1
        if entry.gone:
            item["g"] = 1
        slides.append(item)
    return json.dumps({"v": STAMP_VERSION, "note": stamp.note, "slides": slides},
                      ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def from_json(text: str) -> Stamp | None:
    """The stamp, or None when it is not one this version reads (damaged, other version)."""
    try:
        data = json.loads(text)
        if data.get("v") != STAMP_VERSION:
            return None
        entries = tuple(Entry(str(s["k"]), str(s["c"]), str(s["s"]),
                              SlideMark(tuple(_shape(p) for p in s["p"]), str(s["n"]),
                                        bool(s.get("h"))), bool(s.get("g")))
                        for s in data["slides"])
        return Stamp(str(data["note"]), entries)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _shape(item: list) -> ShapeMark:
    code, content, x, y, w, h = item
    return ShapeMark(_CODE_KINDS[code], str(content), (int(x), int(y), int(w), int(h)))


def read_stamp(deck: bytes) -> tuple[bool, Stamp | None]:
    """(has a stamp at all, the stamp if it reads) from a saved deck's bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(deck)) as package:
            rels = etree.fromstring(package.read("_rels/.rels"))
            target = next((r.get("Target", "") for r in rels if r.get("Type") == CUSTOM_REL),
                          None)
            if target is None:
                return False, None
            name = posixpath.normpath(target.lstrip("/"))
            root = etree.fromstring(package.read(name))
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return False, None
    chunks = sorted((prop.get("name", ""), prop.findtext(f"{{{VT_NS}}}lpwstr") or "")
                    for prop in root if prop.get("name", "").startswith(PREFIX))
    if not chunks:
        return False, None
    return True, from_json("".join(text for _, text in chunks))


def write_stamp(presentation, stamp: Stamp) -> None:
    """Put `stamp` in the presentation's custom properties (made when there are none)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = presentation.part.package
    found = next(((rid, rel) for rid, rel in package._rels.items()
                  if rel.reltype == CUSTOM_REL and not rel.is_external), None)
    root = None
    if found is not None:
        try:
            root = etree.fromstring(found[1].target_part.blob)
        except etree.XMLSyntaxError:
            root = None
        package._rels.pop(found[0])
    if root is None or root.tag != f"{{{CUSTOM_NS}}}Properties":
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for prop in list(root):
        if prop.get("name", "").startswith(PREFIX):
            root.remove(prop)
    text = to_json(stamp)
    for number, start in enumerate(range(0, len(text), CHUNK_CHARS), 1):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid="0",
                                name=f"{PREFIX}{number:03d}")
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = text[start:start + CHUNK_CHARS]
    for pid, prop in enumerate(root, 2):  # ids from 2, unique, in order
        prop.set("pid", str(pid))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_TYPE, package, blob)
    package.relate_to(part, CUSTOM_REL)
