"""`deckgen watch NOTE --serve`: the page on 127.0.0.1, an edit of the note shows in an open
page within a second of the rebuild (keeping its slide), rehearsals are kept beside the deck,
and Ctrl-C ends the server."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deckgen.serve import HOST, PageServer

from browser import chromium, requires_browser  # noqa: F401 (fixture)
from conftest import write_note

NOTE = """# 도커 입문

## 컨테이너란?

**컨테이너**는 애플리케이션과 실행 환경을 함께 묶은 단위입니다.

## 이미지

**이미지**는 컨테이너를 만드는 읽기 전용 틀입니다.

## Volumes

A **volume** keeps data after its container is removed.
"""


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_the_server_listens_on_the_loopback_address_only(tmp_path: Path):
    server = PageServer(tmp_path / "talk.html", tmp_path / "talk.rehearsal.json", 0).start()
    try:
        assert server.httpd.server_address[0] == HOST == "127.0.0.1"
        with pytest.raises(urllib.error.HTTPError) as refused:  # nothing built yet
            urllib.request.urlopen(server.url, timeout=5)
        assert refused.value.code == 503
    finally:
        server.stop()


def test_a_rehearsal_is_kept_only_from_the_decks_own_page(tmp_path: Path):
    target = tmp_path / "talk.rehearsal.json"
    server = PageServer(tmp_path / "talk.html", target, 0).start()
    record = json.dumps({"version": 1, "note": "talk", "pages": [
        {"slide": "content:이미지", "digest": "x", "estimate": 10, "spoken": 12.5}]}).encode()
    try:
        foreign = urllib.request.Request(server.url + "rehearsal", record, method="POST",
                                         headers={"Origin": "http://example.com"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(foreign, timeout=5)
        assert refused.value.code == 403 and not target.exists()
        bad = urllib.request.Request(server.url + "rehearsal", b"{}", method="POST")
        with pytest.raises(urllib.error.HTTPError) as rejected:
            urllib.request.urlopen(bad, timeout=5)
        assert rejected.value.code == 400 and not target.exists()
        own = urllib.request.Request(server.url + "rehearsal", record, method="POST",
                                     headers={"Origin": server.url.rstrip("/")})
        assert urllib.request.urlopen(own, timeout=5).status == 200
        assert json.loads(target.read_text(encoding="utf-8"))["pages"][0]["spoken"] == 12.5
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.subprocess
@requires_browser
def test_an_edit_shows_in_the_open_page_within_a_second_and_ctrl_c_stops(chromium, tmp_path):  # noqa: F811
    note = write_note(tmp_path, "talk.md", NOTE)
    (tmp_path / "deckgen.toml").write_text("", encoding="utf-8")
    page_file = tmp_path / "build" / "talk.html"
    child = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", "talk.md", "--serve",
                              "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        url = _url(child)
        _wait(lambda: page_file.exists(), 60)
        page = chromium.new_page()
        page.goto(url + "#3")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("location.hash") == "#4"
        assert "이미지" in page.locator("section.current").text_content()
        page.wait_for_timeout(300)  # the event stream is open
        before = page_file.stat().st_mtime_ns
        note.write_text(NOTE.replace("## 이미지", "## 이미지와 레이어"), encoding="utf-8")
        _wait(lambda: page_file.exists() and page_file.stat().st_mtime_ns != before, 60)
        written = time.monotonic()
        page.wait_for_function(
            "document.querySelector('section.current').textContent.includes('이미지와 레이어')",
            timeout=5000, polling=20)
        assert time.monotonic() - written < 1.0
        assert page.evaluate("location.hash") == "#4"  # the page kept its slide
        assert (tmp_path / "build" / "talk.pptx").exists()
        page.close()
    finally:
        child.send_signal(signal.SIGINT)
        try:
            _, err = child.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            raise
    assert child.returncode == 0, err
    assert "stopped" in err


def _url(child: subprocess.Popen) -> str:
    assert child.stderr is not None
    line = child.stderr.readline()
    found = re.search(r"page at (http://127\.0\.0\.1:\d+/)", line)
    assert found, line
    return found.group(1)


def _wait(ready, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)
