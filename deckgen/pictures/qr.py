"""The QR code of the talk's link: a real picture (PNG) made with segno, a pure-Python QR
library, so the audience can scan the link from the last slide."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from ..note.model import ImageRef
from .model import Picture

from ..plan.own import QR_PREFIX  # an image reference: this prefix and a URL
SCALE = 12  # pixels per module: sharp on a projector, small as a file


def is_qr(ref: ImageRef) -> bool:
    return ref.target.startswith(QR_PREFIX)


def qr_picture(ref: ImageRef, folder: Path | None = None) -> Picture:
    """The QR code of the URL in `ref` as a PNG file (the same URL, the same file)."""
    url = ref.target[len(QR_PREFIX):]
    import segno  # imported only for decks that show a link

    code = segno.make(url, error="m", micro=False)
    folder = folder or Path(tempfile.gettempdir()) / "deckgen-qr"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]
    path = folder / f"{digest}.png"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        code.save(str(temp), kind="png", scale=SCALE, border=4)
        temp.replace(path)
    width, height = code.symbol_size(scale=SCALE, border=4)
    return Picture("QR", int(width), int(height), path, None, None, ref.line)
