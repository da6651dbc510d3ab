"""`deckgen build FOLDER`: every note in it, in parallel, one line each and a count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.folders import find_notes

from conftest import ROOT, deck_texts, png, write_note

KOREAN = "# 도커 정리\n\n## 컨테이너\n\n**컨테이너**는 격리된 실행 환경이다.\n\n![[box.png]]\n"
ENGLISH = "# Caching\n\n## Why\n\n**A cache** keeps answers close.\n"


def _folder(vault: Path) -> Path:
    notes = vault / "notes"
    write_note(notes, "docker.md", KOREAN)
    write_note(notes, "cache.md", ENGLISH)
    write_note(notes, "week2/network.md", "# 네트워크\n\n## TCP\n\n**3-way handshake** 순서.\n")
    write_note(notes, ".drafts/secret.md", "# 비밀\n\n## 초안\n\n**초안**\n")
    write_note(notes, "files/readme.md", "# attachments are not notes\n")
    png(notes / "files" / "box.png")
    (vault / ".obsidian" / "app.json").write_text(json.dumps(
        {"attachmentFolderPath": "notes/files"}), encoding="utf-8")
    return notes


def test_find_notes_skips_hidden_and_attachment_folders(vault):
    notes = _folder(vault)
    assert [p.name for p in find_notes(notes, False, vault)] == ["cache.md", "docker.md"]
    assert [p.relative_to(notes).as_posix() for p in find_notes(notes, True, vault)] == \
        ["cache.md", "docker.md", "week2/network.md"]


def _run(vault: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "deckgen", "build", *args], cwd=vault, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
@pytest.mark.subprocess
def test_a_folder_builds_every_note_with_one_line_each(vault):
    _folder(vault)
    done = _run(vault, "notes", "-o", "out")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sorted(line.split(":")[0] for line in lines[:-1]) == \
        ["notes/cache.md", "notes/docker.md"]
    assert lines[-1] == "2 of 2 note(s) built"
    assert "컨테이너" in deck_texts(vault / "out" / "docker.pptx")
    assert "Why" in deck_texts(vault / "out" / "cache.pptx")
    assert not (vault / "out" / "week2").exists()


@pytest.mark.slow  # the long lane runs it; the fast lane keeps a lighter twin
@pytest.mark.subprocess
def test_recursive_keeps_sub_folders_apart_and_a_failure_does_not_stop_the_rest(vault):
    notes = _folder(vault)
    (notes / "week2" / "broken.md").write_bytes("# 깨진 노트".encode("euc-kr"))
    done = _run(vault, "notes", "--recursive", "-o", "out")
    assert done.returncode == 1
    assert "notes/week2/broken.md: error:" in done.stderr
    assert done.stdout.splitlines()[-1] == "3 of 4 note(s) built, 1 failed"
    assert "TCP" in deck_texts(vault / "out" / "week2" / "network.pptx")
    assert (vault / "out" / "docker.pptx").is_file() and (vault / "out" / "cache.pptx").is_file()
    assert not list((vault / "out").rglob("secret.pptx"))
    assert not list((vault / "out").rglob("readme.pptx"))
