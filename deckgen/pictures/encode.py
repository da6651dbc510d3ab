"""Encoding a picture for the deck: decoded once, at about twice the pixels of the largest
size the deck shows it, so identical pictures are stored once. Anything that cannot be
decoded comes back as the reason string a placeholder shows; nothing here raises for a bad
image.
"""

from __future__ import annotations

import contextlib
import io
import struct
import threading
import warnings as py_warnings
import zlib
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .bigpng import banded_reduce
from .model import Drawn, Encoded, Picture, target_width  # noqa: F401  (encode's callers)
from .pdfpages import MAX_PDF_PIXELS_WIDE, encode_pdf_page
from .probe import KEEP_FORMATS, rotated, svg_png

FLAT_COLOURS = 2048  # a picture with fewer colours than this is a diagram, not a photo
DECODE_BUDGET = 160 * 1024 * 1024  # one picture's pixels in memory (the bar is 300 MB a build)
DECODE_ALONE = 48 * 1024 * 1024  # larger decodes wait for each other in the encode pool
PASS_THROUGH_OVERHEAD = 256 * 1024  # metadata (EXIF, ICC) a real PNG/JPEG may carry
_BIG_DECODES = threading.Lock()  # shared by the pool's threads: big pictures one at a time
FLAT_GREYS = 64  # the same for a grey picture: a scan of a diagram, not a grey photo
PASS_THROUGH_SLACK = 1.08  # a picture this close to its target size is not worth re-encoding
COMPACT_PNG = 0.15  # bytes a pixel: a PNG this small is a flat picture, already compact
JPEG_QUALITY = 85  # with 4:4:4 colour: no visible loss at 1920 px, a fifth of a PNG's bytes
PNG_LEVEL = 3  # full-colour PNG: a few % more bytes than level 6 at a fifth of the time
PALETTE_LEVEL = 6  # palette PNG: level 6 halves level 3's bytes and costs milliseconds
REDUCING_GAP = 2.0  # shrink by a whole factor (box filter) first, then filter the rest
# HAMMING after the box step: text in screenshots looks the same as with LANCZOS at the
# pixels we keep (twice those shown), at under half the time (measured: 0.027 s vs 0.06 s)
FILTER = Image.Resampling.HAMMING
COMPACT_SLACK = 1.75  # a compact PNG up to this much wider than needed is kept whole: its
# bytes are few, and decoding and shrinking it would cost more than the pixels it adds
BANDED_PIXELS = 12_000_000  # larger PNGs are decoded a band at a time (bounded memory)


def encode(picture: Picture, shown_width_pt: float, slide_width_pt: float) -> Encoded | str:
    """The bytes to embed, at about twice the pixels shown; a reason string on failure."""
    target = target_width(shown_width_pt, slide_width_pt)
    if isinstance(picture.drawing, Drawn):
        if picture.drawing.natural_points:  # a formula, drawn sharp for its largest size
            return Encoded(picture.drawing.png, "png")
        return _encode_raster(picture.drawing.png, target)  # pixels, encoded like a file's
    assert picture.path is not None
    if picture.path.suffix.lower() == ".pdf":
        return encode_pdf_page(picture.path, picture.page or 1, min(target, MAX_PDF_PIXELS_WIDE))
    if picture.path.suffix.lower() == ".svg":
        try:
            return Encoded(svg_png(picture.path, min(target, 4000)), "png")
        except Exception:
            return "SVG could not be drawn"
    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _encode_raster(picture.path, target)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "too many pixels (decompression bomb)"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, MemoryError):
        return "damaged image (could not be decoded)"


def _encode_raster(path: Path | bytes, target_width: int) -> Encoded | str:
    """A picture file (or a PNG drawn in memory) at `target_width` pixels at most."""
    with Image.open(path if isinstance(path, Path) else io.BytesIO(path)) as image:
        fmt = image.format
        blob = _pass_through(image, path, target_width) if isinstance(path, Path) else None
        if blob is not None:
            return Encoded(blob, "jpg" if fmt == "JPEG" else "png")
        turned = rotated(image)
        # Shrink before turning and converting, so only the small copy is ever duplicated.
        width, height = image.size
        scale = min(1.0, target_width / (height if turned else width))
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if fmt == "JPEG" and scale < 1:  # the decoder itself scales by 1/2, 1/4 or 1/8
            image.draft(image.mode, size)
        elif fmt == "PNG" and scale <= 0.5 and width * height > BANDED_PIXELS and not turned \
                and isinstance(path, Path):
            reduced = banded_reduce(path, int(1 / scale), _to_rgb)
            if reduced is not None:
                flat = _flat(reduced)
                if reduced.size != size:
                    reduced = reduced.resize(size, FILTER)
                return _save(reduced, flat)
        needed = decoded_bytes(image)
        if needed > DECODE_BUDGET:
            return (f"too large to decode ({image.width}×{image.height}, "
                    f"{needed // (1024 * 1024)} MB in memory)")
        image.seek(0)
        with _BIG_DECODES if needed > DECODE_ALONE else contextlib.nullcontext():
            image.load()
            frame = _to_rgb(image)
            flat = _flat(frame)  # judged before resizing, which blends new colours in
            if frame.size != size:
                frame = frame.resize(size, FILTER, reducing_gap=REDUCING_GAP)
        if turned:
            frame = ImageOps.exif_transpose(frame) or frame
        return _save(frame, flat)


