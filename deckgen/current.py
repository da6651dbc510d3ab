"""Whether a deck is current: a build with nothing changed writes nothing, as `make` would.

After each build, `record` keeps beside the deck (`build/.deckgen/<note>.state.json`) what
the build read and what it reported: the note and every file it found or looked for and
did not find (embedded notes, pictures, deckgen.toml, the template, a rehearsal), the
folders a search by name went through, the fonts, deckgen's own code, the call's options,
and the deck as written. `current` answers, before any parsing, whether all of that is as
it was; then the deck on disk is exactly what a build would write again (the build is
deterministic), and the CLI reports the recorded result instead of rebuilding it.

Anything not as recorded, or not readable, means "build": a deck the user edited in
PowerPoint (its size or time changed) is rebuilt with their edits kept; a new file in a
folder the note's pictures were searched in may change which file a name means, so it
rebuilds too. The state holds only JSON the reader checks; nothing in it is executed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import BuildWarning
from .config import SETTINGS_FILES
from .output import output_path, rehearsal_path

if TYPE_CHECKING:
    from .build import BuildResult, Prepared

STATE_VERSION = 1
MAX_FOLDERS = 5_000  # a search through more folders than this is not worth stamping
MAX_STATE_BYTES = 4 * 1024 * 1024
SYSTEM_FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
LIBRARIES = ("python-pptx", "Pillow", "markdown-it-py", "lxml", "resvg-py", "ziamath")


@dataclass(frozen=True)
class Current:
    """A deck already as a build would write it, and what that build reported."""

    note_path: Path
    output: Path
    slides: int
    seconds: float
    minutes: float
    warnings: tuple[BuildWarning, ...]
    fonts: frozenset[str]


def state_path(target: Path) -> Path:
    """Beside the deck's backup: `build/.deckgen/<note>.state.json`."""
    return target.parent / ".deckgen" / f"{target.stem}.state.json"


def record(result: BuildResult, prepared: Prepared, flags: dict[str, Any],
           vault: Path | None, cwd: Path | None = None) -> None:
    """Keep what this build read and reported, so the next one can see nothing changed.
    A state that cannot be written only means the next build does the work again."""
    try:
        _record(result, prepared, flags, vault, cwd or Path.cwd())
    except (OSError, ValueError, RuntimeError):
        pass


def _record(result: BuildResult, prepared: Prepared, flags: dict[str, Any],
            vault: Path | None, cwd: Path) -> None:
    looked, searched = prepared.loaded.finder.consulted()
    root = prepared.loaded.root
    files = {str(path): found for path, found in looked.items()}
    for path in _settings_files(prepared, root, result.output):
        files.setdefault(str(path), path.is_file())
    state = {
        "version": STATE_VERSION,
        "files": files,
        "root": str(root),
        "searched": searched,
        "deck": _digest(result.output),  # as written: `untouched` compares it
        "merged": result.merged,
        "report": {"slides": result.slides, "seconds": result.seconds,
                   "minutes": result.minutes, "fonts": sorted(result.fonts),
                   "warnings": [[w.message, w.line, w.slide, w.context]
                                for w in result.warnings]},
    }
    stamp = _stamp(result.note_path, result.output, flags, vault, cwd, state)
    if stamp is None:
        return
    state["stamp"] = stamp
    path = state_path(result.output)  # `record` turns any OSError here into "no state"
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(state), encoding="utf-8")  # odd names as \\u escapes
    os.replace(temp, path)


def current(note_path: Path, output: Path | None, flags: dict[str, Any],
            vault: Path | None, cwd: Path | None = None) -> Current | None:
    """The recorded result when nothing the last build read has changed, else None. The
    check only saves time: whatever goes wrong in it means "build"."""
    try:
        return _current(note_path, output, flags, vault, cwd or Path.cwd())
    except Exception:
        return None


