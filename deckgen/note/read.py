"""Reading a note file: bytes to clean text, with one-line errors for what we cannot read.

Only UTF-8 is accepted (with or without BOM, any line ending), as Obsidian writes it. Other
encodings are refused with a message that names the likely encoding and the fix, rather
than guessed at: a wrong guess would put garbage on slides the night before a talk.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckgenError, printable

MAX_NOTE_BYTES = 32 * 1024 * 1024

# Characters XML 1.0 cannot hold (and a stray BOM), removed so python-pptx never fails on them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Source:
    """A note's text ready for parsing: LF line endings, no characters XML cannot hold."""

    path: Path
    text: str


def read_note(path: Path) -> Source:
    """Read `path` as a UTF-8 note, or raise DeckgenError with a one-line reason."""
    shown = str(path)
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it
        raise DeckgenError(f"cannot read the file ({_why(exc)})", shown) from None
    if not exists:
        raise DeckgenError("no such file", shown)
    if is_dir:
        raise DeckgenError("is a folder, not a note (give a .md file)", shown)
    return Source(path, decode_note(read_limited(path, MAX_NOTE_BYTES, "note"), shown))


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a one-line DeckgenError.

    A FIFO would block forever and `/dev/zero` (or a symlink to it) would grow without end:
    the file is opened without blocking, must be a regular file, and no more than the limit
    is ever read, whatever its size claims."""
    shown = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise DeckgenError("cannot read the file (permission denied)", shown) from None
    except (OSError, ValueError) as exc:
        raise DeckgenError(f"cannot read the file ({_why(exc)})", shown) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise DeckgenError(f"is not a regular file; a {what} must be one", shown)
        if info.st_size > limit:
            raise DeckgenError(f"{what} is {_mb(info.st_size)}; the limit is {_mb(limit)}", shown)
        data = read_at_most(handle, limit)
        if data is None:
            raise DeckgenError(f"{what} is larger than the limit of {_mb(limit)}", shown)
        return data
    except OSError as exc:
        raise DeckgenError(f"cannot read the file ({_why(exc)})", shown) from None
    finally:
        os.close(handle)


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _why(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def decode_note(data: bytes, shown: str) -> str:
    """Decode UTF-8 (BOM optional), normalise line endings, drop XML-illegal characters."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        raise DeckgenError("is UTF-16; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", shown)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeckgenError(_not_utf8_reason(data, exc), shown) from None
    if text.count("\x00") > max(4, len(text) // 100):
        raise DeckgenError("is not a text file (it contains NUL bytes)", shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")  # no-break spaces would block wrapping
    return _XML_ILLEGAL.sub("", text)


def scrub(text: str) -> str:
    """Text from anywhere (front matter, deckgen.toml, flags, file names) made safe for XML:
    control characters, stray BOMs and lone surrogates removed."""
    return _XML_ILLEGAL.sub("", text)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _mostly_control(sample: bytes) -> bool:
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > len(sample) // 20


def _not_utf8_reason(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data[: exc.start].count(b"\n") + 1
    try:
        decoded = data.decode("cp949")
    except UnicodeDecodeError:
        decoded = ""
    if decoded and any("\uac00" <= ch <= "\ud7a3" for ch in decoded):
        return ("is not UTF-8 (it looks like CP949/EUC-KR Korean); save it as UTF-8 "
                "(e.g. iconv -f CP949 -t UTF-8)")
    if b"\x00" in data[:8192] or _mostly_control(data[:8192]):
        return "is not a text file (it looks binary)"
    return f"is not UTF-8 text (invalid byte at line {line}); save it as UTF-8"


def note_display_path(path: Path) -> str:
    """The path as the user should see it in messages: relative to the current folder if inside."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    return printable(shown)


def read_at_most(handle: int, limit: int) -> bytes | None:
    """The bytes of an open file, or None when it holds more than `limit`: read in steps,
    never trusting the size the file claims (a device or a growing file claims none)."""
    chunks, total = [], 0
    while total <= limit:
        chunk = os.read(handle, min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks) if total <= limit else None
