"""The picture cache: a rebuild decodes nothing, damaged entries are rewritten, builds share it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ImageFile

from deckgen.build import build
from deckgen.pictures.cache import PictureCache, cache_folder
from deckgen.pictures.model import Encoded

from conftest import ROOT, deck_texts, photo, write_note

pytestmark = pytest.mark.empty_cache  # what the cache does, from nothing

NOTE = """# 사진 노트

## 화면 공유

![[shot.png]]

**화면 공유**는 발표의 핵심이다.

## Diagram

![[diagram.png]]

**The diagram** shows the flow.
"""


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """Every full decode Pillow makes (headers alone are not decodes), named by the file
    it reads, whether Pillow opened it or was handed a stream over it."""
    seen: list[str] = []
    original = ImageFile.ImageFile.load

    def load(self):
        named = getattr(self, "filename", "") or getattr(self.fp, "name", "")
        seen.append(str(named) or "<blob>")
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return seen


def _vault(vault: Path) -> Path:
    from PIL import Image, ImageDraw

    photo(vault / "shot.png", (1400, 875))  # photo-like: re-encoded as JPEG, so it is cached
    diagram = Image.new("RGB", (1600, 800), "white")
    ImageDraw.Draw(diagram).rectangle((100, 100, 1200, 800), outline="black", width=6)
    diagram.save(vault / "diagram.png")
    return write_note(vault, "note.md", NOTE)


def test_cache_lives_under_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "deckgen"


def test_miss_then_hit_decodes_nothing_and_gives_the_same_bytes(vault, tmp_path, decoded):
    note = _vault(vault)
    first = build(note, tmp_path / "a", {}, cwd=vault)
    assert decoded, "a cold build decodes the pictures"
    assert PictureCache().info().entries == 2
    decoded.clear()
    second = build(note, tmp_path / "b", {}, cwd=vault)
    assert decoded == []
    assert first.output.read_bytes() == second.output.read_bytes()
    assert "화면 공유" in deck_texts(second.output)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_changed_picture_is_a_miss(vault, tmp_path, decoded):
    note = _vault(vault)
    first = build(note, tmp_path / "a", {}, cwd=vault)
    photo(vault / "shot.png", (1400, 875), seed=45)  # redrawn: other bytes
    decoded.clear()
    second = build(note, tmp_path / "b", {}, cwd=vault)
    assert any(name.endswith("shot.png") for name in decoded)
    assert not any(name.endswith("diagram.png") for name in decoded)
    assert PictureCache().info().entries == 3
    assert first.output.read_bytes() != second.output.read_bytes()


@pytest.mark.parametrize("damage", ["truncate", pytest.param("flip", marks=pytest.mark.slow),
                                    pytest.param("empty", marks=pytest.mark.slow)])
@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_corrupt_entry_is_ignored_and_rewritten(vault, tmp_path, decoded, damage):
    note = _vault(vault)
    first = build(note, tmp_path / "a", {}, cwd=vault)
    entries = sorted(p for p in PictureCache().folder.rglob("*") if p.is_file())
    assert len(entries) == 2
    for entry in entries:
        data = entry.read_bytes()
        if damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            entry.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))
        else:
            entry.write_bytes(b"")
    decoded.clear()
    second = build(note, tmp_path / "b", {}, cwd=vault)
    assert decoded, "damaged entries are encoded again"
    assert first.output.read_bytes() == second.output.read_bytes()
    decoded.clear()
    build(note, tmp_path / "c", {}, cwd=vault)
    assert decoded == [], "and rewritten whole"


def test_least_recently_used_entries_go_past_the_limit(tmp_path):
    cache = PictureCache(tmp_path, limit=2500)
    for index, name in enumerate("abc"):
        cache.put(name * 64, Encoded(bytes([index]) * 1000, "png"))
        os.utime(cache._path(name * 64), (1000 + index, 1000 + index))
    assert cache.get("a" * 64) is not None  # a hit makes "a" the most recent
    assert cache.trim() == 1
    assert cache.get("b" * 64) is None
    assert cache.get("a" * 64) == Encoded(bytes([0]) * 1000, "png")
    assert cache.get("c" * 64) is not None


def test_a_stored_pictures_size_is_known_without_reading_its_entry(tmp_path):
    """The deck's size warning asks every picture's size; a stored one answers from what
    the cache knew when it wrote or read the entry, not by reading it again."""
    cache = PictureCache(tmp_path)
    blob = "사진 photo".encode() * 300
    stored = cache.put("d" * 64, Encoded(blob, "jpg"))
    again = cache.get("d" * 64, in_memory=False)
    assert stored.stored is not None and again is not None and again.stored is not None
    cache._path("d" * 64).unlink()  # reading it now would stop the build
    assert stored.size == again.size == len(blob) == Encoded(blob, "jpg").size


@pytest.mark.slow  # seconds of work: the long lane runs it
@pytest.mark.subprocess
def test_two_builds_at_once_share_the_cache(vault, tmp_path):
    note = _vault(vault)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = [subprocess.Popen([sys.executable, "-m", "deckgen", "build", str(note), "-q", "-o",
                              str(tmp_path / name)], cwd=vault, env=env,
                             stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for run in runs:
        assert run.wait(120) == 0, run.stderr.read()
    a, b = (tmp_path / name / "note.pptx" for name in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    cache = PictureCache()
    entries = [p for p in cache.folder.rglob("*") if p.is_file()]
    assert len(entries) == 2 and all(cache.get(p.name) is not None for p in entries)


@pytest.mark.slow  # builds in child processes: the long lane
@pytest.mark.subprocess
def test_cache_info_and_clear_commands(vault, tmp_path):
    note = _vault(vault)
    build(note, tmp_path / "a", {}, cwd=vault)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    info = subprocess.run([sys.executable, "-m", "deckgen", "cache", "info"], env=env,
                          capture_output=True, text=True, check=True).stdout
    assert "pictures 2" in info and str(cache_folder()) in info
    cleared = subprocess.run([sys.executable, "-m", "deckgen", "cache", "clear"], env=env,
                             capture_output=True, text=True, check=True).stdout
    assert cleared.startswith("removed 2 picture(s)")
    assert PictureCache().info().entries == 0
