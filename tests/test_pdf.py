"""PDF, handout and preview through real LibreOffice (skipped with a reason without it)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pptx import Presentation


from conftest import ROOT, requires_soffice, write_note


def cli(*args: str, cwd: Path, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it via .ci/run")
    result = cli("build", "notes/docker.md", "-o", str(out), "--pdf", "--handout", "--preview",
                 cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def pdf_fonts(pdf: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    return [line.split() for line in lines.splitlines()[2:] if line.strip()]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


@requires_soffice
def test_pdf_has_one_page_per_slide(outputs: Path):
    pages = subprocess.run(["pdfinfo", str(outputs / "docker.pdf")], capture_output=True,
                           text=True).stdout
    count = int(next(l for l in pages.splitlines() if l.startswith("Pages:")).split()[1])
    assert count == len(Presentation(str(outputs / "docker.pptx")).slides)


@requires_soffice
def test_pdf_fonts_are_the_decks_own_and_all_embedded(outputs: Path):
    rows = pdf_fonts(outputs / "docker.pdf")
    names = {row[0].split("+", 1)[-1] for row in rows}
    assert names <= {"BMJUA", "NanumGothic", "DejaVuSans", "NanumGothicCoding"}
    assert "BMJUA" in names
    assert all("yes" == row[-5] for row in rows)  # the 'emb' column


@requires_soffice
def test_handout_is_a4_with_every_slides_notes(outputs: Path):
    handout = outputs / "docker-handout.pdf"
    info = subprocess.run(["pdfinfo", str(handout)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    raw = pdf_text(handout)
    from deckgen.export.handout import GUTTER, MARGIN, SLIDE_WIDTH
    left = int(MARGIN + SLIDE_WIDTH + GUTTER / 2)  # the notes column, read on its own
    column = subprocess.run(["pdftotext", "-x", str(left), "-y", "0", "-W", "600", "-H", "900",
                             str(handout), "-"], capture_output=True, text=True).stdout
    # pdftotext spaces out script changes ("Docker 에") and joins words hyphenated at a
    # line end ("Read-\nonly"): compare without white space and hyphens
    text = "".join(column.split()).replace("-", "")
    prs = Presentation(str(outputs / "docker.pptx"))
    for slide in prs.slides:
        notes = "\n".join(line for line in slide.notes_slide.notes_text_frame.text.split("\n")
                          if not line.startswith("⏱"))  # the handout leaves the time out
        for line in notes.splitlines():
            visible = "".join(line.replace("\ufe0f", "").split()).replace("-", "")
            assert visible in text, line
    assert raw.lstrip().startswith("Docker")  # the talk title heads the pages
    names = {row[0].split("+", 1)[-1] for row in pdf_fonts(handout)}
    assert names <= {"BMJUA", "NanumGothic", "DejaVuSans", "NanumGothicCoding"}


@requires_soffice
def test_preview_is_a_contact_sheet_png(outputs: Path):
    from PIL import Image

    sheet = Image.open(outputs / "docker.png")
    assert sheet.format == "PNG" and sheet.width > 1500 and sheet.height > 600


@requires_soffice
def test_two_builds_at_once_and_next_to_a_running_libreoffice(tmp_path: Path):
    for name in ("a", "b"):
        write_note(tmp_path, f"{name}.md", f"## {name}\n**{name} 핵심**\n")
    running = subprocess.Popen(["soffice", "--headless", "--norestore",
                                f"-env:UserInstallation={(tmp_path / 'user').as_uri()}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        results: dict[str, subprocess.CompletedProcess] = {}

        def go(name: str) -> None:
            results[name] = cli("build", f"{name}.md", "--pdf", cwd=tmp_path)

        threads = [threading.Thread(target=go, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.killpg(running.pid, signal.SIGKILL)  # soffice is a wrapper: end its whole group
        running.wait()
    for name in ("a", "b"):
        assert results[name].returncode == 0, results[name].stderr
        assert (tmp_path / "build" / f"{name}.pdf").stat().st_size > 1000


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_without_libreoffice_pdf_fails_with_install_hint_and_keeps_the_deck(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n**b**\n")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))
    fake_opt = tmp_path / "empty"
    fake_opt.mkdir()
    result = subprocess.run([sys.executable, "-c",
                             "import deckgen.export.pdf as p; p.find_soffice = lambda: None; "
                             "from deckgen.cli import main; main()", "build", "n.md", "--pdf"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "apt-get install libreoffice-impress" in errors[0]
    assert (tmp_path / "build" / "n.pptx").exists()


@requires_soffice
def test_pdf_uses_the_packaged_fonts_on_a_machine_without_korean_fonts(tmp_path: Path):
    conf = tmp_path / "bare.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig>'
                    "<dir>/usr/share/fonts/truetype/dejavu</dir>"
                    f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "deckgen", "build", "notes/docker.md", "-o",
                             str(tmp_path), "--pdf"], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    names = {row[0].split("+", 1)[-1] for row in pdf_fonts(tmp_path / "docker.pdf")}
    assert "BMJUA" in names and names <= {"BMJUA", "NanumGothic", "DejaVuSans"}


@requires_soffice
def test_progress_shows_on_a_terminal_only(tmp_path: Path):
    import pty

    write_note(tmp_path, "n.md", "## a\n**b**\n")
    quiet = cli("build", "n.md", "--pdf", cwd=tmp_path)
    assert quiet.returncode == 0 and "converting" not in quiet.stderr
    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "deckgen", "build", "n.md", "--pdf"],
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower, timeout=600)
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8", "replace")
    os.close(leader)
    assert process.returncode == 0 and "converting to PDF with LibreOffice" in shown
