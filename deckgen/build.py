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
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import Settings, read_toml, settings
from .current import record, untouched
from .errors import BuildWarning
from .fonts import language_tag
from .layout import BuildMemo, Deck, LaidOutSlides, PageNotes, PicturePlaced, lay_out, picture_uses
from .look import Look, choose_look
from .note import LoadedNote, load_note
from .output import (atomic_deck, back_up, output_path, previous_deck, read_deck,
                     rehearsal_path, write_atomically, write_page)
from .pictures import (Picture, PictureCache, PictureEncoder, pictures_for, results,
                       with_problems)
from .plan import Rehearsal, Shown, Talk, plan_talk, read_rehearsal

if TYPE_CHECKING:
    from .keep import Kept, StampMemo
    from .layout import Measurer
    from .render import WrittenSlides
    from .theme import Theme

__all__ = ["BuildResult", "Prepared", "build", "output_path", "prepare", "rehearsal_path",
           "write_atomically"]


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
    rehearsal: Rehearsal | None = None  # the speaker's pace the plan used, if rehearsed

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
    kept: str = ""  # what the build kept of the user's edits to the previous deck, one line
    shown: tuple[int | None, ...] = ()  # with kept edits: the page each shown slide stands for
    language: str = ""  # the talk's language as a BCP 47 tag ("ko-KR"), for PDFs
    html: Path | None = None  # the page written beside the deck (`--html`)
    rehearsed: str = ""  # "rehearsed 11:40 → planned 9:55" when a rehearsal paced the plan
    merged: bool = False  # the user's edits to the previous deck were carried into this one

    @property
    def slides(self) -> int:
        return len(self.deck.slides)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.deck.slides)

    @property
    def notes(self) -> tuple[PageNotes | None, ...]:
        """Each shown slide's notes as the note made them (None for a slide the user added)."""
        if self.shown:
            return tuple(None if i is None else self.deck.slides[i].notes for i in self.shown)
        return tuple(s.notes for s in self.deck.slides)


def prepare(note_path: Path, flags: dict[str, Any], vault: Path | None = None,
            cwd: Path | None = None, measurer: Measurer | None = None,
            rehearsal_file: Path | None = None, placed: PicturePlaced | None = None,
            memo: LaidOutSlides | None = None, plans: BuildMemo | None = None) -> Prepared:
    """Read, plan, probe and lay out the note; nothing is written. A rehearsal kept in
    `rehearsal_file` paces the plan; `placed` hears of each picture as layout places it; a
    warm process's `memo` gives back the slides it laid out before, and `plans` the
    chapters it planned before."""
    cwd = cwd or Path.cwd()
    loaded, warnings = load_note(note_path, cwd, vault)
    toml, toml_warnings = read_toml(loaded.root)
    chosen, setting_warnings = settings(flags, loaded.note.meta, toml,
                                        (loaded.root, note_path.parent, cwd))
    look, look_warnings = choose_look(chosen.theme, chosen.accent, chosen.template)
    rehearsal, rehearsal_warnings = _rehearsal(rehearsal_file)
    if plans is None:
        talk, plan_warnings = plan_talk(loaded.note, chosen.talk, rehearsal)
    else:
        with plans.build():
            talk, plan_warnings = plan_talk(loaded.note, chosen.talk, rehearsal, plans.value)
    plan_warnings = rehearsal_warnings + plan_warnings
    pictures, picture_warnings = pictures_for(talk, loaded.finder, look.theme)
    deck, layout_warnings = lay_out(talk, pictures, look, measurer, placed, memo)
    early = (warnings + toml_warnings + setting_warnings + look_warnings + plan_warnings
             + picture_warnings)
    return Prepared(note_path, loaded, chosen, look, talk, pictures, deck, tuple(early),
                    tuple(layout_warnings), rehearsal)


def _rehearsal(path: Path | None) -> tuple[Rehearsal | None, list[BuildWarning]]:
    """The rehearsal kept beside the deck, if there is one and it reads."""
    if path is None or not path.is_file():
        return None, []
    try:
        return read_rehearsal(path.read_text(encoding="utf-8")), []
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        return None, [BuildWarning(f"{path.name} is not used: {exc}")]


