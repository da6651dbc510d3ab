"""A contact sheet: every slide of the PDF, small, on one PNG, to see the deck at a glance."""

from __future__ import annotations

from ..theme import PLAIN

import math
from pathlib import Path

from PIL import Image, PngImagePlugin

from .files import PNG_MARK

COLUMNS = 5
THUMB_WIDTH = 384
GAP = 12
BACKGROUND = tuple(bytes.fromhex(PLAIN.colors.preview_sheet))  # as RGB


def contact_sheet(pdf: Path, target: Path, columns: int = COLUMNS) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        thumbs = []
        for index in range(len(document)):
            page = document[index]
            scale = THUMB_WIDTH / page.get_width()
            thumbs.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    if not thumbs:
        return
    width, height = thumbs[0].size
    columns = min(columns, len(thumbs))
    rows = math.ceil(len(thumbs) / columns)
    sheet = Image.new("RGB", (columns * (width + GAP) + GAP, rows * (height + GAP) + GAP),
                      BACKGROUND)
    for index, thumb in enumerate(thumbs):
        x = GAP + (index % columns) * (width + GAP)
        y = GAP + (index // columns) * (height + GAP)
        sheet.paste(thumb.resize((width, height)), (x, y))
    # A glance, not a print: a 256-colour palette keeps it sharp at a third of the bytes.
    sheet = sheet.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    mark = PngImagePlugin.PngInfo()
    mark.add_text("Software", PNG_MARK)  # so a later build knows it may replace this file
    sheet.save(target, "PNG", optimize=True, pnginfo=mark)  # the caller's temp file
