"""The fonts deckgen ships, where they are, what they cover, and installing them for the user.

The deck names its fonts (BM JUA, NanumGothic, ...); a viewer without them substitutes
another font. Shipping them inside the package means measuring works on any machine, and
`deckgen fonts install` puts them where PowerPoint, Keynote and LibreOffice look.
"""

from __future__ import annotations

import bisect
import functools
import re
import json
import os
import shutil
import subprocess
import sys
import unicodedata
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
    "NotoEmoji-Regular.ttf": "Noto Emoji",
}
LICENSES = ("LICENSE-BM-JUA.txt", "LICENSE-Nanum.txt", "LICENSE-DejaVu.txt",
            "LICENSE-NotoEmoji.txt")
EMOJI_FILE = "NotoEmoji-Regular.ttf"
# Colour emoji faces viewers have, in the order a run prefers them; where none is there the
# bundled monochrome Noto Emoji stands in (see `emoji_aliases` and README "Fonts").
COLOUR_EMOJI = ("Segoe UI Emoji", "Apple Color Emoji")

_ZWJ = "\u200d"
_JOINERS = frozenset("\ufe0e\ufe0f\u20e3")  # variation selectors, combining keycap


def _joins(char: str) -> bool:
    """Whether `char` belongs to the character before it in one drawn glyph."""
    cp = ord(char)
    return (char in _JOINERS or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
            or 0xE0020 <= cp <= 0xE007F  # tag sequences (subdivision flags)
            or unicodedata.category(char) == "Mn")


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def clusters(text: str) -> list[str]:
    """Text in the units a viewer draws: an emoji sequence (ZWJ family, keycap 1️⃣, skin
    tone, flag) is one unit, so it is measured and set in one face as one glyph."""
    out: list[str] = []
    glue = False
    for char in text:
        if out and (glue or char == _ZWJ or _joins(char)
                    or (_regional(char) and len(out[-1]) == 1 and _regional(out[-1]))):
            out[-1] += char
        else:
            out.append(char)
        glue = char == _ZWJ
    return out


# Emoji shown as pictures by default (Unicode's Emoji_Presentation) in the Basic Multilingual
# Plane; symbols like ☂ ✔ ▶ are text by default and stay in the text faces that draw them.
_BMP_EMOJI = frozenset(
    "\u231a\u231b\u23e9\u23ea\u23eb\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648\u2649"
    "\u264a\u264b\u264c\u264d\u264e\u264f\u2650\u2651\u2652\u2653\u267f\u2693\u26a1\u26aa"
    "\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705"
    "\u270a\u270b\u2728\u274c\u274e\u2753\u2754\u2755\u2757\u2795\u2796\u2797\u27b0\u27bf"
    "\u2b1b\u2b1c\u2b50\u2b55")


def is_emoji(char: str) -> bool:
    """A character shown as an emoji picture by default: set in the emoji face, in colour
    where the viewer has one, rather than as a black-and-white symbol of a text font."""
    cp = ord(char)
    return (0x1F300 <= cp <= 0x1FAFF or cp in (0x1F004, 0x1F0CF, 0x1F18E)
            or 0x1F191 <= cp <= 0x1F19A or char in _BMP_EMOJI)


def is_emoji_sequence(unit: str) -> bool:
    """A unit only an emoji font draws right: ZWJ, keycap, skin tone, flag or tag sequence.
    (A lone symbol with U+FE0F, like ☂️, is drawn by the text faces that have it.)"""
    return len(unit) > 1 and any(
        ch == _ZWJ or ch == "\u20e3" or 0x1F3FB <= ord(ch) <= 0x1F3FF or _regional(ch)
        or 0xE0020 <= ord(ch) <= 0xE007F for ch in unit)


def emoji_aliases() -> str:
    """fontconfig rules for LibreOffice: a colour emoji face the machine lacks is drawn
    with the bundled Noto Emoji, so emoji show in every PDF and preview."""
    rules = []
    for family in COLOUR_EMOJI:
        rules.append(f'  <alias binding="same"><family>{family}</family>'
                     f"<accept><family>{PACKAGED[EMOJI_FILE]}</family></accept></alias>\n")
    return "".join(rules)


def packaged_path(file_name: str) -> Path:
    """A packaged font by file name; an absolute path (a system font) is returned as is."""
    path = Path(file_name)
    return path if path.is_absolute() else FONT_DIR / file_name


@functools.cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    data = json.loads((FONT_DIR / "coverage.json").read_text(encoding="utf-8"))
    return {name: ([r[0] for r in ranges], [r[1] for r in ranges]) for name, ranges in data.items()}


def covers(file_name: str, char: str) -> bool:
    """Whether a font draws `char`: packaged fonts from coverage.json, others read once."""
    table = _coverage().get(file_name) or _system_coverage(file_name)
    if table is None:
        return True
    starts, ends = table
    cp = ord(char)
    index = bisect.bisect_right(starts, cp) - 1
    return index >= 0 and cp <= ends[index]


@functools.cache
def _system_coverage(path: str) -> tuple[list[int], list[int]] | None:
    """Character ranges a system font (a template's) really draws; None if unreadable."""
    if not Path(path).is_absolute():
        return None
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=0, lazy=True)
        cmap = font.getBestCmap() or {}
        glyphs = font["glyf"] if "glyf" in font else None
        drawn = sorted(cp for cp, name in cmap.items()
                       if glyphs is None or glyphs[name].numberOfContours != 0
                       or chr(cp).isspace())
        if draws_backslash_as_won(path):
            drawn = [cp for cp in drawn if cp != BACKSLASH]
    except Exception:
        return None
    starts: list[int] = []
    ends: list[int] = []
    for cp in drawn:
        if ends and cp == ends[-1] + 1:
            ends[-1] = cp
        else:
            starts.append(cp)
            ends.append(cp)
    return starts, ends


