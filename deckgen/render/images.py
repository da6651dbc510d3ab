"""Image parts whose bytes stay in the picture cache until the deck is zipped."""

from __future__ import annotations

from pptx.parts.image import ImagePart

from ..pictures.model import Encoded

CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


class StoredImagePart(ImagePart):
    """An image part whose bytes stay in the picture cache until something reads them (the
    zip, the keep stage's digest, python-pptx sizing the picture): a deck of a hundred
    screenshots does not hold them all while it is written."""

    def __init__(self, partname, content_type: str, package, encoded: Encoded):
        self._encoded = encoded
        super().__init__(partname, content_type, package, b"")

    @property
    def _blob(self) -> bytes:  # what python-pptx's Part and ImagePart read
        return self._encoded.blob

    @_blob.setter
    def _blob(self, _value: bytes) -> None:  # Part.__init__ sets it; the entry is the bytes
        pass

    @property
    def sha256(self) -> bytes:
        """The bytes' sha256, known without reading them (the keep stage's digest)."""
        return self._encoded.sha256

    def scale(self, scaled_cx: int | None, scaled_cy: int | None) -> tuple[int, int]:
        """Every picture is placed at the size layout chose: no need to read the pixels."""
        if scaled_cx and scaled_cy:
            return scaled_cx, scaled_cy
        return super().scale(scaled_cx, scaled_cy)
