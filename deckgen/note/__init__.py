"""The note stage: a Markdown file to a `Note`, plain frozen data the planner reads.

Entry point: `load_note(path, cwd, vault)` → `(LoadedNote, warnings)`: the note read (UTF-8,
limits), parsed (markdown-it-py with our Obsidian, CJK-emphasis, math and HTML rules), its
embeds brought in from other notes of the vault, and the vault it lives in, whose pictures
the pictures stage finds through `LoadedNote.finder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildWarning
from .model import Note
from .vault import ImageFinder

__all__ = ["LoadedNote", "Note", "load_note"]


@dataclass(frozen=True)
class LoadedNote:
    note: Note  # with its embeds brought in
    root: Path  # the vault root: nothing outside it is read
    finder: ImageFinder  # finds the note's pictures and embedded notes inside the vault


def load_note(path: Path, cwd: Path, vault: Path | None = None
              ) -> tuple[LoadedNote, list[BuildWarning]]:
    """Read, parse and transclude the note at `path`. The vault root is `vault`, else the
    nearest folder above the note holding `.obsidian/`, `deckgen.toml` or `.git`, else `cwd`
    when the note is inside it, else the note's folder. A note that cannot be read at all
    is a `DeckgenError` (one line); everything else that goes wrong is a warning."""
    from .parse import parse_note
    from .read import read_note
    from .transclude import Transcluder
    from .vault import find_vault_root, refuse_outside

    refuse_outside(path, cwd, vault)
    source = read_note(path)
    root = find_vault_root(path, cwd, vault)
    finder = ImageFinder(path, root)
    transcluder = Transcluder(finder)
    note, warnings = parse_note(source, transcluder.block_text())
    note, embed_warnings = transcluder.note(note)
    return LoadedNote(note, root, finder), warnings + embed_warnings
