"""The deck as a web page, opened in a real headless Chromium: the same slides, text and
boxes as the .pptx, in the bundled fonts, nothing fetched; keys move; the presenter view
shows notes and clock; a scripted rehearsal writes the file the next build uses."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.build import build, rehearsal_path

from browser import chromium, requires_browser  # noqa: F401 (fixture)
from conftest import FIXTURES, ROOT

NOTE = ROOT / "notes" / "docker.md"
# DECKGEN_SCREENSHOTS=docs/screenshots saves the README's pictures of the page and presenter
SHOTS_FOLDER = os.environ.get("DECKGEN_SCREENSHOTS", "")
pytestmark = [pytest.mark.browser, pytest.mark.slow, requires_browser]  # a browser: slow lane


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "build" / "docker.pptx"
    return build(NOTE, out, {}, vault=ROOT, html=True)


@pytest.fixture
def page(chromium, built):  # noqa: F811
    context = chromium.new_context(viewport={"width": 1280, "height": 720},
                                   accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    page.clock.install(time=datetime(2026, 1, 1, 9, 0))
    page.goto(built.html.as_uri())
    page.clock.pause_at(datetime(2026, 1, 1, 9, 0, 1))  # time moves only when a test says so
    page.evaluate("document.fonts.ready")
    yield page
    context.close()


def _visible(text: str) -> str:
    """A line as it reads: the variation selectors layout measures but need not write left out."""
    return text.strip().replace("\ufe0f", "").replace("\ufe0e", "")


def _squash(text: str) -> str:
    return "".join(text.split())


def _pptx_slides(path: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each slide's text shapes (text, box in points), diagrams' groups left out."""
    out = []
    for slide in Presentation(str(path)).slides:
        shapes = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                box = tuple(Emu(v).pt for v in (shape.left, shape.top, shape.width,
                                                shape.height))
                shapes.append((shape.text_frame.text, box))
            if getattr(shape, "has_table", False) and shape.has_table:
                shapes.extend((cell.text, (0.0, 0.0, 0.0, 0.0))
                              for row in shape.table.rows for cell in row.cells)
        out.append(shapes)
    return out


_PAGE_TEXT = """() => Array.from(document.querySelectorAll('section.slide')).map(section =>
  Array.from(section.querySelectorAll('text.line')).filter(t => !t.closest('g.diagram'))
    .map(t => t.textContent).join(''))"""


def test_every_slide_is_drawn_with_the_pptx_text_and_nothing_is_fetched(page, built):
    pptx = _pptx_slides(built.output)
    texts = page.evaluate(_PAGE_TEXT)
    assert len(texts) == len(pptx) == built.slides
    for index, (drawn, shapes) in enumerate(zip(texts, pptx), 1):
        assert _squash(drawn) == _squash("".join(text for text, _ in shapes)), index
    assert page.requests == [built.html.as_uri()]  # fonts and pictures are inline


