"""Bad and hostile input: every case builds a sensible deck or fails with one line, exit 1.

Runs the real command line in a subprocess, so a traceback anywhere would show."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PIL import Image
from pptx import Presentation

from conftest import FIXTURES, audit_errors, deck_texts, png, sweep, write_note

BAD = FIXTURES / "bad"


def deckgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command line, run in this process so the corpus stays in the fast lane.

    The CLI's own error handling runs as it does for a user; an exception escaping it, or
    its "please report this" message, fails the test."""
    from click.testing import CliRunner

    from deckgen.cli import main

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    finally:
        os.chdir(previous)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "please report" not in result.stderr, result.stderr
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def assert_one_line_error(result: subprocess.CompletedProcess, name: str, words: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and words in lines[0], result.stderr


BUILDS = ["empty.md", "blank.md", "no_headings.md", "only_headings.md", "bom_crlf.md",
          "deep_nesting.md", "unclosed_fence.md", "html_blocks.md", "control_chars.md",
          "emoji.md", "rtl.md", "empty_h2.md", "h4_h6_only.md", "bad_front_matter.md",
          "폴더 이름/노트 이름 with spaces.md"]


@pytest.mark.parametrize("name", sweep(BUILDS, ("empty.md", "control_chars.md",
                                                 "폴더 이름/노트 이름 with spaces.md")))
def test_odd_notes_build_a_deck_that_opens(name: str, tmp_path: Path):
    result = deckgen("build", str(BAD / name), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    deck = tmp_path / (Path(name).stem + ".pptx")
    prs = Presentation(str(deck))
    assert len(prs.slides) >= 2
    assert audit_errors(deck) == []
    for text in deck_texts(deck):
        assert "**" not in text and "```" not in text and "<div" not in text


@pytest.mark.parametrize("name,words", [
    ("binary.md", "not a text file"), ("cp949.md", "CP949"), ("euckr.md", "CP949"),
    ("utf16.md", "UTF-16")])
def test_unreadable_notes_fail_with_one_line(name: str, words: str, tmp_path: Path):
    assert_one_line_error(deckgen("build", str(BAD / name), cwd=tmp_path), name, words)


def test_folder_or_missing_path_as_note(tmp_path: Path):
    assert_one_line_error(deckgen("build", str(tmp_path), cwd=tmp_path), str(tmp_path), "folder")
    assert_one_line_error(deckgen("build", "nope.md", cwd=tmp_path), "nope.md", "no such file")


def test_content_survives_control_and_zero_width_characters(tmp_path: Path):
    deckgen("build", str(BAD / "control_chars.md"), "-o", str(tmp_path), cwd=tmp_path)
    text = " ".join(deck_texts(tmp_path / "control_chars.pptx"))
    assert "제로" in text and "\x07" not in text and "\x1b" not in text


def test_h4_to_h6_only_still_make_topic_slides(tmp_path: Path):
    deckgen("build", str(BAD / "h4_h6_only.md"), "-o", str(tmp_path), cwd=tmp_path)
    titles = [s.shapes.title.text_frame.text for s in
              Presentation(str(tmp_path / "h4_h6_only.pptx")).slides if s.shapes.title]
    assert "넷" in titles


@pytest.mark.slow  # seconds of planning: the long lane runs it
def test_ten_thousand_sections_fail_clearly(tmp_path: Path):
    note = write_note(tmp_path, "many.md", "".join(f"## 절 {i}\n**핵심 {i}**\n"
                                                   for i in range(10_000)))
    assert_one_line_error(deckgen("build", str(note), cwd=tmp_path), "many.md", "split the note")


@pytest.mark.slow  # seconds of parsing: the long lane runs it
def test_five_megabyte_paragraph_builds_with_its_notes_cut_where_a_warning_says(tmp_path: Path):
    """Issue 20: one page's notes stop at MAX_NOTES_CHARS (a 5 MB script made hundreds of MB
    of XML); the cut is marked in the notes and named, with its line, in a warning."""
    from deckgen.layout.frames import MAX_NOTES_CHARS, NOTES_CUT

    text = "가나다라마바사 아자차카타파하 " * 110_000  # about 5 MB of UTF-8
    note = write_note(tmp_path, "huge.md", f"## 큰 문단\n{text}\n")
    result = deckgen("build", str(note), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(tmp_path / "build" / "huge.pptx"))
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith(text[:MAX_NOTES_CHARS]) and NOTES_CUT[1] in notes
    assert "huge.md:2: warning: speaker notes longer than" in result.stderr


def test_empty_note_warns(tmp_path: Path):
    result = deckgen("build", str(BAD / "empty.md"), "-o", str(tmp_path), cwd=tmp_path)
    assert "no content" in result.stderr


# -- images that fight back ---------------------------------------------------------------

def hostile_vault(root: Path) -> Path:
    vault = root / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    good = png(vault / "good.png", (800, 600))
    data = good.read_bytes()
    (vault / "empty.png").write_bytes(b"")
    (vault / "truncated.png").write_bytes(data[: len(data) // 2])
    (vault / "text.png").write_text("I am not an image")
    Image.new("1", (20000, 10000)).save(vault / "bomb.png")
    Image.new("CMYK", (640, 480), (0, 128, 255, 0)).save(vault / "cmyk.jpg")
    Image.new("I;16", (320, 240), 40000).save(vault / "deep.png")
    frames = [Image.new("RGB", (200, 150), c) for c in ("red", "green", "blue")]
    frames[0].save(vault / "anim.gif", save_all=True, append_images=frames[1:], duration=100)
    (vault / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" '
                                       'height="10"><rect width="10" height="10"/></svg>')
    secret = png(root / "secret.png", (100, 100), (255, 0, 0))
    os.symlink(secret, vault / "link.png")
    return vault


HOSTILE_NOTE = """## 그림들
![[missing.png]]
![[empty.png]]
![[truncated.png]]
![[text.png]]
![[bomb.png]]
![[cmyk.jpg]]
![[deep.png]]
![[anim.gif]]
![[drawing.svg]]
![[link.png]]
![secret](../secret.png)
![abs]({secret})
![file](file:///etc/passwd)
![web](https://example.com/x.png)
![[good.png]]
"""


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_hostile_images_are_placed_or_replaced_with_a_warning_each(tmp_path: Path):
    vault = hostile_vault(tmp_path)
    write_note(vault, "n.md", HOSTILE_NOTE.format(secret=tmp_path / "secret.png"))
    result = deckgen("build", "n.md", cwd=vault)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warned = {line.split("'")[1] for line in result.stderr.splitlines() if "image '" in line}
    assert warned == {"missing.png", "empty.png", "truncated.png", "text.png", "bomb.png",
                      "link.png", "secret.png", "passwd", "x.png"}  # the SVG is drawn (resvg)
    deck = vault / "build" / "n.pptx"
    assert audit_errors(deck) == []
    secret_bytes = (tmp_path / "secret.png").read_bytes()
    import zipfile
    with zipfile.ZipFile(deck) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("ppt/media/")]
    assert secret_bytes not in media
    assert len(media) == 5  # good, cmyk, deep, anim, drawing.svg: converted and placed


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_converted_images_are_rgb_png_or_jpeg(tmp_path: Path):
    vault = hostile_vault(tmp_path)
    write_note(vault, "n.md", "## a\n![[cmyk.jpg]]\n\n## b\n![[deep.png]]\n\n## c\n![[anim.gif]]\n")
    assert deckgen("build", "n.md", cwd=vault).returncode == 0
    import io
    import zipfile
    with zipfile.ZipFile(vault / "build" / "n.pptx") as z:
        modes = {Image.open(io.BytesIO(z.read(n))).mode for n in z.namelist()
                 if n.startswith("ppt/media/")}
    assert modes <= {"RGB", "RGBA", "L", "P"}


@pytest.mark.slow  # seconds of subprocesses or pixels: the long lane runs it
@pytest.mark.subprocess
def test_memory_stays_bounded_with_a_bomb_and_a_big_photo(tmp_path: Path):
    vault = tmp_path / "v"
    (vault / ".obsidian").mkdir(parents=True)
    subprocess.run([sys.executable, "-c",
                    "from PIL import Image\n"
                    f"Image.new('1', (20000, 10000)).save(r'{vault}/bomb.png')\n"
                    "Image.radial_gradient('L').resize((8000, 6000)).convert('RGB')"
                    f".save(r'{vault}/photo.jpg', quality=85)\n"], check=True)
    write_note(vault, "n.md", "## a\n![[bomb.png]]\n\n## b\n![[photo.jpg]]\n**큰 사진**\n")
    # Measured from a small launcher: a child forked from pytest itself would report
    # pytest's memory as its own peak.
    launcher = ("import os, subprocess, sys\n"
                "p = subprocess.Popen([sys.executable, '-m', 'deckgen', 'build', 'n.md', '-q'])\n"
                "_, status, usage = os.wait4(p.pid, 0)\n"
                "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", launcher], cwd=vault, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[0] == "0" and int(out[1]) / 1024 < 300


# -- safe writing -------------------------------------------------------------------------

def test_unwritable_output_is_one_line(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n**b**\n")
    (tmp_path / "file").write_text("x")
    result = deckgen("build", "n.md", "-o", "file/sub/deck.pptx", cwd=tmp_path)
    assert_one_line_error(result, "deck.pptx", "cannot write")


def test_output_cannot_be_a_note(tmp_path: Path):
    write_note(tmp_path, "n.md", "## a\n**b**\n")
    write_note(tmp_path, "other.md", "keep me")
    result = deckgen("build", "n.md", "-o", "other.md", cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "other.md").read_text() == "keep me"


def test_interrupted_write_keeps_the_previous_deck(tmp_path: Path, monkeypatch):
    from deckgen import output as build_module
    from deckgen.errors import DeckgenError

    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module.os, "replace", broken_replace)
    with pytest.raises(DeckgenError):
        build_module.write_atomically(target, b"new deck", tmp_path / "n.md")
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]
