"""`deckgen watch NOTE`: rebuild the deck each time the note or something it uses is saved.

One warm process: modules, fonts and the picture cache (with the hashes of pictures already
seen) stay loaded, so a rebuild costs the planning and writing only. Saves are debounced (an
editor writes a file in several steps); the deck is written atomically as by `build`, so a
viewer never opens half a deck, and a build that fails leaves the previous deck in place.
A rehearsal saved beside the deck (the presenter view of `watch --serve` posts one) rebuilds
it too: the next plan takes the speaker's pace, and the page shows it at once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

from .config import SETTINGS_FILES
from .errors import DeckgenError, internal_error
from .note.vault import find_vault_root

DEBOUNCE_MS = 120  # long enough to see an editor's save as one change, short enough to feel instant
NOTE_SUFFIXES = (".md", ".markdown")
IDLE_MS = 300  # no save for this long after a rebuild: its garbage is collected then


@dataclass
class Watched:
    """The files a deck depends on, as known after its last build."""

    note: Path
    pictures: set[Path] = field(default_factory=set)
    picture_names: set[str] = field(default_factory=set)  # missing ones too: they may appear
    template: Path | None = None
    rehearsal: Path | None = None  # the presenter view's timings: they pace the next plan

    def concerns(self, changed: Path) -> bool:
        changed = changed.resolve()
        name = changed.name
        if changed == self.note or name in SETTINGS_FILES or changed == self.rehearsal:
            return True
        if changed.suffix.lower() in NOTE_SUFFIXES:  # an embedded note may have changed
            return not name.startswith(".")
        return changed in self.pictures or name in self.picture_names or \
            (self.template is not None and changed == self.template)


def watch(note: Path, output: Path | None, flags: dict[str, Any], vault: Path | None,
          echo: Callable[[str, bool], None], after: Callable[[Any], bool] | None = None,
          stop_event: Any = None, html: bool = False) -> None:
    """Build, then rebuild on every relevant save until Ctrl-C (or `stop_event` is set).
    `echo(line, is_error)` prints; `after(result)` makes the PDF/preview when asked for;
    `html` writes the deck's page too (for `--serve`)."""
    import watchfiles

    from .build import build, output_path, rehearsal_path
    from .pictures.cache import PictureCache

    from .layout import BuildMemo, LaidOutSlides
    from .keep import StampMemo
    from .render import WrittenSlides
    from .layout.measure import Measurer

    cache = PictureCache()
    measurer = Measurer()  # fonts loaded and widths measured once for the whole session
    plans = BuildMemo()  # an untouched chapter is planned once
    memo = LaidOutSlides()  # an untouched section's slides are laid out once
    written = WrittenSlides()  # and written once
    stamps = StampMemo()  # and read back for the stamp once
    rehearsal = rehearsal_path(output_path(note, output)).resolve()
    watched = Watched(note.resolve(), rehearsal=rehearsal)
    root = find_vault_root(note, Path.cwd(), vault)
    shown_warnings: set[str] = set()

    def rebuild() -> None:
        with garbage.held():
            _rebuild()

    def _rebuild() -> None:
        start = time.perf_counter()
        try:
            result = build(note, output, flags, vault, cache=cache, on_prepared=_remember,
                           measurer=measurer, html=html, memo=memo, written=written,
                           stamps=stamps, plans=plans)
        except DeckgenError as exc:
            echo(f"{exc.format()} (the previous deck is kept)", True)
            return
        except Exception as exc:  # a bug of ours: say so, keep watching
            echo(internal_error(str(note), exc, "the previous deck is kept"), True)
            return
        lines = [w.format(str(note)) for w in result.warnings]
        for line in lines:
            if line not in shown_warnings:
                echo(line, True)
        shown_warnings.clear()
        shown_warnings.update(lines)
        if after is not None:
            after(result)
        echo(summary(result, time.perf_counter() - start), False)
        if result.rehearsed:
            echo(f"{note}: {result.rehearsed}", False)
        if result.kept:
            echo(f"{note}: {result.kept}", False)

    def _remember(prepared) -> None:
        watched.pictures = {p.path.resolve() for p in prepared.pictures.values()
                            if p.path is not None}
        watched.picture_names = {Path(ref.target.replace("\\", "/")).name
                                 for ref in prepared.pictures}
        template = prepared.settings.template
        watched.template = template.resolve() if template is not None else None

    garbage = IdleCollection()
    _rebuild()  # cold, as `deckgen build` is: collection on, the peak kept low
    folders = {root}
    for file in (watched.note, rehearsal):  # a rehearsal posted to `--serve` rebuilds too
        if root not in file.parents and file.parent.is_dir():
            folders.add(file.parent)
    try:
        for changes in watchfiles.watch(*folders, debounce=DEBOUNCE_MS, step=30,
                                        stop_event=stop_event, raise_interrupt=True,
                                        rust_timeout=IDLE_MS, yield_on_timeout=True):
            if not changes:  # quiet for IDLE_MS
                garbage.collect()
            elif any(watched.concerns(Path(path)) for _, path in changes):
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        garbage.collect()


@dataclass
class IdleCollection:
    """Collection off from the start of a rebuild until the watch has been idle for a
    moment. The session's memos hold every slide's pages, and a full collection that falls
    inside a rebuild walks them all (measured on the 200-section note: 0.13 s each, in four
    of six rebuilds); collecting straight after the deck is announced held the GIL while
    `--serve` told the open page, which then updated late. So the collection waits for the
    first quiet IDLE_MS, or for the next save if it comes sooner: what one rebuild leaves
    in cycles is never kept past the next one."""

    pending: bool = False  # collection is off, a rebuild's garbage uncollected
    enabled: bool = True  # whether collection was on before the watch turned it off

    @contextmanager
    def held(self) -> Iterator[None]:
        self.collect()
        self.enabled = gc.isenabled()
        gc.disable()
        self.pending = True
        yield

    def collect(self) -> None:
        if not self.pending:
            return
        self.pending = False
        gc.collect()
        if self.enabled:
            gc.enable()


def summary(result, seconds: float) -> str:
    from .note.read import note_display_path
    from .plan.timing import clock

    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    return (f"{note_display_path(result.note_path)}: {result.slides} slides, "
            f"{clock(result.seconds)} of {clock(result.minutes * 60)} → "
            f"{note_display_path(result.output)} ({seconds:.2f} s{warned})")


