"""The fonts deckgen ships, where they are, what they cover, and installing them for the user.

The deck names its fonts (BM JUA, NanumGothic, ...); a viewer without them substitutes
another font. Shipping them inside the package means measuring works on any machine, and
`deckgen fonts install` puts them where PowerPoint, Keynote and LibreOffice look.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# The family names each packaged file provides, as viewers name them.
PACKAGED = {
    "BMJUA_ttf.ttf": "BM JUA",
    "NanumGothic.ttf": "NanumGothic",
    "NanumGothicBold.ttf": "NanumGothic",
    "NanumGothicCoding.ttf": "NanumGothicCoding",
    "DejaVuSans.ttf": "DejaVu Sans",
}
LICENSES = ("LICENSE-BM-JUA.txt", "LICENSE-Nanum.txt", "LICENSE-DejaVu.txt")


def packaged_path(file_name: str) -> Path:
    return FONT_DIR / file_name


@functools.cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    data = json.loads((FONT_DIR / "coverage.json").read_text(encoding="utf-8"))
    return {name: ([r[0] for r in ranges], [r[1] for r in ranges]) for name, ranges in data.items()}


def covers(file_name: str, char: str) -> bool:
    """Whether a packaged font has a glyph for `char` (unknown fonts are assumed to)."""
    table = _coverage().get(file_name)
    if table is None:
        return True
    starts, ends = table
    cp = ord(char)
    index = bisect.bisect_right(starts, cp) - 1
    return index >= 0 and cp <= ends[index]


def user_font_dir() -> Path:
    """Where a user's own fonts go without administrator rights on this system."""
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Fonts"
    if sys.platform == "win32":
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return local / "Microsoft" / "Windows" / "Fonts"
    data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return data / "fonts" / "deckgen"


@dataclass(frozen=True)
class FontStatus:
    family: str
    file: str
    installed: bool


def _system_families() -> set[str] | None:
    """Font families this machine offers, lower-cased; None when we cannot tell."""
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                 timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}
    return None


def _installed_files() -> set[str]:
    names: set[str] = set()
    for folder in _font_folders():
        try:
            names.update(p.name.lower() for p in folder.iterdir())
        except OSError:
            continue
    return names


def _font_folders() -> list[Path]:
    folders = [user_font_dir()]
    if sys.platform == "darwin":
        folders += [Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    elif sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    return folders


def font_status(families: set[str] | None = None) -> list[FontStatus]:
    """Each packaged font, and whether this machine already has its family."""
    system = _system_families()
    files = _installed_files() if system is None else set()
    out = []
    for file_name, family in PACKAGED.items():
        if families is not None and family not in families:
            continue
        if system is not None:
            installed = family.lower() in system
        else:
            installed = file_name.lower() in files
        out.append(FontStatus(family, file_name, installed))
    return out


def missing_families(families: set[str]) -> list[str]:
    return sorted({s.family for s in font_status(families) if not s.installed})


def install_fonts(target: Path | None = None) -> list[Path]:
    """Copy the packaged fonts and their licences into the user's font folder."""
    folder = target or user_font_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in (*PACKAGED, *LICENSES):
        destination = folder / name
        shutil.copyfile(FONT_DIR / name, destination)
        written.append(destination)
    if sys.platform == "win32":
        _register_windows(folder)
    elif sys.platform != "darwin" and shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(folder)], capture_output=True, timeout=120)
    return written


def _register_windows(folder: Path) -> None:  # pragma: no cover - Windows only
    import winreg

    key_path = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path, 0, winreg.KEY_SET_VALUE) as key:
        for file_name, family in PACKAGED.items():
            style = " Bold" if "Bold" in file_name else ""
            winreg.SetValueEx(key, f"{family}{style} (TrueType)", 0, winreg.REG_SZ,
                              str(folder / file_name))
