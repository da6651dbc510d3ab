"""Options from four places, in order of precedence: command-line flags, the note's front
matter, a `deckgen.toml` at the vault root, and the defaults."""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import BuildWarning, DeckgenError
from .note.read import read_limited, scrub
from .plan.planner import TalkOptions
from .theme import THEMES, theme_named

KEYS = ("title", "subtitle", "speaker", "emoji", "event", "date", "minutes", "theme",
        "template", "accent", "language", "for", "fit", "link", "closing")
# Other names for the same keys; Jekyll and Hugo posts say `author` and `description`.
ALIASES = {"author": "speaker", "presenter": "speaker", "lang": "language", "time": "minutes",
           "description": "subtitle"}
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


@dataclass(frozen=True)
class Settings:
    talk: TalkOptions
    theme: str = "tecotalk"
    template: Path | None = None
    accent: str = ""
    target: str = "any"  # the viewer the deck is made for: any, or google-slides


TOML_NAME = "deckgen.toml"
SETTINGS_FILES = (TOML_NAME, "app.json")  # a save of either changes the deck
MAX_CONFIG_BYTES = 1024 * 1024
MAX_TEXT = 500  # characters of one text setting (a title, a speaker): aliases cannot grow it
SOURCES = (TOML_NAME, "front matter", "flags")


def read_toml(root: Path) -> tuple[dict[str, Any], list[BuildWarning]]:
    """The `[deckgen]` table of the vault's deckgen.toml: a regular file inside the vault
    (a symlink out of it is not followed), at most 1 MB. Bad TOML stops the build with one
    line; a table nested too deeply to read is a warning."""
    path = root / TOML_NAME
    if not path.is_file() or not inside(path, root):
        return {}, []
    try:
        text = read_limited(path, MAX_CONFIG_BYTES, TOML_NAME).decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DeckgenError(f"cannot read deckgen.toml ({_one_line(exc)})", str(path)) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else "a value too large"
        return {}, [BuildWarning(f"deckgen.toml: {why} to read; ignored")]
    section = data.get("deckgen", data)
    return (dict(section) if isinstance(section, dict) else {}), []


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, symlinks followed, lies in the folder `root`."""
    try:
        resolved, top = path.resolve(), root.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved == top or top in resolved.parents


def settings(flags: dict[str, Any], front: dict[str, Any], toml: dict[str, Any],
             folders: tuple[Path, Path, Path]) -> tuple[Settings, list[BuildWarning]]:
    """Merge the sources; bad values become warnings and fall back to the next source.

    `folders` are where relative paths (the template) start for each source: the vault
    root for deckgen.toml, the note's folder for front matter, the current folder for flags.
    Warnings about a value from deckgen.toml say so; front matter and deckgen.toml may only
    name a template inside the vault (the `--template` flag may point anywhere).
    """
    warnings: list[BuildWarning] = []
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    source_of: dict[str, str] = {}
    for name, source, folder in zip(SOURCES, (toml, _normalise(front), flags), folders):
        for key, value in source.items():
            if key in ALIASES and ALIASES[key] in source:
                continue  # the key's own name wins over another name for it
            key = ALIASES.get(key, key)
            if key in KEYS and value not in (None, ""):
                merged[key] = value
                origin[key] = folder
                source_of[key] = name

    def warn(key: str, message: str) -> None:
        tail = f" (in {TOML_NAME})" if source_of.get(key) == TOML_NAME else ""
        warnings.append(BuildWarning(message + tail))

    minutes = _minutes(merged.get("minutes", 10), lambda m: warn("minutes", m))
    accent = _text(merged.get("accent", ""))
    if accent and not _HEX.match(accent):
        warn("accent", f"accent '{accent[:40]}' is not a colour like #E03131; ignored")
        accent = ""
    theme = _text(merged.get("theme", "")) or "tecotalk"
    if source_of.get("theme", "flags") != "flags" and theme_named(theme) is None:
        warn("theme", f"unknown theme '{theme[:40]}' (themes: {', '.join(THEMES)}); "
                      "using tecotalk")
        theme = "tecotalk"
    template_path = _template(merged.get("template"), origin, source_of, folders[0], warn)
    language = _text(merged.get("language", "")).lower()[:2]
    talk = TalkOptions(minutes=minutes, title=_text(merged.get("title")),
                       subtitle=_text(merged.get("subtitle")), speaker=_text(merged.get("speaker")),
                       emoji=_text(merged.get("emoji")), event=_text(merged.get("event")),
                       date=_date(merged.get("date")),
                       language=language if language in ("ko", "en") else "",
                       fit=_flag(merged.get("fit", True), "fit", lambda m: warn("fit", m)),
                       link=_text(merged.get("link")),
                       closing=_text(merged.get("closing")).lower())
    colour = _HEX.match(accent)
    return Settings(talk, theme, template_path, colour.group(1).upper() if colour else "",
                    _target(merged.get("for"), lambda m: warn("for", m))), warnings


def _target(value: Any, warn) -> str:
    from .theme import TARGETS

    target = _text(value or "any").lower()
    if target not in TARGETS:
        warn(f"for '{target[:40]}' is not one of {', '.join(TARGETS)}; using any")
        return "any"
    return target


def _flag(value: Any, key: str, warn) -> bool:
    """A yes/no setting as YAML, TOML or a flag writes it."""
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    warn(f"{key} '{text[:40]}' is not true or false; using true")
    return True


def _date(value: Any) -> str:
    """A post's `date: 2023-05-08 10:00:00 +0900` (YAML reads a datetime) shows as the day."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    text = _text(value)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}", text)
    return match.group(1) if match else text


