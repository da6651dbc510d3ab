"""The command line as a user meets it: exit codes, one-line messages, summary, outline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.fonts import PACKAGED

from conftest import ROOT, png, write_note


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_build_prints_one_summary_line_and_writes_build_folder(tmp_path: Path):
    write_note(tmp_path, "notes/talk.md", "# A\n## a\n**key**\n# B\n## b\n**other**\n")
    result = run("build", "notes/talk.md", cwd=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("notes/talk.md: ") and "slides" in lines[0] and "of 10:00" in lines[0]
    assert lines[0].endswith("build/talk.pptx")
    assert (tmp_path / "build" / "talk.pptx").exists()


def test_missing_image_warning_names_file_line_and_slide(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n\n![[gone.png]]\n**key**\n")
    result = run("build", "n.md", cwd=tmp_path)
    assert result.exit_code == 0
    assert "n.md:3: warning: image 'gone.png' not found (placeholder on slide 2)" in result.stderr


def test_strict_turns_warnings_into_exit_1(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n![[gone.png]]\n")
    assert run("build", "n.md", "--strict", cwd=tmp_path).exit_code == 1
    png(tmp_path / "ok.png")
    write_note(tmp_path, "m.md", "## a\n![[ok.png]]\n")
    assert run("build", "m.md", "--strict", cwd=tmp_path).exit_code == 0


def test_bad_input_is_exit_1_with_one_line(tmp_path: Path):
    (tmp_path / "bad.md").write_bytes("도커".encode("cp949"))
    result = run("build", "bad.md", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("bad.md: error:")


def test_usage_error_is_exit_2(tmp_path: Path):
    assert run("build", cwd=tmp_path).exit_code == 2
    assert run("build", "x.md", "--minutes", "zero", cwd=tmp_path).exit_code == 2


def test_quiet_prints_nothing_on_success(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n**b**\n")
    result = run("build", "n.md", "-q", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""


def test_flags_win_over_front_matter(tmp_path: Path):
    write_note(tmp_path, "n.md", "---\ntitle: From Front\nminutes: 5\n---\n## a\n**b**\n")
    result = run("outline", "n.md", "--title", "From Flag", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == "From Flag"
    assert "of 5:00" in result.stdout.splitlines()[1]


def test_outline_of_the_example_note_fits_ten_minutes():
    result = run("outline", "notes/docker.md", cwd=ROOT)
    assert result.exit_code == 0
    header = result.stdout.splitlines()[1]
    minutes, seconds = header.split(" · ")[1].split(" of ")[0].split(":")
    assert int(minutes) * 60 + int(seconds) <= 600
    assert "[Section Header] 컨테이너" in result.stdout


def test_version_and_help_with_examples():
    assert run("--version").stdout.startswith("deckgen, version ")
    help_text = run("build", "--help").stdout
    assert "Examples:" in help_text and "deckgen build notes/docker.md" in help_text


def test_themes_and_fonts_list():
    assert "tecotalk" in run("themes").stdout and "plain" in run("themes").stdout
    listing = run("fonts", "list").stdout
    assert "BM JUA" in listing and "NanumGothicCoding" in listing


def test_fonts_install_copies_fonts_and_licences(tmp_path: Path):
    result = run("fonts", "install", "--to", str(tmp_path / "fonts"))
    assert result.exit_code == 0
    names = {p.name for p in (tmp_path / "fonts").iterdir()}
    assert set(PACKAGED) | {"LICENSE-BM-JUA.txt"} <= names


def test_console_script_runs_as_a_process(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n**b**\n")
    process = subprocess.run([sys.executable, "-m", "deckgen", "build", "n.md"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert process.returncode == 0 and "Traceback" not in process.stderr


def test_outline_prints_each_warning_once(tmp_path: Path, capsys):
    from deckgen.cli import _print_warnings
    from deckgen.errors import BuildWarning

    twice = BuildWarning("embedded note '없는 노트' not found; left out", 3)
    _print_warnings([twice, BuildWarning("image 'a.png' not found", 5), twice], "n.md")
    assert capsys.readouterr().err.splitlines() == [
        "n.md:3: warning: embedded note '없는 노트' not found; left out",
        "n.md:5: warning: image 'a.png' not found"]
    (tmp_path / ".obsidian").mkdir()
    write_note(tmp_path, "n.md", "## 하나\n![[없는 노트]]\n\n```dataview\nLIST\n```\n\n"
                                 "## two\n![[없는 노트]]\n")
    result = run("outline", "n.md", cwd=tmp_path)
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == len(set(warnings)) == 3
