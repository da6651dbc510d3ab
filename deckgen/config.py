"""Options from four places, in order of precedence: command-line flags, the note's front
matter, a `deckgen.toml` at the vault root, and the defaults."""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BuildWarning, DeckgenError
from .plan.planner import TalkOptions

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


def read_toml(root: Path) -> dict[str, Any]:
    path = root / "deckgen.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DeckgenError(f"cannot read deckgen.toml ({exc})", str(path)) from None
    section = data.get("deckgen", data)
    return dict(section) if isinstance(section, dict) else {}


def settings(flags: dict[str, Any], front: dict[str, Any], toml: dict[str, Any],
             folders: tuple[Path, Path, Path], warnings: list[BuildWarning]) -> Settings:
    """Merge the sources; bad values become warnings and fall back to the next source.

    `folders` are where relative paths (the template) start for each source: the vault
    root for deckgen.toml, the note's folder for front matter, the current folder for flags.
    """
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    for source, folder in zip((toml, _normalise(front), flags), folders):
        for key, value in source.items():
            if key in ALIASES and ALIASES[key] in source:
                continue  # the key's own name wins over another name for it
            key = ALIASES.get(key, key)
            if key in KEYS and value not in (None, ""):
                merged[key] = value
                origin[key] = folder
    minutes = _minutes(merged.get("minutes", 10), warnings)
    accent = str(merged.get("accent", "")).strip()
    if accent and not _HEX.match(accent):
        warnings.append(BuildWarning(f"accent '{accent}' is not a colour like #E03131; ignored"))
        accent = ""
    template = merged.get("template")
    template_path = None
    if template:
        template_path = Path(str(template)).expanduser()
        if not template_path.is_absolute():
            template_path = origin["template"] / template_path
    language = str(merged.get("language", "")).strip().lower()[:2]
    talk = TalkOptions(minutes=minutes, title=_text(merged.get("title")),
                       subtitle=_text(merged.get("subtitle")), speaker=_text(merged.get("speaker")),
                       emoji=_text(merged.get("emoji")), event=_text(merged.get("event")),
                       date=_date(merged.get("date")),
                       language=language if language in ("ko", "en") else "",
                       fit=_flag(merged.get("fit", True), "fit", warnings),
                       link=_text(merged.get("link")),
                       closing=_text(merged.get("closing")).lower())
    return Settings(talk, str(merged.get("theme", "tecotalk")), template_path,
                    _accent_hex(accent),
                    _target(merged.get("for"), warnings))


def _target(value: Any, warnings: list[BuildWarning]) -> str:
    from .theme import TARGETS

    target = str(value or "any").strip().lower()
    if target not in TARGETS:
        warnings.append(BuildWarning(f"for '{value}' is not one of {', '.join(TARGETS)}; "
                                     f"using any"))
        return "any"
    return target


def _flag(value: Any, key: str, warnings: list[BuildWarning]) -> bool:
    """A yes/no setting as YAML, TOML or a flag writes it."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    warnings.append(BuildWarning(f"{key} '{value}' is not true or false; using true"))
    return True


def _normalise(front: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in front.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # Jekyll's `author: {name: …, url: …}`
        value = value.get("name") or ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _date(value: Any) -> str:
    """A post's `date: 2023-05-08 10:00:00 +0900` (YAML reads a datetime) shows as the day."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    text = _text(value)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}", text)
    return match.group(1) if match else text


def _minutes(value: Any, warnings: list[BuildWarning]) -> float:
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        warnings.append(BuildWarning(f"minutes '{value}' is not a number; using 10"))
        return 10.0
    if not 1 <= minutes <= 180:
        warnings.append(BuildWarning(f"minutes {value} is outside 1–180; using 10"))
        return 10.0
    return minutes


def _accent_hex(accent: str) -> str:
    """'#e03131' → 'E03131'; '' when there is none (a bad value was warned about already)."""
    match = _HEX.match(accent) if accent else None
    return match.group(1).upper() if match else ""
