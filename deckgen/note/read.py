"""Reading a note file: bytes to clean text, with one-line errors for what we cannot read.

Only UTF-8 is accepted (with or without BOM, any line ending), as Obsidian writes it. Other
encodings are refused with a message that names the likely encoding and the fix, rather
than guessed at: a wrong guess would put garbage on slides the night before a talk.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckgenError

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
    if not path.exists():
        raise DeckgenError("no such file", shown)
    if path.is_dir():
        raise DeckgenError("is a folder, not a note (give a .md file)", shown)
    try:
        size = path.stat().st_size
        if size > MAX_NOTE_BYTES:
            raise DeckgenError(f"note is {size // (1024 * 1024)} MB; the limit is "
                               f"{MAX_NOTE_BYTES // (1024 * 1024)} MB", shown)
        data = path.read_bytes()
    except PermissionError:
        raise DeckgenError("cannot read the file (permission denied)", shown) from None
    except OSError as exc:
        raise DeckgenError(f"cannot read the file ({exc.strerror or exc})", shown) from None
    return Source(path, decode_note(data, shown))


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
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
