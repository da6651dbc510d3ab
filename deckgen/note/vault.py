"""Finding a note's images the way Obsidian does, and never outside the vault.

The vault root is the nearest folder above the note that holds `.obsidian/`, `deckgen.toml`
or `.git` (a study repository on GitHub is its own vault: `../resources/x.png` is inside
it, the folders around the repository are not); else the current folder when the note lies
inside it; else the note's own folder (`--vault` overrides). Every path we read is resolved
(symlinks followed) and must stay inside that root, so a note cannot make deckgen read
`../../secret.png`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from ..errors import DeckgenError
from .model import ImageRef
from .read import read_limited

# Where Obsidian's Excalidraw plugin writes a drawing's picture when auto-export is on
EXCALIDRAW_EXPORTS = (".png", ".svg")
NO_EXCALIDRAW_EXPORT = ("drawing has no exported picture beside it; turn on auto-export "
                        "(PNG or SVG) in the Excalidraw plugin settings")

ATTACHMENT_FOLDERS = ("images", "attachments", "assets", "Attachments", "Images")
SKIP_DIRS = {".git", ".obsidian", ".trash", "node_modules", "build", "__pycache__", ".venv"}
MAX_INDEXED_FILES = 50_000
MAX_APP_JSON_BYTES = 1024 * 1024
MAX_PATH_BYTES = 4096


def find_vault_root(note: Path, cwd: Path, explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit.resolve()
    note_dir = note.resolve().parent
    for folder in (note_dir, *note_dir.parents):
        try:
            if (folder / ".obsidian").is_dir() or (folder / "deckgen.toml").is_file() \
                    or (folder / ".git").exists():  # a folder, or a file in worktrees and submodules
                return folder
        except OSError:  # a folder we may not look into is not the vault's root
            continue
    cwd = cwd.resolve()
    if note_dir == cwd or cwd in note_dir.parents:
        return cwd
    return note_dir


def refuse_outside(note: Path, cwd: Path, explicit: Path | None = None) -> None:
    """A note whose path is a symlink (or lies in a symlinked folder) resolving outside the
    vault that holds the link is not read: `notes/passwd.md → /etc/passwd` in a shared vault
    would put that file's text into the speaker notes."""
    link_folder = Path(os.path.abspath(note)).parent
    try:
        root = find_vault_root(link_folder.resolve() / "_", cwd, explicit)
    except (OSError, RuntimeError):
        return  # read_note names what is wrong with the path
    if not inside_vault(note, root) and os.path.isfile(note):  # read_note judges the rest
        raise DeckgenError(f"the note resolves outside its vault {root} (a link to "
                           f"{note.resolve()}); not read", str(note))


@dataclass(frozen=True)
class Located:
    path: Path


@dataclass(frozen=True)
class Unavailable:
    reason: str  # short, for the warning and the placeholder