BACKSLASH, WON, FULLWIDTH_WON = 0x5C, 0x20A9, 0xFFE6


def draws_backslash_as_won(path: str | Path) -> bool:
    """Whether a font draws U+005C as ₩, as Korean fonts (BM JUA, NanumGothic) do.

    Korean code pages put the won sign where ASCII has the backslash, and many Korean
    fonts still draw it there: `C:\\Users` would read `C:₩Users`. Told by the glyph itself:
    the same outline as the font's own ₩, or a left-right symmetric shape (₩ is, a
    backslash never is)."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=0, lazy=True)
    cmap = font.getBestCmap() or {}
    if BACKSLASH not in cmap:
        return False
    glyphs = font.getGlyphSet()

    def outline(cp: int) -> list:
        pen = RecordingPen()
        glyphs[cmap[cp]].draw(pen)
        return pen.value

    own = outline(BACKSLASH)
    if not own:
        return False
    for won in (WON, FULLWIDTH_WON):
        if won in cmap and (cmap[won] == cmap[BACKSLASH] or outline(won) == own):
            return True
    return _mirror_symmetric(path, chr(BACKSLASH))


def _mirror_symmetric(path: str | Path, char: str) -> bool:
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), 200)
    image = Image.new("L", (320, 320), 0)
    ImageDraw.Draw(image).text((60, 20), char, font=font, fill=255)
    box = image.getbbox()
    if box is None:
        return False
    glyph = image.crop(box)
    mirrored = glyph.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    ink = sum(glyph.histogram()[i] * i for i in range(256)) or 1
    difference = ImageChops.difference(glyph, mirrored).histogram()
    return sum(count * i for i, count in enumerate(difference)) / ink < 0.5


def find_font_file(family: str) -> str:
    """The file this machine would use for `family` (fontconfig's choice), or ''."""
    if not family or not shutil.which("fc-match"):
        return ""
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                             text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return out if out.lower().endswith((".ttf", ".otf", ".ttc")) and Path(out).is_file() else ""


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
    for folder in font_folders():
        try:
            names.update(p.name.lower() for p in folder.iterdir())
        except OSError:
            continue
    return names


def font_folders() -> list[Path]:
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
    if target is not None:
        return written  # a folder of the user's choosing: the system does not look there
    if sys.platform == "win32":
        _register_windows(folder)
    elif sys.platform != "darwin" and shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(folder)], capture_output=True, timeout=120)
    return written


def _register_windows(folder: Path) -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # (also tells type checkers the rest is Windows-only)
        return
    import winreg

    key_path = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path, 0, winreg.KEY_SET_VALUE) as key:
        for file_name, family in PACKAGED.items():
            style = " Bold" if "Bold" in file_name else ""
            winreg.SetValueEx(key, f"{family}{style} (TrueType)", 0, winreg.REG_SZ,
                              str(folder / file_name))


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")  # jamo, compatibility jamo, syllables


def language_tag(language: str) -> str:
    """A talk's language ("ko", "en") as the BCP 47 tag packages and PDFs name."""
    return {"ko": "ko-KR", "en": "en-US"}.get(language, language)


def lang_tag(text: str) -> str:
    """The `lang` a run of `text` carries: Korean wherever Hangul appears, so viewers pick a
    Hangul font for it."""
    return "ko-KR" if HANGUL.search(text) else "en-US"


# -- does a named font draw a script? -------------------------------------------------------

HANGUL_SAMPLE = "가각한글의는을를이다"  # common syllables: a Hangul font draws every one
LATIN_SAMPLE = "AaZz09"


@functools.cache  # asks fontconfig once a process (watch rebuilds ask again and again)
def family_file(family: str) -> str:
    """The file of the font named `family`: one we ship, else one fontconfig lists under
    exactly that name; '' when this machine has no such font. Unlike `find_font_file`,
    never a substitute: a check of what the named font draws must read that font."""
    packaged = next((file for file, name in PACKAGED.items()
                     if name.lower() == family.lower() and "Bold" not in file), "")
    if packaged:
        return packaged
    if not family or not shutil.which("fc-list"):
        return ""
    pattern = "".join("\\" + ch if ch in "\\-:,=" else ch for ch in family)
    try:
        out = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    styled = ("bold", "italic", "oblique", "light", "thin", "black", "medium")
    files = sorted((line.strip().rstrip(":") for line in out.splitlines() if line.strip()),
                   key=lambda f: (any(w in Path(f).name.lower() for w in styled), f))
    return next((f for f in files if f.lower().endswith((".ttf", ".otf", ".ttc"))
                 and Path(f).is_file()), "")


def draws(family: str, sample: str) -> bool | None:
    """Whether the font named `family` draws every character of `sample`: from our coverage
    data for the fonts we ship, from the font file's cmap (fontTools) for others; None when
    the font cannot be found here, so nobody can tell."""
    file = family_file(family)
    if not file:
        return None
    if _coverage().get(file) is None and _system_coverage(file) is None:
        return None
    return all(covers(file, ch) for ch in sample)
