"""layout.findings: the warnings a placed deck carries, read off the deck itself."""

from __future__ import annotations

from deckgen.layout.diagram.placed import DiagramPaint, PlacedDiagram
from deckgen.layout.findings import TEXT_MOVED, TITLE_CUT, deck_warnings, title_cut
from deckgen.layout.frames import (Deck, DiagramFrame, PageNotes, Para, PictureFrame, PlacedSlide,
                                   Rect, TextFrame)
from deckgen.look.model import LayoutChoice, Look
from deckgen.note.mermaid import parse_mermaid
from deckgen.note.model import Diagram
from deckgen.pictures.model import Drawn, DrawnDiagram, Picture
from deckgen.plan.talk import (SECTION_HEADER, TITLE_AND_CONTENT, TWO_CONTENT, Notes, Run, Slide,
                               SlideKind)
from deckgen.theme import JUA, TECOTALK

BOX = Rect(48, 120, 400, 300)
LOOK = Look(TECOTALK)


def title_frame(text: str) -> TextFrame:
    return TextFrame(Rect(48, 30, 864, 50), (Para((Run(text),), 36, 41),), JUA, "212529", "title")


def page(title: str, shown: str | None = None, frames=(), overflow=(), line: int | None = 7,
         layout: str = TITLE_AND_CONTENT) -> PlacedSlide:
    source = Slide(SlideKind.CONTENT, title, line=line)
    notes = PageNotes(Notes("x"), title, False, tuple(overflow), 10, 10, 600, "ko")
    return PlacedSlide(SlideKind.CONTENT, layout, title, 10, False,
                       title_frame(title if shown is None else shown), tuple(frames), notes,
                       source=source)


def deck(*pages: PlacedSlide) -> Deck:
    return Deck(960, 540, pages)


def messages(found) -> list[tuple[str, int | None, int | None]]:
    return [(w.message, w.line, w.slide) for w in found]


def test_a_deck_that_shows_everything_says_nothing():
    assert deck_warnings(deck(page("도커 이미지")), LOOK) == []


def test_a_title_cut_to_fit_is_said_at_the_slides_source_line():
    cut = page("아주 긴 제목 " * 5, shown="아주 긴 제목 …")
    assert title_cut(cut) and not title_cut(page("짧은 제목"))
    assert messages(deck_warnings(deck(cut), LOOK)) == [(TITLE_CUT, 7, None)]


def test_text_moved_to_the_notes_is_said():
    moved = page("목록", overflow=("남은 항목 more",))
    assert messages(deck_warnings(deck(moved), LOOK)) == [(TEXT_MOVED, 7, None)]


def test_a_missing_picture_says_its_name_reason_and_the_slide_it_stands_on():
    missing = PictureFrame(BOX, Picture("구조.png", 1600, 900, problem="not found", line=12))
    found = deck_warnings(deck(page("첫 장"), page("그림", frames=[missing])), LOOK)
    assert messages(found) == [("image '구조.png' not found", 12, 2)]
    assert found[0].format("n.md") == "n.md:12: warning: image '구조.png' not found " \
                                      "(placeholder on slide 2)"


def test_a_formula_that_cannot_be_drawn_is_called_a_display():
    formula = PictureFrame(BOX, Picture("formula", 1600, 300, problem="cannot be drawn", line=4,
                                        drawing=Drawn(b"")))
    assert messages(deck_warnings(deck(page("식", frames=[formula])), LOOK)) == [
        ("display 'formula' cannot be drawn", 4, 1)]


def test_a_diagram_that_cannot_be_drawn_is_left_to_the_parsers_warning():
    source = "pie\n  title 비율"
    diagram = Diagram(source, 3, parse_mermaid(source))
    frame = PictureFrame(BOX, Picture("mermaid pie", 1600, 900, problem="unsupported", line=3,
                                      drawing=DrawnDiagram(diagram)))
    assert deck_warnings(deck(page("도표", frames=[frame])), LOOK) == []


def test_a_diagram_still_too_big_at_its_floor_is_said_with_its_kind():
    source = "flowchart LR\n  A --> B"
    diagram = Diagram(source, 20, parse_mermaid(source))
    placed = PlacedDiagram(900, 600, 14, (), (), (), "layered", fits=False,
                           warning="the diagram needs 900 x 600 pt at the 14 pt floor")
    paint = DiagramPaint("BM JUA", "BM JUA", "212529", "495057", "F8F9FA", "E03131", "FCFCFD",
                         "FFF9DB", "FFFFFF", "868E96", 1.5, 3.0)
    frame = DiagramFrame(BOX, placed, Picture("mermaid flowchart", 900, 600, line=20,
                                              drawing=DrawnDiagram(diagram)), paint)
    assert messages(deck_warnings(deck(page("흐름", frames=[frame])), LOOK)) == [
        ("Mermaid flowchart: the diagram needs 900 x 600 pt at the 14 pt floor", 20, None)]
    fitting = DiagramFrame(BOX, PlacedDiagram(400, 300, 20, (), (), (), "layered"), frame.picture,
                           paint)
    assert deck_warnings(deck(page("흐름", frames=[fitting])), LOOK) == []


def test_a_layout_the_template_lacks_is_said_once_however_many_slides_use_it():
    look = Look(TECOTALK, layouts=(
        LayoutChoice(TITLE_AND_CONTENT, "title and content", "Title and Content", False),
        LayoutChoice(SECTION_HEADER, "title slide", "Title Slide", True),
        LayoutChoice(TWO_CONTENT, "title, content", "Title, Content", True)))
    pages = [page("a", layout=SECTION_HEADER), page("b"), page("c", layout=SECTION_HEADER),
             page("d", layout=TWO_CONTENT)]
    assert [w.message for w in deck_warnings(deck(*pages), look)] == [
        "template has no layout named 'Section Header'; using 'Title Slide' for those slides",
        "template has no layout named 'Two Content'; using 'Title, Content' for those slides"]


def test_warnings_come_in_slide_order():
    missing = PictureFrame(BOX, Picture("a.png", 1600, 900, problem="not found", line=30))
    pages = [page("긴 제목 " * 9, shown="긴 …", line=2), page("그림", frames=[missing], line=30),
             page("목록", overflow=("x",), line=40)]
    assert [w.line for w in deck_warnings(deck(*pages), LOOK)] == [2, 30, 40]
