"""The picture cache: encoded pictures kept between builds, so a rebuild decodes nothing.

Entries live under `$XDG_CACHE_HOME/deckgen/pictures` (the platform's cache folder on macOS
and Windows), one file per picture, named by a hash of the source file's bytes, the size it
is stored at and the encoder version: an edited picture, a new size or a new encoder never
meets an old entry. Each entry carries a digest of its own bytes, so a truncated or damaged
file is read as a miss and written again. Writes go to a temporary file renamed into place,
so builds sharing the cache never see half an entry. Past the size limit the least recently
used entries go (a hit touches its entry).

The cache is the user's own: its folders are made 0700 and used only when they are real
folders owned by this user; entries are opened without following a symlink, read only up to
`MAX_ENTRY_BYTES`, and maintenance (trim, clear) never follows a link out of the cache.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .entry import DIGEST, MAX_ENTRY_BYTES, entry_head, parse_entry, read_entry
from .model import ENCODER_VERSION, Encoded, Stored

LIMIT_BYTES = 500 * 1024 * 1024
__all__ = ["MAX_ENTRY_BYTES", "CacheInfo", "PictureCache", "cache_folder"]


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

    def has(self, key: str) -> bool:
        """Whether an entry is stored under `key` (not read: `get` checks it)."""
        try:
            return self._path(key).is_file()
        except OSError:
            return False

    def get(self, key: str, in_memory: bool = True) -> Encoded | None:
        path = self._path(key)
        folders = (self.folder.parent, self.folder, path.parent)
        data = read_entry(path) if all(_own_folder(f, create=False) for f in folders) else None
        entry = parse_entry(data)
        if entry is None:
            return None  # missing or damaged: the caller encodes again and put() replaces it
        try:
            os.utime(path, follow_symlinks=False)  # least recently used: modification time
        except (OSError, NotImplementedError):
            pass
        extension, digest, blob = entry
        return Encoded(blob, extension) if in_memory else \
            Encoded(b"", extension, Stored(path, digest, len(blob)))

    def put(self, key: str, encoded: Encoded) -> Encoded:
        """Keep `encoded` under `key`; what to hold from now on: the entry itself when it
        was written (its bytes are read again when needed), else `encoded` as it is."""
        path = self._path(key)
        head = entry_head(encoded.extension, encoded.blob)
        try:
            self.folder.parent.parent.mkdir(parents=True, exist_ok=True)
            if not all(_own_folder(f) for f in (self.folder.parent, self.folder, path.parent)):
                return encoded  # a folder planted by someone else, or a link: no caching
            # mkstemp opens with O_CREAT | O_EXCL (a planted name or symlink is never
            # written through) and mode 0600; os.replace swaps the name, never follows it.
            handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(head + encoded.blob)
                os.replace(temp, path)
            except OSError:
                _unlink(Path(temp))
                return encoded
        except OSError:
            return encoded
        return Encoded(b"", encoded.extension, Stored(path, head[-DIGEST:], encoded.size))

    def _entries(self) -> list[tuple[float, int, Path]]:
        """Every entry file of the cache, found without following a link: a symlinked
        sub-folder, or an entry that is a link, is never entered or measured through."""
        found: list[tuple[float, int, Path]] = []
        for sub in _scan(self.folder):
            if not sub.is_dir(follow_symlinks=False):
                continue
            for entry in _scan(Path(sub.path)):
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                found.append((info.st_mtime, info.st_size, Path(entry.path)))
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
        for sub in _scan(self.folder):
            if sub.is_dir(follow_symlinks=False):
                try:
                    os.rmdir(sub.path)
                except OSError:
                    pass
        return removed


def _scan(folder: Path) -> list[os.DirEntry]:
    """A folder's entries; none when it is missing, unreadable or itself a symlink."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _own_folder(folder: Path, create: bool = True) -> bool:
    """Whether `folder` is a real folder (not a link) of this user, made 0700 if missing."""
    if create:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077 and create:
        try:  # a cache made by an older deckgen, open to others: close it
            os.chmod(folder, 0o700, follow_symlinks=False)
        except (OSError, NotImplementedError):
            return False
    return True


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False
