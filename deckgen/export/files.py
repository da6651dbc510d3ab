"""Writing extras (PDF, handout, preview) next to the deck without losing anybody's file.

Each extra is written to a uniquely named temporary file beside its target and renamed
into place, so builds running at once never trip over each other's half-written files,
and a short temp name works even when the target's own name is at the file system's limit.
An existing file is replaced only when it is one deckgen wrote (a previous build's PDF or
preview): never the note's own picture or a PDF the user keeps next to it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from collections.abc import Callable, Iterator

from ..errors import DeckgenError

PNG_MARK = "deckgen"  # the preview's tEXt "Software" value
SCRIPT_MARK = "<!-- written by deckgen --script: rebuilt with the deck -->"  # its first line
PDF_CREATORS = ("Impress", "deckgen")  # LibreOffice's Creator for slides; ours for handouts


@contextlib.contextmanager
def temp_beside(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A fresh, short-named temp path in the target's folder; removed unless renamed."""
    try:
        handle, name = tempfile.mkstemp(prefix=".deckgen-", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise DeckgenError(f"cannot write to {target.parent} ({exc.strerror or exc})",
                           str(target)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
    finally:
        if temp.exists():
            temp.unlink()


def write_extra(target: Path, write: Callable[[Path], object]) -> Path:
    """`write(temp)` makes the file; it then replaces `target`, which must be ours if it exists."""
    refuse_foreign(target)
    with temp_beside(target, target.suffix) as temp:
        write(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    return target


def refuse_foreign(target: Path) -> None:
    """One line instead of overwriting a file deckgen did not write."""
    if target.is_symlink() or (target.exists() and not written_by_us(target)):
        raise DeckgenError("refusing to overwrite a file deckgen did not write; choose "
                           "another -o", str(target))


def written_by_us(path: Path) -> bool:
    """A previous build's preview (PNG with our mark) or PDF (LibreOffice Impress, or ours)."""
    if not path.is_file():
        return False
    suffix = path.suffix.lower()
    try:
        if suffix == ".png":
            from PIL import Image

            with Image.open(path) as image:
                return image.format == "PNG" and image.info.get("Software") == PNG_MARK
        if suffix == ".md":
            with open(path, encoding="utf-8") as stream:
                return stream.readline().strip() == SCRIPT_MARK
        if suffix == ".pdf":
            from pypdf import PdfReader

            info: dict = dict(PdfReader(str(path)).metadata or {})
            creator = str(info.get("/Creator", "")) + " " + str(info.get("/Producer", ""))
            return any(mark in creator for mark in PDF_CREATORS)
    except Exception:  # unreadable or damaged: not recognisably ours
        return False
    return False
