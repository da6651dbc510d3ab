"""PDF slides, an A4 handout and a contact-sheet preview, through LibreOffice.

Each conversion runs `soffice --headless` with a private profile folder, so it works while
the user has LibreOffice open and when two builds run at once, under a time limit. The
packaged fonts are made visible to LibreOffice with a fontconfig file that adds their
folder, so Korean renders in the deck's own fonts even where they are not installed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..errors import DeckgenError
from ..fonts import FONT_DIR, emoji_aliases
from .tagged import bookmarks_of, export_filter, finish_slides, write_profile

CONVERT_SECONDS = 240
INSTALL_HINT = ("LibreOffice is needed for PDF output and was not found; install it "
                "(Debian/Ubuntu: sudo apt-get install libreoffice-impress · macOS: brew install "
                "--cask libreoffice · Windows: https://www.libreoffice.org/download)")


def find_soffice() -> str | None:
    """soffice on PATH, or in the places LibreOffice installs itself."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/snap/bin/libreoffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    candidates += sorted(str(p) for p in Path("/opt").glob("libreoffice*/program/soffice"))
    return next((c for c in candidates if Path(c).is_file()), None)


def _fontconfig(folder: Path) -> dict[str, str]:
    """Environment for LibreOffice: the system's fonts plus ours (fontconfig systems)."""
    env = dict(os.environ)
    if sys.platform in ("win32", "darwin"):
        return env
    conf = folder / "fonts.conf"
    cache = folder / "fontcache"
    base = env.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"  # the user's own setup
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{_xml(base)}</include>\n'
        f"  <dir>{_xml(str(FONT_DIR))}</dir>\n"
        f"{emoji_aliases()}"
        f"  <cachedir>{_xml(str(cache))}</cachedir>\n"
        f"{_google_aliases()}"
        "</fontconfig>\n", encoding="utf-8")
    env["FONTCONFIG_FILE"] = str(conf)
    return env


def _google_aliases() -> str:
    """A deck made `--for google-slides` names Jua, Nanum Gothic ...: where this machine
    lacks them, draw them with the files we ship of the same designs."""
    from ..theme import GOOGLE_FONTS

    return "".join(
        f'  <alias binding="same"><family>{_xml(google)}</family>'
        f"<accept><family>{_xml(ours)}</family></accept></alias>\n"
        for ours, google in GOOGLE_FONTS.items())


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def convert(sources: list[Path], outdir: Path, timeout: float = CONVERT_SECONDS) -> list[Path]:
    """Convert decks to PDF in one LibreOffice run; returns the PDFs in `outdir`."""
    soffice = find_soffice()
    if soffice is None:
        raise DeckgenError(INSTALL_HINT)
    work: Path | None = None
    try:  # assigned inside the try: a signal right after mkdtemp still removes the folder
        work = Path(tempfile.mkdtemp(prefix="deckgen-lo-"))
        write_profile(work / "profile")  # Korean locale: text as written (see tagged.py)
        command = convert_command(soffice, work / "profile", sources, outdir)
        env = _fontconfig(work)
        scratch = work / "tmp"  # LibreOffice's own temp files go where we remove them
        scratch.mkdir()
        for name in ("TMPDIR", "TMP", "TEMP"):
            env[name] = str(scratch)
        _run(command, env, timeout)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    pdfs = [outdir / (s.stem + ".pdf") for s in sources]
    missing = [p for p in pdfs if not p.is_file()]
    if missing:
        raise DeckgenError(f"LibreOffice made no PDF of {missing[0].stem}.pptx")
    return pdfs


def convert_command(soffice: str, profile: Path, sources: list[Path], outdir: Path
                    ) -> list[str]:
    """The soffice command line. Every path is absolute, so no file name (a note called
    `--accept=socket,….md`) can ever be read by LibreOffice as one of its options."""
    files = [str(Path(os.path.abspath(s))) for s in sources]
    return [soffice, f"-env:UserInstallation={Path(os.path.abspath(profile)).as_uri()}",
            "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
            "--convert-to", export_filter(), "--outdir", os.path.abspath(outdir),
            *files]


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    with _signals_end_us() as signals:
        # A SIGTERM while Popen forks and waits for the exec would leave LibreOffice running
        # with no `process` to end: it is held until the process is ours, then raised below.
        with signals.held():
            try:  # its own process group (not on Windows), so it can be ended whole
                process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, env=env,
                                           start_new_session=sys.platform != "win32")
            except OSError as exc:
                raise DeckgenError(f"cannot start LibreOffice ({exc.strerror or exc})") from None
            started = process
        _wait(started, signals, timeout)


def _wait(process: subprocess.Popen, signals: _Signals, timeout: float) -> None:
    try:
        signals.raise_held()
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise DeckgenError(f"LibreOffice took longer than {int(timeout)} s; gave up") from None
    except BaseException:  # Ctrl-C, SIGTERM: LibreOffice and its helpers go with us
        _kill(process)
        raise
    if process.returncode != 0:
        last = (err or b"").decode("utf-8", "replace").strip().splitlines()
        reason = last[-1] if last else f"exit code {process.returncode}"
        raise DeckgenError(f"LibreOffice failed: {reason}")


