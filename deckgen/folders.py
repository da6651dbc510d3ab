"""`deckgen build FOLDER`: every Markdown note in a folder, built in parallel.

Notes are found in the folder itself (and below it with `recursive`), never in hidden
folders, the vault's attachment folder or `build/`. Each note is built in its own worker
process (python-pptx is pure Python, so threads would share one core), up to the number of
cores; a note that fails does not stop the others.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from .errors import DeckgenError, internal_error
from .note.vault import ATTACHMENT_FOLDERS, SKIP_DIRS, ImageFinder, find_vault_root, inside_vault

NOTE_SUFFIXES = (".md", ".markdown")


def find_notes(folder: Path, recursive: bool, vault: Path | None = None) -> list[Path]:
    """The notes to build, in a stable order (see `notes_in`)."""
    return notes_in(folder, recursive, vault)[0]


def notes_in(folder: Path, recursive: bool, vault: Path | None = None
             ) -> tuple[list[Path], list[str]]:
    """The notes to build, in a stable order, and one line for each member refused: a note
    or sub-folder that resolves (symlinks followed) outside the vault root is not read, and
    a folder reached twice (a link to `.` or `..`) is walked once, so loops end."""
    root = find_vault_root(folder / "_", Path.cwd(), vault)
    found: list[Path] = []
    refused: list[str] = []
    _walk(folder, recursive, _Walk(root, _attachment_folder(folder, root), set()), found, refused)
    return found, refused


@dataclass
class _Walk:
    root: Path
    attachments: Path | None
    seen: set[Path]  # real folders already walked


def _walk(folder: Path, recursive: bool, walk: _Walk, found: list[Path],
          refused: list[str]) -> None:
    try:
        walk.seen.add(folder.resolve())
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except (OSError, RuntimeError):
        refused.append(f"{folder}: warning: cannot list this folder; its notes are not built")
        return
    outside = f"resolves outside the vault ({walk.root}); not read"
    for path in entries:
        if path.suffix.lower() in NOTE_SUFFIXES and not path.name.startswith(".") and \
                path.is_file():
            if inside_vault(path, walk.root):
                found.append(path)
            else:
                refused.append(f"{path}: warning: {outside}")
    if not recursive:
        return
    for sub in entries:
        if not sub.is_dir() or _skipped(sub, walk.attachments):
            continue
        if not inside_vault(sub, walk.root):
            refused.append(f"{sub}: warning: {outside}")
        elif sub.resolve() in walk.seen:
            refused.append(f"{sub}: warning: a link to a folder already built; not built again")
        else:
            _walk(sub, True, walk, found, refused)


def _attachment_folder(folder: Path, root: Path) -> Path | None:
    """The folder `.obsidian/app.json` names for attachments (the vault's, not a note's)."""
    named = ImageFinder(folder / "_", root).attachment_dir()
    if named is None or named.resolve() in (root.resolve(), folder.resolve()):
        return None  # attachments kept beside the notes: nothing to skip
    return named.resolve()


def _skipped(sub: Path, attachments: Path | None) -> bool:
    return sub.name.startswith(".") or sub.name in SKIP_DIRS or sub.name in ATTACHMENT_FOLDERS \
        or (attachments is not None and sub.resolve() == attachments)


def output_for(note: Path, folder: Path, output: Path | None) -> Path:
    """`OUT/<relative folder>/<note>.pptx`, so notes of the same name in two sub-folders
    do not overwrite each other."""
    relative = note.parent.relative_to(folder)
    return (output or Path("build")) / relative


@dataclass(frozen=True)
class Outcome:
    note: Path
    result: Any = None  # BuildResult when built
    error: str = ""  # the one-line error otherwise


def build_all(notes: list[Path], outputs: list[Path | None], flags: dict[str, Any],
              vault: Path | None, jobs: int | None = None, fresh: bool = False
              ) -> Iterator[Outcome]:
    """Build each note into its output folder; outcomes in the order they finish."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(notes)))
    if workers == 1:
        for note, out in zip(notes, outputs):
            yield _build_one(note, out, flags, vault, fresh)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_one, note, out, flags, vault, fresh)
                   for note, out in zip(notes, outputs)]
        for future in as_completed(futures):
            yield future.result()


def _build_one(note: Path, output: Path | None, flags: dict[str, Any], vault: Path | None,
               fresh: bool = False) -> Outcome:
    """Runs in a worker: errors come back as text (an exception's fields do not survive
    the trip between processes)."""
    from .build import build

    try:
        return Outcome(note, build(note, output, flags, vault, fresh=fresh))
    except DeckgenError as exc:
        return Outcome(note, error=exc.format())
    except Exception as exc:  # a bug of ours: still one line
        return Outcome(note, error=internal_error(str(note), exc))
