"""`deckgen watch`: an edit rebuilds the deck; a bad edit keeps the previous one; Ctrl-C ends it."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from deckgen.build import prepare, rehearsal_path
from deckgen.watch import Watched

from conftest import ROOT, deck_texts, png, write_note

NOTE = "# 발표\n\n## 도커란?\n\n**도커**는 컨테이너 도구다.\n\n![[diagram.png]]\n"


class Lines:
    """A watch process's output, line by line, with a time limit per line."""

    def __init__(self, process: subprocess.Popen):
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.queue.put(line.rstrip("\n"))

    def next(self, contains: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while True:
            line = self.queue.get(timeout=max(0.1, end - time.monotonic()))
            if contains in line:
                return line


@pytest.fixture
def watching(vault: Path, tmp_path: Path):
    png(vault / "diagram.png", (800, 450))
    note = write_note(vault, "talk.md", NOTE)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", "talk.md", "-o",
                                str(tmp_path / "out")], cwd=vault, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = Lines(process)
    try:
        yield note, tmp_path / "out" / "talk.pptx", lines, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
@pytest.mark.subprocess
def test_an_edit_rebuilds_a_bad_edit_keeps_the_deck_and_ctrl_c_ends(watching):
    note, deck, lines, process = watching
    assert "talk.md: 3 slides" in lines.next("→")
    assert "도커" in deck_texts(deck)
    time.sleep(1)  # the watcher starts once the first build is done

    note.write_text(NOTE + "\n## Images\n\n**An image** is read-only; 이미지는 읽기 전용이다.\n",
                    encoding="utf-8")
    lines.next("→")
    texts = deck_texts(deck)
    assert "Images" in texts and any("An image" in t for t in texts)
    good = deck.read_bytes()

    note.write_bytes("# 깨진 저장\n".encode("euc-kr"))  # a bad save: not UTF-8
    assert "the previous deck is kept" in lines.next("error")
    assert deck.read_bytes() == good

    note.write_text(NOTE.replace("도커란?", "컨테이너란?"), encoding="utf-8")
    lines.next("→")
    assert "컨테이너란?" in deck_texts(deck)

    process.send_signal(signal.SIGINT)
    assert process.wait(20) == 0
    assert lines.next("stopped", timeout=5) == "stopped"


@pytest.mark.slow  # seconds of subprocesses: the long lane runs it
@pytest.mark.subprocess
def test_a_rebuild_keeps_what_the_user_changed_in_the_deck(watching):
    from pptx import Presentation

    note, deck, lines, process = watching
    lines.next("→")
    time.sleep(1)
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides
                 if s.shapes.title is not None and s.shapes.title.text_frame.text == "도커란?")
    slide.shapes.title.text_frame.text = "도커란 무엇인가 (my title)"
    prs.save(str(deck))
    note.write_text(NOTE + "\n## Images\n\n**An image** is read-only; 이미지는 읽기 전용이다.\n",
                    encoding="utf-8")
    assert "kept your edits on slide" in lines.next("kept your edits")
    texts = deck_texts(deck)
    assert "도커란 무엇인가 (my title)" in texts and "도커란?" not in texts
    assert any("An image" in t for t in texts)
    assert (deck.parent / ".deckgen" / "talk.prev.pptx").is_file()


@pytest.mark.slow  # seconds of subprocesses or pixels: the long lane runs it
@pytest.mark.subprocess
def test_a_saved_picture_rebuilds(watching):
    note, deck, lines, process = watching
    lines.next("→")
    time.sleep(1)
    before = deck.read_bytes()
    png(note.parent / "diagram.png", (800, 450), (250, 120, 40))
    assert "talk.md:" in lines.next("→")
    assert deck.read_bytes() != before


@pytest.mark.slow  # seconds of subprocesses: the long lane runs it
@pytest.mark.subprocess
def test_a_rehearsal_saved_beside_the_deck_rebuilds_it_at_the_speakers_pace(watching):
    note, deck, lines, process = watching
    lines.next("→")
    time.sleep(1)
    talk = prepare(note, {}, vault=note.parent).talk
    pages = [{"slide": s.said[0], "digest": s.said[1], "estimate": s.said[2], "title": s.title,
              "planned": s.seconds, "spoken": 40.0} for s in talk.slides]
    rehearsal_path(deck).write_text(json.dumps({"version": 1, "note": "talk", "pages": pages}),
                                    encoding="utf-8")
    minutes, seconds = divmod(40 * len(pages), 60)
    assert f"rehearsed {minutes}:{seconds:02d} → planned" in lines.next("rehearsed")


