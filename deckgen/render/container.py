"""The .pptx container written in one pass: fixed timestamps and order (same note, same
bytes), XML deflated, pictures stored as they are (JPEG and PNG are compressed already, and
deflating them again cost seconds and saved nothing). A warm process keeps each part's
deflated bytes (`ZippedParts`): a rebuild deflates only the parts whose bytes changed."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Callable
from typing import IO

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import nsmap, serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
STORED_PREFIXES = ("image/", "video/", "audio/")
RELS_NS = nsmap["pr"]
MIN_KEPT_BYTES = 512  # smaller parts deflate in microseconds: not worth keeping


@dataclass
class ZippedParts:
    """The deflated bytes of the parts a warm process last zipped, by their bytes: the same
    bytes deflate the same, so a kept entry is written as it is. Entries the last package
    did not use are forgotten, so this holds about one deck's XML, twice."""

    _kept: dict[bytes, _Deflated] = field(default_factory=dict)
    _used: dict[bytes, _Deflated] = field(default_factory=dict)

    def deflated(self, data: bytes) -> _Deflated:
        found = self._used.get(data) or self._kept.get(data)
        if found is None:
            squeeze = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            found = _Deflated(zlib.crc32(data), squeeze.compress(data) + squeeze.flush())
        self._used[data] = found
        return found

    def written(self) -> None:
        """One package is written: what it did not use is forgotten."""
        self._kept, self._used = self._used, {}


@dataclass(frozen=True)
class _Deflated:
    crc: int
    data: bytes


def write_package(presentation, stream: IO[bytes], zipped: ZippedParts | None = None) -> None:
    """Write `presentation`'s package to `stream`, the way python-pptx orders it; with
    `zipped`, parts deflated before are not deflated again (the same bytes either way)."""
    package = presentation.part.package
    parts = tuple(package.iter_parts())
    with zipfile.ZipFile(stream, "w") as out:
        add = _adder(out, zipped)
        add(CONTENT_TYPES_URI.membername,
            serialize_part_xml(_ContentTypesItem.xml_for(parts)), False)
        add(PACKAGE_URI.rels_uri.membername, rels_xml(package._rels, "/"), False)
        for part in parts:
            stored = part.content_type.startswith(STORED_PREFIXES)
            add(part.partname.membername, part.blob, stored)
            if part._rels:
                add(part.partname.rels_uri.membername,
                    rels_xml(part.rels, part.partname.baseURI), False)
    if zipped is not None:
        zipped.written()


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


def _adder(out: zipfile.ZipFile, zipped: ZippedParts | None
           ) -> Callable[[str, bytes, bool], None]:
    """`add(name, data, stored)` for `out`: kept deflated bytes when there are some and the
    stream is seekable (the case whose entries `_add_deflated` writes as zipfile does)."""
    if zipped is None or not getattr(out, "_seekable", False):
        return lambda name, data, stored: _add(out, name, data, stored)

    def add(name: str, data: bytes, stored: bool) -> None:
        if stored or len(data) < MIN_KEPT_BYTES:
            _add(out, name, data, stored)
        else:
            _add_deflated(out, name, len(data), zipped.deflated(data))
    return add


def _info(name: str, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _add(out: zipfile.ZipFile, name: str, data: bytes, stored: bool) -> None:
    out.writestr(_info(name, stored), data)


def _add_deflated(out: zipfile.ZipFile, name: str, size: int, deflated: _Deflated) -> None:
    """The entry `writestr` writes to a seekable stream for data of `size` bytes that
    deflate to `deflated`: the header with the final sizes and CRC, then the bytes.
    zipfile has no call for bytes deflated already, so this does what its `_open_to_write`
    and `_ZipWriteFile.close` do (the same in CPython 3.11 to 3.13; a test compares bytes)."""
    info = _info(name, False)
    info.file_size, info.compress_size, info.CRC = size, len(deflated.data), deflated.crc
    info.flag_bits = 0
    stream = out.fp
    assert stream is not None  # an open ZipFile
    stream.seek(out.start_dir)
    info.header_offset = stream.tell()
    out._didModify = True  # type: ignore[attr-defined]  # else close writes no directory
    stream.write(info.FileHeader(False))
    stream.write(deflated.data)
    out.start_dir = stream.tell()
    out.filelist.append(info)
    out.NameToInfo[name] = info
