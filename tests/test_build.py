"""The example deck, built as a user would, reopened and checked against the issue's bar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.build import build, prepare
from deckgen.errors import DeckgenError

from conftest import ROOT, audit_errors, deck_texts, requires_soffice, slide_notes

NOTE = ROOT / "notes" / "docker.md"
LEAKS = ("**", "![[", "]]", "%%", "==", "#도커이론")


@pytest.fixture(scope="module")
def docker_deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docker")
    return build(NOTE, out / "docker.pptx", {}, vault=ROOT).output


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_structure_title_agenda_statements_closing(docker_deck: Path):
    prs = Presentation(str(docker_deck))
    titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in prs.slides]
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Title Slide" and titles[0] == "Docker"
    assert titles[1] == "목차"
    for h1 in ("도커", "컨테이너", "이미지"):
        assert any(t == h1 and l == "Section Header" for t, l in zip(titles, layouts))
    assert titles[-3:] == ["정리", "참고 자료", "감사합니다"]


def test_every_h2_titles_a_slide_without_check_marks(docker_deck: Path):
    note = NOTE.read_text(encoding="utf-8")
    h2s = [re.sub(r"\s*✔\s*$", "", line[3:].strip()) for line in note.splitlines()
           if line.startswith("## ")]
    titles = {s.shapes.title.text_frame.text for s in Presentation(str(docker_deck)).slides
              if s.shapes.title}
    assert len(h2s) == 9
    for h2 in h2s:  # as written, or told apart from its neighbours ("… (이식성)", "… (1/2)")
        assert h2 in titles or any(t.startswith(f"{h2} (") or re.fullmatch(
            rf"{re.escape(h2)} \(\d+/\d+\)", t) for t in titles), h2
    assert not any("✔" in t for t in titles)


def test_every_bold_phrase_reaches_a_slide(docker_deck: Path):
    note = NOTE.read_text(encoding="utf-8").replace("\u00a0", " ")
    phrases = {_normal(p) for p in re.findall(r"\*\*(.+?)\*\*", note)}
    shown = _normal(" ".join(deck_texts(docker_deck)))
    missing = [p for p in phrases if p not in shown]
    assert len(phrases) >= 20 and not missing


def test_all_eleven_images_are_placed_as_pictures(docker_deck: Path):
    note = NOTE.read_text(encoding="utf-8")
    names = set(re.findall(r"!\[\[(.+?)\]\]", note))
    prs = Presentation(str(docker_deck))
    placed = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                placed.add(shape.name.removeprefix("Picture "))
                assert not shape._element.find(".//{*}cNvPr").get("descr").endswith(".png")
    assert len(names) == 11 and names <= placed


def test_identical_images_are_stored_once(docker_deck: Path):
    import zipfile
    with zipfile.ZipFile(docker_deck) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
    assert len(media) == 11


def test_references_slide_links_the_four_sources(docker_deck: Path):
    prs = Presentation(str(docker_deck))
    refs = prs.slides[len(prs.slides) - 2]
    links = [r.hyperlink.address for sh in refs.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert len(set(links)) == 4 and all(link.startswith("https://") for link in links)


def test_no_markdown_or_obsidian_syntax_leaks(docker_deck: Path):
    for text in deck_texts(docker_deck) + slide_notes(docker_deck):
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} in {text[:60]!r}"


def test_notes_on_every_slide_with_time_budget(docker_deck: Path):
    notes = slide_notes(docker_deck)
    assert all(re.search(r"⏱ \d+:\d\d · \d+:\d\d/10:00", n) for n in notes)


def test_planned_within_ten_minutes():
    prepared = prepare(NOTE, {}, vault=ROOT)
    assert sum(s.seconds for s in prepared.deck.slides) <= 600


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_same_note_same_bytes(tmp_path: Path):
    first = build(NOTE, tmp_path / "a.pptx", {}, vault=ROOT).output.read_bytes()
    second = build(NOTE, tmp_path / "b.pptx", {}, vault=ROOT).output.read_bytes()
    assert first == second


def test_deck_passes_openxml_audit(docker_deck: Path):
    assert audit_errors(docker_deck) == []


@requires_soffice
def test_rendered_deck_has_no_layout_faults_and_only_its_own_fonts(docker_deck: Path, tmp_path):
    from layoutcheck import render

    report = render(docker_deck, tmp_path)
    assert report.pages == report.slides
    assert report.faults == []
    assert report.foreign_fonts == []


def test_failed_build_keeps_the_previous_deck(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous deck")
    broken = tmp_path / "broken.md"
    broken.write_bytes("도커".encode("cp949"))
    with pytest.raises(DeckgenError):
        build(broken, target, {})
    assert target.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_never_writes_over_the_note(tmp_path: Path):
    note = tmp_path / "talk.md"
    note.write_text("## a\n**b**\n", encoding="utf-8")
    with pytest.raises(DeckgenError):
        build(note, note, {})
    assert note.read_text(encoding="utf-8") == "## a\n**b**\n"


def test_output_may_be_a_folder(tmp_path: Path):
    note = tmp_path / "talk.md"
    note.write_text("## a\n**b**\n", encoding="utf-8")
    result = build(note, tmp_path / "out", {})
    assert result.output == tmp_path / "out" / "talk.pptx" and result.output.exists()


@pytest.mark.subprocess
def test_python_pptx_is_imported_once_the_pictures_are_encoding(tmp_path: Path):
    """The first picture starts encoding while layout runs; python-pptx, which only writing
    needs, is imported after that, beside the encoding, not ahead of it."""
    import os
    import subprocess
    import sys

    from conftest import png

    png(tmp_path / "그림.png", (1600, 900))
    (tmp_path / "talk.md").write_text("# 발표\n\n## 그림 Picture\n\n**도커** 이미지\n\n"
                                      "![[그림.png]]\n", encoding="utf-8")
    code = """if True:
        import sys
        from pathlib import Path
        import deckgen.pictures.encoder as encoder
        started = []
        real = encoder.PictureEncoder.start
        def start(self, *args):
            started.append("pptx" in sys.modules)
            return real(self, *args)
        encoder.PictureEncoder.start = start
        from deckgen.build import build
        build(Path("talk.md"), Path("out/talk.pptx"), {}, cwd=Path.cwd())
        print(started[:1], Path("out/talk.pptx").is_file())
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=env, check=True)
    assert out.stdout.split() == ["[False]", "True"]
