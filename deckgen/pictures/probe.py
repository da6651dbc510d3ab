"""Probing a picture before layout: its size and orientation from the header only, or the
reason it cannot be shown. Planning a deck of many large screenshots stays fast because no
pixel is decoded here; nothing here raises for a bad image.
"""

from __future__ import annotations

import io
import re
import warnings as py_warnings
from dataclasses import replace
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..note.embeds import caption_of
from ..note.model import ImageRef
from ..note.read import scrub
from ..note.vault import ImageFinder, Located
from .model import Picture
from .pdfpages import pdf_page_size

MAX_PIXELS = 100_000_000  # above this we refuse to decode (decompression bombs)
MAX_FILE_BYTES = 200 * 1024 * 1024
KEEP_FORMATS = {"PNG", "JPEG"}
CONVERT_FORMATS = {"GIF", "BMP", "TIFF", "WEBP", "MPO", "ICO", "PPM", "TGA", "DIB", "PCX"}
PLACEHOLDER_SIZE = (1600, 900)


def probe(ref: ImageRef, finder: ImageFinder) -> Picture:
    """The picture `ref` names, probed; its caption kept when it can be shown."""
    picture = _probe(ref, finder)
    caption = caption_of(ref)
    return replace(picture, caption=caption) if picture.ok and caption else picture


def _probe(ref: ImageRef, finder: ImageFinder) -> Picture:
    name = scrub(Path(ref.target.replace("\\", "/")).name or ref.target)[:120] or "image"
    if ref.page is not None:
        name = f"{name}#page={ref.page}"
    found = finder.find(ref)
    if not isinstance(found, Located):
        return _missing(name, found.reason, ref)
    path = found.path
    try:
        size = path.stat().st_size
    except OSError:
        return _missing(name, "cannot be read", ref)
    if size == 0:
        return _missing(name, "empty file", ref)
    if size > MAX_FILE_BYTES:
        return _missing(name, f"file too large ({size // (1024 * 1024)} MB)", ref)
    if path.suffix.lower() == ".svg":
        return _probe_svg(name, path, ref)
    if path.suffix.lower() == ".pdf":
        return _probe_pdf(name, path, ref)
    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                fmt = image.format or ""
                if width * height > MAX_PIXELS:
                    return _missing(name, f"too many pixels ({width}×{height})", ref)
                if fmt not in KEEP_FORMATS | CONVERT_FORMATS:
                    return _missing(name, f"unsupported format {fmt or '?'}", ref)
                if rotated(image):
                    width, height = height, width
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _missing(name, "too many pixels (decompression bomb)", ref)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return _missing(name, "not a readable image", ref)
    if width < 1 or height < 1:
        return _missing(name, "empty image", ref)
    return Picture(name, width, height, path, None, ref.width, ref.line)


def _missing(name: str, reason: str, ref: ImageRef) -> Picture:
    width, height = PLACEHOLDER_SIZE
    return Picture(name, width, height, None, reason, ref.width, ref.line)


def _probe_pdf(name: str, path: Path, ref: ImageRef) -> Picture:
    """A page of a PDF: its size in pixels at the sharpness a slide needs, or the problem."""
    page = ref.page or 1
    size = pdf_page_size(path, page)
    if isinstance(size, str):
        return _missing(name, size, ref)
    width, height = size
    return Picture(name, width, height, path, None, ref.width, ref.line, page)


def rotated(image: Image.Image) -> bool:
    """Whether EXIF turns the picture a quarter; read from the header only (PNG's getexif
    would decode the whole image to find an EXIF chunk after the pixels)."""
    try:
        if image.format == "PNG":
            raw = image.info.get("exif")
            if not raw:
                return False
            exif = Image.Exif()
            exif.load(raw)
            orientation = exif.get(0x0112, 1)
        else:
            orientation = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block should not lose the picture
        return False
    return orientation in (5, 6, 7, 8)


def _probe_svg(name: str, path: Path, ref: ImageRef) -> Picture:
    try:
        width, height = svg_size(path)
    except Exception:  # resvg's ValueError, an unreadable file, one too large or too thin
        return _missing(name, "SVG could not be drawn", ref)
    return Picture(name, width, height, path, None, ref.width, ref.line)


MAX_SVG_BYTES = 10 * 1024 * 1024
MAX_SVG_SIDE = 4000  # pixels, either side
MAX_SVG_ASPECT = 40  # a thinner drawing is no picture for a slide (and a pixel bomb)
SVG_PROBE_WIDTH = 1600
SVG_THUMB = 256  # the square a drawing is first fitted in, to learn its proportions
# every reference out of the file (xlink:href / href to a file, a URL, another SVG), kept
# empty: an SVG in a vault may not read other files or the network through its renderer
_OUTSIDE_REFERENCE = re.compile(r"""((?:xlink:)?href\s*=\s*)(["'])(?!\s*(?:#|data:))[^"']*\2""",
                                re.IGNORECASE)


def _confined_svg(path: Path) -> str:
    if path.stat().st_size > MAX_SVG_BYTES:
        raise ValueError("SVG file too large")
    text = path.read_bytes().decode("utf-8", errors="replace")
    return _OUTSIDE_REFERENCE.sub(r"\1\2\2", text)


def _render_svg(svg: str, width: int, height: int) -> bytes:
    """resvg's PNG, fitted inside width x height in the drawing's own proportions."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width, height=height))


def _svg_aspect(svg: str) -> float:
    """Height over width, from a drawing fitted in a small square (never a large canvas)."""
    thumb = _render_svg(svg, SVG_THUMB, SVG_THUMB)
    with Image.open(io.BytesIO(thumb)) as image:
        tw, th = image.size
    aspect = th / max(tw, 1)
    if aspect > MAX_SVG_ASPECT or aspect < 1 / MAX_SVG_ASPECT:
        raise ValueError("SVG too thin to draw")
    return aspect


def svg_size(path: Path) -> tuple[int, int]:
    """The pixel size the SVG is measured at: 1600 wide, in its own proportions."""
    return SVG_PROBE_WIDTH, max(1, round(SVG_PROBE_WIDTH * _svg_aspect(_confined_svg(path))))


def svg_png(path: Path, width: int) -> bytes:
    """The SVG drawn by resvg at `width` pixels (at most 4000 a side), with no reference
    out of the file followed."""
    svg = _confined_svg(path)
    _svg_aspect(svg)
    return _render_svg(svg, max(1, min(width, MAX_SVG_SIDE)), MAX_SVG_SIDE)