def _current(note_path: Path, output: Path | None, flags: dict[str, Any],
             vault: Path | None, cwd: Path) -> Current | None:
    target = output_path(note_path, output)
    state = _read_state(state_path(target))
    if state is None:
        return None
    stamp = _stamp(note_path, target, flags, vault, cwd, state)
    if stamp is None or stamp != state.get("stamp"):
        return None
    try:
        report = state["report"]
        warnings = tuple(BuildWarning(str(m), _int(line), _int(slide), str(context))
                         for m, line, slide, context in report["warnings"])
        return Current(note_path, target, int(report["slides"]), float(report["seconds"]),
                       float(report["minutes"]), warnings,
                       frozenset(str(f) for f in report["fonts"]))
    except (KeyError, TypeError, ValueError):
        return None


def untouched(target: Path) -> bool:
    """The deck at `target` is byte for byte what the last build wrote, and that build
    carried nothing over from an earlier deck: it holds no edits of the user's."""
    state = _read_state(state_path(target))
    if state is None or state.get("merged") is not False:
        return False
    try:
        return _digest(target) == state.get("deck")
    except OSError:
        return False


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            return None
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION or not \
            isinstance(state.get("files"), dict):
        return None
    return state


def _settings_files(prepared: Prepared, root: Path, target: Path) -> list[Path]:
    """Files a build reads beside the note: settings, the template, the rehearsal."""
    paths = [root / name for name in SETTINGS_FILES]
    paths.append(root / ".obsidian" / "app.json")
    if prepared.settings.template is not None:
        paths.append(prepared.settings.template)
    paths.append(rehearsal_path(target))
    return paths


def _stamp(note_path: Path, target: Path, flags: dict[str, Any], vault: Path | None,
           cwd: Path, state: dict[str, Any]) -> str | None:
    """One digest of everything the deck at `target` follows from, as things stand now."""
    files = state["files"]
    parts: list[Any] = [
        __version__, sys.version, _libraries(), _code(),
        [str(note_path.resolve()), str(target.resolve()), str(cwd.resolve()),
         str(vault.resolve()) if vault else None, sorted((k, repr(v)) for k, v in flags.items())],
        _file(note_path), _file(target),
        sorted((path, _file(Path(path)) if found else _absent(Path(path)))
               for path, found in files.items()),
        _fonts(),
    ]
    if state.get("searched"):  # a name searched for in the vault: any new file may answer
        folders = _folders(Path(str(state.get("root"))), target.parent)
        if folders is None:
            return None
        parts.append(folders)
    return hashlib.sha256(json.dumps(parts, default=str).encode("utf-8")).hexdigest()


def _file(path: Path) -> list[Any] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _absent(path: Path) -> bool:
    """A path once looked for and not found: still nothing there?"""
    return not path.is_file()


def _folders(root: Path, output_folder: Path) -> list[Any] | None:
    """Each searched folder's modification time: adding, removing or renaming a file in it
    changes it. The deck's own folder is left out (writing the deck changes it)."""
    from .note.vault import vault_folders

    skip = output_folder.resolve()
    out = []
    for folder, _dirs, _files in vault_folders(root):
        if Path(folder).resolve() == skip:
            continue
        out.append((folder, _file(Path(folder))))
        if len(out) > MAX_FOLDERS:
            return None
    return out


def _code() -> list[Any]:
    """deckgen's own files (code and bundled fonts): a change of the tool is a change."""
    package = Path(__file__).parent
    out = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                out.append((os.path.relpath(os.path.join(folder, name), package),
                            _file(Path(folder) / name)))
    return out


def _libraries() -> list[Any]:
    out = []
    for name in LIBRARIES:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, ""))
    return out


def _fonts() -> list[Any]:
    """The folders fonts are installed into (`deckgen fonts install` among them) and the
    system's, with their sub-folders: a font package installed adds one."""
    from .fonts import font_folders

    folders = [*font_folders(), *SYSTEM_FONT_FOLDERS, Path.home() / ".fonts"]
    out = []
    for folder in folders:
        out.append((str(folder), _file(folder)))
        try:
            out += [(entry.path, _file(Path(entry.path))) for entry in os.scandir(folder)
                    if entry.is_dir()]
        except OSError:
            continue
    return sorted(out)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
