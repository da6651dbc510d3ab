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
    """(width, height) in pixels of `page` (1-based), or why it cannot be shown."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except Exception:  # PdfiumError, OSError: a damaged or locked file
            return "damaged PDF (could not be read)"
        try:
            count = len(document)
            if page < 1 or page > count:
                return f"page {page} is not in the PDF ({count} page{'s' if count != 1 else ''})"
            width, height = document[page - 1].get_size()
        except Exception:
            return "damaged PDF (could not be read)"
        finally:
            document.close()
    if width <= 0 or height <= 0:
        return "damaged PDF (empty page)"
    return math.ceil(width * PROBE_SCALE), math.ceil(height * PROBE_SCALE)


def encode_pdf_page(path: Path, page: int, width_px: int) -> Encoded | str:
    """`page` drawn `width_px` wide on white, as PNG; a reason string on failure."""
    import pypdfium2 as pdfium


    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
            try:
                sheet = document[page - 1]
                scale = max(0.1, width_px / max(1.0, sheet.get_width()))
                image = sheet.render(scale=scale).to_pil()
            finally:
                document.close()
        except Exception:
            return "damaged PDF (could not be drawn)"
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", compress_level=6)
    return Encoded(out.getvalue(), "png")

