"""Where a deck is written, and writing it so that nothing is ever half-written or lost.

A deck goes to a temporary file next to the target and is renamed into place, so a failed
build never leaves half a deck or destroys the previous one; it never replaces the note, a
Markdown file, or anything that is not a .pptx.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import DeckgenError

COPY_BLOCK = 1024 * 1024  # a deck is copied a megabyte at a time, never held whole


def output_path(note_path: Path, output: Path | None, suffix: str = ".pptx") -> Path:
    """`build/<note>.pptx` by default; `-o` takes a file or a folder."""
    name = note_path.stem + suffix
    if output is None:
        return Path("build") / name
    if output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix:
        return output / name
    return output


def write_atomically(target: Path, blob: bytes | Path, note_path: Path) -> None:
    """`blob` (bytes, or a file's contents copied a block at a time) written to a temp file
    beside `target` and renamed onto it: a reader never sees half a deck."""
    with atomic_deck(target, note_path) as stream:
        if isinstance(blob, Path):
            with blob.open("rb") as source:
                shutil.copyfileobj(source, stream, COPY_BLOCK)
        else:
            stream.write(blob)


@contextmanager
def atomic_deck(target: Path, note_path: Path) -> Iterator[BinaryIO]:
    """A temp file beside `target` to write the deck into (and read back), renamed onto
    `target` when the block ends; removed, the previous deck untouched, when it fails. The
    deck goes to disk as it is zipped, never held whole in memory."""
    _refuse(target, note_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A short temp name: the target's own name may already be at the file system's limit.
        handle, temp = tempfile.mkstemp(prefix=".deckgen-", suffix=".tmp", dir=target.parent)
    except (OSError, ValueError) as exc:
        raise DeckgenError(f"cannot write to {target.parent} "
                           f"({getattr(exc, 'strerror', None) or exc})", str(target)) from None
    stream = os.fdopen(handle, "w+b")
    try:
        yield stream
        stream.close()
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:  # Ctrl-C too: never leave the temp file behind
        stream.close()
        try:
            os.unlink(temp)
        except OSError:
            pass
        if not isinstance(exc, OSError):
            raise
        raise DeckgenError(f"cannot write the deck ({exc.strerror or exc})", str(target)) from None


def _refuse(target: Path, note_path: Path) -> None:
    if target.exists() and note_path.exists() and target.resolve() == note_path.resolve():
        raise DeckgenError("refusing to write the deck over the note itself", str(target))
    if target.suffix.lower() in (".md", ".markdown"):
        raise DeckgenError("refusing to write a deck to a Markdown file name", str(target))
    if (target.exists() or target.is_symlink()) and not _replaceable(target):
        raise DeckgenError("refusing to overwrite a file that is not a deck (-o names an "
                           "existing file); choose another name", str(target))


def _replaceable(target: Path) -> bool:
    """Only a regular .pptx file (a deck, ours or not) may be replaced by a deck."""
    return (target.suffix.lower() == ".pptx" and target.is_file()
            and not target.is_symlink() and zipfile.is_zipfile(target))


def previous_deck(target: Path) -> Path | None:
    """The deck a build is about to replace (None when there is none, or it is not one a
    build may replace: `write_atomically` refuses those). Its bytes are read only by what
    needs them: a deck as the last build wrote it is backed up without ever being held."""
    return target if target.exists() and _replaceable(target) else None


def read_deck(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def rehearsal_path(target: Path) -> Path:
    """Where a rehearsal of the deck at `target` is kept: `build/<note>.rehearsal.json`."""
    return target.with_name(f"{target.stem}.rehearsal.json")


def backup_path(target: Path) -> Path:
    """One generation of backup beside the deck: `build/.deckgen/<note>.prev.pptx`."""
    return target.parent / ".deckgen" / f"{target.stem}.prev{target.suffix}"


def back_up(target: Path) -> Path:
    """Keep the previous deck before it is replaced (copied atomically, like every deck)."""
    backup = backup_path(target)
    write_atomically(backup, target, target)
    return backup


PAGE_MARK = '<meta name="generator" content="deckgen">'


def write_page(target: Path, text: str) -> None:
    """Write the deck's HTML page (or a rehearsal beside it) as the deck is written: to a
    temp file renamed into place, replacing only a file deckgen wrote (one that carries
    `PAGE_MARK`, or a `.rehearsal.json`), never the user's own page."""
    if target.exists() and not target.name.endswith(".rehearsal.json"):
        try:
            head = target.read_text(encoding="utf-8", errors="replace")[:2000]
        except OSError:
            head = ""
        if PAGE_MARK not in head:
            raise DeckgenError("refusing to overwrite a page deckgen did not write; move it or "
                               "choose another -o", str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".deckgen-", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        raise DeckgenError(f"cannot write {target.name} ({exc.strerror or exc})",
                           str(target)) from None
