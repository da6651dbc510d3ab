"""render.writer: a laid-out deck written as native shapes, read back with python-pptx."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn

from deckgen.layout import lay_out, picture_uses
from deckgen.layout.frames import (Deck, PageNotes, Para, PlacedSlide, Rect, ShapeFrame,
                                   TextFrame)
from deckgen.layout.setting import set_text
from deckgen.look import Look
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.note.vault import ImageFinder
from deckgen.pictures import pictures_for
from deckgen.pictures.encode import encode
from deckgen.plan import TalkOptions, plan_talk
from deckgen.plan.talk import TITLE_AND_CONTENT, Notes, Run, SlideKind
from deckgen.render.template import built_in
from deckgen.render.writer import Renderer
from deckgen.theme import NOTES, TECOTALK, Face

from conftest import png

URL = "https://docs.docker.com"
NOTE = f"""## 도커 Docker
- 도커는 **빠르다** fast
- C:\\\\Users 경로
- [공식 문서]({URL})

1. 첫째
2. 둘째

```py
x = 1
```

## 그림
![[그림.png]]
**같은 그림** ![[그림.png]]

## 없는 그림
![[없음.png]]
"""
ACCENT, TEXT, LINK = TECOTALK.colors.accent, TECOTALK.colors.text, TECOTALK.colors.link


def write(deck: Deck, pictures=None) -> Presentation:
    base = built_in(TECOTALK)
    Renderer(base, Look(TECOTALK), pictures or {}).render(deck)
    out = io.BytesIO()
    base.presentation.save(out)
    return Presentation(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("writer")
    png(folder / "그림.png", (800, 450), (30, 120, 200))
    note, _ = parse_note(Source(folder / "n.md", NOTE))
    talk, _ = plan_talk(note, TalkOptions(fit=False))
    pictures, _ = pictures_for(talk, ImageFinder(folder / "n.md", folder), TECOTALK)
    deck, _ = lay_out(talk, pictures, Look(TECOTALK))
    encoded = {p.key: encode(p, width, deck.width) for p, width in picture_uses(deck)}
    return deck, write(deck, encoded)


def slide_titled(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title)


def runs(shape):
    for p in shape.text_frame._txBody.findall(qn("a:p")):
        for r in p.findall(qn("a:r")):
            yield r.find(qn("a:t")).text, r.find(qn("a:rPr"))


def body(prs, title: str):
    slide = slide_titled(prs, title)
    return next(sh for sh in slide.shapes if sh.has_text_frame and sh.name.startswith("TextBox")
                and "빠르다" in sh.text_frame.text)


def fonts(rpr) -> tuple[str, str, str]:
    return tuple(rpr.find(qn(f"a:{slot}")).get("typeface") for slot in ("latin", "ea", "cs"))


def colour(rpr) -> str:
    return rpr.find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val")


def test_every_run_names_its_face_in_the_latin_east_asian_and_complex_slots(made):
    _, prs = made
    shown = dict(runs(body(prs, "도커 Docker")))
    assert fonts(shown["도커는 "]) == ("BM JUA", "BM JUA", "BM JUA")
    assert fonts(shown["\\"]) == ("DejaVu Sans",) * 3  # BM JUA draws it as ₩


def body_frame(deck, title: str) -> TextFrame:
    page = next(p for p in deck.slides if p.title_text == title)
    return next(f for f in page.frames if isinstance(f, TextFrame) and f.role == "body")


def test_every_run_carries_the_language_layout_set(made):
    deck, prs = made
    written = [(text, rpr.get("lang")) for text, rpr in runs(body(prs, "도커 Docker"))]
    assert written == [(run.text, run.lang) for para in body_frame(deck, "도커 Docker").paras
                       for run in para.set.runs]
    assert ("도커는 ", "ko-KR") in written and (" fast", "en-US") in written


def test_key_phrases_and_links_are_coloured_as_set_and_links_click(made):
    _, prs = made
    slide = slide_titled(prs, "도커 Docker")
    shown = dict(runs(body(prs, "도커 Docker")))
    assert colour(shown["빠르다"]) == ACCENT and colour(shown["도커는 "]) == TEXT
    link = shown["공식 문서"]  # one line: the link stays one piece
    assert colour(link) == LINK
    rid = link.find(qn("a:hlinkClick")).get(qn("r:id"))
    assert slide.part.rels[rid].target_ref == URL and slide.part.rels[rid].is_external
    assert all(rpr.get("b") == "0" for _, rpr in runs(body(prs, "도커 Docker")))


def test_a_bullet_takes_the_colour_and_face_layout_set(made):
    deck, prs = made
    frame = body_frame(deck, "도커 Docker")
    ppr = body(prs, "도커 Docker").text_frame._txBody.find(qn("a:p")).find(qn("a:pPr"))
    assert ppr.find(qn("a:buClr")).find(qn("a:srgbClr")).get("val") == \
        frame.paras[0].set.bullet_color == ACCENT
    assert ppr.find(qn("a:buFont")).get("typeface") == frame.paras[0].set.bullet_face.name
    assert ppr.find(qn("a:buChar")).get("char") == "•"


def test_a_numbered_list_is_numbered_by_powerpoint_from_its_own_start(made):
    _, prs = made
    slide = slide_titled(prs, "도커 Docker")
    numbered = [p.find(qn("a:pPr")).find(qn("a:buAutoNum")) for sh in slide.shapes
                if sh.has_text_frame for p in sh.text_frame._txBody.findall(qn("a:p"))]
    starts = [n.get("startAt") for n in numbered if n is not None]
    assert starts == ["1", "2"]


def test_sizes_and_line_spacing_are_explicit_on_every_paragraph(made):
    deck, prs = made
    frame = body_frame(deck, "도커 Docker")
    p = body(prs, "도커 Docker").text_frame._txBody.find(qn("a:p"))
    pitch = p.find(qn("a:pPr")).find(qn("a:lnSpc")).find(qn("a:spcPts")).get("val")
    assert int(pitch) == round(frame.paras[0].line_pitch * 100)
    assert {rpr.get("sz") for _, rpr in runs(body(prs, "도커 Docker"))} <= {
        str(round(para.size * 100)) for para in frame.paras}


def test_the_title_goes_into_the_layouts_title_placeholder(made):
    _, prs = made
    title = slide_titled(prs, "도커 Docker").shapes.title
    assert title.is_placeholder and fonts(dict(runs(title))["도커 Docker"])[1] == "BM JUA"


def test_the_page_number_is_a_slide_number_field(made):
    _, prs = made
    slide = slide_titled(prs, "도커 Docker")
    number = next(sh for sh in slide.shapes if sh.name == "deckgen page number")
    field = number.text_frame._txBody.find(qn("a:p")).find(qn("a:fld"))
    assert field.get("type") == "slidenum"
    assert field.find(qn("a:t")).text == str(list(prs.slides).index(slide) + 1)


def test_code_is_one_unwrapped_box_in_the_code_face(made):
    _, prs = made
    code = next(sh for sh in slide_titled(prs, "도커 Docker").shapes if sh.name == "deckgen code")
    assert code.text_frame.text == "x = 1"
    assert code.text_frame._txBody.find(qn("a:bodyPr")).get("wrap") == "none"
    assert {fonts(rpr) for _, rpr in runs(code)} == {("NanumGothicCoding",) * 3}


def test_the_notes_page_is_the_pages_notes_in_the_notes_face(made):
    deck, prs = made
    for page, slide in zip(deck.slides, prs.slides):
        assert slide.notes_slide.notes_text_frame.text == page.notes.text()
    notes = prs.slides[1].notes_slide.notes_text_frame
    faces = {fonts(r.find(qn("a:rPr"))) for r in notes._txBody.iter(qn("a:r"))}
    assert faces == {(NOTES.name,) * 3}
    assert {r.find(qn("a:rPr")).get("sz") for r in notes._txBody.iter(qn("a:r"))} == {"1400"}


def test_a_picture_shown_twice_is_stored_once(made):
    _, prs = made
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                rid = shape._element.blipFill.find(qn("a:blip")).get(qn("r:embed"))
                parts.append(str(slide.part.related_part(rid).partname))
                alt = shape._element.find(qn("p:nvPicPr")).find(qn("p:cNvPr")).get("descr")
                assert alt == slide.shapes.title.text_frame.text  # the title: nothing else said
                assert shape.name == "Picture 그림.png"  # the file name names the shape only
                assert shape.image.size == (800, 450)
    assert len(parts) == 2 and len(set(parts)) == 1
    media = [p for p in prs.part.package.iter_parts() if str(p.partname).startswith("/ppt/media/")]
    assert len(media) == 1


def test_a_picture_that_cannot_be_shown_is_a_dashed_box_that_says_why(made):
    _, prs = made
    slide = slide_titled(prs, "없는 그림")
    box = next(sh for sh in slide.shapes if sh.name.startswith("Missing picture"))
    assert "없음.png" in box.text_frame.text and "not found" in box.text_frame.text
    assert box.line.dash_style is not None
    assert not any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in slide.shapes)


def test_a_templates_east_asian_font_goes_in_the_east_asian_slot():
    calibri = Face("Calibri", east_asian="맑은 고딕")
    frame = set_text(TextFrame(Rect(48, 120, 864, 60), (Para((Run("도커 Docker"),), 28, 34),),
                               calibri, TEXT), TECOTALK)
    page = PlacedSlide(SlideKind.CONTENT, TITLE_AND_CONTENT, "t", 1.0, False, None, (frame,),
                       PageNotes(Notes("노트"), "t", False, (), 1, 1, 600, "ko"))
    prs = write(Deck(960, 540, (page,)))
    shape = next(sh for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert {fonts(rpr) for _, rpr in runs(shape)} == {("Calibri", "맑은 고딕", "Calibri")}


def test_the_slide_is_the_decks_size():
    prs = write(Deck(960, 540, ()))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_the_builds_other_work_is_done_once_while_the_writer_waits_for_a_picture(tmp_path):
    """A cold build's main thread has work besides writing (the stamp's page origins): the
    writer does it the first time a picture is not encoded yet, instead of waiting idle."""
    from concurrent.futures import Future

    png(tmp_path / "그림.png", (800, 450), (30, 120, 200))
    note, _ = parse_note(Source(tmp_path / "n.md", NOTE))
    talk, _ = plan_talk(note, TalkOptions(fit=False))
    pictures, _ = pictures_for(talk, ImageFinder(tmp_path / "n.md", tmp_path), TECOTALK)
    deck, _ = lay_out(talk, pictures, Look(TECOTALK))
    pending: dict[str, Future] = {}
    for picture, width in picture_uses(deck):
        pending[picture.key] = Future()
        pending[picture.key].encoded = encode(picture, width, deck.width)  # type: ignore
    done: list[str] = []

    def meanwhile() -> None:  # the picture is encoded while the writer works on this
        done.append("meanwhile")
        for future in pending.values():
            future.set_result(future.encoded)  # type: ignore

    base = built_in(TECOTALK)
    Renderer(base, Look(TECOTALK), pending, meanwhile=meanwhile).render(deck)
    assert done == ["meanwhile"]  # once, although the picture is shown twice
    out = io.BytesIO()
    base.presentation.save(out)
    shown = [shape for slide in Presentation(out).slides for shape in slide.shapes
             if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(shown) == 2 and shown[0].image.size == (800, 450)

    ready = {key: future.result() for key, future in pending.items()}
    done.clear()
    Renderer(built_in(TECOTALK), Look(TECOTALK), ready, meanwhile=meanwhile).render(deck)
    assert done == []  # every picture ready: nothing waited for, the work is left to later


def test_rectangles_are_each_at_their_own_box_with_their_own_id_and_python_pptxs_xml():
    """The first rectangle of a fill and role is made by python-pptx, the rest are copies of
    it: each copy is at its own box with an id of its own, and otherwise the same XML."""
    import copy

    from lxml import etree

    from deckgen.look.units import emu

    text = set_text(TextFrame(Rect(48, 120, 864, 60), (Para((Run("도커 Docker"),), 28, 34),),
                              TECOTALK.body, TEXT), TECOTALK)
    bars = [[ShapeFrame(Rect(0, 530 - page, 960 - 90 * page, 10), ACCENT, "progress"),
             ShapeFrame(Rect(40, 100, 6, 60 + page), TEXT, "accent"), text,
             ShapeFrame(Rect(10 * page, 532, 200, 8), ACCENT, "progress")] for page in range(3)]
    pages = tuple(PlacedSlide(SlideKind.CONTENT, TITLE_AND_CONTENT, f"t{n}", 1.0, False, None,
                              tuple(frames), PageNotes(Notes("노트 notes"), "t", False, (), 1, 1,
                                                       600, "ko"))
                  for n, frames in enumerate(bars))
    prs = write(Deck(960, 540, pages))

    def plain(element):  # the XML without what is the shape's own: id and box
        element = copy.deepcopy(element)
        element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", "0")
        xfrm = element.find(qn("p:spPr")).find(qn("a:xfrm"))
        xfrm.find(qn("a:off")).attrib.update({"x": "0", "y": "0"})
        xfrm.find(qn("a:ext")).attrib.update({"cx": "0", "cy": "0"})
        return etree.tostring(element)

    made: dict[tuple[str, str], bytes] = {}
    for slide, frames in zip(prs.slides, bars):
        shapes = list(slide.shapes)
        assert len({shape.shape_id for shape in shapes}) == len(shapes)  # ids of their own
        rectangles = [shape for shape in shapes if shape.name.startswith("deckgen ")]
        wanted = [frame for frame in frames if isinstance(frame, ShapeFrame)]
        assert len(rectangles) == len(wanted) == 3
        for shape, frame in zip(rectangles, wanted):
            assert (shape.left, shape.top, shape.width, shape.height) == tuple(
                emu(v) for v in (frame.rect.x, frame.rect.y, frame.rect.w, frame.rect.h))
            assert shape.name == f"deckgen {frame.role}"
            assert shape.fill.fore_color.rgb == RGBColor.from_string(frame.fill)
            xml = plain(shape._element)
            assert made.setdefault((frame.fill, frame.role), xml) == xml
    assert len(made) == 2


@pytest.mark.parametrize("fixture", ["diagrams.md", "diagrams_en.md"])
def test_shape_ids_are_unique_on_slides_with_diagrams_as_the_writer_writes_them(fixture):
    """Slide shapes take counted ids, a diagram's grouped shapes searched ones: on a slide
    with both, no id is given twice (checked before the package step, which would renumber
    a repeated id and hide the mistake)."""
    from pathlib import Path

    from deckgen.layout.frames import DiagramFrame

    folder = Path(__file__).parent / "fixtures"
    note, _ = parse_note(Source(folder / fixture, (folder / fixture).read_text(encoding="utf-8")))
    talk, _ = plan_talk(note, TalkOptions(fit=False))
    pictures, _ = pictures_for(talk, ImageFinder(folder / fixture, folder), TECOTALK)
    deck, _ = lay_out(talk, pictures, Look(TECOTALK))
    with_diagram = [n for n, page in enumerate(deck.slides)
                    if any(isinstance(f, DiagramFrame) for f in page.frames)]
    assert with_diagram
    prs = write(deck)
    for n in with_diagram:
        ids = [int(v) for v in prs.slides[n].shapes._spTree.xpath(".//p:cNvPr/@id")]
        assert len(ids) == len(set(ids)) and len(ids) > 3
