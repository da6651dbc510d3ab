"""PDFs to hand out: text as written, tagged, titled, in the talk's language, bookmarks by
chapter, links clickable (also in the handout we compose). Real LibreOffice, pypdf, poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from deckgen.export.tagged import export_filter, write_profile

from conftest import ROOT, requires_soffice, write_note

HANGUL = "\uac00-\ud7a3"
ADDED = re.compile(rf"[{HANGUL}] [?!.,:;)%A-Za-z0-9]|[(A-Za-z0-9] [{HANGUL}]")


def cli(*args: str, cwd: Path):
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def deck_text(pptx: Path) -> str:
    prs = Presentation(str(pptx))
    parts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame]
    parts += [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tagged")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it via .ci/run")
    result = cli("build", "notes/docker.md", "-o", str(out), "--pdf", "--handout", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def test_the_filter_asks_for_a_tagged_pdf_ua_with_bookmarks():
    text = export_filter()
    assert text.startswith("pdf:impress_pdf_Export:{")
    for name in ("UseTaggedPDF", "PDFUACompliance", "ExportBookmarks"):
        assert f'"{name}":{{"type":"boolean","value":"true"}}' in text


def test_the_conversion_profile_is_korean(tmp_path: Path):
    write_profile(tmp_path)
    xcu = (tmp_path / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert xcu.count("<value>ko-KR</value>") == 2 and "ooSetupSystemLocale" in xcu


@requires_soffice
@pytest.mark.parametrize("name", ["docker.pdf", "docker-handout.pdf"])
def test_pdf_text_is_as_written(made: Path, name: str):
    text = pdf_text(made / name)
    assert "도커란?" in text and "도커란 ?" not in text
    written = deck_text(made / "docker.pptx")
    for line in text.splitlines():
        for found in ADDED.finditer(" ".join(line.split())):
            assert found.group() in written, (name, line)


@requires_soffice
@pytest.mark.parametrize("name", ["docker.pdf", "docker-handout.pdf"])
def test_pdf_is_tagged_titled_and_korean(made: Path, name: str):
    info = subprocess.run(["pdfinfo", str(made / name)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Docker$", info, re.M)
    catalog = PdfReader(str(made / name)).trailer["/Root"]
    assert catalog["/Lang"] == "ko-KR"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file
    assert "/StructTreeRoot" in catalog


@requires_soffice
@pytest.mark.parametrize("name", ["docker.pdf", "docker-handout.pdf"])
def test_bookmarks_hold_each_chapters_slides(made: Path, name: str):
    reader = PdfReader(str(made / name))
    outline = reader.outline
    chapters = [outline[i - 1].title for i, item in enumerate(outline) if isinstance(item, list)]
    assert chapters == ["도커", "컨테이너", "이미지"]  # the note's H1s
    slides = len(Presentation(str(made / "docker.pptx")).slides)
    flat = [item for entry in outline for item in (entry if isinstance(entry, list) else [entry])]
    assert len(flat) == slides + len(chapters)
    children = next(item for item in outline if isinstance(item, list))
    assert children[0].title == "도커"  # the chapter's own statement slide comes first


@requires_soffice
def test_handout_links_stay_clickable_on_their_slide(made: Path):
    slides = PdfReader(str(made / "docker.pdf"))
    handout = PdfReader(str(made / "docker-handout.pdf"))

    def links(reader):
        return [(number, annot.get_object()) for number, page in enumerate(reader.pages)
                for annot in page.get("/Annots", []) or []
                if annot.get_object()["/Subtype"] == "/Link"]

    ours, theirs = links(handout), links(slides)
    assert theirs and len(ours) == len(theirs)
    out = [(n, a) for n, a in ours if "/A" in a]
    assert [a["/A"]["/URI"] for _, a in out] == [a["/A"]["/URI"] for _, a in theirs if "/A" in a]
    from deckgen.build import BuildResult, prepare
    from deckgen.export.handout import handout_deck

    prepared = prepare(ROOT / "notes" / "docker.md", {})
    plan = handout_deck(BuildResult(ROOT / "notes" / "docker.md", made / "x.pptx",
                                    prepared.deck, prepared.talk.minutes, prepared.talk.title, ()),
                        made / "plan.pptx")
    page_of = {index: page for page, placement in enumerate(plan)
               for index, _ in placement.slides}
    slide_jumps = [(page_of[n], page_of[slides.get_page_number(a["/Dest"][0].get_object())])
                   for n, a in theirs if "/Dest" in a]  # agenda → chapter, summary → chapter
    handout_jumps = [(n, handout.get_page_number(a["/Dest"][0].get_object()))
                     for n, a in ours if "/Dest" in a]
    assert len(slide_jumps) >= 3 and handout_jumps == slide_jumps
    from deckgen.export.handout import MARGIN, SLIDE_WIDTH
    for number, annot in out:  # inside the slide's picture, in the left column
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert MARGIN <= x0 < x1 <= MARGIN + SLIDE_WIDTH
        words = subprocess.run(["pdftotext", "-f", str(number + 1), "-l", str(number + 1),
                                "-x", str(int(x0)), "-y", str(int(842 - y1)),
                                "-W", str(int(x1 - x0) + 1), "-H", str(int(y1 - y0) + 1),
                                str(made / "docker-handout.pdf"), "-"],
                               capture_output=True, text=True).stdout
        assert words.strip(), annot.get("/Contents")  # the link lies over its words


@requires_soffice
def test_handout_tags_point_at_the_content_of_their_page(made: Path):
    reader = PdfReader(str(made / "docker-handout.pdf"))
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    owners = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    slides_text = 0
    for page in reader.pages:
        ids = [int(m) for m in re.findall(rb"/MCID\s+(\d+)", page.get_contents().get_data())]
        assert len(ids) == len(set(ids))  # the slides' ids no longer collide with the page's
        array = owners[page["/StructParents"]]
        for mcid in ids:
            element = array[mcid].get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            assert mcid in [int(k) for k in kids if isinstance(k, int)]
        slides_text += len(ids)
    slide_ids = sum(len(re.findall(rb"/MCID", p.get_contents().get_data()))
                    for p in PdfReader(str(made / "docker.pdf")).pages)
    assert slides_text > slide_ids  # every slide's tagged text, and the notes beside it


@requires_soffice
def test_an_english_talk_pdf_says_english(tmp_path: Path):
    write_note(tmp_path, "talk.md", "# Ports\n\n## Why ports?\n\n- One **port** per service\n"
                                    "- Docker maps 8080 to 80\n")
    result = cli("build", "talk.md", "--pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    catalog = PdfReader(str(tmp_path / "build" / "talk.pdf")).trailer["/Root"]
    assert catalog["/Lang"] == "en-US"
    assert Presentation(str(tmp_path / "build" / "talk.pptx")).core_properties.language == "en-US"


@requires_soffice
@pytest.mark.parametrize("kind, per_page", [("lines", 3), ("grid", 6)])
def test_audience_handouts_are_tagged_titled_and_hold_every_slide(tmp_path: Path, kind,
                                                                  per_page):
    result = cli("build", str(ROOT / "notes" / "docker.md"), "-o", str(tmp_path / "d.pptx"),
                 f"--handout={kind}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / f"d-handout-{kind}.pdf"
    slides = len(Presentation(str(tmp_path / "d.pptx")).slides)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == -(-slides // per_page)
    assert reader.trailer["/Root"]["/Lang"] == "ko-KR" and reader.metadata.title == "Docker"
    text = pdf_text(pdf)
    assert "도커란?" in text and "도커란 ?" not in text
    notes = Presentation(str(tmp_path / "d.pptx")).slides[3].notes_slide.notes_text_frame.text
    assert notes.split("\n")[0] not in text  # for the audience: no speaker notes


@requires_soffice
def test_a_long_note_of_every_kind_gives_pdfs_as_written_tagged_with_chapters(tmp_path: Path):
    from conftest import FIXTURES

    result = cli("build", str(FIXTURES / "a11y_long.md"), "-o", str(tmp_path / "k.pptx"),
                 "--pdf", "--handout", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = deck_text(tmp_path / "k.pptx")
    for name in ("k.pdf", "k-handout.pdf"):
        text = pdf_text(tmp_path / name)
        assert "쿠버네티스란?" in text and "쿠버네티스란 ?" not in text
        for line in text.splitlines():
            for found in ADDED.finditer(" ".join(line.split())):
                assert found.group() in written, (name, line)
        reader = PdfReader(str(tmp_path / name))
        assert reader.trailer["/Root"]["/Lang"] == "ko-KR" and "/StructTreeRoot" in \
            reader.trailer["/Root"]
        chapters = [reader.outline[i - 1].title for i, item in enumerate(reader.outline)
                    if isinstance(item, list)]
        assert chapters == ["쿠버네티스란?", "파드와 디플로이먼트", "서비스와 네트워킹"]
