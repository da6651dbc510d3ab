"""The picture cache: encoded pictures kept between builds, so a rebuild decodes nothing.

Entries live under `$XDG_CACHE_HOME/deckgen/pictures` (the platform's cache folder on macOS
and Windows), one file per picture, named by a hash of the source file's bytes, the size it
is stored at and the encoder version: an edited picture, a new size or a new encoder never
meets an old entry. Each entry carries a digest of its own bytes, so a truncated or damaged
file is read as a miss and written again. Writes go to a temporary file renamed into place,
so builds sharing the cache never see half an entry. Past the size limit the least recently
used entries go (a hit touches its entry).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import ENCODER_VERSION, Encoded

LIMIT_BYTES = 500 * 1024 * 1024
MAGIC = b"DGPC"  # deckgen picture cache, format 1
EXTENSIONS = {b"png ": "png", b"jpg ": "jpg"}
DIGEST = 32
HEAD = len(MAGIC) + 4 + DIGEST


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/deckgen`, else the platform's user cache folder."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "deckgen"
    if sys.platform.startswith("linux"):
        return Path.home() / ".cache" / "deckgen"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("deckgen", appauthor=False))


@dataclass(frozen=True)
class CacheInfo:
    folder: Path
    entries: int
    size: int
    limit: int


class PictureCache:
    """Encoded pictures by source content and target size. Never raises for a cache problem:
    an unreadable or unwritable cache only makes a build slower."""

    def __init__(self, folder: Path | None = None, limit: int = LIMIT_BYTES):
        self.folder = (folder or cache_folder()) / "pictures"
        self.limit = limit
        self._digests: dict[tuple[str, int, int, int], str] = {}  # stat → content hash

    def key(self, source: Path, target: int) -> str | None:
        """The entry name for `source` stored `target` pixels wide; None if unreadable."""
        digest = self._content_digest(source)
        if digest is None:
            return None
        return hashlib.sha256(f"{ENCODER_VERSION}\0{digest}\0{target}".encode()).hexdigest()

    def _content_digest(self, source: Path) -> str | None:
        """Hash of the file's bytes, remembered by size, mtime and inode within a process
        (a watch session hashes each picture once until it changes)."""
        try:
            stat = source.stat()
            seen = (str(source), stat.st_size, stat.st_mtime_ns, stat.st_ino)
            if seen not in self._digests:
                with open(source, "rb") as handle:
                    self._digests[seen] = hashlib.file_digest(handle, "sha256").hexdigest()
            return self._digests[seen]
        except OSError:
            return None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Encoded | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        blob = data[HEAD:]
        if len(data) < HEAD or data[:4] != MAGIC or data[4:8] not in EXTENSIONS or \
                hashlib.sha256(blob).digest() != data[8:HEAD]:
            return None  # damaged: the caller encodes again and put() replaces it
        try:
            os.utime(path)  # least recently used is judged by modification time
        except OSError:
            pass
        return Encoded(blob, EXTENSIONS[data[4:8]])

    def put(self, key: str, encoded: Encoded) -> None:
        path = self._path(key)
        head = MAGIC + f"{encoded.extension:<4}".encode() + hashlib.sha256(encoded.blob).digest()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(head + encoded.blob)
                os.replace(temp, path)
            except OSError:
                _unlink(Path(temp))
        except OSError:
            pass

    def _entries(self) -> list[tuple[float, int, Path]]:
        found: list[tuple[float, int, Path]] = []
        if not self.folder.is_dir():
            return found
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found.append((stat.st_mtime, stat.st_size, entry))
        return found

    def trim(self) -> int:
        """Remove least recently used entries until the cache is within its limit."""
        entries = sorted(self._entries(), key=lambda e: (e[0], e[2].name))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in entries:
            if total <= self.limit:
                break
            if _unlink(path):
                total -= size
                removed += 1
        return removed

    def info(self) -> CacheInfo:
        entries = [e for e in self._entries() if not e[2].name.startswith(".")]
        return CacheInfo(self.folder.parent, len(entries), sum(e[1] for e in entries),
                         self.limit)

    def clear(self) -> int:
        removed = sum(1 for _, _, path in self._entries() if _unlink(path))
        for sub in (self.folder.iterdir() if self.folder.is_dir() else ()):
            try:
                sub.rmdir()
            except OSError:
                pass
        return removed


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False
