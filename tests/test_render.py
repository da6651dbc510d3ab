"""The deck as PowerPoint sees it: fonts in every slot, sizes, notes, links, validity."""

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.theme import Sizes

from deckgen.build import build

from conftest import FIXTURES, Decks, audit_errors, sweep


STEMS = sorted(note.stem for note in FIXTURES.glob("*.md"))
# The fast lane's decks: Korean and English, code, a table, a callout, diagrams, emphasis.
FAST = ("bullets", "english", "code_table_callout", "diagrams", "cjk_emphasis")


@pytest.fixture(scope="module")
def fixture_decks(tmp_path_factory) -> Decks:
    out = tmp_path_factory.mktemp("decks")
    return Decks(lambda stem: build(FIXTURES / f"{stem}.md", out / f"{stem}.pptx", {},
                                    vault=FIXTURES).output)


def runs(deck: Path):
    prs = Presentation(str(deck))
    for slide in prs.slides:
        for r in slide._element.iter(qn("a:r")):
            yield slide, r


@pytest.mark.parametrize("stem", sweep(STEMS, FAST))
def test_every_run_names_its_font_in_latin_east_asian_and_complex_slots(fixture_decks, stem):
    deck = fixture_decks[stem]
    for _, r in runs(deck):
        rpr = r.find(qn("a:rPr"))
        for slot in ("a:latin", "a:ea", "a:cs"):
            assert rpr.find(qn(slot)) is not None, f"{deck.name}: run without {slot}"
        text = r.find(qn("a:t")).text or ""
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            assert rpr.get("lang") == "ko-KR"


def test_theme_fonts_name_bm_jua_for_latin_east_asian_and_hangul(fixture_decks):
    deck = fixture_decks["bullets"]
    prs = Presentation(str(deck))
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    theme = prs.slide_master.part.part_related_by(RT.THEME).blob.decode()
    assert '<a:latin typeface="BM JUA"/>' in theme and '<a:ea typeface="BM JUA"/>' in theme
    assert 'script="Hang" typeface="BM JUA"' in theme


@pytest.mark.parametrize("stem", sweep(STEMS, FAST))
def test_body_text_is_never_below_24pt_and_code_never_below_18pt(fixture_decks, stem):
    deck = fixture_decks[stem]
    for slide, r in runs(deck):
        size = int(r.find(qn("a:rPr")).get("sz")) / 100
        name = _shape_name(r)
        if "page number" in name or "Missing picture" in name:
            continue
        floor = 18 if "code" in name else 24
        if name.startswith("diagram"):  # Mermaid labels: their own, smaller floor
            floor = Sizes().diagram_min
        if name == "deckgen caption":  # under a picture: the theme's caption size
            floor = Sizes().caption
        if name == "deckgen table":  # a table too wide for its words: down to its own floor
            floor = Sizes().table_min
        assert size >= floor, f"{deck.name}: {size} pt text in {name}"


def _shape_name(element) -> str:
    while element is not None and element.tag not in (qn("p:sp"), qn("p:graphicFrame")):
        element = element.getparent()
    return element.find(".//" + qn("p:cNvPr")).get("name") if element is not None else ""


@pytest.mark.parametrize("stem", sweep(STEMS, FAST))
def test_slides_are_16_by_9_and_every_slide_has_notes_with_time(fixture_decks, stem):
    deck = fixture_decks[stem]
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip() and "⏱" in notes and ("/10:00" in notes or "/5:00" in notes)


def test_titles_are_title_placeholders(fixture_decks):
    prs = Presentation(str(fixture_decks["english"]))
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert "What is a container?" in titles and "Agenda" in titles


def test_references_are_hyperlinks(fixture_decks):
    prs = Presentation(str(fixture_decks["references"]))
    links = {r.hyperlink.address for s in prs.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address}
    assert {"https://docs.docker.com/", "https://www.youtube.com/watch?v=abc",
            "https://example.com/page"} <= links


def test_tables_are_native_and_code_is_monospaced(fixture_decks):
    prs = Presentation(str(fixture_decks["code_table_callout"]))
    shapes = [sh for s in prs.slides for sh in s.shapes]
    table = next(sh for sh in shapes if getattr(sh, "has_table", False) and sh.has_table)
    assert table.table.cell(1, 0).text == "docker run"
    code = next(sh for sh in shapes if sh.name == "deckgen code")
    fonts = {e.get("typeface") for e in code._element.iter(qn("a:latin"))}
    assert fonts == {"NanumGothicCoding"}


@pytest.mark.slow  # the long lane runs it; the fast lane keeps a lighter twin
def test_every_fixture_deck_passes_openxml_audit(fixture_decks):
    for stem in STEMS:
        assert audit_errors(fixture_decks[stem]) == [], stem


def test_a_theme_that_bolds_its_titles_bolds_only_them_and_measures_them_bold(tmp_path: Path):
    """The plain theme's titles are bold and measured in the bold face; its body text is not
    bold (it shares the face with the titles, which once made every run bold)."""
    from deckgen.build import prepare

    note = FIXTURES / "bullets.md"
    prepared = prepare(note, {"theme": "plain"}, vault=FIXTURES)
    content = next(s for s in prepared.deck.slides if s.kind.value == "content")
    assert all(p.bold for p in content.title.paras)
    assert all(run.bold for p in content.title.paras for run in p.set.runs)
    body = [f for f in content.frames if getattr(f, "role", "") == "body"]
    assert body and not any(run.bold for f in body for p in f.paras for run in p.set.runs)
    deck = build(note, tmp_path / "plain.pptx", {"theme": "plain"}, vault=FIXTURES).output
    prs = Presentation(str(deck))
    slide = prs.slides[prepared.deck.slides.index(content)]
    title_runs = [r for r in slide.shapes.title._element.iter(qn("a:rPr"))]
    other = [r for shape in slide.shapes if shape != slide.shapes.title and shape.has_text_frame
             for r in shape._element.iter(qn("a:rPr"))]
    assert title_runs and all(r.get("b") == "1" for r in title_runs)
    assert other and all(r.get("b") == "0" for r in other)
