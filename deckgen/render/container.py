"""The .pptx container written in one pass: fixed timestamps and order (same note, same
bytes), XML deflated, pictures stored as they are (JPEG and PNG are compressed already, and
deflating them again cost seconds and saved nothing)."""

from __future__ import annotations

import posixpath
import zipfile
from functools import lru_cache
from typing import IO

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import nsmap, serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
STORED_PREFIXES = ("image/", "video/", "audio/")
RELS_NS = nsmap["pr"]


def write_package(presentation, stream: IO[bytes]) -> None:
    """Write `presentation`'s package to `stream`, the way python-pptx orders it."""
    package = presentation.part.package
    parts = tuple(package.iter_parts())
    with zipfile.ZipFile(stream, "w") as out:
        _add(out, CONTENT_TYPES_URI.membername,
             serialize_part_xml(_ContentTypesItem.xml_for(parts)), False)
        _add(out, PACKAGE_URI.rels_uri.membername, rels_xml(package._rels, "/"), False)
        for part in parts:
            stored = part.content_type.startswith(STORED_PREFIXES)
            _add(out, part.partname.membername, part.blob, stored)
            if part._rels:
                _add(out, part.partname.rels_uri.membername,
                     rels_xml(part.rels, part.partname.baseURI), False)


def rels_xml(rels, base: str) -> bytes:
    """A part's relationships as python-pptx serializes them (`_Relationships.xml`, the same
    bytes: ordered by rId number, TargetMode only when external), built directly: its
    way, an element class and a validated attribute at a time, was a third of the time
    to zip a deck of 200 slides."""
    root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
    numbered = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)
                      for rid in rels.keys())
    for _, rid in numbered:
        rel = rels[rid]
        attributes = {"Id": rid, "Type": rel.reltype}
        if rel.is_external:
            attributes["Target"] = rel.target_ref
            attributes["TargetMode"] = RTM.EXTERNAL
        else:
            attributes["Target"] = _relative(rel.target_part.partname, base)
        etree.SubElement(root, f"{{{RELS_NS}}}Relationship", attributes)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=4096)
def _relative(partname: str, base: str) -> str:
    """`PackURI.relative_ref`: the same few part names recur on every slide."""
    return partname[1:] if base == "/" else posixpath.relpath(partname, base)


def _add(out: zipfile.ZipFile, name: str, data: bytes, stored: bool) -> None:
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    out.writestr(info, data)