def build(note_path: Path, output: Path | None, flags: dict[str, Any], vault: Path | None = None,
          cwd: Path | None = None, cache: PictureCache | None = None,
          on_prepared: Callable[[Prepared], None] | None = None,
          measurer: Measurer | None = None, fresh: bool = False, html: bool = False,
          memo: LaidOutSlides | None = None, written: WrittenSlides | None = None,
          stamps: StampMemo | None = None, plans: BuildMemo | None = None) -> BuildResult:
    """Build one note's deck. `cache` defaults to the user's picture cache; a warm process
    (watch) passes its own, a Measurer and memos of planned chapters and of laid-out,
    written and stamped slides, so hashes, fonts, widths and the pages of untouched sections
    are remembered between builds, and learns
    from `on_prepared` which files the deck depends on. The user's edits to the previous
    deck are kept (`keep`) unless `fresh`; the previous deck is backed up either way. With
    `html`, the page showing the same deck is written beside it."""
    cache = cache if cache is not None else PictureCache()
    target = output_path(note_path, output)
    with PictureEncoder(cache) as encoder:
        prepared = prepare(note_path, flags, vault, cwd, measurer, rehearsal_path(target),
                           encoder.start, memo, plans)
        # python-pptx (only commands that write a deck need it) is imported once layout has
        # set the pictures encoding: the import then runs beside them, not before them
        from .render import DeckInfo

        if on_prepared is not None:
            on_prepared(prepared)
        info = DeckInfo(prepared.talk.title, prepared.talk.speaker, prepared.loaded.note.tags,
                        prepared.settings.target, language_tag(prepared.talk.language))
        deck, layout_warnings = prepared.deck, list(prepared.layout_warnings)
        previous = previous_deck(target)
        # A previous deck as this tool wrote it, holding nothing carried over, has no edits
        # to keep: merging it would give the fresh build, so it is not read slide by slide.
        keeping = None if fresh or previous is None or untouched(previous) \
            else read_deck(previous)
        with atomic_deck(target, note_path) as stream:
            jobs = encoder.submit(picture_uses(deck), deck.width)
            render_warnings, kept = _render(deck, prepared.look, jobs, info, note_path.name,
                                            keeping, stream, written, stamps)
            encoded = results(jobs)
            failed = {key: reason for key, reason in encoded.items() if isinstance(reason, str)}
            if failed:  # rare: a picture that probed fine but does not decode; lay out again
                pictures = with_problems(prepared.pictures, failed)
                deck, layout_warnings = lay_out(prepared.talk, pictures, prepared.look, measurer,
                                                memo=memo)
                render_warnings, kept = _render(deck, prepared.look, encoded, info,
                                                note_path.name, keeping, stream, written,
                                                stamps)
            backup = back_up(target) if previous is not None else None
    cache.trim()
    line, keep_warnings = _kept_line(kept, backup, fresh, target)
    page = _write_html(prepared, deck, encoded, target) if html else None
    warnings = (*prepared.early_warnings, *layout_warnings, *render_warnings, *keep_warnings)
    result = BuildResult(note_path, target, deck, prepared.talk.minutes, prepared.talk.title,
                         warnings, _font_families(prepared.theme), line,
                         () if fresh else kept.shown, info.language, page,
                         _rehearsed_line(prepared), kept.merged)
    record(result, prepared, flags, vault, cwd)
    return result


def _write_html(prepared: Prepared, deck: Deck, encoded: Any, target: Path) -> Path:
    """The deck as one page, `build/<note>.html` beside the .pptx, written atomically."""
    from .layout import line_breaks
    from .render.html import PageInfo, render_html

    page = PageInfo(prepared.talk.title, prepared.note_path.stem, prepared.talk.language)
    text = render_html(line_breaks(deck, prepared.look), prepared.look, encoded, page)
    path = target.with_suffix(".html")
    write_page(path, text)
    return path


def _rehearsed_line(prepared: Prepared) -> str:
    rehearsal = prepared.rehearsal
    if rehearsal is None:
        return ""
    from .plan.timing import clock

    return f"rehearsed {clock(rehearsal.seconds)} → planned {clock(prepared.talk.seconds)}"


def _render(deck: Deck, look: Look, pictures: Any, info: Any, note: str,
            previous: bytes | None, stream: BinaryIO, written: WrittenSlides | None = None,
            stamps: StampMemo | None = None) -> tuple[list[BuildWarning], Kept]:
    """The deck written into `stream`, stamped, with the user's edits to `previous` carried
    in. Copying slides that fail in a way nobody foresaw renders the deck again without
    them: a fresh build and a warning, never a half-merged deck. Without memos (a cold
    build), the pages' origins for the stamp are worked out while the writer waits for a
    picture, not after the last one, when only this thread is left working."""
    from .keep import Kept, keep_edits, page_origins
    from .render import write_deck

    kept: list[Kept] = []
    early: list[Any] = []  # page_origins(deck), if worked out already
    meanwhile = None if stamps is not None else lambda: early.append(page_origins(deck))
    try:
        warnings = _written(stream, lambda: write_deck(
            deck, look, pictures, info, stream,
            lambda prs: kept.append(keep_edits(prs, deck, note, previous, stamps,
                                               early[0] if early else None)),
            written, meanwhile))
        return warnings, kept[-1] if kept else Kept()
    except Exception as exc:
        if previous is None:
            raise
        why = f"its slides could not be carried over ({type(exc).__name__})"
    kept.clear()
    warnings = _written(stream, lambda: write_deck(
        deck, look, pictures, info, stream,
        lambda prs: kept.append(keep_edits(prs, deck, note, None))))
    return warnings, Kept(problem=why)


def _written(stream: BinaryIO, write: Callable[[], list[BuildWarning]]) -> list[BuildWarning]:
    """`write()` into `stream` from its start, anything an earlier attempt wrote gone."""
    stream.seek(0)
    stream.truncate()
    return write()


def _kept_line(kept: Kept, backup: Path | None, fresh: bool, target: Path
               ) -> tuple[str, list[BuildWarning]]:
    """What the build says about the previous deck: one line, or one warning."""
    if backup is None:
        return "", []
    if fresh:
        return f"built fresh; the previous deck is at {backup}", []
    if kept.problem:
        return "", [BuildWarning(f"the previous {target.name} was not merged: {kept.problem}; "
                                 f"built fresh from the note, the previous deck is at {backup}")]
    return kept.message, []


def _font_families(theme: Theme) -> frozenset[str]:
    faces = (theme.heading, theme.body, theme.code, *theme.fallbacks)
    return frozenset(face.name for face in faces if face.regular)