class Terminated(SystemExit):
    """SIGTERM (or SIGHUP) arrived: unwind like Ctrl-C so every `finally` cleans up."""


class _Signals:
    """SIGTERM/SIGHUP as `Terminated`, raised at once, or kept while `held()` and raised
    by `raise_held()` (where whatever was being started can be ended)."""

    def __init__(self) -> None:
        self.holding = False
        self.pending: int | None = None

    def stop(self, signum: int, _frame: object) -> None:
        if self.holding:
            self.pending = signum
            return
        raise Terminated(128 + signum)

    @contextlib.contextmanager
    def held(self):
        self.holding = True
        try:
            yield
        finally:
            self.holding = False

    def raise_held(self) -> None:
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise Terminated(128 + signum)


@contextlib.contextmanager
def _signals_end_us():
    """While LibreOffice runs, SIGTERM/SIGHUP raise instead of ending Python on the spot,
    so the process group is ended and the temp folders removed on the way out."""
    signals = _Signals()
    if threading.current_thread() is not threading.main_thread() or sys.platform == "win32":
        yield signals
        return
    previous = {sig: signal.signal(sig, signals.stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield signals
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _kill(process: subprocess.Popen) -> None:
    """End LibreOffice's whole process group and wait until it is gone: soffice.bin is a
    grandchild, so waiting for our child alone let it still write into the profile folder
    while that folder was being removed (the folder then stayed behind)."""
    try:
        if sys.platform != "win32":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()
    if sys.platform == "win32":
        return
    for _ in range(200):  # killed processes end within milliseconds; a zombie never does
        try:
            os.killpg(process.pid, 0)
        except OSError:
            return
        if _only_zombies(process.pid):
            return
        time.sleep(0.01)


def _only_zombies(group: int) -> bool:
    """Whether every process left in `group` has ended (a zombie waits for its reaper,
    which in a container may never come)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != "Z":
            return False
    return True


def make_extras(result, pdf: bool, handout: bool | str | None, preview: bool, progress: bool,
                script: bool = False) -> list[Path]:
    """The PDF, handout, preview and script next to the deck; returns what was written.
    `handout` is one of handout.HANDOUTS ("notes": slides beside their notes; True too).

    Each is refused before LibreOffice starts if it would land on the deck itself or on a
    file deckgen did not write (the note's own `docker.png` beside an `-o notes/` deck)."""
    from .files import refuse_foreign, write_extra
    from .handout import audience_deck, handout_deck, overlay_slides
    from .preview import contact_sheet
    from .script import script_text

    deck = result.output
    kind = "notes" if handout is True else (handout or "")
    suffix = "-handout" if kind == "notes" else f"-handout-{kind}"
    targets = {"pdf": deck.with_suffix(".pdf"), "handout": deck.with_name(f"{deck.stem}{suffix}.pdf"),
               "preview": deck.with_suffix(".png"), "script": deck.with_name(f"{deck.stem}-script.md")}
    wanted = {"pdf": pdf, "handout": bool(kind), "preview": preview, "script": script}
    for name, target in targets.items():
        if not wanted[name]:
            continue
        if os.path.abspath(target) == os.path.abspath(deck):
            raise DeckgenError(f"the {name} would replace the deck itself; give -o a .pptx name",
                               str(deck))
        refuse_foreign(target)
    written: list[Path] = []
    if script:
        text = script_text(result.deck, result.title, result.language)
        written.append(write_extra(targets["script"], lambda temp_path: temp_path.write_text(
            text, encoding="utf-8")))
    if not (pdf or kind or preview):
        return written
    with _signals_end_us(), tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as temp:
        temp_dir = Path(temp)
        sources = [temp_dir / "deck.pptx"]
        shutil.copyfile(deck, sources[0])  # a plain name for LibreOffice, whatever the note's
        handout_source = None
        plan = []
        if kind:
            handout_source = temp_dir / "handout.pptx"
            plan = (handout_deck(result, handout_source) if kind == "notes"
                    else audience_deck(result, handout_source, kind))
            sources.append(handout_source)
        _say(progress, "converting to PDF with LibreOffice…")
        pdfs = convert(sources, temp_dir)
        slides_pdf = temp_dir / "slides.pdf"
        finish_slides(pdfs[0], slides_pdf, result.title, result.language, result.deck)
        if pdf:
            written.append(write_extra(targets["pdf"],
                                       lambda temp_path: shutil.copyfile(slides_pdf, temp_path)))
        if handout_source is not None:
            _say(progress, "composing the handout…")
            written.append(write_extra(targets["handout"], lambda temp_path: overlay_slides(
                pdfs[1], slides_pdf, temp_path, plan, result.title, result.language,
                bookmarks_of(result.deck))))
        if preview:
            _say(progress, "drawing the preview…")
            written.append(write_extra(targets["preview"],
                                       lambda temp_path: contact_sheet(slides_pdf, temp_path)))
    return written


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"  {message}", file=sys.stderr, flush=True)
