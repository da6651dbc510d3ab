"""Decks that open right in Keynote, Google Slides, PowerPoint for Mac and LibreOffice.

Every deck the tests build here (both built-in themes, each template fixture, the stress
fixture) is checked against the package rules Keynote is reported to need, openxml-audit
and archforge (a Korean-aware deck linter) with `--lang ko`.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deckgen.build import build
from deckgen.render import package
from deckgen.render.package import PRESENTATION_ORDER, keynote_faults

from conftest import (FIXTURES, ROOT, Decks, audit_errors, png, requires_soffice, sweep,
                      write_note)

NOTE = ROOT / "notes" / "docker.md"
TEMPLATES = sorted((FIXTURES / "templates").iterdir())
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
HANGUL = "가각한글의는을를이다도커컨테이너"
# Families on Google Fonts (fonts.google.com), written out here rather than read from deckgen.
GOOGLE_FONTS = {"Jua", "Nanum Gothic", "Nanum Gothic Coding", "Noto Sans", "Noto Color Emoji",
                "Arimo", "Tinos", "Cousine", "Carlito", "Caladea"}
DECK_NAMES = ["tecotalk", "plain", "stress", *(t.name for t in TEMPLATES)]
EVERY_DECK = sweep(DECK_NAMES, fast=("tecotalk",))  # the rest in the long lane


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Decks:
    out = tmp_path_factory.mktemp("viewers")

    def make(name: str) -> tuple[Path, tuple]:
        if name == "stress":
            stress = FIXTURES / "stress" / "stress.md"
            result = build(stress, out / "stress.pptx", {}, vault=stress.parent)
        elif name in ("tecotalk", "plain"):
            result = build(NOTE, out / f"{name}.pptx", {"theme": name}, vault=ROOT)
        else:
            result = build(NOTE, out / f"{name}.pptx", {"template": FIXTURES / "templates" / name},
                           vault=ROOT)
        return result.output, result.warnings

    return Decks(make)


def _part(deck: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(deck) as package_zip:
        return etree.fromstring(package_zip.read(name))


def _rels(deck: Path, name: str) -> dict[str, str]:
    return {r.get("Id"): r.get("Type") for r in _part(deck, name)}


# -- Keynote's package rules, one test each -------------------------------------------

@pytest.mark.parametrize("name", EVERY_DECK)
def test_notes_master_is_listed_in_schema_order(decks, name):
    deck = decks[name][0]
    root = _part(deck, "ppt/presentation.xml")
    masters = [rid for rid, kind in _rels(deck, "ppt/_rels/presentation.xml.rels").items()
               if kind == NOTES_MASTER]
    assert len(masters) == 1  # every deck has speaker notes, so a notes master
    listed = root.find(f"{P}notesMasterIdLst")
    assert [e.get(R_ID) for e in listed] == masters
    order = [etree.QName(child).localname for child in root]
    assert order.index("notesMasterIdLst") == order.index("sldMasterIdLst") + 1
    ranks = [PRESENTATION_ORDER.index(n) for n in order]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("name", EVERY_DECK)
def test_slide_size_names_a_type_only_when_4_by_3(decks, name):
    size = _part(decks[name][0], "ppt/presentation.xml").find(f"{P}sldSz")
    width, height = int(size.get("cx")), int(size.get("cy"))
    if width * 3 != height * 4:
        assert "type" not in size.attrib


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_4_by_3_template_keeps_its_size(decks):
    size = _part(decks["powerpoint-4x3.pptx"][0], "ppt/presentation.xml").find(f"{P}sldSz")
    assert (int(size.get("cx")), int(size.get("cy"))) == (9144000, 6858000)


@pytest.mark.parametrize("name", EVERY_DECK)
def test_no_printer_settings_part_relationship_or_content_type(decks, name):
    with zipfile.ZipFile(decks[name][0]) as package_zip:
        assert not [n for n in package_zip.namelist() if "printerSettings" in n]
        for rels in (n for n in package_zip.namelist() if n.endswith(".rels")):
            assert b"printerSettings" not in package_zip.read(rels), rels
        assert b"printerSettings" not in package_zip.read("[Content_Types].xml")


@pytest.mark.parametrize("name", EVERY_DECK)
def test_shape_ids_are_unique_on_every_slide(decks, name):
    with zipfile.ZipFile(decks[name][0]) as package_zip:
        slides = [n for n in package_zip.namelist()
                  if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
        assert slides
        for slide in slides:
            ids = [e.get("id") for e in etree.fromstring(package_zip.read(slide)).iter(f"{P}cNvPr")]
            assert len(ids) == len(set(ids)), slide


@pytest.mark.parametrize("name", EVERY_DECK)
def test_every_deck_passes_the_keynote_check_and_openxml_audit(decks, name):
    deck = decks[name][0]
    assert keynote_faults(deck.read_bytes()) == []
    assert audit_errors(deck) == []


def test_the_keynote_check_finds_what_python_pptx_leaves(tmp_path):
    """A plain python-pptx deck with notes has every fault; the check must name each."""
    prs = Presentation()
    prs.slide_width = 12192000  # widened, as the built-in template is
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.notes_slide.notes_text_frame.text = "발표 메모 speaker notes"
    shapes = list(slide.shapes._spTree.iter(f"{P}cNvPr"))
    assert len(shapes) >= 2  # the shape tree and the title placeholder
    for element in shapes:
        element.set("id", "2")
    raw = io.BytesIO()
    prs.save(raw)
    rules = {fault.rule.split(" on ")[0] for fault in keynote_faults(raw.getvalue())}
    assert "notes master not in notesMasterIdLst" in rules
    assert "sldSz type screen4x3" in rules
    assert {"printer settings part", "printer settings content type"} <= rules
    assert any(rule.startswith("shape id") for rule in rules)
    package.make_portable(prs)
    fixed = io.BytesIO()
    prs.save(fixed)
    assert keynote_faults(fixed.getvalue()) == []


# -- archforge: a Korean-aware linter -------------------------------------------------

@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
@pytest.mark.subprocess
@pytest.mark.parametrize("name", EVERY_DECK)
def test_archforge_finds_no_error(decks, name):
    # the full profile: Korean punctuation too (a dash between words, as titles once had)
    done = subprocess.run([sys.executable, "-m", "archforge", str(decks[name][0]), "--lang", "ko",
                           "--profile", "full"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "ERROR 0," in done.stdout


# -- Korean in a font that draws it ----------------------------------------------------

def _runs(deck: Path):
    for slide in Presentation(str(deck)).slides:
        for r in slide.shapes._spTree.iter(f"{A}r"):
            rpr = r.find(f"{A}rPr")
            yield r.findtext(f"{A}t") or "", rpr


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_impress_template_sets_hangul_in_a_hangul_font_and_keeps_its_latin(decks):
    from deckgen.fonts import HANGUL_SAMPLE, draws

    deck, warnings = decks["impress.pptx"]
    korean = latin = 0
    for text, rpr in _runs(deck):
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            korean += 1
            assert draws(rpr.find(f"{A}ea").get("typeface"), HANGUL_SAMPLE), text
        elif text.strip().isascii() and any(ch.isalpha() for ch in text):
            latin += 1
            assert rpr.find(f"{A}latin").get("typeface") == "Arial", text  # the template's
    assert korean > 20 and latin > 3  # Korean titles and English words like "Docker"
    named = [w.message for w in warnings if "'DejaVu Sans'" in w.message]
    assert len(named) == 1 and "Hangul" in named[0]


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_template_whose_hangul_font_draws_hangul_keeps_it(decks):
    deck, warnings = decks["powerpoint-16x9.pptx"]
    assert not [w for w in warnings if "glyphs" in w.message]
    faces = {rpr.find(f"{A}ea").get("typeface") for text, rpr in _runs(deck)
             if any("\uac00" <= ch <= "\ud7a3" for ch in text)}
    assert "맑은 고딕" in faces


@requires_soffice
def test_impress_deck_pdf_uses_a_hangul_font(decks, tmp_path):
    from deckgen.export.pdf import convert

    pdf = convert([decks["impress.pptx"][0]], tmp_path)[0]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "BMJUA" in fonts or "NanumGothic" in fonts, fonts


# -- Google Slides ------------------------------------------------------------------------

def _typefaces(deck: Path) -> set[str]:
    names = set()
    with zipfile.ZipFile(deck) as package_zip:
        for name in package_zip.namelist():
            if name.endswith(".xml"):
                root = etree.fromstring(package_zip.read(name))
                names |= {e.get("typeface") for e in root.iter() if e.get("typeface")}
    return {n for n in names if not n.startswith("+")}


@pytest.mark.subprocess
def test_for_google_slides_names_only_google_fonts(tmp_path):
    out = tmp_path / "docker.pptx"
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", "notes/docker.md",
                           "--for", "google-slides", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    faces = _typefaces(out)
    assert faces <= GOOGLE_FONTS, faces - GOOGLE_FONTS
    assert {"Jua", "Nanum Gothic"} <= faces  # titles and notes, in the designs we measured
    assert "warning" not in done.stderr


@pytest.mark.parametrize("where", ["front matter", "deckgen.toml"])
def test_for_google_slides_from_front_matter_or_toml(vault, where):
    front = "---\nfor: google-slides\n---\n" if where == "front matter" else ""
    if where == "deckgen.toml":
        (vault / "deckgen.toml").write_text('for = "google-slides"\n', encoding="utf-8")
    note = write_note(vault, "talk.md", front + "# 도커 Docker\n\n## 컨테이너 containers\n\n"
                      "- **격리**된 프로세스 isolated processes\n\n```python\nprint('코드')\n```\n")
    result = build(note, vault / "out.pptx", {}, vault=vault)
    faces = _typefaces(result.output)
    assert faces <= GOOGLE_FONTS and "Jua" in faces and "Nanum Gothic Coding" in faces


def test_an_unknown_viewer_is_a_warning(vault):
    note = write_note(vault, "talk.md", "---\nfor: keynote-classic\n---\n# 제목 Title\n\n본문 text\n")
    result = build(note, vault / "out.pptx", {}, vault=vault)
    assert any("keynote-classic" in w.message for w in result.warnings)
    assert "BM JUA" in _typefaces(result.output)


# -- size ------------------------------------------------------------------------------------

def _noise(path: Path, size: tuple[int, int]) -> None:
    import random

    from PIL import Image

    rng = random.Random(7)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3))
                    ).save(path)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_deck_over_the_limit_names_its_largest_pictures(vault, monkeypatch):
    _noise(vault / "큰그림.png", (900, 600))
    png(vault / "small.png", (400, 300))
    note = write_note(vault, "talk.md", "# 사진 Pictures\n\n## 큰 그림 big\n\n![[큰그림.png]]\n\n"
                      "## small one 작은 그림\n\n![[small.png]]\n")
    quiet = build(note, vault / "a.pptx", {}, vault=vault)
    assert not [w for w in quiet.warnings if "mail" in w.message]
    monkeypatch.setattr(package, "SIZE_LIMIT", quiet.output.stat().st_size - 1)
    loud = build(note, vault / "b.pptx", {}, vault=vault)
    [warning] = [w.message for w in loud.warnings if "mail" in w.message]
    assert warning.index("큰그림.png") < warning.index("small.png")


def test_size_warning_names_at_most_three_pictures_largest_first():
    pictures = [("a.png", 10), ("도커.png", 50_000_000), ("c.jpg", 30), ("d.png", 20)]
    message = package.size_warning(120_000_000, pictures).message
    assert "120.0 MB" in message and "도커.png (50.0 MB)" in message
    assert "a.png" not in message and message.index("c.jpg") < message.index("d.png")
    assert package.size_warning(100_000_000, pictures) is None
