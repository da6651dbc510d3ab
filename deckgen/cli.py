"""The command line: `deckgen build`, `watch`, `outline`, `cache`, `fonts`, `themes`.

Exit codes: 0 built, 1 input or build error, 2 usage error. Every problem is one line
naming the file (and line); a traceback reaching the user is a bug.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BuildWarning, DeckgenError, internal_error
from .note.read import note_display_path
from .plan.timing import clock

BUILD_EXAMPLES = """
\b
Examples:
  deckgen build notes/docker.md
  deckgen build notes/docker.md --speaker 검프 --emoji ☂️ --minutes 10
  deckgen build notes/*.md -o slides/ --theme plain
  deckgen build notes/docker.md --pdf --handout --preview
  deckgen build notes/ --recursive        # every note in a folder, in parallel
"""


class _Minutes(click.FloatRange):
    """1–180; click's range lets `nan` through (every comparison with it is false)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


def _extras_options(when: str):
    """--pdf, --handout and --preview, shared by build and watch."""
    options = [
        click.option("--pdf", is_flag=True,
                     help=f"Also write build/<note>.pdf through LibreOffice{when}."),
        click.option("--handout", is_flag=False, flag_value="notes", default=None,
                     type=click.Choice(["notes", "lines", "grid"]),
                     help=f"Also write an A4 handout PDF{when}: slides beside their notes; "
                          "=lines: 3 a page beside lines to write on; =grid: 6 a page."),
        click.option("--script", is_flag=True,
                     help=f"Also write build/<note>-script.md, the speaker's script{when}."),
        click.option("--preview", is_flag=True,
                     help=f"Also write build/<note>.png, a contact sheet{when}."),
    ]

    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function
    return decorate


def _talk_options(function):
    """Options that shape the talk, shared by build and outline."""
    options = [
        click.option("--minutes", type=_Minutes(1, 180), help="Talk length (default 10)."),
        click.option("--title", help="Talk title (default: front matter, sole H1, file name)."),
        click.option("--subtitle", help="A line under the title, e.g. '#이론편'."),
        click.option("--speaker", help="Your name; Korean talks read '{emoji} {speaker}의 {title}'."),
        click.option("--emoji", help="An emoji before the title, e.g. ☂️."),
        click.option("--event", help="Event line on the title slide."),
        click.option("--theme", help="tecotalk (default) or plain; see `deckgen themes`."),
        click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
                     help="Your own .pptx/.potx; its layouts are used by name."),
        click.option("--accent", help="Accent colour as hex, e.g. '#E03131'."),
        click.option("--for", "target", type=click.Choice(["any", "google-slides"]),
                     help="The viewer the deck is for: google-slides names Google Fonts "
                          "families (Jua, Nanum Gothic) Slides keeps on import."),
        click.option("--all", "keep_all", is_flag=True,
                     help="Keep everything on slides (default: fit the talk to --minutes)."),
        click.option("--vault", type=click.Path(file_okay=False, path_type=Path),
                     help="Vault root (default: the folder holding .obsidian/ or deckgen.toml)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _flags(values: dict[str, Any]) -> dict[str, Any]:
    keys = ("minutes", "title", "subtitle", "speaker", "emoji", "event", "theme", "template",
            "accent")
    flags = {key: values[key] for key in keys if values.get(key) not in (None, "")}
    if values.get("target"):
        flags["for"] = values["target"]
    if values.get("keep_all"):
        flags["fit"] = False
    return flags


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """Turn an Obsidian study note into a 10-minute talk deck (editable PowerPoint)."""


@main.command(epilog=BUILD_EXAMPLES)
@click.argument("notes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file, or folder (default: build/<note>.pptx).")
@_talk_options
@_extras_options("")
@click.option("--strict", is_flag=True, help="Fail (exit 1) when there is any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option("-r", "--recursive", is_flag=True, help="With a FOLDER, also build notes below it.")
@click.option("--fresh", is_flag=True,
              help="Rebuild every slide from the note, dropping your edits to the previous "
                   "deck (it is kept as build/.deckgen/<note>.prev.pptx).")
@click.option("--html", is_flag=True,
              help="Also write the deck as one self-contained web page (build/<note>.html).")
@click.option("--force", is_flag=True,
              help="Build even when nothing the deck follows from changed since the last "
                   "build (the deck is then left as it is).")
def build(notes: tuple[Path, ...], output: Path | None, strict: bool, quiet: bool, pdf: bool,
          handout: str | None, preview: bool, vault: Path | None, recursive: bool, fresh: bool,
          script: bool = False, html: bool = False, force: bool = False, **values: Any) -> None:
    """Build a deck from each NOTE (a Markdown file, or a folder of them)."""
    if output is not None and (len(notes) > 1 or notes[0].is_dir()) and output.suffix \
            and not output.is_dir():
        raise click.UsageError("with several notes or a folder, -o must be a folder")
    if output is not None and output.suffix.lower() in (".pdf", ".png") and (pdf or handout
                                                                               or preview):
        raise click.UsageError("-o names the deck (.pptx); the PDF, handout and preview are "
                               "written beside it")
    if any(note.is_dir() for note in notes):
        _build_folders(notes, output, recursive, values, vault, strict, quiet,
                       (pdf, handout, preview, script), fresh, force)
    from .current import current  # the state beside the deck: no parsing of the note

    failed = False
    fonts_seen: set[str] = set()
    targets: dict[str, str] = {}  # deck path → the note that claimed it in this call
    for note in notes:
        shown = note_display_path(note)
        claimed = _claim(targets, note, output, shown)
        if claimed:
            click.echo(claimed, err=True)
            failed = True
            continue
        unchanged = None if force or fresh or html or pdf or handout or preview or script \
            else current(note, output, _flags(values), vault)
        if unchanged is not None:
            _report_unchanged(unchanged, shown, quiet)
            fonts_seen |= unchanged.fonts
            failed |= _strict(strict, unchanged.warnings, shown)
            continue
        from .build import build as build_note  # not needed when nothing changed

        try:
            result = build_note(note, output, _flags(values), vault, fresh=fresh, html=html)
        except DeckgenError as exc:
            click.echo(exc.format(), err=True)
            failed = True
            continue
        except Exception as exc:  # a bug of ours: still one line, never a traceback
            click.echo(internal_error(shown, exc), err=True)
            failed = True
            continue
        _report(result, shown, quiet)
        fonts_seen |= result.fonts
        if pdf or handout or preview or script:
            failed |= not _extras(result, pdf, handout, preview, quiet, shown, script)
        failed |= _strict(strict, result.warnings, shown)
    if not quiet:
        _font_hint(fonts_seen)
    sys.exit(1 if failed else 0)


def _strict(strict: bool, warnings: tuple[BuildWarning, ...], shown: str) -> bool:
    """With --strict, any warning fails the build (exit 1); said once."""
    if strict and warnings:
        click.echo(f"{shown}: error: {len(warnings)} warning(s) with --strict", err=True)
        return True
    return False


def _report_unchanged(found: Any, shown: str, quiet: bool) -> None:
    """The recorded warnings and summary of a deck that is already as a build would write it."""
    _print_warnings(found.warnings, shown)
    if not quiet:
        click.echo(f"{_summary(shown, found)} (up to date: nothing changed since the last build)")


def _claim(targets: dict[str, str], note: Path, output: Path | None, shown: str) -> str:
    """Two notes of the same name in one call would write one deck: the second is refused."""
    from .output import output_path

    try:
        key = os.path.normcase(os.path.abspath(output_path(note, output)))
    except (OSError, ValueError):
        return ""
    if key in targets:
        return (f"{shown}: error: its deck would replace the one just built from "
                f"{targets[key]}; build it with its own -o")
    targets[key] = shown
    return ""


def _build_folders(paths: tuple[Path, ...], output: Path | None, recursive: bool,
                   values: dict[str, Any], vault: Path | None, strict: bool, quiet: bool,
                   extras: tuple[bool, str | None, bool, bool], fresh: bool = False,
                   force: bool = False) -> None:
    """Notes of each folder (and plain notes beside them) built in parallel: one line per
    note as it finishes, then a count; exit 1 if any failed, the others still written. A
    note whose deck is up to date is reported at once and not built again."""
    from .current import current
    from .folders import build_all, notes_in, output_for

    notes: list[Path] = []
    outputs: list[Path | None] = []
    failed = empty = clashes = up_to_date = 0
    fonts_seen: set[str] = set()
    checking = not (force or fresh or any(extras))
    targets: dict[str, str] = {}  # deck path → the note that claimed it in this call
    for path in paths:
        found, refused = notes_in(path, recursive, vault) if path.is_dir() else ([path], [])
        for line in refused:
            click.echo(line, err=True)
        if not found:
            below = "" if recursive else " (--recursive looks in its sub-folders too)"
            click.echo(f"{path}: error: no Markdown notes in this folder"
                       f"{below}", err=True)
            empty += 1
        for note in found:  # `a.md` and `a.markdown`, or a folder and a note in it: one deck
            out = output_for(note, path, output) if path.is_dir() else output
            claimed = _claim(targets, note, out, note_display_path(note))
            if claimed:
                click.echo(claimed, err=True)
                clashes += 1
                continue
            unchanged = current(note, out, _flags(values), vault) if checking else None
            if unchanged is not None:
                _report_unchanged(unchanged, note_display_path(note), quiet)
                fonts_seen |= unchanged.fonts
                if _strict(strict, unchanged.warnings, note_display_path(note)):
                    failed += 1
                else:
                    up_to_date += 1
                continue
            notes.append(note)
            outputs.append(out)
    for outcome in build_all(notes, outputs, _flags(values), vault, fresh=fresh):
        shown = note_display_path(outcome.note)
        result = outcome.result
        if result is None:
            click.echo(outcome.error, err=True)
            failed += 1
            continue
        _report(result, shown, quiet)
        fonts_seen |= result.fonts
        bad = any(extras) and not _extras(result, *extras[:3], quiet, shown, extras[3])
        strict_failed = _strict(strict, result.warnings, shown)
        failed += bad or strict_failed
    if not quiet and (notes or up_to_date):
        total = len(notes) + up_to_date
        click.echo(f"{total - failed - up_to_date} of {total} note(s) built"
                   + (f", {up_to_date} up to date" if up_to_date else "")
                   + (f", {failed} failed" if failed else ""))
        _font_hint(fonts_seen)
    sys.exit(1 if failed or empty or clashes else 0)


@main.command()
@click.argument("note", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file, or folder (default: build/<note>.pptx).")
@_talk_options
@_extras_options(" after each rebuild")
@click.option("--serve", is_flag=True,
              help="Show the deck's page at http://127.0.0.1:PORT/, reloaded on every rebuild.")
@click.option("--port", type=click.IntRange(0, 65535), default=8520, show_default=True,
              help="The port --serve listens on (127.0.0.1 only; 0 picks a free one).")
def watch(note: Path, output: Path | None, pdf: bool, handout: str | None, preview: bool,
          vault: Path | None, script: bool = False, serve: bool = False, port: int = 8520,
          **values: Any) -> None:
    """Rebuild NOTE's deck each time the note, a note it embeds or a picture is saved.
    With --serve, the deck's page is served on 127.0.0.1 and told of every rebuild."""
    from .watch import watch as watch_note

    if not note.is_file():
        click.echo(f"{note_display_path(note)}: error: no such note", err=True)
        sys.exit(1)
    shown = note_display_path(note)
    server = _page_server(note, output, port) if serve else None
    extras = pdf or handout or preview or script

    def after(result) -> bool:
        if server is not None:
            server.rebuilt()
        return _extras(result, pdf, handout, preview, True, shown, script) if extras else True

    def echo(line: str, error: bool) -> None:
        click.echo(line, err=error)

    where = f", page at {server.url}" if server is not None else ""
    click.echo(f"watching {shown}{where} (Ctrl-C to stop)", err=True)
    try:
        watch_note(note, output, _flags(values), vault, echo,
                   after if extras or server is not None else None, html=server is not None)
    finally:
        if server is not None:
            server.stop()
    click.echo("stopped", err=True)


def _page_server(note: Path, output: Path | None, port: int):
    """`watch --serve`'s server for the deck's page and its rehearsals, started; a port that
    cannot be had is a one-line error."""
    from .build import output_path, rehearsal_path
    from .serve import PageServer

    target = output_path(note, output)
    try:
        return PageServer(target.with_suffix(".html"), rehearsal_path(target), port).start()
    except OSError as exc:
        click.echo(f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror or exc})", err=True)
        sys.exit(1)


@main.group()
def cache() -> None:
    """The picture cache that makes rebuilds fast: show it or empty it."""


@cache.command("info")
def cache_info() -> None:
    """Where the cache is, how many pictures it holds and its size."""
    from .pictures.cache import PictureCache

    info = PictureCache().info()
    click.echo(f"folder   {info.folder}\npictures {info.entries}\n"
               f"size     {info.size / 2**20:.1f} MB of {info.limit / 2**20:.0f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Remove every cached picture (the next build encodes them again)."""
    from .pictures.cache import PictureCache

    cache = PictureCache()
    click.echo(f"removed {cache.clear()} picture(s) from {cache.folder.parent}")


def _extras(result, pdf: bool, handout: str | None, preview: bool, quiet: bool, shown: str,
            script: bool = False) -> bool:
    from .export.pdf import make_extras

    try:
        written = make_extras(result, pdf=pdf, handout=handout, preview=preview,
                              progress=not quiet and sys.stderr.isatty(), script=script)
    except DeckgenError as exc:
        click.echo(exc.format(), err=True)
        return False
    except Exception as exc:
        click.echo(internal_error(shown, exc), err=True)
        return False
    if not quiet:
        for path in written:
            click.echo(f"{shown}: → {note_display_path(path)}")
    return True


@main.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(decks: tuple[Path, ...]) -> None:
    """Print what PowerPoint's Accessibility Checker would flag in each DECK.pptx, one line
    per finding; exit 1 when there is one."""
    from .accessibility import check_deck

    flagged = False
    for deck in decks:
        shown = note_display_path(deck)
        try:
            findings = check_deck(deck)
        except DeckgenError as exc:
            click.echo(exc.format(), err=True)
            flagged = True
            continue
        for finding in findings:
            click.echo(finding.line(shown))
        click.echo(f"{shown}: {len(findings)} finding(s)", err=True)
        flagged |= bool(findings)
    sys.exit(1 if flagged else 0)


@main.command()
@click.argument("note", type=click.Path(path_type=Path))
@_talk_options
def outline(note: Path, vault: Path | None, **values: Any) -> None:
    """Print the talk plan for NOTE without writing a deck."""
    from .build import prepare
    from .outline import outline as format_outline

    shown = note_display_path(note)
    try:
        prepared = prepare(note, _flags(values), vault)
    except DeckgenError as exc:
        click.echo(exc.format(), err=True)
        sys.exit(1)
    except Exception as exc:
        click.echo(internal_error(shown, exc), err=True)
        sys.exit(1)
    click.echo(format_outline(prepared.talk, prepared.deck, prepared.theme.name), nl=False)
    _print_warnings(prepared.warnings, shown)


@main.group()
def fonts() -> None:
    """The fonts decks use: list them, or install them for PowerPoint and LibreOffice."""


@fonts.command("list")
def fonts_list() -> None:
    """Show the bundled fonts and whether this machine has them."""
    from .fonts import font_status

    for status in font_status():
        mark = "installed" if status.installed else "not installed"
        click.echo(f"{status.family:<20} {status.file:<24} {mark}")


@fonts.command("install")
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to copy into (default: your user font folder).")
def fonts_install(target: Path | None) -> None:
    """Copy the bundled fonts (with their licences) into your font folder."""
    from .fonts import install_fonts

    try:
        written = install_fonts(target)
    except OSError as exc:
        click.echo(f"error: cannot install fonts ({exc.strerror or exc})", err=True)
        sys.exit(1)
    folder = written[0].parent if written else target
    click.echo(f"installed {sum(1 for p in written if p.suffix == '.ttf')} fonts into {folder}")


@main.command()
def themes() -> None:
    """List the built-in themes."""
    from .theme import THEMES

    for theme in THEMES.values():
        click.echo(f"{theme.name:<10} {theme.description}")


def _report(result: Any, shown: str, quiet: bool) -> None:
    """A built note's warnings, then its one summary line (unless quiet)."""
    _print_warnings(result.warnings, shown)
    if not quiet:
        click.echo(_summary(shown, result))
        if result.kept:
            click.echo(f"{shown}: {result.kept}")
        if result.rehearsed:
            click.echo(f"{shown}: {result.rehearsed}")
        if result.html is not None:
            click.echo(f"{shown}: page → {note_display_path(result.html)}")


def _summary(shown: str, built: Any) -> str:
    """`notes/docker.md: 22 slides, 5:48 of 10:00 → build/docker.pptx`, of a build or of
    the recorded result of one (anything with slides, seconds, minutes and output)."""
    return (f"{shown}: {built.slides} slides, {clock(built.seconds)} of "
            f"{clock(built.minutes * 60)} → {note_display_path(built.output)}")


def _print_warnings(warnings: tuple[BuildWarning, ...] | list[BuildWarning], shown: str) -> None:
    """Each warning once: an embed used twice, or a stage that repeats one, says it once."""
    for warning in dict.fromkeys(warnings):
        click.echo(warning.format(shown), err=True)


def _font_hint(families: set[str]) -> None:
    if not families:
        return
    from .fonts import missing_families

    missing = missing_families(families)
    if missing:
        click.echo(f"hint: {', '.join(missing)} not installed here; viewers without them "
                   f"substitute other fonts. Run `deckgen fonts install`.", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