def decoded_bytes(image: Image.Image) -> int:
    """Memory a decode and conversion take: 16-bit greys pass through 32-bit integers."""
    per_pixel = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "RGB": 3, "YCbCr": 3, "LAB": 3,
                 "HSV": 3, "RGBA": 4, "CMYK": 4, "I;16": 7, "I;16B": 7, "I;16L": 7,
                 "I": 9, "F": 9}.get(image.mode, 4)
    return image.width * image.height * per_pixel


def _save(frame: Image.Image, flat: bool) -> Encoded:
    """Few colours → palette PNG; transparency → PNG; everything else (photos, screenshots
    of photos) → JPEG at a quality and with full-resolution colour, so text stays crisp."""
    out = io.BytesIO()
    if frame.mode == "RGBA" and _opaque(frame):
        frame = frame.convert("RGB")
    if flat:
        frame = frame.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        frame.save(out, "PNG", compress_level=PALETTE_LEVEL)
        return Encoded(out.getvalue(), "png")
    if frame.mode in ("RGB", "L"):
        frame.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        return Encoded(out.getvalue(), "jpg")
    frame.save(out, "PNG", compress_level=PNG_LEVEL)
    return Encoded(out.getvalue(), "png")


def _opaque(image: Image.Image) -> bool:
    low, _ = image.getchannel("A").getextrema()
    return low == 255


def _flat(image: Image.Image) -> bool:
    """Diagrams and screenshots (few colours) keep their look in a 256-colour palette, at a
    quarter of the bytes; photos (thousands of colours) do not and stay full colour."""
    if image.mode not in ("RGB", "RGBA", "L"):
        return False
    sample = image.reduce(4) if min(image.size) >= 64 else image
    limit = FLAT_GREYS if image.mode == "L" else FLAT_COLOURS
    return sample.getcolors(limit) is not None


def _pass_through(image: Image.Image, path: Path, target_width: int) -> bytes | None:
    """The file's own bytes when it needs no change, checked without decoding a pixel, and
    cut at the end of its image (PNG's IEND, JPEG's EOI) so nothing appended rides along;
    None when it must be re-encoded. A JPEG within the size must end with its end marker; a
    PNG must have intact chunks (CRCs) and 8-bit samples, and be compact (few bytes a pixel:
    kept even when up to COMPACT_SLACK too wide) or a palette/grey file within the size. A
    photo saved as PNG is neither and becomes a JPEG."""
    if image.format not in KEEP_FORMATS or image.width > target_width * COMPACT_SLACK \
            or rotated(image) or image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        return None
    size = path.stat().st_size
    if size > image.width * image.height * 4 + PASS_THROUGH_OVERHEAD:
        return None  # more bytes than the pixels could ever need: junk rides along
    if image.format == "JPEG":
        if image.width > target_width * PASS_THROUGH_SLACK:
            return None
        data = path.read_bytes()
        return data if data.endswith(b"\xff\xd9") else None
    compact = size <= image.width * image.height * COMPACT_PNG
    if not compact and (image.mode not in ("P", "L") or
                        image.width > target_width * PASS_THROUGH_SLACK):
        return None
    data = path.read_bytes()
    end = _png_end(data)
    return data[:end] if end else None


def _png_end(data: bytes) -> int | None:
    """Offset just past the IEND chunk, walking the chunks: each CRC right, 8-bit samples;
    None for a file that is not an intact PNG. No pixel is decoded."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    pos = 8
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) < length or len(crc) < 4 or \
                zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            return None
        if kind == b"IHDR" and (length < 13 or body[8] > 8):
            return None
        pos += 12 + length
        if kind == b"IEND":
            return pos
    return None


def _to_rgb(image: Image.Image) -> Image.Image:
    """Modes PowerPoint and LibreOffice both show the same: RGB, RGBA or L."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L")
    if image.mode in ("LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA")
    return image.convert("RGB")