@dataclass
class ImageFinder:
    """Resolves image references of one note; the vault index is built on first need."""

    note: Path
    root: Path
    _index: dict[str, list[Path]] | None = field(default=None, repr=False)
    _attachment_dir: Path | None = field(default=None, repr=False)
    _attachment_read: bool = field(default=False, repr=False)
    # every path looked at and whether a file was there, and whether the vault was searched
    # by name: what a later build must find unchanged to find the same files (`consulted`)
    _looked: dict[Path, bool] = field(default_factory=dict, repr=False)
    _searched: bool = field(default=False, repr=False)

    def find(self, ref: ImageRef) -> Located | Unavailable:
        if ref.target.strip().lower().endswith((".excalidraw", ".excalidraw.md")):
            return self._excalidraw(ref)
        return self._lookup(ref)

    def find_note(self, name: str, origin: str = "") -> Located | Unavailable:
        """The note `[[name]]` means: beside the embedding note, from the vault root, or
        anywhere in the vault by file name; never outside the root."""
        target = name.strip()
        if not target.lower().endswith(".md"):
            target += ".md"
        return self._lookup(ImageRef(target, "", 0, embed=True, origin=origin))

    def _excalidraw(self, ref: ImageRef) -> Located | Unavailable:
        """An Excalidraw drawing shows as the picture the plugin exported next to it."""
        base = ref.target.strip()
        if base.lower().endswith(".md"):
            base = base[:-3]
        for suffix in EXCALIDRAW_EXPORTS:
            found = self._lookup(ImageRef(base + suffix, ref.alt, ref.line, embed=True,
                                        origin=ref.origin))
            if isinstance(found, Located):
                return found
        return Unavailable(NO_EXCALIDRAW_EXPORT)

    def _lookup(self, ref: ImageRef) -> Located | Unavailable:
        """Refuses what is never read (remote, data:, unusable names), then searches."""
        target = ref.target.strip()
        lowered = target.lower()
        if not target:
            return Unavailable("empty image path")
        if lowered.startswith(("http://", "https://", "ftp://", "//")):
            return Unavailable("remote image (not fetched)")
        if lowered.startswith("file:"):
            return Unavailable("file: URL (not read)")
        if lowered.startswith("data:"):
            return Unavailable("inline data image (not supported)")
        if "\x00" in target or len(os.fsencode(target)) > MAX_PATH_BYTES:
            return Unavailable("not a usable file name (too long, or a NUL in it)")
        try:
            return self._find(target, ref)
        except (OSError, ValueError, RuntimeError):  # a name too long for the file system
            return Unavailable("not a usable file name (too long for the file system)")

    def _find(self, target: str, ref: ImageRef) -> Located | Unavailable:
        target = target.replace("\\", "/") if "\\" in target and not Path(target).exists() else target
        outside = False
        for candidate in self._candidates(target, ref.embed, ref.origin):
            verdict = self._check(candidate)
            if isinstance(verdict, Located):
                return verdict
            outside = outside or verdict.reason == "outside"
        if not _is_absolute(target):
            found = self._search(Path(target).name)
            if found is not None:
                return Located(found)
        if outside:
            return Unavailable("outside the vault (not read)")
        return Unavailable("not found")

    def _candidates(self, target: str, embed: bool, origin: str = "") -> list[Path]:
        if _is_absolute(target):
            return [Path(target)]
        note_dir = Path(origin or self.note).resolve().parent
        name = Path(target).name
        out = [note_dir / target, self.root / target]
        if embed:
            out.reverse()  # Obsidian links are vault-relative first
        attachments = self.attachment_dir()
        if attachments is not None:
            out += [attachments / target, attachments / name]
        out.append(note_dir / name)
        for folder in (note_dir, *note_dir.parents):
            for sub in ATTACHMENT_FOLDERS:
                out += [folder / sub / target, folder / sub / name]
            if folder == self.root:
                break
        return list(dict.fromkeys(out))

    def consulted(self) -> tuple[dict[Path, bool], bool]:
        """Every path this finder looked at (found or not), and whether it searched the
        whole vault by file name: the same lookups give the same files while these hold."""
        return dict(self._looked), self._searched

    def _check(self, candidate: Path) -> Located | Unavailable:
        verdict = self._verdict(candidate)
        self._looked[candidate] = isinstance(verdict, Located)
        return verdict

    def _verdict(self, candidate: Path) -> Located | Unavailable:
        try:
            resolved = candidate.resolve()
            if not _inside(resolved, self.root):
                return Unavailable("outside" if resolved.exists() else "not found")
            if resolved.is_file():
                return Located(resolved)
        except (OSError, RuntimeError, ValueError):
            pass
        return Unavailable("not found")

    def attachment_dir(self) -> Path | None:
        """The folder `.obsidian/app.json` names for new attachments, if any."""
        if self._attachment_read:
            return self._attachment_dir
        self._attachment_read = True
        path = self.root / ".obsidian" / "app.json"
        try:
            if not path.is_file() or not _inside(path.resolve(), self.root):
                return None  # a symlink out of the vault is not followed
            config = json.loads(read_limited(path, MAX_APP_JSON_BYTES, "app.json").decode("utf-8"))
        except (OSError, ValueError, RecursionError, DeckgenError):
            return None  # Obsidian's own settings: unreadable ones are simply not used
        folder = config.get("attachmentFolderPath") if isinstance(config, dict) else None
        if not isinstance(folder, str) or not folder.strip():
            return None
        folder = folder.strip()
        if folder in ("/", "."):
            base = self.root if folder == "/" else self.note.resolve().parent
            self._attachment_dir = base
        elif folder.startswith("./"):
            self._attachment_dir = self.note.resolve().parent / folder[2:]
        else:
            self._attachment_dir = self.root / folder.lstrip("/")
        return self._attachment_dir

    def _search(self, name: str) -> Path | None:
        """A vault-wide search by file name, as Obsidian resolves a bare `![[name.png]]`."""
        self._searched = True
        if self._index is None:
            self._index = _index_vault(self.root)
        for key in (name, name.lower()):
            matches = self._index.get(key)
            if matches:
                best = sorted(matches, key=lambda p: (len(p.parts), str(p)))[0]
                verdict = self._check(best)
                if isinstance(verdict, Located):
                    return verdict.path
        return None


def vault_folders(root: Path):
    """(folder, its sub-folders, its files) of every folder a search by name looks in."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        yield folder, dirs, files


def _index_vault(root: Path) -> dict[str, list[Path]]:
    index: dict[str, list[Path]] = {}
    count = 0
    for folder, _dirs, files in vault_folders(root):
        for file_name in files:
            path = Path(folder) / file_name
            index.setdefault(file_name, []).append(path)
            index.setdefault(file_name.lower(), []).append(path)
            count += 1
            if count >= MAX_INDEXED_FILES:
                return index
    return index


def _is_absolute(target: str) -> bool:
    return target.startswith("/") or PureWindowsPath(target).is_absolute()


def _inside(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents


def inside_vault(path: Path, root: Path) -> bool:
    """Whether `path`, resolved (every symlink followed), lies inside the vault `root`: the
    one containment rule for pictures, embedded notes and the notes of a folder build."""
    try:
        return _inside(path.resolve(), root)
    except (OSError, RuntimeError, ValueError):  # a symlink loop resolves nowhere
        return False
