"""The pipeline for one note, wired: note → plan → pictures → layout → render → file.

Each stage is one call from frozen values to a frozen value and its warnings; this module
only passes them along and writes the deck. `prepare` stops before rendering (what
`deckgen outline` shows); `build` goes on to write the deck atomically (a failed build never
leaves half a deck or destroys the previous one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings, read_toml, settings
from .errors import BuildWarning
from .fonts import language_tag
from .layout import Deck, PageNotes, lay_out, picture_uses
from .look import Look, choose_look
from .note import LoadedNote, load_note
from .output import output_path, write_atomically
from .pictures import (Picture, PictureCache, PictureEncoder, pictures_for, results,
                       with_problems)
from .plan import Shown, Talk, plan_talk

if TYPE_CHECKING:
    from .layout import Measurer
    from .theme import Theme

__all__ = ["BuildResult", "Prepared", "build", "output_path", "prepare", "write_atomically"]


@dataclass(frozen=True)
class Prepared:
    """Everything known about a deck before it is written."""

    note_path: Path
    loaded: LoadedNote
    settings: Settings
    look: Look
    talk: Talk
    pictures: dict[Shown, Picture]
    deck: Deck
    early_warnings: tuple[BuildWarning, ...]  # everything before layout
    layout_warnings: tuple[BuildWarning, ...]

    @property
    def theme(self) -> Theme:
        return self.look.theme

    @property
    def warnings(self) -> tuple[BuildWarning, ...]:
        return self.early_warnings + self.layout_warnings


@dataclass(frozen=True)
class BuildResult:
    note_path: Path
    output: Path
    deck: Deck
    minutes: float
    title: str
    warnings: tuple[BuildWarning, ...]
    fonts: frozenset[str] = frozenset()  # font families the deck names
    language: str = ""  # the talk's language as a BCP 47 tag ("ko-KR"), for PDFs

    @property
    def slides(self) -> int:
        return len(self.deck.slides)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.deck.slides)

    @property
    def notes(self) -> tuple[PageNotes | None, ...]:
        return tuple(s.notes for s in self.deck.slides)


def prepare(note_path: Path, flags: dict[str, Any], vault: Path | None = None,
            cwd: Path | None = None, measurer: Measurer | None = None) -> Prepared:
    """Read, plan, probe and lay out the note; nothing is written."""
    cwd = cwd or Path.cwd()
    loaded, warnings = load_note(note_path, cwd, vault)
    toml, toml_warnings = read_toml(loaded.root)
    chosen, setting_warnings = settings(flags, loaded.note.meta, toml,
                                        (loaded.root, note_path.parent, cwd))
    look, look_warnings = choose_look(chosen.theme, chosen.accent, chosen.template)
    talk, plan_warnings = plan_talk(loaded.note, chosen.talk)
    pictures, picture_warnings = pictures_for(talk, loaded.finder, look.theme)
    deck, layout_warnings = lay_out(talk, pictures, look, measurer)
    early = (warnings + toml_warnings + setting_warnings + look_warnings + plan_warnings
             + picture_warnings)
    return Prepared(note_path, loaded, chosen, look, talk, pictures, deck, tuple(early),
                    tuple(layout_warnings))


def build(note_path: Path, output: Path | None, flags: dict[str, Any], vault: Path | None = None,
          cwd: Path | None = None, cache: PictureCache | None = None,
          on_prepared: Callable[[Prepared], None] | None = None,
          measurer: Measurer | None = None) -> BuildResult:
    """Build one note's deck. `cache` defaults to the user's picture cache; a warm process
    (watch) passes its own, and a Measurer, so hashes, fonts and widths are remembered
    between builds, and learns from `on_prepared` which files the deck depends on."""
    from .render import DeckInfo, render_deck  # python-pptx: only commands that write a deck

    cache = cache if cache is not None else PictureCache()
    prepared = prepare(note_path, flags, vault, cwd, measurer)
    if on_prepared is not None:
        on_prepared(prepared)
    info = DeckInfo(prepared.talk.title, prepared.talk.speaker, prepared.loaded.note.tags,
                    prepared.settings.target, language_tag(prepared.talk.language))
    deck, layout_warnings = prepared.deck, list(prepared.layout_warnings)
    with PictureEncoder(cache) as encoder:
        jobs = encoder.submit(picture_uses(deck), deck.width)
        blob, render_warnings = render_deck(deck, prepared.look, jobs, info)
        encoded = results(jobs)
    cache.trim()
    failed = {key: reason for key, reason in encoded.items() if isinstance(reason, str)}
    if failed:  # rare: a picture that probed fine but does not decode; lay out again
        pictures = with_problems(prepared.pictures, failed)
        deck, layout_warnings = lay_out(prepared.talk, pictures, prepared.look, measurer)
        blob, render_warnings = render_deck(deck, prepared.look, encoded, info)
    target = output_path(note_path, output)
    write_atomically(target, blob, note_path)
    warnings = (*prepared.early_warnings, *layout_warnings, *render_warnings)
    return BuildResult(note_path, target, deck, prepared.talk.minutes, prepared.talk.title,
                       warnings, _font_families(prepared.theme), info.language)


def _font_families(theme: Theme) -> frozenset[str]:
    faces = (theme.heading, theme.body, theme.code, *theme.fallbacks)
    return frozenset(face.name for face in faces if face.regular)
