"""`deckgen check`: PowerPoint's Accessibility Checker rules, read from the package. Each
rule is caught on a deck made to break it; our decks (the example, the fixture vault, long
notes in Korean and English) come out clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckgen.accessibility import check_deck
from deckgen.build import build

from conftest import FIXTURES, ROOT, photo, sweep

NOTES = [ROOT / "notes" / "docker.md", FIXTURES / "a11y_long.md", FIXTURES / "interview_40.md",
         FIXTURES / "stress" / "stress.md", FIXTURES / "groups_code_en.md",
         FIXTURES / "diagrams.md", FIXTURES / "math.md", FIXTURES / "cards.md",
         FIXTURES / "no_headings.md", FIXTURES / "code_table_callout.md"]


def rules(path: Path) -> list[str]:
    return [finding.rule for finding in check_deck(path)]


@pytest.mark.parametrize("note", sweep(NOTES, ("docker", "code_table_callout", "groups_code_en"),
                                       ids=lambda p: p.stem))
def test_our_decks_have_no_finding(tmp_path: Path, note: Path):
    result = build(note, tmp_path / "deck.pptx", {}, vault=FIXTURES if "fixtures" in str(note)
                   else None)
    assert [f.line("deck") for f in check_deck(result.output)] == []


@pytest.mark.slow  # every note of the vault built: the long lane
def test_the_vaults_decks_have_no_finding(tmp_path: Path):
    vault = FIXTURES / "vault"
    notes = sorted(vault.rglob("*.md"))
    assert len(notes) >= 3
    for number, note in enumerate(notes):
        result = build(note, tmp_path / f"{number}.pptx", {}, vault=vault)
        assert [f.line(note.name) for f in check_deck(result.output)] == []


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A deck breaking every rule once: written with python-pptx, the way anyone's deck is."""
    prs = Presentation()
    blank, titled = prs.slide_layouts[6], prs.slide_layouts[5]
    first = prs.slides.add_slide(blank)  # 1: no title; a picture named by its file
    picture = first.shapes.add_picture(str(photo(tmp_path / "p.png", (400, 300))), 0, 0)
    picture._element.find(qn("p:nvPicPr")).find(qn("p:cNvPr")).set("descr", "Pasted image 1.png")
    first.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, 100, 100)  # a bar, not decorative
    second = prs.slides.add_slide(titled)  # 2: a table without header, pale small text
    second.shapes.title.text = "같은 제목"
    table = second.shapes.add_table(2, 2, 0, 0, 3000000, 800000).table
    table._tbl.tblPr.set("firstRow", "0")
    box = second.shapes.add_textbox(0, 0, 3000000, 400000).text_frame.paragraphs[0].add_run()
    box.text, box.font.size = "연한 글씨 light text", Pt(12)
    box.font.color.rgb = RGBColor.from_string("BBBBBB")
    link = second.shapes.add_textbox(0, 0, 3000000, 400000).text_frame.paragraphs[0].add_run()
    link.text = "https://example.com/page"
    link.hyperlink.address = "https://example.com/page"
    link.font.color.rgb = RGBColor.from_string("1971C2")
    third = prs.slides.add_slide(titled)  # 3: the same title; the title is not first
    third.shapes.title.text = "같은 제목"
    group = third.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, 100, 100)
    spTree = third.shapes._spTree
    title = third.shapes.title._element
    spTree.remove(title)
    spTree.append(title)
    prs.core_properties.title = ""
    prs.core_properties.language = ""
    path = tmp_path / "broken.pptx"
    prs.save(str(path))
    return path


def test_check_catches_each_rule_on_a_deck_made_to_break_it(broken: Path):
    findings = check_deck(broken)
    by_slide = {(f.slide, f.rule) for f in findings}
    assert (1, "slide without a title") in by_slide
    assert (1, "picture alt text is a file name or placeholder") in by_slide
    assert (1, "shape neither decorative nor described") in by_slide
    assert (2, "table without a header row") in by_slide
    assert (2, "text below contrast") in by_slide
    assert (2, "link text is a bare URL") in by_slide
    assert {(2, "duplicate slide title"), (3, "duplicate slide title")} <= by_slide
    assert (3, "title not first in reading order") in by_slide
    assert (3, "group without alt text") in by_slide
    assert {(0, "no document title"), (0, "no document language")} <= by_slide


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_check_cli_prints_one_line_per_finding_and_exits_1(broken: Path, tmp_path: Path):
    run = subprocess.run([sys.executable, "-m", "deckgen", "check", str(broken)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert len(lines) == len(check_deck(broken)) and all("broken.pptx: " in line for line in lines)
    assert any(line.endswith("slide 1: slide without a title") for line in lines)
    clean = build(ROOT / "notes" / "docker.md", tmp_path / "clean.pptx", {})
    ok = subprocess.run([sys.executable, "-m", "deckgen", "check", str(clean.output)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout == ""


def test_decorative_marks_alt_text_and_language_are_in_the_package(tmp_path: Path):
    result = build(ROOT / "notes" / "docker.md", tmp_path / "d.pptx", {})
    prs = Presentation(str(result.output))
    assert prs.core_properties.language == "ko-KR" and prs.core_properties.title == "Docker"
    decorative = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            props = shape._element.find(".//" + qn("p:cNvPr"))
            if shape.name.startswith("deckgen ") and not shape.has_text_frame or (
                    shape.has_text_frame and not shape.text_frame.text.strip()
                    and shape.name in ("deckgen progress", "deckgen track", "deckgen accent")):
                ext = props.find(f".//{qn('a:ext')}")
                assert ext is not None
                assert ext.get("uri") == "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
                decorative += 1
            if shape.shape_type == 13:  # a picture
                alt = props.get("descr")
                assert alt and not alt.lower().endswith(".png") and "Pasted" not in alt
    assert decorative >= 40  # the progress bar, its track and the title rules of every slide


def test_sections_are_the_chapters_and_the_agenda_jumps_to_them(tmp_path: Path):
    result = build(ROOT / "notes" / "docker.md", tmp_path / "d.pptx", {})
    prs = Presentation(str(result.output))
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    sections = prs.part._element.findall(f".//{{{p14}}}section")
    names = [s.get("name") for s in sections]
    assert names == ["시작", "도커", "컨테이너", "이미지", "마무리"]
    ids = [s.get("id") for s in prs.part._element.find(qn("p:sldIdLst"))]
    listed = [i.get("id") for s in sections for i in s.iter(f"{{{p14}}}sldId")]
    assert listed == ids  # every slide in exactly one section, in order
    slides = list(prs.slides)
    statement = {slide.shapes.title.text_frame.text: index for index, slide in enumerate(slides)
                 if slide.shapes.title is not None}
    agenda = slides[1]
    jumps = [(run.text, agenda.part.related_part(
        run._r.find(qn("a:rPr")).find(qn("a:hlinkClick")).get(qn("r:id"))))
        for shape in agenda.shapes if shape.has_text_frame
        for para in shape.text_frame.paragraphs for run in para.runs
        if run._r.find(qn("a:rPr")).find(qn("a:hlinkClick")) is not None]
    assert [text for text, _ in jumps] == ["도커", "컨테이너", "이미지"]
    for text, part in jumps:
        assert slides.index(next(s for s in slides if s.part is part)) == statement[text]
    action = agenda.shapes[1]._element.find(".//" + qn("a:hlinkClick"))
    assert etree.QName(action).localname == "hlinkClick"
    assert action.get("action") == "ppaction://hlinksldjump"
