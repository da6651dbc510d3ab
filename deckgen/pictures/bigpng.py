"""Large PNGs decoded a band of rows at a time, each band shrunk by a whole factor at once.

Pillow decodes a PNG whole, at 4 bytes a pixel for RGB: an 8000×6000 screenshot would hold
192 MB before it is shrunk to the 2700 px a slide needs. Here the zlib stream is inflated
incrementally, and each band of rows is handed to Pillow as a small PNG of its own (with
the previous band's last row in front, unfiltered, because PNG row filters refer to the row
above), box-reduced, and pasted into the reduced picture. Memory stays a few megabytes above
the reduced picture; the result is the same as decoding whole and calling `reduce`.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from collections.abc import Iterator

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type → samples a pixel
BAND_ROWS = 128
READ_BYTES = 1 << 20


def banded_reduce(path: Path, factor: int, convert) -> Image.Image | None:
    """`convert(band)` reduced by `factor`, band by band; None when the file is not a plain
    8-bit, non-interlaced PNG (the caller then decodes it whole)."""
    with open(path, "rb") as handle:
        header = _header(handle)
        if header is None:
            return None
        width, height, kind, extra = header
        row_bytes = width * CHANNELS[kind] + 1
        rows_per_band = factor * max(1, BAND_ROWS // factor)
        out: Image.Image | None = None
        previous = b""
        y = 0
        for raw in _rows(handle, row_bytes, rows_per_band):
            count = len(raw) // row_bytes
            band = _decode_band(width, count, kind, extra, previous, raw)
            previous = band.crop((0, band.height - 1, width, band.height)).tobytes()
            small = convert(band).reduce(factor)
            if out is None:
                out = Image.new(small.mode, (-(-width // factor), -(-height // factor)))
            out.paste(small, (0, y // factor))
            y += count
    return out if y == height else None


def _header(handle) -> tuple[int, int, int, bytes] | None:
    """Width, height, colour type and the chunks a band needs (PLTE, tRNS), with `handle`
    left at the first IDAT chunk."""
    chunks = header_chunks(handle)
    if chunks is None:
        return None
    ihdr = next((data for name, _, data in chunks if name == b"IHDR"), None)
    extra = b"".join(_chunk(name, data) for name, _, data in chunks
                     if name in (b"PLTE", b"tRNS"))
    if ihdr is None or len(ihdr) < 13:
        return None
    width, height, depth, kind, _, _, interlace = struct.unpack(">IIBBBBB", ihdr[:13])
    if depth != 8 or interlace != 0 or kind not in CHANNELS:
        return None
    return width, height, kind, extra


def _rows(handle, row_bytes: int, rows_per_band: int) -> Iterator[bytes]:
    """The filtered scanlines, `rows_per_band` at a time, inflated as they are needed."""
    inflater = zlib.decompressobj()
    pending = bytearray()
    band_bytes = row_bytes * rows_per_band
    for data in idat_pieces(handle):
        while data:
            pending += inflater.decompress(data, band_bytes)  # at most a band at a time
            data = inflater.unconsumed_tail
            while len(pending) >= band_bytes:
                yield bytes(pending[:band_bytes])
                del pending[:band_bytes]
    pending += inflater.flush()
    while len(pending) >= row_bytes:
        whole = min(band_bytes, len(pending) - len(pending) % row_bytes)
        yield bytes(pending[:whole])
        del pending[:whole]


def header_chunks(handle) -> list[tuple[bytes, bytes, bytes]] | None:
    """Each chunk before the pixel data as (name, its bytes as in the file, its data), with
    `handle` left at the first IDAT chunk; None unless the file is a PNG with pixel data."""
    if handle.read(8) != SIGNATURE:
        return None
    chunks: list[tuple[bytes, bytes, bytes]] = []
    while True:
        head = handle.read(8)
        if len(head) < 8:
            return None
        length, name = struct.unpack(">I4s", head)
        if name == b"IDAT":
            handle.seek(-8, io.SEEK_CUR)
            return chunks
        body = handle.read(length + 4)  # the data and its checksum
        if len(body) < length + 4:
            return None
        chunks.append((name, head + body, body[:length]))


def idat_pieces(handle, size: int = READ_BYTES) -> Iterator[bytes]:
    """The compressed pixel data from `handle` (at the first IDAT chunk), `size` bytes at
    most at a time, until the last IDAT chunk."""
    while True:
        head = handle.read(8)
        if len(head) < 8:
            return
        length, name = struct.unpack(">I4s", head)
        if name != b"IDAT":
            return
        while length > 0:
            data = handle.read(min(length, size))
            if not data:
                return
            length -= len(data)
            yield data
        handle.read(4)


def _decode_band(width: int, count: int, kind: int, extra: bytes, previous: bytes,
                 raw: bytes) -> Image.Image:
    rows = count + (1 if previous else 0)
    body = (b"\x00" + previous + raw) if previous else raw
    ihdr = struct.pack(">IIBBBBB", width, rows, 8, kind, 0, 0, 0)
    png = SIGNATURE + _chunk(b"IHDR", ihdr) + extra + _chunk(b"IDAT", zlib.compress(body, 1)) \
        + _chunk(b"IEND", b"")
    band = Image.open(io.BytesIO(png))
    band.load()
    return band.crop((0, 1, width, rows)) if previous else band


def _chunk(name: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))
