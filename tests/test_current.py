"""A build with nothing changed writes nothing (deckgen/current.py), and any change that
could change the deck builds it again: the note, an embedded note, a picture, a picture
that appears where one was missing, a file that may answer a search by name, settings, a
rehearsal, the options, and the deck itself edited in PowerPoint."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.build import build
from deckgen.current import current, state_path

from conftest import png, write_note
from test_cli import run

KO = ("# 도커\n\n## 이미지와 컨테이너\n\n**이미지**는 실행할 수 있는 묶음이다.\n\n"
      "![[그림.png]]\n\n![[없는 그림.png]]\n\n![[../gone.png]]\n")
EN = "# Docker\n\n## Images\n\n**An image** is a package you can run.\n\n![[picture.png]]\n"


def _vault(tmp_path: Path, text: str, picture: str) -> Path:
    (tmp_path / ".obsidian").mkdir()
    png(tmp_path / "attachments" / picture)
    return write_note(tmp_path, "notes/talk.md", text)


def _built(note: Path, vault: Path, flags=None):
    out = vault / "build" / "talk.pptx"
    result = build(note, out, dict(flags or {}), vault=vault, cwd=vault)
    return result, out


@pytest.mark.parametrize("text, picture", [(KO, "그림.png"), (EN, "picture.png")],
                         ids=["ko", "en"])
def test_nothing_changed_reports_the_last_build(tmp_path: Path, text: str, picture: str):
    note = _vault(tmp_path, text, picture)
    result, out = _built(note, tmp_path)
    found = current(note, out, {}, tmp_path, tmp_path)
    assert found is not None
    assert found.slides == result.slides and found.output == out
    assert abs(found.seconds - result.seconds) < 1e-6 and found.minutes == result.minutes
    assert found.warnings == tuple(result.warnings)
    assert found.fonts == result.fonts


def _changes(vault: Path, note: Path, out: Path):
    """Each change a build must see, as (name, do it)."""
    def touch_picture():
        png(vault / "attachments" / "그림.png", color=(10, 20, 30))

    def edit_deck():
        deck = Presentation(str(out))
        deck.slides[1].shapes.title.text_frame.text = "발표자가 고친 제목"
        deck.save(str(out))

    return [
        ("note", lambda: note.write_text(note.read_text(encoding="utf-8") + "\n**더**\n",
                                         encoding="utf-8")),
        ("picture", touch_picture),
        ("missing picture appears", lambda: png(vault / "attachments" / "없는 그림.png")),
        ("settings", lambda: (vault / "deckgen.toml").write_text(
            "[deckgen]\nminutes = 5\n", encoding="utf-8")),
        ("rehearsal", lambda: out.with_name("talk.rehearsal.json").write_text(
            "{}", encoding="utf-8")),
        ("deck edited in PowerPoint", edit_deck),
        ("deck removed", lambda: out.unlink()),
        ("state unreadable", lambda: state_path(out).write_text("{not json", encoding="utf-8")),
    ]


@pytest.mark.parametrize("index", range(8))
def test_every_change_that_could_change_the_deck_builds_it_again(tmp_path: Path, index: int):
    note = _vault(tmp_path, KO, "그림.png")
    _, out = _built(note, tmp_path)
    assert current(note, out, {}, tmp_path, tmp_path) is not None
    name, change = _changes(tmp_path, note, out)[index]
    change()
    assert current(note, out, {}, tmp_path, tmp_path) is None, name


def test_other_options_or_an_embedded_note_changed_build_again(tmp_path: Path):
    note = _vault(tmp_path, EN + "\n![[shared]]\n", "picture.png")
    shared = write_note(tmp_path, "shared.md", "## Shared\n\n**A shared idea** is here.\n")
    _, out = _built(note, tmp_path)
    assert current(note, out, {}, tmp_path, tmp_path) is not None
    assert current(note, out, {"minutes": 5}, tmp_path, tmp_path) is None
    shared.write_text("## Shared\n\n**Another idea** now.\n", encoding="utf-8")
    assert current(note, out, {}, tmp_path, tmp_path) is None


def test_a_state_written_by_hand_is_only_data(tmp_path: Path):
    """A state that claims anything but does not match what is on disk builds again."""
    note = _vault(tmp_path, EN, "picture.png")
    _, out = _built(note, tmp_path)
    state = json.loads(state_path(out).read_text(encoding="utf-8"))
    state["stamp"] = "0" * 64
    state_path(out).write_text(json.dumps(state), encoding="utf-8")
    assert current(note, out, {}, tmp_path, tmp_path) is None
    state_path(out).write_text(json.dumps({"version": 1, "files": []}), encoding="utf-8")
    assert current(note, out, {}, tmp_path, tmp_path) is None


def test_the_command_leaves_an_unchanged_deck_alone_and_says_so(tmp_path: Path):
    write_note(tmp_path, "talk.md", "## 도커 이미지\n\n**이미지**는 묶음이다.\n\n![[gone.png]]\n")
    first = run("build", "talk.md", cwd=tmp_path)
    assert first.exit_code == 0 and "up to date" not in first.stdout
    deck = tmp_path / "build" / "talk.pptx"
    written = deck.stat().st_mtime_ns
    time.sleep(0.01)
    second = run("build", "talk.md", cwd=tmp_path)
    assert second.exit_code == 0
    assert "(up to date: nothing changed since the last build)" in second.stdout
    assert second.stdout.split(" → ")[0] == first.stdout.split(" → ")[0]  # slides, time
    assert "gone.png' not found" in second.stderr  # its warnings are still printed
    assert deck.stat().st_mtime_ns == written
    assert run("build", "talk.md", "--strict", cwd=tmp_path).exit_code == 1
    forced = run("build", "talk.md", "--force", cwd=tmp_path)
    assert "up to date" not in forced.stdout and deck.stat().st_mtime_ns != written
    os.utime(tmp_path / "talk.md")  # saved again, unchanged: still a new build
    assert "up to date" not in run("build", "talk.md", cwd=tmp_path).stdout


def test_a_file_that_would_now_be_found_first_builds_again(tmp_path: Path):
    """`![[pic.png]]` beside the note, no search needed: the vault's root is looked at
    first for an embed, so a picture put there now is the one the note means."""
    note = write_note(tmp_path, "notes/talk.md", EN.replace("picture.png", "pic.png"))
    (tmp_path / ".obsidian").mkdir()
    png(tmp_path / "notes" / "pic.png")
    _, out = _built(note, tmp_path)
    assert current(note, out, {}, tmp_path, tmp_path) is not None
    png(tmp_path / "pic.png", color=(9, 9, 9))
    assert current(note, out, {}, tmp_path, tmp_path) is None


def test_a_file_that_would_now_answer_a_search_by_name_builds_again(tmp_path: Path):
    """Found by a search of the vault, the shortest path wins: a new file by that name
    anywhere nearer the root (not a path the finder looked at) changes the picture."""
    note = write_note(tmp_path, "notes/talk.md", KO)
    (tmp_path / ".obsidian").mkdir()
    png(tmp_path / "attachments" / "screens" / "그림.png")
    _, out = _built(note, tmp_path)
    assert current(note, out, {}, tmp_path, tmp_path) is not None
    png(tmp_path / "other" / "그림.png", color=(9, 9, 9))
    assert current(note, out, {}, tmp_path, tmp_path) is None


def _title_texts(deck: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides
            if s.shapes.title is not None]


def test_an_untouched_deck_is_not_merged_and_gives_the_same_bytes(tmp_path: Path):
    """A deck as the last build wrote it holds no edits: the rebuild does not read it
    slide by slide, and writes the very bytes a merge with it would have written."""
    from deckgen.current import untouched

    note = _vault(tmp_path, KO, "그림.png")
    _, out = _built(note, tmp_path)
    assert untouched(out)
    written = out.read_bytes()
    out.write_bytes(written + b" ")
    assert not untouched(out)
    out.write_bytes(written)
    note.write_text(note.read_text(encoding="utf-8") + "\n## 새 절\n\n**새 내용**이다.\n",
                    encoding="utf-8")
    previous = out.read_bytes()
    shortcut, _ = _built(note, tmp_path)
    fast = out.read_bytes()
    out.write_bytes(previous)
    state_path(out).unlink()  # no state: the previous deck is read and merged as before
    merged, _ = _built(note, tmp_path)
    assert out.read_bytes() == fast
    assert not shortcut.merged and not merged.merged


def test_edits_carried_into_a_deck_survive_every_later_rebuild(tmp_path: Path):
    from deckgen.current import untouched

    note = _vault(tmp_path, EN, "picture.png")
    _, out = _built(note, tmp_path)
    deck = Presentation(str(out))
    deck.slides[1].shapes.title.text_frame.text = "My own title"
    deck.save(str(out))
    first, _ = _built(note, tmp_path)
    assert first.merged and "My own title" in _title_texts(out)
    assert not untouched(out)  # it holds the user's edit now
    for _ in range(2):
        again, _ = _built(note, tmp_path)
        assert "My own title" in _title_texts(out)


def test_a_folder_build_reports_unchanged_notes_and_builds_only_the_changed(tmp_path: Path):
    notes = tmp_path / "notes"
    write_note(notes, "도커.md", "## 이미지\n\n**이미지**는 실행할 수 있는 묶음이다.\n")
    english = write_note(notes, "cache.md", "## Cache\n\n**A cache** keeps answers close.\n")
    first = run("build", "notes", "-o", "out", cwd=tmp_path)
    assert first.exit_code == 0 and first.stdout.splitlines()[-1] == "2 of 2 note(s) built"
    docker_deck = tmp_path / "out" / "도커.pptx"
    written = docker_deck.stat().st_mtime_ns
    english.write_text(english.read_text(encoding="utf-8") + "\n**More** here.\n",
                       encoding="utf-8")
    second = run("build", "notes", "-o", "out", cwd=tmp_path)
    lines = second.stdout.splitlines()
    assert lines[-1] == "1 of 2 note(s) built, 1 up to date", lines
    assert any(line.startswith("notes/도커.md:") and "up to date" in line for line in lines)
    assert docker_deck.stat().st_mtime_ns == written
    forced = run("build", "notes", "-o", "out", "--force", cwd=tmp_path)
    assert forced.stdout.splitlines()[-1] == "2 of 2 note(s) built"
