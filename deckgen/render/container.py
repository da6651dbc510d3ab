"""The .pptx container written in one pass: fixed timestamps and order (same note, same
bytes), XML deflated, pictures stored as they are (JPEG and PNG are compressed already, and
deflating them again cost seconds and saved nothing)."""

from __future__ import annotations

import zipfile
from typing import IO

from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
STORED_PREFIXES = ("image/", "video/", "audio/")


def write_package(presentation, stream: IO[bytes]) -> None:
    """Write `presentation`'s package to `stream`, the way python-pptx orders it."""
    package = presentation.part.package
    parts = tuple(package.iter_parts())
    with zipfile.ZipFile(stream, "w") as out:
        _add(out, CONTENT_TYPES_URI.membername,
             serialize_part_xml(_ContentTypesItem.xml_for(parts)), False)
        _add(out, PACKAGE_URI.rels_uri.membername, package._rels.xml, False)
        for part in parts:
            stored = part.content_type.startswith(STORED_PREFIXES)
            _add(out, part.partname.membername, part.blob, stored)
            if part._rels:
                _add(out, part.partname.rels_uri.membername, part.rels.xml, False)


def _add(out: zipfile.ZipFile, name: str, data: bytes, stored: bool) -> None:
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    out.writestr(info, data)
