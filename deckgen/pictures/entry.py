"""One picture cache entry on disk: its format, and reading it back safely.

An entry is `MAGIC`, the kind (`png ` or `jpg `), the sha256 of the bytes, then the bytes.
It is opened without following a symlink, never from a device, and read only up to
`MAX_ENTRY_BYTES`. The cache (`cache.py`) writes and finds entries; a picture held as its
entry (`model.Encoded.stored`) is read again through here when the deck needs its bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckgenError
from ..note.read import read_at_most

MAGIC = b"DGPC"  # deckgen picture cache, format 1
EXTENSIONS = {b"png ": "png", b"jpg ": "jpg"}
DIGEST = 32
HEAD = len(MAGIC) + 4 + DIGEST
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far above any encoded picture, far below a device's stream
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class Stored:
    """Where a picture's encoded bytes are kept: a picture cache entry, checked by digest."""

    path: Path
    digest: bytes  # sha256 of the bytes
    size: int  # how many bytes


def entry_head(extension: str, blob: bytes) -> bytes:
    """What an entry holding `blob` begins with: the format, the kind, the bytes' digest."""
    return MAGIC + f"{extension:<4}".encode() + hashlib.sha256(blob).digest()


def parse_entry(data: bytes | None) -> tuple[str, bytes, bytes] | None:
    """(kind, digest, bytes) of an entry that is whole and matches its digest, else None."""
    if data is None or len(data) < HEAD or data[:4] != MAGIC or data[4:8] not in EXTENSIONS:
        return None
    blob = data[HEAD:]
    digest = data[8:HEAD]
    if hashlib.sha256(blob).digest() != digest:
        return None
    return EXTENSIONS[data[4:8]], digest, blob


def read_stored(stored: Stored) -> bytes:
    """A stored picture's bytes, read again from its entry as safely as `get` reads one.
    An entry removed or changed since it was written (another process cleared the cache
    mid-build) stops the build with one line: the deck is never written without it."""
    entry = parse_entry(read_entry(stored.path))
    if entry is None or entry[1] != stored.digest:
        raise DeckgenError("a picture's entry in the picture cache was removed or changed "
                           "during the build (`deckgen cache clear` at the same time?); "
                           "build again", str(stored.path))
    return entry[2]


def read_entry(path: Path) -> bytes | None:
    """An entry's bytes: never through a symlink, never from a device, at most the cap."""
    try:
        handle = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        return read_at_most(handle, MAX_ENTRY_BYTES)
    except OSError:
        return None
    finally:
        os.close(handle)
