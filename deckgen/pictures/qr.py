"""The QR code of the talk's link: a real picture (PNG) made in memory with segno, a
pure-Python QR library, so the audience can scan the link from the last slide."""

from __future__ import annotations

import io

from ..plan.talk import QrCode
from .model import Drawn, Picture

SCALE = 12  # pixels per module: sharp on a projector, small as a file
BORDER = 4  # modules of quiet zone, as the standard asks


def qr_picture(code: QrCode) -> Picture:
    """The QR code of `code.url` as a PNG picture (the same URL, the same bytes)."""
    import segno  # imported only for decks that show a link

    symbol = segno.make(code.url, error="m", micro=False)
    out = io.BytesIO()
    symbol.save(out, kind="png", scale=SCALE, border=BORDER)
    width, height = symbol.symbol_size(scale=SCALE, border=BORDER)
    return Picture("QR", int(width), int(height), None, None, None, code.line,
                   drawing=Drawn(out.getvalue(), natural_points=False))