def test_lines_are_the_layouts_and_fit_their_boxes_in_the_bundled_fonts(page, built):
    fonts = page.evaluate("""async () => { const faces = Array.from(document.fonts);
        await Promise.allSettled(faces.map(f => f.load()));  // each inline subset decodes
        return faces.map(f => [f.family, f.status]); }""")
    assert fonts and all(status == "loaded" for _, status in fonts), fonts
    assert any("BMJUA" in family for family, _ in fonts)
    page_lines = page.evaluate("""() => Array.from(document.querySelectorAll('section.slide'))
        .map(s => Array.from(s.querySelectorAll('g.frame text.line')).map(t => t.textContent))""")
    deck_lines = [[line for frame in ([p.title] if p.title else []) + list(p.frames)
                   if hasattr(frame, "paras") for para in frame.paras for line in para.lines]
                  for p in _with_lines(built)]
    for drawn, laid in zip(page_lines, deck_lines):
        assert [_visible(line) for line in drawn] == [_visible(line) for line in laid]
    # every title line sits inside the box the .pptx gives that title, as Chromium draws it
    for index, shapes in enumerate(_pptx_slides(built.output)):
        page.evaluate(f"window.deckgen.show({index})")
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll(
            'section.current g.frame.title text.line')).map(t => {const b = t.getBBox();
            return [t.textContent, b.x, b.y, b.width, b.height]})""")
        placed = built.deck.slides[index].title
        if placed is None or not boxes:
            continue
        x, y, w, h = next(box for text, box in shapes
                          if _squash(text) == _squash("".join(r.text for p in placed.paras
                                                               for r in p.runs)))
        for text, bx, by, bw, bh in boxes:
            assert x - 1 <= bx and bx + bw <= x + w + 1, (index, text, bx, bw, x, w)
            assert y - 2 <= by + bh / 2 <= y + h + 2, (index, text, by, y, h)


def _with_lines(built):
    from deckgen.layout import line_breaks
    from deckgen.look import choose_look

    look, _ = choose_look("tecotalk", None, None)
    return line_breaks(built.deck, look).slides


def test_keys_and_clicks_move_between_slides_and_the_hash_keeps_the_place(page, built):
    def at() -> tuple[str, str]:
        return tuple(page.evaluate("[document.querySelector('section.current').id, location.hash]"))

    assert at() == ("slide-1", "#1")
    page.keyboard.press("ArrowRight")
    page.keyboard.press(" ")
    assert at() == ("slide-3", "#3")
    page.keyboard.press("ArrowLeft")
    assert at() == ("slide-2", "#2")
    page.mouse.click(1000, 360)
    assert at() == ("slide-3", "#3")
    page.keyboard.press("End")
    assert at() == (f"slide-{built.slides}", f"#{built.slides}")
    page.reload()
    assert at() == (f"slide-{built.slides}", f"#{built.slides}")
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert at() == ("slide-5", "#5")
    if SHOTS_FOLDER:
        page.screenshot(path=str(Path(SHOTS_FOLDER) / "page.png"))


def test_the_presenter_view_shows_notes_budget_and_clock_and_a_rehearsal_paces_the_next_build(
        page, built):
    page.keyboard.press("ArrowRight")
    with page.expect_popup() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    notes = built.deck.slides[1].notes
    assert presenter.locator(".notes").text_content() == notes.text()
    assert presenter.locator(".now svg").count() == 1 and presenter.locator(".next svg").count() == 1
    page.clock.run_for(5000)
    assert presenter.locator(".slide-time").text_content() == "on slide 0:05"
    assert presenter.locator(".budget").text_content().startswith("of ")

    presenter.locator(".rehearse").click()
    spent = []
    for index in range(built.slides):
        seconds = 20 + (index % 3) * 5
        page.clock.run_for(seconds * 1000)
        spent.append(seconds)
        if index == 2:
            third = built.deck.slides[2]
            planned = third.notes.elapsed - third.seconds + min(30, third.seconds)
            ahead = round(planned - 75)
            expected = (f"ahead {ahead // 60}:{ahead % 60:02d}" if ahead >= 0
                        else f"behind {-ahead // 60}:{-ahead % 60:02d}")
            assert presenter.locator(".pace").text_content() == expected
            assert presenter.locator(".talk-time").text_content() == "· talk 1:15 / 10:00"
        if index == 4 and SHOTS_FOLDER:
            presenter.set_viewport_size({"width": 1280, "height": 720})
            presenter.screenshot(path=str(Path(SHOTS_FOLDER) / "presenter.png"))
        if index < built.slides - 1:
            presenter.keyboard.press("ArrowRight")
    presenter.locator(".finish").click()
    with presenter.expect_download() as download:
        presenter.locator("a.download").click()
    target = rehearsal_path(built.output)
    download.value.save_as(target)
    record = json.loads(target.read_text(encoding="utf-8"))
    assert [round(p["spoken"]) for p in record["pages"]] == spent

    again = build(NOTE, built.output, {}, vault=ROOT, html=True)
    assert again.rehearsed.startswith("rehearsed ")
    rehearsed, planned = again.rehearsed.removeprefix("rehearsed ").split(" → planned ")
    total = sum(spent)
    assert rehearsed == f"{total // 60}:{total % 60:02d}"
    assert again.seconds <= again.minutes * 60 + 0.5  # the plan refits to the minutes
    target.unlink()


_PAGE_LINES = """() => Array.from(document.querySelectorAll('section.slide')).map(section =>
  Array.from(section.querySelectorAll('text.line')).filter(t => !t.closest('g.diagram'))
    .map(t => [t.textContent, parseFloat(t.getAttribute('y'))]))"""


def _pdf_lines(pdf: Path, folder: Path) -> list[list[tuple[str, float, float]]]:
    """Each PDF page's text lines as LibreOffice broke them: (text, top, bottom) in points."""
    import re
    import subprocess
    from xml.etree import ElementTree

    out = folder / "bbox.html"
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(out)], check=True, timeout=120)
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out.read_text("utf-8")))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    return [[("".join(w.text or "" for w in line.findall("x:word", ns)),
              float(line.attrib["yMin"]), float(line.attrib["yMax"]))
             for line in page.findall(".//x:line", ns)] for page in root.findall(".//x:page", ns)]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler's pdftotext is not installed; CI installs both")
