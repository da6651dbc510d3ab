"""Hostile input, round two: one test (or more) per class of issue 10.

Each case runs the real command line (in-process, as tests/test_bad_input.py does) and must
end with exit 0 and a deck, or exit 1 and one line naming the file; never a traceback or
"please report this". Generated hostile cases are made here, in the test."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from conftest import FIXTURES, deck_texts, requires_soffice
from test_bad_input import BAD, assert_one_line_error, deckgen

ROOT = Path(__file__).resolve().parent.parent
NOTE = "# 도커 Docker\n\n## 컨테이너 Containers\n\n- 가볍다 / light\n- 빠르다 / fast\n"


def vault(tmp_path: Path, text: str = NOTE, name: str = "note.md") -> Path:
    (tmp_path / ".obsidian").mkdir(exist_ok=True)
    note = tmp_path / name
    note.write_text(text, encoding="utf-8")
    return note


# -- 1. LibreOffice option injection ------------------------------------------------------

def test_soffice_never_gets_a_file_name_that_looks_like_an_option(tmp_path: Path):
    from deckgen.export.pdf import convert_command

    os.chdir(tmp_path)
    evil = Path("--accept=socket,host=127.0.0.1,port=2099;urp;.pptx")
    command = convert_command("soffice", Path("profile"), [evil], Path("."))
    files = command[command.index("--outdir") + 2:]
    assert files and all(os.path.isabs(f) for f in files)
    assert not any(arg.startswith("--accept") for arg in command)
    assert os.path.isabs(command[command.index("--outdir") + 1])


@requires_soffice
def test_a_note_named_like_an_option_converts_and_leaves_no_listener(tmp_path: Path):
    note = vault(tmp_path, name="--accept=socket,host=127.0.0.1,port=2099;urp;.md")
    result = subprocess.run([sys.executable, "-m", "deckgen", "build", "-o", ".", "--pdf", "-q", "--",
                             note.name], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / (note.stem + ".pdf")).is_file()
    listeners = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
    assert ":2099 " not in listeners


# -- 2. memory bounded -------------------------------------------------------------------

def test_a_fifo_or_device_is_not_read_as_a_note_or_settings(tmp_path: Path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert_one_line_error(deckgen("build", str(fifo), cwd=tmp_path), "pipe.md", "regular file")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    assert_one_line_error(deckgen("build", "zero.md", cwd=tmp_path), "zero.md", "regular file")
    note = vault(tmp_path)
    (tmp_path / "deckgen.toml").symlink_to("/dev/zero")
    (tmp_path / ".obsidian" / "app.json").symlink_to("/dev/zero")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 20


def test_yaml_aliases_do_not_expand_into_text(tmp_path: Path):
    result = deckgen("build", str(BAD / "billion_laughs.md"), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    deck = tmp_path / "billion_laughs.pptx"
    assert deck.stat().st_size < 2_000_000
    assert all(len(text) < 5000 for text in deck_texts(deck))


@pytest.mark.slow  # seconds of work: the long lane runs it
def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path):
    note = vault(tmp_path)
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(FIXTURES / "templates" / os.listdir(FIXTURES / "templates")[0]) as zin, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("ppt/media/huge.bin", b"\0" * (300 * 1024 * 1024))
    assert bomb.stat().st_size < 2_000_000
    result = deckgen("build", str(note), "--template", str(bomb), "-o", str(tmp_path),
                     cwd=tmp_path)
    assert_one_line_error(result, "bomb.pptx", "cannot use template")


def test_a_huge_sixteen_bit_picture_is_a_placeholder_not_gigabytes(tmp_path: Path):
    from deckgen.pictures.encode import DECODE_BUDGET, decoded_bytes

    image = Image.new("I;16", (6000, 4000))
    assert decoded_bytes(image) > DECODE_BUDGET  # 16-bit greys widen to 32 bits on the way
    small = Image.new("I;16", (640, 480))
    assert decoded_bytes(small) < DECODE_BUDGET


# -- 3. time linear in the input: tests/test_linear_time.py ------------------------------

@pytest.mark.slow  # seconds of subprocesses or pixels: the long lane runs it
def test_a_table_of_250_columns_renders_in_seconds(tmp_path: Path):
    n = 250
    table = ("|" + "|".join(f"h{i}" for i in range(n)) + "|\n|" + "|".join("-" * n) + "|\n"
             + "".join("|" + "|".join(f"값{i}" for i in range(n)) + "|\n" for _ in range(3)))
    note = vault(tmp_path, "# 표 Table\n\n## 넓은 표 Wide\n\n" + table)
    started = time.monotonic()
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15
    prs = Presentation(str(tmp_path / "note.pptx"))
    frames = [s for slide in prs.slides for s in slide.shapes if s.has_table]
    grid = frames[0].table
    assert sum(c.width for c in grid.columns) == frames[0].width


# -- 4. no output lost ---------------------------------------------------------------------

def test_two_notes_of_the_same_name_do_not_share_a_deck(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "talk.md").write_text(NOTE.replace("도커", f"도커 {folder}"),
                                                   encoding="utf-8")
    out = tmp_path / "out"
    result = deckgen("build", "a/talk.md", "b/talk.md", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert "b/talk.md" in result.stderr and "a/talk.md" in result.stderr
    assert any("도커 a" in t for t in deck_texts(out / "talk.pptx"))


def test_output_never_replaces_a_vault_file_that_is_not_a_deck(tmp_path: Path):
    note = vault(tmp_path)
    (tmp_path / "deckgen.toml").write_text('[deckgen]\nspeaker = "검프"\n', encoding="utf-8")
    picture = tmp_path / "pic.png"
    Image.new("RGB", (4, 4)).save(picture)
    for victim in (picture, tmp_path / "deckgen.toml"):
        before = victim.read_bytes()
        result = deckgen("build", str(note), "-o", str(victim), cwd=tmp_path)
        assert_one_line_error(result, victim.name, "refusing to overwrite")
        assert victim.read_bytes() == before


def test_extras_that_would_replace_the_deck_or_a_picture_are_refused(tmp_path: Path):
    note = vault(tmp_path, name="docker.md")
    result = deckgen("build", str(note), "-o", str(tmp_path / "talk.pdf"), "--pdf", cwd=tmp_path)
    assert result.returncode == 2 and "-o names the deck" in result.stderr
    Image.new("RGB", (4, 4), "red").save(tmp_path / "docker.png")
    before = (tmp_path / "docker.png").read_bytes()
    from deckgen.export.files import refuse_foreign
    from deckgen.errors import DeckgenError

    with pytest.raises(DeckgenError, match="did not write"):
        refuse_foreign(tmp_path / "docker.png")
    assert (tmp_path / "docker.png").read_bytes() == before


@requires_soffice
def test_preview_into_the_notes_folder_keeps_the_notes_picture(tmp_path: Path):
    vault(tmp_path, name="docker.md")
    Image.new("RGB", (4, 4), "red").save(tmp_path / "docker.png")
    before = (tmp_path / "docker.png").read_bytes()
    result = subprocess.run([sys.executable, "-m", "deckgen", "build", "docker.md", "-o", ".",
                             "--preview", "-q"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 1 and "did not write" in result.stderr
    assert (tmp_path / "docker.png").read_bytes() == before
    (tmp_path / "docker.png").unlink()
    for _ in range(2):  # our own preview is replaced by the next build
        result = subprocess.run([sys.executable, "-m", "deckgen", "build", "docker.md", "-o", ".",
                                 "--preview", "--pdf", "-q"], cwd=tmp_path, capture_output=True,
                                text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                timeout=300)
        assert result.returncode == 0, result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".deckgen-")]


# -- 5. ordinary notes that fail ---------------------------------------------------------

def test_long_core_properties_are_cut_not_fatal(tmp_path: Path):
    tags = " ".join("#" + "/".join(f"분류{i}" for i in range(depth)) for depth in range(1, 13))
    note = vault(tmp_path, "# " + "아주 긴 제목 very long title " * 20 + "\n\n## 내용\n\n- 본문 "
                 + tags + "\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), "--speaker", "검프 " * 100,
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    props = Presentation(str(tmp_path / "note.pptx")).core_properties
    assert 100 < len(props.title) <= 255 and len(props.keywords) <= 255
    assert len(props.author) <= 255


def test_impossible_dates_and_huge_numbers_are_warnings(tmp_path: Path):
    result = deckgen("build", str(BAD / "impossible_date.md"), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not a real date" in result.stderr and "too large" in result.stderr
    assert any("2024-02-30" in t for t in deck_texts(tmp_path / "impossible_date.pptx"))


def test_control_characters_from_every_source_are_scrubbed(tmp_path: Path):
    note = vault(tmp_path, name="제목\udced\udcb5.md") if sys.platform != "win32" else vault(tmp_path)
    (tmp_path / "deckgen.toml").write_text('[deckgen]\nevent = "테코톡\\u0007 event"\n',
                                           encoding="utf-8")
    result = deckgen("build", str(note), "-o", str(tmp_path), "--speaker", "검프\x01\x1b",
                     "--title", "", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    deck = next(tmp_path.glob("*.pptx"))
    texts = " ".join(deck_texts(deck))
    assert "테코톡 event" in texts and "검프" in texts
    assert not any(ch in texts for ch in "\x01\x07\x1b")


def test_bad_names_become_placeholders_and_long_stems_still_write(tmp_path: Path):
    long_name = "가" * 300
    note = vault(tmp_path, f"# 이름 Names\n\n## 그림 Pictures\n\n![a](a%00.png)\n\n"
                           f"![[{long_name}.png]]\n", name="나" * 80 + ".md")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning") >= 2
    assert (tmp_path / ("나" * 80 + ".pptx")).is_file()


# -- 6. concurrent extras ------------------------------------------------------------------

def test_extras_are_written_through_unique_temp_files(tmp_path: Path):
    from deckgen.export.files import temp_beside

    target = tmp_path / ("가" * 80 + ".pdf")
    with temp_beside(target) as first, temp_beside(target) as second:
        assert first != second and first.exists() and second.exists()
        assert len(first.name.encode()) < 40
    assert not first.exists() and not second.exists()


# -- 7. pass-through carries junk --------------------------------------------------------

def test_junk_after_a_small_png_is_not_embedded(tmp_path: Path):
    picture = tmp_path / "tiny.png"
    raw = io.BytesIO()
    Image.new("RGB", (1, 1), "blue").save(raw, "PNG")
    picture.write_bytes(raw.getvalue() + os.urandom(3 * 1024 * 1024))
    note = vault(tmp_path, "# 그림\n\n## 작은 그림 Tiny\n\n![[tiny.png]]\n")
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "note.pptx").stat().st_size < 1024 * 1024


# -- 8. reads outside the vault --------------------------------------------------------------

@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_templates_named_by_the_note_or_toml_must_be_in_the_vault(tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    template = next((FIXTURES / "templates").glob("*.pptx"))
    (outside / "t.pptx").write_bytes(template.read_bytes())
    inner = tmp_path / "vault"
    inner.mkdir()
    note = vault(inner, "---\ntemplate: ../elsewhere/t.pptx\n---\n" + NOTE)
    result = deckgen("build", str(note), "-o", str(inner), cwd=inner)
    assert result.returncode == 0 and "outside the vault" in result.stderr, result.stderr
    (inner / "deckgen.toml").write_text(f'[deckgen]\ntemplate = "{outside / "t.pptx"}"\n')
    note.write_text(NOTE, encoding="utf-8")
    result = deckgen("build", str(note), "-o", str(inner), cwd=inner)
    assert "outside the vault" in result.stderr and "deckgen.toml" in result.stderr
    result = deckgen("build", str(note), "-o", str(inner), "--template",
                     str(outside / "t.pptx"), cwd=inner)
    assert result.returncode == 0 and "outside" not in result.stderr  # the user's own choice


def test_settings_symlinked_out_of_the_vault_are_not_followed(tmp_path: Path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "deckgen.toml").write_text('[deckgen]\nspeaker = "비밀 secret"\n')
    inner = tmp_path / "vault"
    inner.mkdir()
    note = vault(inner)
    (inner / "deckgen.toml").symlink_to(secret / "deckgen.toml")
    result = deckgen("build", str(note), "-o", str(inner), cwd=inner)
    assert result.returncode == 0, result.stderr
    assert not any("비밀" in t for t in deck_texts(inner / "note.pptx"))


def test_template_xml_entities_are_not_resolved(tmp_path: Path):
    from deckgen.look.template import parse_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("비밀 secret")
    hostile = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
               "<r>&e;</r>").encode()
    root = parse_xml(hostile)
    assert "secret" not in "".join(root.itertext())


def _template_with(tmp_path: Path, name: str, change) -> Path:
    source = next((FIXTURES / "templates").glob("*.pptx"))
    target = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)
    return target


def test_external_links_in_a_templates_master_are_dropped_with_a_warning(tmp_path: Path):
    def external(name: str, data: bytes) -> bytes:
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://'
                                b'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                b'image" Target="http://example.invalid/x.png" TargetMode='
                                b'"External"/></Relationships>')
        return data

    template = _template_with(tmp_path, "linked.pptx", external)
    note = vault(tmp_path)
    result = deckgen("build", str(note), "--template", str(template), "-o", str(tmp_path),
                     cwd=tmp_path)
    assert result.returncode == 0 and "outside file" in result.stderr, result.stderr
    with zipfile.ZipFile(tmp_path / "note.pptx") as deck:
        assert not any(b"example.invalid" in deck.read(n) for n in deck.namelist())


# -- 9. interrupts leave nothing behind ----------------------------------------------------

def test_ctrl_c_during_the_deck_write_leaves_no_temp_file(tmp_path: Path, monkeypatch):
    from deckgen import output as build

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(build.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.write_atomically(tmp_path / "deck.pptx", b"deck", tmp_path / "note.md")
    assert list(tmp_path.iterdir()) == []


@requires_soffice
def test_sigterm_during_pdf_ends_libreoffice_and_its_temp_folders(tmp_path: Path):
    note = vault(tmp_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "deckgen", "build", str(note), "-o",
                                str(tmp_path), "--pdf", "-q"], cwd=tmp_path,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(temp.glob("deckgen-lo-*")):
        time.sleep(0.1)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    time.sleep(1.0)
    assert list(temp.iterdir()) == []
    leftover = subprocess.run(["pgrep", "-f", str(temp)], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


# -- 10. bad templates -------------------------------------------------------------------------

def _no_layouts(name: str, data: bytes) -> bytes | None:
    if name.startswith("ppt/slideLayouts/"):
        return None
    if name == "ppt/slideMasters/slideMaster1.xml":
        import re
        return re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"", data, flags=re.S)
    if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
        import re
        return re.sub(rb'<Relationship [^>]*slideLayout[^>]*/>', b"", data)
    return data


@pytest.mark.parametrize("name,change,why", [
    ("no_layouts.pptx", _no_layouts, "no slide layouts"),
    ("no_theme.pptx", lambda n, d: None if n.startswith("ppt/theme/") else d, "theme"),
    ("truncated_theme.pptx", lambda n, d: d[: len(d) // 2] if n.startswith("ppt/theme/") else d,
     "theme XML is damaged"),
    ("no_size.pptx", lambda n, d: __import__("re").sub(rb"<p:sldSz[^>]*/>", b"", d)
     if n == "ppt/presentation.xml" else d, "slide size"),
    ("zero_size.pptx", lambda n, d: __import__("re").sub(rb'<p:sldSz cx="\d+"', b'<p:sldSz cx="0"', d)
     if n == "ppt/presentation.xml" else d, "slide size"),
    ("entity.pptx", lambda n, d: d.replace(b"<p:cSld", b"<p:cSld>&undeclared;</p:cSld><p:x", 1)
     if n == "ppt/slideLayouts/slideLayout2.xml" else d, "cannot")])
def test_bad_templates_fail_with_one_line(tmp_path: Path, name: str, change, why: str):
    template = _template_with(tmp_path, name, change)
    note = vault(tmp_path)
    result = deckgen("build", str(note), "--template", str(template), "-o", str(tmp_path),
                     cwd=tmp_path)
    assert_one_line_error(result, name, why)
    assert not (tmp_path / "note.pptx").exists()


# -- 11. contract slips -----------------------------------------------------------------------

def test_minutes_nan_is_a_usage_error(tmp_path: Path):
    note = vault(tmp_path)
    assert deckgen("build", str(note), "--minutes", "nan", cwd=tmp_path).returncode == 2


def test_bad_theme_from_settings_is_a_warning_naming_the_file(tmp_path: Path):
    note = vault(tmp_path, "---\ntheme: 없는테마\n---\n" + NOTE)
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0 and "note.md: warning: unknown theme" in result.stderr
    note.write_text(NOTE, encoding="utf-8")
    (tmp_path / "deckgen.toml").write_text('[deckgen]\ntheme = "nope"\naccent = "red"\n')
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.count("(in deckgen.toml)") == 2, result.stderr


@pytest.mark.slow  # seconds of work: the long lane runs it
def test_deep_nesting_in_settings_is_a_warning(tmp_path: Path):
    note = vault(tmp_path, "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + NOTE)
    (tmp_path / "deckgen.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / ".obsidian" / "app.json").write_text("[" * 100000 + "]" * 100000)
    result = deckgen("build", str(note), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "nested too deeply" in result.stderr and "deckgen.toml" in result.stderr


@pytest.mark.slow  # seconds of subprocesses or pixels: the long lane runs it
@pytest.mark.subprocess
def test_a_set_as_title_does_not_depend_on_the_hash_seed(tmp_path: Path):
    digests = set()
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "deckgen", "build", str(BAD / "set_title.md"),
                        "-o", str(out), "-q"], cwd=tmp_path, check=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed})
        digests.add((out / "set_title.pptx").read_bytes())
    assert len(digests) == 1
