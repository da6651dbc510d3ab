"""Hostile input, round three (issue 20): dangerous links, reads outside the vault, the
cache as an attack surface, and bounded time and memory for every construct.

Like tests/test_hostile.py, each case runs the real command line and must end with a deck or
one line naming the file; generated hostile input is made here, in the test."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from test_bad_input import deckgen
from test_hostile import vault

ALLOWED = ("http://", "https://", "mailto:")
DANGEROUS = ["file:///C:/Windows/System32/calc.exe", "file://host/share/x.exe",
             r"\\host\share\x.exe", "//host/share/x", "ms-msdt:/id PCWDiagnostic",
             "search-ms:query=x", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
             " \x01javascript:alert(1)", "vbscript:x", "data:text/html,x", "ftp://host/x",
             "../other.md", "http:%5C%5Chost%5Cshare", "http:///nohost", "mailto:"]


def external_targets(deck: Path) -> list[str]:
    """Every external relationship target of the deck, from the package itself."""
    import re

    with zipfile.ZipFile(deck) as package:
        rels = [package.read(n).decode() for n in package.namelist() if n.endswith(".rels")]
    return [m for rel in rels for m in re.findall(r'Target="([^"]*)" TargetMode="External"', rel)]


# -- 1. the link policy -------------------------------------------------------------------

@pytest.mark.parametrize("url", DANGEROUS)
def test_the_link_policy_refuses_every_other_scheme(url: str):
    from deckgen.note.model import Marks, link_target

    assert link_target(url) is None
    with pytest.raises(ValueError):
        Marks(link=url)  # no stage can make such a run


def test_the_link_policy_keeps_web_and_mail_addresses():
    from deckgen.note.model import link_target

    for url in ("https://docs.docker.com/get-started/", "HTTP://Example.com", "mailto:a@b.kr",
                "https://ko.wikipedia.org/wiki/도커"):
        assert link_target(url) == url


def _hostile_note(url: str) -> str:
    md = url.replace(" ", "%20")
    return (f"---\nlink: {url!r}\n---\n# 링크 Links\n\n## 위험한 링크 Dangerous\n\n"
            f"- [계산기 calc]({md}) 설명\n- **굵게 [bold link]({md})** 끝\n"
            f"- <a href=\"{url}\">인라인 inline</a> 뒤\n\n[본문 body]({md})\n\n"
            f"<a href=\"{url}\">블록 block</a>\n\n<{md}>\n\n"
            "- [안전 safe](https://example.com/도커)\n")


@pytest.mark.parametrize("url", ["file:///C:/Windows/System32/calc.exe", r"\\host\share\x",
                                 "ms-msdt:/id PCWDiagnostic", "search-ms:query=x",
                                 "javascript:alert(1)", "file://host/share/y"])
def test_no_dangerous_link_or_qr_code_reaches_the_deck(tmp_path: Path, url: str):
    note = vault(tmp_path, _hostile_note(url))
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    deck = tmp_path / "note.pptx"
    targets = external_targets(deck)
    assert targets and all(t.startswith(ALLOWED) for t in targets), targets
    assert "https://example.com/" in " ".join(targets)  # the safe one is still a link
    with zipfile.ZipFile(deck) as package:
        assert not [n for n in package.namelist() if n.startswith("ppt/media/")]  # no QR code
    refused = [line for line in result.stderr.splitlines() if "not an http, https or mailto" in line]
    assert len(refused) >= 5 and all("note.md" in line for line in refused), result.stderr
    assert any(":9: warning" in line for line in refused)  # names the line
    texts = " ".join(t for slide in Presentation(str(deck)).slides for t in
                     (s.text_frame.text for s in slide.shapes if s.has_text_frame))
    assert "계산기 calc" in texts and "bold link" in texts  # the text stays, unlinked


def test_a_safe_front_matter_link_still_gets_its_qr_code(tmp_path: Path):
    note = vault(tmp_path, "---\nlink: https://github.com/woowacourse\n---\n# 도커\n\n## 내용\n\n- 하나\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "https://github.com/woowacourse" in external_targets(tmp_path / "note.pptx")
    with zipfile.ZipFile(tmp_path / "note.pptx") as package:
        assert [n for n in package.namelist() if n.startswith("ppt/media/")]


def test_a_notes_own_qr_image_never_draws_a_qr_code(tmp_path: Path):
    from deckgen.note import load_note
    from deckgen.plan.talk import QrCode

    note = vault(tmp_path, "# 큐알 QR\n\n## 그림 Picture\n\n![x](qr:https://evil.example)\n\n"
                           "![[qr:https://evil.example]]\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "note.pptx") as package:
        assert not [n for n in package.namelist() if n.startswith("ppt/media/")]
    from deckgen.plan import plan_talk
    from deckgen.plan import TalkOptions

    loaded, _ = load_note(note, tmp_path)
    talk, _ = plan_talk(loaded.note, TalkOptions(link="https://example.com"))
    assert [p for s in talk.slides for p in s.pictures if isinstance(p, QrCode)] == \
        [QrCode("https://example.com")]  # the closing slide's, from the talk's link only
    talk, _ = plan_talk(loaded.note, TalkOptions())
    assert not [p for s in talk.slides for p in s.pictures if isinstance(p, QrCode)]
    with pytest.raises(ValueError):
        QrCode("file:///etc/passwd")


# -- 2. nothing read outside the vault, folder loops end ---------------------------------

def _shared_vault(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.md").write_text("# 비밀 Secret\n\n## 비밀번호\n\n- hunter2 비밀\n")
    (outside / "deep" / "other.md").write_text("# 남의 노트\n\n## 내용\n\n- hunter2 남의\n")
    notes = tmp_path / "v" / "notes"
    (tmp_path / "v" / ".obsidian").mkdir(parents=True)
    notes.mkdir()
    (notes / "talk.md").write_text("# 도커 Docker\n\n## 컨테이너\n\n- 가볍다 light\n\n![[passwd]]\n")
    (notes / "passwd.md").symlink_to(outside / "secret.md")
    (notes / "elsewhere").symlink_to(outside / "deep", target_is_directory=True)
    (notes / "loop").symlink_to(".", target_is_directory=True)
    (notes / "up").symlink_to("..", target_is_directory=True)
    return tmp_path / "v"


def test_a_folder_build_reads_nothing_outside_the_vault_and_ends_on_loops(tmp_path: Path):
    import time

    root = _shared_vault(tmp_path)
    started = time.monotonic()
    result = deckgen("build", "notes", "-r", "-o", "out", cwd=root)
    assert time.monotonic() - started < 30
    decks = sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*.pptx"))
    assert decks == ["talk.pptx"], decks  # one copy, no `loop/loop/…`, nothing from outside
    assert "passwd.md: warning: resolves outside the vault" in result.stderr
    assert "elsewhere: warning: resolves outside the vault" in result.stderr
    assert "loop: warning: a link to a folder already built" in result.stderr
    assert "embedded note 'passwd' outside the vault" in result.stderr
    texts = " ".join(t for slide in Presentation(str(root / "out" / "talk.pptx")).slides
                     for t in [slide.notes_slide.notes_text_frame.text] +
                     [s.text_frame.text for s in slide.shapes if s.has_text_frame])
    assert "hunter2" not in texts and "가볍다" in texts


def test_a_note_symlinked_out_of_its_vault_is_refused_by_name_too(tmp_path: Path):
    from test_bad_input import assert_one_line_error

    root = _shared_vault(tmp_path)
    result = deckgen("build", "notes/passwd.md", "-o", "out", cwd=root)
    assert_one_line_error(result, "passwd.md", "outside its vault")
    assert not (root / "out").exists()


def test_two_notes_that_would_write_one_deck_in_a_folder_build_are_refused(tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# 에이 md\n\n## 하나\n\n- 마크다운 md\n", encoding="utf-8")
    (notes / "a.markdown").write_text("# 에이 markdown\n\n## 둘\n\n- 긴 확장자\n", encoding="utf-8")
    result = deckgen("build", "notes", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "a.md: error: its deck would replace the one just built from notes/a.markdown" \
        in result.stderr, result.stderr
    result = deckgen("build", "notes", "notes/a.markdown", "-o", "out2", cwd=tmp_path)
    assert result.returncode == 1 and "would replace" in result.stderr
    assert len(list((tmp_path / "out2").glob("*.pptx"))) == 1


# -- 3, 4. the cache is the user's own and never followed out of -------------------------

def _entry(cache, blob: bytes = b"\x89PNG picture") -> str:
    from deckgen.pictures.model import Encoded

    key = "ab" + "0" * 62
    cache.put(key, Encoded(blob, "png"))
    return key


def test_cache_folders_are_private_and_an_entry_link_is_replaced_not_followed(tmp_path: Path):
    import stat

    from deckgen.pictures.cache import PictureCache
    from deckgen.pictures.model import Encoded

    cache = PictureCache(tmp_path / "deckgen")
    key = _entry(cache)
    for folder in (tmp_path / "deckgen", cache.folder, cache.folder / "ab"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    victim = tmp_path / "victim.txt"
    victim.write_text("root-owned 원본")
    entry = cache.folder / "ab" / key
    entry.unlink()
    entry.symlink_to(victim)  # planted: a write must not go through it
    assert cache.get(key) is None
    cache.put(key, Encoded(b"\x89PNG new", "png"))
    assert victim.read_text() == "root-owned 원본" and not entry.is_symlink()
    assert cache.get(key) == Encoded(b"\x89PNG new", "png")


def test_a_symlinked_cache_folder_is_neither_used_nor_cleared_through(tmp_path: Path):
    from deckgen.pictures.cache import PictureCache

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ("cd" + "1" * 62)).write_bytes(b"someone else's file")
    cache = PictureCache(tmp_path / "deckgen", limit=0)
    _entry(cache)
    (cache.folder / "cd").symlink_to(outside, target_is_directory=True)
    assert cache.trim() == 1  # our entry only
    _entry(cache)
    assert cache.clear() == 1
    assert [p.name for p in outside.iterdir()] == ["cd" + "1" * 62]
    assert (cache.folder / "cd").is_symlink()  # the link itself may stay; nothing behind it went


def test_a_cache_entry_that_is_a_device_or_huge_is_not_read(tmp_path: Path):
    import resource
    import time

    from deckgen.pictures.cache import MAX_ENTRY_BYTES, PictureCache

    cache = PictureCache(tmp_path / "deckgen")
    key = _entry(cache)
    entry = cache.folder / "ab" / key
    entry.unlink()
    entry.symlink_to("/dev/zero")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    assert cache.get(key) is None
    entry.unlink()
    with open(entry, "wb") as handle:  # a sparse regular file past the cap
        handle.truncate(MAX_ENTRY_BYTES + 1)
    assert cache.get(key) is None
    assert time.monotonic() - started < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB


def test_a_build_with_a_qr_code_writes_nothing_to_the_shared_temp_folder(tmp_path: Path,
                                                                        monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    note = vault(tmp_path, "---\nlink: https://github.com/woowacourse\n---\n# 도커\n\n## 내용\n\n- 하나\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(temp.iterdir()) == []  # the QR code is drawn in memory


# -- 5. bounded time and memory for every construct ------------------------------------

def _bounded_build(tmp_path: Path, text: str, seconds: float = 30):
    """A build in a child process, timed against the 30 s allowance of issue 20."""
    import os
    import subprocess
    import sys
    import time

    note = vault(tmp_path, text)
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "deckgen", "build", str(note), "-o",
                                str(tmp_path), "-q"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ})
    try:
        _, err = process.communicate(timeout=seconds)
    finally:
        process.kill()
    return process.returncode, err.decode(), time.monotonic() - started


FORMULAS = {"rule": "\\rule{200cm}{200cm}", "hspace": "a\\hspace{100000cm}b",
            "long": "x^2+" * 2500 + "1",
            "matrix": "\\begin{pmatrix}" + "\\\\".join("&".join("1" for _ in range(60))
                                                      for _ in range(60)) + "\\end{pmatrix}",
            "underbrace": "\\underbrace{" * 15 + "x" + "}_{a}" * 15,
            "text": "\\text{" + "가나다 abc " * 10000 + "}",
            "kern": "a\\kern 5000pt b", "mu": "a\\mskip 99999mu b"}


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_a_formula_too_big_to_draw_is_refused_before_any_engine(name: str):
    from deckgen.note.math import formula_refused

    assert formula_refused(FORMULAS[name]) is not None


def test_ordinary_formulas_are_still_drawn():
    from deckgen.note.math import formula_refused

    for latex in ("e^{i\\pi} + 1 = 0", "\\frac{n(n+1)}{2}", "\\sum_{k=1}^{n} k^2 \\hspace{1cm} x",
                  "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", "\\text{시간 복잡도} O(n)",
                  "\\mu + \\sin x + \\theta"):
        assert formula_refused(latex) is None, latex


@pytest.mark.slow  # a child process per formula
@pytest.mark.parametrize("name", ["rule", "hspace", "long", "underbrace"])
def test_a_hostile_display_formula_builds_fast_with_a_placeholder(tmp_path: Path, name: str):
    code, err, elapsed = _bounded_build(
        tmp_path, f"# 수식 Math\n\n## 공식 Formula\n\n$${FORMULAS[name]}$$\n\n- 설명 text\n")
    assert code == 0, err
    assert "too large to draw" in err and elapsed < 30


def test_inline_math_nested_deep_is_its_latex_not_a_recursion_error(tmp_path: Path):
    for text in ("{" * 400 + "x" + "}" * 400, "\\frac{1}{" * 200 + "x" + "}" * 200):
        note = vault(tmp_path, f"# 수식\n\n## 인라인 inline\n\n글 ${text}$ 끝\n")
        result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "inline formula" in result.stderr and ":5: warning" in result.stderr


def test_numbers_of_thousands_of_digits_are_sizes_not_errors(tmp_path: Path):
    huge = "9" * 5000
    note = vault(tmp_path, f"# 큰 수\n\n## 그림 Picture\n\n![[x.png|{huge}]]\n\n"
                           f"<img src=\"y.png\" width=\"{huge}\">\n\n![x|{huge}x{huge}](z.png)\n\n"
                           f"![[doc.pdf#page={huge}]]\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    from deckgen.note.model import MOST, written_number

    assert written_number(huge) == MOST and written_number("0640") == 640


def test_a_diagram_past_one_slide_is_a_placeholder_read_no_further():
    from deckgen.note.mermaid import (MAX_EDGES, MAX_EVENTS, MAX_NODES, MAX_SUBGRAPH_DEPTH,
                                      Flowchart, MermaidError, parse_mermaid)

    chain = "flowchart LR\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(500))
    fan = "flowchart LR\n  " + " & ".join(f"a{i}" for i in range(60)) + " --> " + \
        " & ".join(f"b{i}" for i in range(20))
    sequence = "sequenceDiagram\n" + "\n".join(f"  A->>B: 메시지 {i}" for i in range(500))
    nested = "flowchart LR\n" + "".join(f"subgraph s{i}\n" for i in range(1000)) + "a-->b\n" + \
        "end\n" * 1000
    for source in (chain, fan, sequence, nested):
        parsed = parse_mermaid(source)
        assert isinstance(parsed, MermaidError) and parsed.too_big, parsed
    assert "80" in parse_mermaid(chain).message and MAX_NODES == 80
    assert MAX_EDGES >= 2 * MAX_NODES and MAX_EVENTS and MAX_SUBGRAPH_DEPTH
    small = "flowchart LR\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(MAX_NODES - 1))
    assert isinstance(parse_mermaid(small), Flowchart)


def test_a_self_loop_lays_out_without_graphviz():
    from test_diagram_layered import lay

    placed = lay("flowchart LR\n  A[도커] --> B[엔진 engine]\n  A --> A\n")
    assert placed is not None and {node.id for node in placed.nodes} == {"A", "B"}


@pytest.mark.slow  # many embeds built against the budget: the long lane
def test_embeds_share_one_budget_across_the_whole_note(tmp_path: Path):
    import time

    from deckgen.note.transclude import MAX_EMBEDS

    (tmp_path / "f.md").write_text("끝 텍스트 end " * 20, encoding="utf-8")
    for name, nxt in zip("bcde", "cdef"):
        (tmp_path / f"{name}.md").write_text(f"## {name}\n\n" + f"![[{nxt}]]\n\n" * 10
                                             + "텍스트 text " * 20, encoding="utf-8")
    note = vault(tmp_path, "# 포함 Embeds\n\n## 하나 One\n\n" + "![[b]]\n\n" * 10)
    started = time.monotonic()
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert f"more than {MAX_EMBEDS} notes" in result.stderr


# -- the SIGTERM test's race: a signal while LibreOffice starts -------------------------

def test_a_sigterm_while_libreoffice_starts_is_held_until_it_can_be_ended():
    import os
    import signal

    from deckgen.export.pdf import Terminated, _signals_end_us

    with _signals_end_us() as signals:
        with signals.held():  # as around Popen: no exception may leave the child unowned
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs between bytecodes
                pass
        with pytest.raises(Terminated):
            signals.raise_held()  # where _run ends LibreOffice's process group
        with pytest.raises(Terminated):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):
                pass


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_ending_libreoffice_ends_its_grandchildren_too(tmp_path: Path):
    import subprocess
    import sys
    import time

    from deckgen.export.pdf import _kill

    # A child that starts a grandchild in its group, as soffice starts soffice.bin.
    script = (f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
              f"'import time\\nwhile True: time.sleep(0.01)']); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    time.sleep(1.0)
    _kill(process)
    states = subprocess.run(["ps", "-o", "stat=", "-g", str(process.pid)], capture_output=True,
                            text=True).stdout.split()
    assert all(state.startswith("Z") for state in states), states  # ended (a zombie at most)


@pytest.mark.slow  # a drawing child process held to its limit: the long lane
def test_a_pdf_whose_form_draws_itself_is_a_placeholder_in_bounded_time(tmp_path: Path):
    """tests/fixtures/bad/self_drawing_form.pdf (702 bytes): its page draws form XObject /X,
    which draws itself twice; PDFium took gigabytes loading the page."""
    import resource
    import shutil
    import time

    from deckgen.pictures.pdfpages import RENDER_SECONDS

    shutil.copy(Path(__file__).parent / "fixtures" / "bad" / "self_drawing_form.pdf",
                tmp_path / "paper.pdf")
    note = vault(tmp_path, "# 논문 Paper\n\n## 그림 Figure\n\n![[paper.pdf#page=1]]\n\n- 설명\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "needs too much memory" in result.stderr or "takes longer" in result.stderr
    assert time.monotonic() - started < 2 * RENDER_SECONDS + 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300 * 1024  # KB


@pytest.mark.slow  # seconds of planning: the long lane runs it
@pytest.mark.parametrize("body", [
    "".join(f"문단 paragraph {i}.\n\n" for i in range(10000)),
    "".join(f"- 항목 item {i}\n" for i in range(30000))], ids=["10000-paragraphs", "30000-items"])
def test_one_very_long_section_plans_within_the_allowance(tmp_path: Path, body: str):
    import time

    from deckgen.note import load_note
    from deckgen.plan import TalkOptions, plan_talk

    note = vault(tmp_path, "# 긴 노트 Long\n\n## 긴 절 One section\n\n" + body)
    started = time.monotonic()
    loaded, _ = load_note(note, tmp_path)
    talk, warnings = plan_talk(loaded.note, TalkOptions())
    assert time.monotonic() - started < 30  # was 19.5 s and 96 s on the reviewer's machine
    assert talk.slides and any("speaker notes" in w.message for w in warnings)


@pytest.mark.slow  # megabytes of notes laid out: the long lane
def test_speaker_notes_past_one_page_are_cut_with_a_warning(tmp_path: Path):
    from deckgen.layout.frames import MAX_NOTES_CHARS, NOTES_CUT

    code = "\n".join(f"n{i % 300} --> n{(i * 7) % 300}  # 줄 {i}" for i in range(20000))
    note = vault(tmp_path, f"# 코드 Code\n\n## 긴 코드 Long code\n\n```text\n{code}\n```\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "note.md:5: warning: speaker notes longer than" in result.stderr
    notes = [slide.notes_slide.notes_text_frame.text
             for slide in Presentation(str(tmp_path / "note.pptx")).slides]
    assert max(len(n) for n in notes) < MAX_NOTES_CHARS + 200
    assert any(cut in n for n in notes for cut in NOTES_CUT)  # said where it was cut
    assert any("n0 --> n0  # 줄 0" in n for n in notes)  # the start is kept


@pytest.mark.parametrize("language,words", [("ko", "노트가 길어"), ("en", "notes cut here")])
def test_cut_notes_say_so_in_the_talks_language(language: str, words: str):
    from deckgen.layout.frames import MAX_NOTES_CHARS, PageNotes
    from deckgen.plan.talk import Notes

    notes = PageNotes(Notes("도커 docker " * 20000), "제목 Title", False, (), 10, 10, 600, language)
    assert notes.cut and words in notes.text() and len(notes.text()) < MAX_NOTES_CHARS + 200
    short = PageNotes(Notes("도커 docker"), "제목", False, (), 10, 10, 600, language)
    assert not short.cut and words not in short.text()