def test_what_a_deck_depends_on(tmp_path):
    note = tmp_path / "talk.md"
    watched = Watched(note.resolve(), {(tmp_path / "a.png").resolve()}, {"a.png", "gone.png"})
    assert watched.concerns(note)
    assert watched.concerns(tmp_path / "a.png")
    assert watched.concerns(tmp_path / "sub" / "gone.png")  # a missing picture appears
    assert watched.concerns(tmp_path / "other.md")  # may be embedded
    assert not watched.concerns(tmp_path / "unrelated.png")
    assert not watched.concerns(tmp_path / "build" / ".talk.pptx.x.tmp")
    assert not watched.concerns(tmp_path / "build" / "talk.rehearsal.json")  # none is kept yet
    kept = Watched(note.resolve(), rehearsal=(tmp_path / "build" / "talk.rehearsal.json").resolve())
    assert kept.concerns(tmp_path / "build" / "talk.rehearsal.json")
    assert not kept.concerns(tmp_path / "build" / "talk.pptx")


@pytest.mark.slow  # whole decks built: the long lane runs it
def test_a_rebuild_collects_no_garbage_until_the_watch_is_idle(vault: Path, tmp_path: Path,
                                                                 monkeypatch):
    """A collection inside a rebuild walks the session's memos of every slide: watch turns
    collection off from the start of a rebuild and collects once no save came for IDLE_MS,
    not while the deck is written and announced."""
    import gc

    import deckgen.build
    from deckgen.watch import watch

    real_build = deckgen.build.build
    events: list[object] = []

    def build(*args, **kwargs):
        events.append("building")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(deckgen.build, "build", build)  # the real build, its start marked
    png(vault / "diagram.png", (800, 450))
    note = write_note(vault, "talk.md", NOTE)
    stop = threading.Event()

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start":
            events.append("collection")

    def edit_then_stop() -> None:
        try:
            _until(lambda: events.count(("built", True)) == 1)  # the first, collection on
            time.sleep(1)  # the watcher starts once the first build is done
            note.write_text(NOTE + "\n## 이미지\n\n**Images** are layers.\n",
                            encoding="utf-8")
            _until(lambda: ("built", False) in events and
                   "collection" in events[events.index(("built", False)):], 20)
        finally:
            stop.set()

    editor = threading.Thread(target=edit_then_stop, daemon=True)
    gc.callbacks.append(on_collection)
    try:
        editor.start()
        watch(note, tmp_path / "out", {}, vault, lambda line, error: events.append("echo"),
              after=lambda result: events.append(("built", gc.isenabled())) or False,
              stop_event=stop)
    finally:
        gc.callbacks.remove(on_collection)
        stop.set()
        editor.join(30)
    assert gc.isenabled()  # on again once the watch has collected
    second = len(events) - 1 - events[::-1].index("building")
    built = events.index(("built", False))  # collection was off while the deck was rebuilt
    assert second < built and "collection" not in events[second:built]
    assert "collection" not in events[built:events.index("echo", built) + 1]  # nor announced
    assert "collection" in events[built:]  # collected once the watch was idle
    assert "이미지" in deck_texts(tmp_path / "out" / "talk.pptx")


def test_garbage_of_a_rebuild_is_collected_before_the_next_if_no_idle_came_between():
    import gc

    from deckgen.watch import IdleCollection

    collections: list[int] = []

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    idle = IdleCollection()
    gc.callbacks.append(on_collection)
    try:
        with idle.held():
            assert not gc.isenabled()
        assert not gc.isenabled() and not collections  # off until idle, or the next rebuild
        with idle.held():
            assert collections == [2] and not gc.isenabled()
        idle.collect()
        assert collections == [2, 2] and gc.isenabled()
        idle.collect()  # nothing pending: nothing collected
        assert collections == [2, 2]
    finally:
        gc.callbacks.remove(on_collection)
        gc.enable()


def _until(ready, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)
