"""A PNG decoded by Pillow, its pixel data inflated by ISA-L.

Most of a screenshot's decode is zlib's inflate, which Pillow does with the system's zlib
(1.2.13 here, about 50 ms for a 2560×1600 photo-like screenshot). ISA-L inflates the same
stream in half the time, without the GIL. Here Pillow reads the file through a stream that
passes every chunk before the pixel data as it is, and hands over the pixel data inflated by
ISA-L and wrapped again as stored (uncompressed) deflate blocks, which Pillow's own decoder
copies through and unfilters as ever. So the pixels are Pillow's, byte for byte; only the
inflating moved. The stream inflates a piece at a time, so no whole copy of the raw rows is
ever held. Without ISA-L (no wheel for the platform), or for anything this does not read
(interlaced, another bit depth, a damaged stream), the caller lets Pillow decode the file.
"""

from __future__ import annotations

import importlib
import io
import struct
import zlib
from pathlib import Path
from types import ModuleType
from typing import IO, cast

from PIL import Image

from .bigpng import SIGNATURE, header_chunks, idat_pieces


def _isal() -> ModuleType | None:
    try:
        return importlib.import_module("isal.isal_zlib")
    except ImportError:  # no wheel for this platform: Pillow decodes every PNG itself
        return None


isal_zlib = _isal()

# Raw rows inflated, and file bytes read, at a time: under glibc's mmap threshold (see
# encoder.py), so the pieces reuse heap memory instead of faulting in fresh pages each time.
PIECE_BYTES = 96 * 1024
READ_BYTES = 64 * 1024
PLAIN_MODES = ("RGB", "RGBA", "L", "LA", "P")
# Below this many file bytes a pixel (flat screenshots, diagrams) zlib inflates long runs
# nearly for free, and copying the rows through stored blocks costs more than ISA-L saves
# (measured on 2560×1600: 0.7 B/px 113 → 90 ms; 0.004 B/px 26 → 40 ms).
DENSE_BYTES_PER_PIXEL = 0.4


def decode_png(path: Path, like: Image.Image) -> Image.Image | None:
    """`path` decoded, the same pixels and mode as `like` (that file, opened by Pillow)
    would load to; None when the caller should let Pillow decode it."""
    if isal_zlib is None or like.format != "PNG" or like.mode not in PLAIN_MODES:
        return None
    try:
        if path.stat().st_size < like.width * like.height * DENSE_BYTES_PER_PIXEL:
            return None
        stream = _InflatedPng(path, isal_zlib)
    except OSError:
        return None
    try:
        if stream.header is None:
            return None
        image = Image.open(cast(IO[bytes], stream), formats=["PNG"])
        if image.mode != like.mode or image.size != like.size:
            return None
        image.load()
        return image if stream.complete() else None
    except Exception:  # whatever the stream or the file did: Pillow decodes it the usual way
        return None
    finally:
        stream.close()


class _InflatedPng(io.RawIOBase):
    """The PNG at `path` with its IDAT data replaced by the same rows in stored blocks.

    Every chunk before the first IDAT is passed as it is (Pillow reads the header, palette
    and transparency from them); then come IDAT chunks of stored deflate data, made as
    Pillow reads on, and IEND. Pillow does not check IDAT checksums, so those are left 0.
    """

    def __init__(self, path: Path, inflating: ModuleType):
        super().__init__()
        self._file = open(path, "rb")
        self.name = str(path)  # as a file's: whoever asks what is being read learns it
        self.header = _header(self._file)
        self._buffer = bytes(self.header or b"")
        self._start = 0  # stream position of self._buffer[0]
        self._position = 0
        self._inflater = inflating.decompressobj()
        self._storer = zlib.compressobj(0)
        self._compressed = idat_pieces(self._file, READ_BYTES)
        self._ended = False
        self._finished = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = {io.SEEK_SET: offset, io.SEEK_CUR: self._position + offset}.get(whence)
        if target is None or target < self._start:
            raise OSError("this stream seeks forward, or back within what it holds")
        self._position = target
        return target

    def readinto(self, into) -> int:
        while self._start + len(self._buffer) <= self._position and not self._ended:
            self._more()
        skip = self._position - self._start
        view = memoryview(self._buffer)[skip:skip + len(into)]
        into[:len(view)] = view
        self._position += len(view)
        return len(view)

    def complete(self) -> bool:
        """Whether the whole zlib stream was inflated (a cut file is not)."""
        return self._finished

    def close(self) -> None:
        self._file.close()
        super().close()

    def _more(self) -> None:
        raw = b""
        while not raw and not self._inflater.eof:
            compressed = self._inflater.unconsumed_tail or next(self._compressed, b"")
            if not compressed:
                break
            raw = self._inflater.decompress(compressed, PIECE_BYTES)
        if raw:
            self._chunk(b"IDAT", self._storer.compress(raw) + self._storer.flush(zlib.Z_SYNC_FLUSH))
            return
        self._finished = self._inflater.eof
        self._chunk(b"IDAT", self._storer.flush())
        self._chunk(b"IEND", b"")
        self._ended = True

    def _chunk(self, name: bytes, data: bytes) -> None:
        """Append a chunk; what was read before the current position is let go."""
        keep = max(0, self._position - self._start)
        if keep:
            self._start += keep
            self._buffer = self._buffer[keep:]
        self._buffer = self._buffer + struct.pack(">I4s", len(data), name) + data + b"\0\0\0\0"


def _header(handle) -> bytes | None:
    """The file's bytes up to its first IDAT chunk, with `handle` left there; None unless it
    is a non-interlaced PNG of 8-bit samples."""
    chunks = header_chunks(handle)
    ihdr = next((data for name, _, data in chunks or () if name == b"IHDR"), None)
    if ihdr is None or len(ihdr) < 13 or ihdr[8] != 8 or ihdr[12] != 0:
        return None
    return SIGNATURE + b"".join(raw for _, raw, _ in chunks or ())
