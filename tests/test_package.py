"""render.package: what Keynote and every other viewer need from the package, checked on
real python-pptx presentations before and after `make_portable`."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.render.package import (PRESENTATION_ORDER, SIZE_LIMIT, keynote_faults, make_portable,
                                    rename_fonts, size_warning)
from deckgen.theme import GOOGLE_FAMILIES, GOOGLE_FONTS

from conftest import FIXTURES


def saved(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def with_notes(prs=None):
    prs = prs or Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "도커"
    slide.notes_slide.notes_text_frame.text = "노트"  # python-pptx makes the notes master here
    return prs


def rules(deck: bytes) -> set[str]:
    return {fault.rule for fault in keynote_faults(deck)}


def children(prs) -> list[str]:
    return [etree.QName(c).localname for c in prs.part._element if isinstance(c.tag, str)]


def test_python_pptx_leaves_the_notes_master_unlisted_and_keynote_faults_says_so():
    assert "notes master not in notesMasterIdLst" in rules(saved(with_notes()))


def test_the_notes_master_is_listed_right_after_the_slide_masters():
    prs = with_notes()
    make_portable(prs)
    order = children(prs)
    assert order[order.index("sldMasterIdLst") + 1] == "notesMasterIdLst"
    ranks = [PRESENTATION_ORDER.index(name) for name in order if name in PRESENTATION_ORDER]
    assert ranks == sorted(ranks)
    listed = prs.part._element.find(qn("p:notesMasterIdLst"))
    (entry,) = listed
    assert prs.part.related_part(entry.get(qn("r:id"))) is prs.part.notes_master_part
    assert keynote_faults(saved(prs)) == []


def test_making_it_portable_twice_lists_the_master_once():
    prs = with_notes()
    make_portable(prs)
    make_portable(prs)
    assert len(prs.part._element.find(qn("p:notesMasterIdLst"))) == 1


def test_a_4_3_size_type_goes_from_a_wide_slide_and_stays_on_a_4_3_one():
    wide = with_notes()
    wide.slide_width, wide.slide_height = 12192000, 6858000
    assert "sldSz type screen4x3 on a slide that is not 4:3" in rules(saved(wide))
    make_portable(wide)
    assert "type" not in wide.part._element.find(qn("p:sldSz")).attrib
    square = with_notes()  # python-pptx's default: 10 x 7.5 in, really 4:3
    make_portable(square)
    assert square.part._element.find(qn("p:sldSz")).get("type") == "screen4x3"


def test_a_templates_printer_settings_are_dropped_with_their_content_type():
    prs = with_notes(Presentation(str(FIXTURES / "templates" / "powerpoint-16x9.pptx")))
    before = rules(saved(prs))
    assert {"printer settings part", "printer settings content type"} <= before
    make_portable(prs)
    after = saved(prs)
    assert keynote_faults(after) == []
    assert b"printerSettings" not in after


def test_repeated_shape_ids_get_the_next_free_ones():
    prs = with_notes()
    slide = prs.slides[0]
    for _ in range(2):
        slide.shapes.add_textbox(0, 0, 100, 100)
    ids = list(slide.shapes._spTree.iter(qn("p:cNvPr")))
    ids[2].set("id", ids[1].get("id"))
    ids[0].set("id", "0")
    assert any(rule.startswith("shape id") for rule in rules(saved(prs)))
    make_portable(prs)
    numbers = [int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr"))]
    assert len(set(numbers)) == len(numbers) and min(numbers) >= 1
    assert keynote_faults(saved(prs)) == []


def test_notes_need_a_master_and_the_master_a_theme():
    import zipfile

    prs = with_notes()
    make_portable(prs)
    blob = saved(prs)
    assert keynote_faults(blob) == []
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/notesMasters/_rels/"):
                data = data.replace(b"relationships/theme", b"relationships/nothing")
            broken.writestr(item, data)
    assert "no theme to inherit from" in rules(out.getvalue())


def theme_xml(prs) -> bytes:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return prs.slide_master.part.part_related_by(RT.THEME).blob


def test_fonts_are_renamed_for_google_slides_and_those_left_are_named():
    prs = with_notes()
    assert b'script="Hang"' in theme_xml(prs)
    run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    rpr = run._r.get_or_add_rPr()
    for slot, face in (("a:latin", "BM JUA"), ("a:ea", "BM JUA"), ("a:cs", "Comic Sans MS")):
        etree.SubElement(rpr, qn(slot), typeface=face)
    left = rename_fonts(prs, GOOGLE_FONTS, GOOGLE_FAMILIES)
    faces = {e.get("typeface") for e in rpr}
    assert faces == {"Jua", "Comic Sans MS"}
    assert "Comic Sans MS" in left and "Jua" not in left
    assert b'script="Hang"' not in theme_xml(prs)  # per-script theme fonts are dropped


def test_a_deck_within_the_limit_says_nothing():
    assert size_warning(SIZE_LIMIT, [("a.png", 10)]) is None


def test_a_heavy_deck_names_its_three_heaviest_pictures():
    warning = size_warning(150_000_000, [("작은.png", 1_000_000), ("큰.jpg", 90_000_000),
                                         ("중간.png", 20_000_000), ("b.png", 5_000_000)])
    assert warning.message == ("the deck is 150.0 MB, over 100.0 MB: many viewers and mail systems "
                               "refuse it; largest pictures: 큰.jpg (90.0 MB), 중간.png (20.0 MB), "
                               "b.png (5.0 MB)")
    assert size_warning(20, [], limit=10).message.endswith("largest pictures: none")


def _notes_theme_latin(deck_path) -> set[str]:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(deck_path))
    theme = etree.fromstring(prs.notes_master.part.part_related_by(RT.THEME).blob)
    return {e.get("typeface") for e in theme.iter(qn("a:latin"))}


@pytest.mark.parametrize("note", ["english.md", "bullets.md"])
def test_a_google_slides_deck_names_its_own_faces_in_the_notes_master_theme(note, tmp_path):
    from deckgen.build import build

    deck = tmp_path / "deck.pptx"
    build(FIXTURES / note, deck, {"for": "google-slides"}, vault=FIXTURES)
    faces = _notes_theme_latin(deck)
    assert faces and faces <= GOOGLE_FAMILIES
    assert not faces & {"Carlito", "Arimo", "Calibri", "Arial"}