def test_the_page_breaks_lines_where_libreoffice_breaks_the_pptx(page, built, tmp_path):
    pdf = _make_pdf(built.output, tmp_path)
    pdf_pages = _pdf_lines(pdf, tmp_path)
    page_lines = page.evaluate(_PAGE_LINES)
    assert len(pdf_pages) == len(page_lines)
    checked = 0
    for number, (drawn, printed) in enumerate(zip(page_lines, pdf_pages), 1):
        for text, baseline in drawn:
            line = _squash(_visible(text))
            if not line:
                continue
            # the same line (LibreOffice may write the bullet into it), on the same baseline
            same = [(top, bottom) for words, top, bottom in printed
                    if _squash(words).endswith(line) and len(_squash(words)) - len(line) <= 3]
            assert same, (number, text, [w for w, _, _ in printed])
            assert any(top - 1 <= baseline <= bottom + 1 for top, bottom in same), \
                (number, text, baseline, same)
            checked += 1
    assert checked > 40


def _make_pdf(deck: Path, folder: Path) -> Path:
    import subprocess

    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                   check=True, timeout=240, capture_output=True)
    return folder / (deck.stem + ".pdf")


@pytest.mark.parametrize("name", ["english", "code_table_callout", "diagrams", "cards"])
def test_english_tables_code_diagrams_and_cards_draw_the_pptx_text(chromium, name, tmp_path):  # noqa: F811
    note = FIXTURES / f"{name}.md"
    result = build(note, tmp_path / "build" / f"{name}.pptx", {}, vault=FIXTURES, html=True)
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(result.html.as_uri())
    texts = page.evaluate(_PAGE_TEXT)
    pptx = _pptx_slides(result.output)
    assert len(texts) == len(pptx) == result.slides
    for index, (drawn, shapes) in enumerate(zip(texts, pptx), 1):
        assert _squash(_visible(drawn)) == _squash(_visible("".join(t for t, _ in shapes))), index
    diagrams = sum(1 for p in result.deck.slides for f in p.frames if type(f).__name__ ==
                   "DiagramFrame")
    assert page.locator("g.diagram").count() == diagrams
    assert diagrams > 0 or name != "diagrams"
    if diagrams:  # boxes, lines and labels as SVG shapes, not a picture
        assert page.locator("g.diagram polyline").count() > 0
        assert page.locator("g.diagram text.line").count() > 0
        # every arrowhead is defined on its own slide (a hidden slide's markers draw nowhere)
        assert page.evaluate("""() => Array.from(document.querySelectorAll('[marker-end]'))
            .every(e => e.closest('section').querySelector(
                e.getAttribute('marker-end').slice(4, -1)) !== null)""")
        assert page.locator("[marker-end]").count() > 0
    assert requests == [result.html.as_uri()]
    page.close()
