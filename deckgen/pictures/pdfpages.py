"""Pages of a PDF as pictures (`![[paper.pdf#page=3]]`), drawn with pypdfium2.

Probing opens the document and reads one page's size; encoding draws that page at the
pixel width the slide needs, so a figure from a paper is as sharp as a screenshot. PDFium
is not thread-safe and pictures encode in a thread pool, so every call holds one lock.
Nothing here raises for a bad PDF: problems come back as the reason string a placeholder
shows.
"""

from __future__ import annotations

import io
import math
import threading
from pathlib import Path

from .model import Encoded

PROBE_SCALE = 2.0  # pixels per PDF point the probe reports (144 dpi): sharp on a 1920 slide
MAX_PDF_PIXELS_WIDE = 4000
_PDFIUM_LOCK = threading.Lock()


def pdf_page_size(path: Path, page: int) -> tuple[int, int] | str:
    """(width, height) in pixels of `page` (1-based), or why it cannot be shown. Loading
    a page parses its content, so this too runs in the bounded child (see `_in_child`)."""
    found = _in_child(path, page, 0)
    if isinstance(found, str):
        return found.replace("drawn", "read")
    count, width, height = (float(x) for x in found.split())
    if page < 1 or page > count:
        pages = int(count)
        return f"page {page} is not in the PDF ({pages} page{'s' if pages != 1 else ''})"
    if width <= 0 or height <= 0:
        return "damaged PDF (empty page)"
    return math.ceil(width * PROBE_SCALE), math.ceil(height * PROBE_SCALE)


# Drawing a page runs in a child process with these bounds: a 633-byte PDF whose form
# XObject draws itself passed 3 GB in 6 s inside PDFium, which no option of its own stops.
RENDER_SECONDS = 20.0
RENDER_BYTES = 300 * 1024 * 1024  # the child's address space: the build's 300 MB bar
_CHILD = """
import io, resource, sys
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import pypdfium2 as pdfium
document = pdfium.PdfDocument(sys.argv[1])
page, width = int(sys.argv[2]), int(sys.argv[3])
if not width:  # the probe: page count and the page's size in points
    size = document[page - 1].get_size() if 1 <= page <= len(document) else (0, 0)
    sys.stdout.buffer.write(b"SIZE %d %f %f" % (len(document), *size))
    sys.exit(0)
sheet = document[page - 1]
scale = max(0.1, width / max(1.0, sheet.get_width()))
out = io.BytesIO()
sheet.render(scale=scale).to_pil().convert("RGB").save(out, "PNG", compress_level=6)
sys.stdout.buffer.write(out.getvalue())
"""


def encode_pdf_page(path: Path, page: int, width_px: int) -> Encoded | str:
    """`page` drawn `width_px` wide on white, as PNG; a reason string on failure."""
    found = _in_child(path, page, max(1, width_px))
    return found if isinstance(found, str) else Encoded(found, "png")


def _in_child(path: Path, page: int, width_px: int) -> bytes | str:
    """PDFium in a child process bounded in time and memory (a 633-byte PDF whose form
    XObject draws itself passed 3 GB in 6 s, and no PDFium option stops it): the PNG of
    the page (`width_px` > 0), or b"count width height" (0), or why it failed (text)."""
    import subprocess
    import sys

    if sys.platform == "win32":  # no address-space limit to give a child: work here
        return _here(path, page, width_px)
    command = [sys.executable, "-I", "-c", _CHILD, str(path), str(page), str(width_px),
               str(RENDER_BYTES)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=RENDER_SECONDS)
    except subprocess.TimeoutExpired:
        return f"PDF page takes longer than {RENDER_SECONDS:.0f} s (not drawn)"
    except OSError:
        return "damaged PDF (could not be drawn)"
    if done.returncode == 0 and done.stdout.startswith(b"SIZE ") and not width_px:
        return done.stdout[5:]
    if done.returncode == 0 and done.stdout.startswith(b"\x89PNG") and width_px:
        return done.stdout
    if b"MemoryError" in done.stderr or done.returncode < 0:
        return "PDF page needs too much memory (not drawn)"
    return "damaged PDF (could not be drawn)"


def _here(path: Path, page: int, width_px: int) -> bytes | str:
    """`_in_child`'s work in this process, where no child can be bounded."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
            try:
                if not width_px:
                    size = document[page - 1].get_size() if 1 <= page <= len(document) \
                        else (0, 0)
                    return f"{len(document)} {size[0]} {size[1]}".encode()
                sheet = document[page - 1]
                scale = max(0.1, width_px / max(1.0, sheet.get_width()))
                image = sheet.render(scale=scale).to_pil()
            finally:
                document.close()
        except Exception:
            return "damaged PDF (could not be drawn)"
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", compress_level=6)
    return out.getvalue()
