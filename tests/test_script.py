"""The speaker's script (--script): every slide, its time and clock, then its notes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.export.files import written_by_us
from deckgen.export.script import script_text

from conftest import write_note

NOTE = ("# 도커\n\n## 도커란?\n컨테이너를 **관리하는** 도구입니다.\n\n"
        "## Why ports?\n- One **port** per service\n- Docker maps 8080 to 80\n")


def test_every_slide_has_its_number_title_time_clock_and_notes(tmp_path: Path):
    prepared = prepare(write_note(tmp_path, "도커.md", NOTE), {})
    deck = prepared.deck
    text = script_text(deck, prepared.talk.title, prepared.talk.language)
    headings = re.findall(r"^## (\d+)\. (.*)$", text, re.M)
    assert [int(n) for n, _ in headings] == list(range(1, len(deck.slides) + 1))
    assert [t for _, t in headings] == [p.title_text for p in deck.slides]
    clocks = re.findall(r"^⏱ 분량 (\d+:\d\d) · 누적 (\d+:\d\d) → (\d+:\d\d)$", text, re.M)
    assert len(clocks) == len(deck.slides)
    assert clocks[0][1] == "0:00" and all(a[2] == b[1] for a, b in zip(clocks, clocks[1:]))
    for placed in deck.slides:  # the notes, as the speaker notes have them, without the ⏱ line
        if placed.notes is not None:
            for line in placed.notes.text(with_time=False).split("\n"):
                assert line in text


def test_an_english_talk_has_an_english_script(tmp_path: Path):
    note = write_note(tmp_path, "ports.md", "# Ports\n\n## Why ports?\n- One **port** each\n")
    prepared = prepare(note, {})
    text = script_text(prepared.deck, prepared.talk.title, prepared.talk.language)
    assert "Speaker's script" in text and "⏱ time " in text and "발표" not in text


@pytest.mark.slow  # builds in child processes: the long lane
def test_script_flag_writes_build_note_script_md_and_rewrites_only_its_own(tmp_path: Path):
    write_note(tmp_path, "도커.md", NOTE)
    run = [sys.executable, "-m", "deckgen", "build", "도커.md", "--script", "-q"]
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    script = tmp_path / "build" / "도커-script.md"
    assert written_by_us(script) and "## 2. 도커란?" in script.read_text(encoding="utf-8")
    again = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    script.write_text("my own rehearsal notes\n", encoding="utf-8")
    refused = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1 and "refusing to overwrite" in refused.stderr
    assert script.read_text(encoding="utf-8") == "my own rehearsal notes\n"