def _template(value: Any, origin: dict[str, Path], source_of: dict[str, str], root: Path,
              warn) -> Path | None:
    """The template path; one named in the note or deckgen.toml must lie in the vault, so a
    shared note cannot pull another presentation's masters and text off the disk."""
    text = str(value).strip() if isinstance(value, (str, Path)) else ""
    if not text:
        return None
    path = Path(text)
    if source_of.get("template") == "flags":
        path = path.expanduser()
    if not path.is_absolute():
        path = origin["template"] / path
    if source_of.get("template") != "flags" and not inside(path, root):
        warn("template", f"template '{text[:80]}' is outside the vault (not read); using the "
                         "built-in look")
        return None
    return path


def _normalise(front: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in front.items()}


def _text(value: Any) -> str:
    """A text setting from scalars only, capped: nested lists (YAML aliases can make them
    enormous) and mappings are not text; sets are sorted so the deck never depends on the
    hash seed; characters XML cannot hold are removed."""
    if isinstance(value, dict):  # Jekyll's `author: {name: …, url: …}`
        value = value.get("name")
    if value is None or isinstance(value, (dict, bytes)):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_scalar(v) for v in value if _is_scalar(v)]
        if isinstance(value, (set, frozenset)):
            items.sort()
        joined, total = [], 0
        for item in items:
            joined.append(item)
            total += len(item) + 2
            if total > MAX_TEXT:
                break
        text = ", ".join(joined)
    else:
        text = _scalar(value) if _is_scalar(value) else ""
    return " ".join(scrub(text[: MAX_TEXT * 2]).split())[:MAX_TEXT]


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, date)) and not isinstance(value, bytes)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value[: MAX_TEXT * 2]
    try:
        return str(value)[: MAX_TEXT * 2]
    except ValueError:  # an integer of thousands of digits
        return ""


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160]


def _minutes(value: Any, warn) -> float:
    try:
        minutes = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError, OverflowError):
        warn(f"minutes '{_text(value)[:40]}' is not a number; using 10")
        return 10.0
    if not 1 <= minutes <= 180:  # nan and inf fail this too
        warn(f"minutes {_text(value)[:40]} is outside 1–180; using 10")
        return 10.0
    return minutes
