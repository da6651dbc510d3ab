"""look.template: a user's .pptx/.potx read into a Look before layout (the fixtures in
tests/fixtures/templates), and the templates that are refused with one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.errors import DeckgenError
from deckgen.look.template import open_presentation, read_template
from deckgen.plan.talk import LAYOUT_NAMES
from deckgen.theme import TECOTALK

from conftest import FIXTURES

TEMPLATES = FIXTURES / "templates"


@pytest.fixture(scope="module")
def looks():
    return {path.name: read_template(path, TECOTALK) for path in sorted(TEMPLATES.iterdir())}


def rewritten(source: Path, target: Path, change) -> Path:
    """A copy of a template with one member's bytes changed by `change(name, data)`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, change(item.filename, zin.read(item.filename)))
    return target


def test_the_templates_slide_size_and_content_boxes_become_the_geometry(looks):
    look, _ = looks["powerpoint-16x9.pptx"]
    geometry = look.geometry
    assert (geometry.width, geometry.height, geometry.margin) == (960, 540, 48)
    assert geometry.title_box.y < geometry.title_box.bottom <= geometry.body_box.y
    assert geometry.body_bottom == pytest.approx(geometry.body_box.bottom)
    narrow, _ = looks["powerpoint-4x3.pptx"]
    assert (narrow.geometry.width, narrow.geometry.margin) == (720, 36)


def test_the_templates_fonts_and_colours_with_our_sizes(looks):
    look, warnings = looks["powerpoint-16x9.pptx"]
    theme = look.theme
    assert (theme.heading.name, theme.heading.east_asian) == ("Calibri", "맑은 고딕")
    assert (theme.body.name, theme.body.east_asian_name) == ("Calibri", "맑은 고딕")
    assert (theme.colors.text, theme.colors.accent) == ("000000", "4F81BD")
    assert theme.sizes == TECOTALK.sizes and theme.code == TECOTALK.code
    assert not theme.progress_bar and not theme.heading_bold
    assert warnings == []


def test_every_name_deckgen_asks_for_is_the_templates_own_layout(looks):
    look, _ = looks["powerpoint-16x9.pptx"]
    assert [c.name for c in look.layouts] == list(LAYOUT_NAMES)
    assert not any(c.stand_in for c in look.layouts)
    assert look.layout_for("Two Content").shown == "Two Content"


def test_the_template_travels_as_bytes_for_render_to_open_again(looks):
    look, _ = looks["powerpoint-16x9.pptx"]
    assert look.template_path == str(TEMPLATES / "powerpoint-16x9.pptx")
    prs = Presentation(io.BytesIO(look.template))
    assert {layout.name for layout in prs.slide_layouts} >= {"Title Slide", "Title and Content"}


def test_a_potx_reads_like_the_pptx_it_was_saved_from(looks):
    potx, _ = looks["powerpoint-16x9.potx"]
    pptx, _ = looks["powerpoint-16x9.pptx"]
    assert potx.geometry == pptx.geometry and potx.layouts == pptx.layouts
    with zipfile.ZipFile(io.BytesIO(potx.template)) as package:
        types = package.read("[Content_Types].xml").decode()
    assert "presentation.main+xml" in types and "template.main+xml" not in types


def test_impress_layout_names_are_the_same_layouts_and_missing_ones_stand_in(looks):
    look, _ = looks["impress.pptx"]
    content = look.layout_for("Title and Content")
    assert (content.shown, content.stand_in) == ("Title, Content", False)
    section = look.layout_for("Section Header")
    assert (section.shown, section.stand_in) == ("Title Slide", True)
    assert look.layout_for("Comparison").shown == "Title, 2 Content"


def test_a_font_that_cannot_draw_hangul_is_replaced_for_hangul_with_one_warning(looks):
    look, warnings = looks["impress.pptx"]
    assert [w.message for w in warnings] == [
        "template font 'DejaVu Sans' has no Hangul glyphs; Hangul text is set in 'BM JUA'"]
    assert look.theme.heading.east_asian == ""  # Hangul falls to our face, which measures it
    assert look.theme.fallbacks[0] == TECOTALK.body


def test_a_missing_template_is_one_line(tmp_path: Path):
    with pytest.raises(DeckgenError, match="template not found"):
        read_template(tmp_path / "없는 템플릿.pptx", TECOTALK)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path):
    fake = tmp_path / "fake.pptx"
    fake.write_text("PowerPoint 아님", encoding="utf-8")
    with pytest.raises(DeckgenError, match="not a .pptx/.potx file"):
        read_template(fake, TECOTALK)


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path):
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("ppt/zeros.xml", b"\0" * (4 * 1024 * 1024))
    with pytest.raises(DeckgenError, match="zip bomb"):
        read_template(bomb, TECOTALK)


def test_a_zip_that_is_no_presentation_cannot_be_opened(tmp_path: Path):
    other = tmp_path / "other.pptx"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("hello.txt", "안녕")
    with pytest.raises(DeckgenError, match="cannot open template"):
        read_template(other, TECOTALK)


def test_an_unusable_slide_size_is_refused(tmp_path: Path):
    def tiny(name: str, data: bytes) -> bytes:
        return data.replace(b'cx="12192000"', b'cx="100"') if name == "ppt/presentation.xml" else data

    broken = rewritten(TEMPLATES / "powerpoint-16x9.pptx", tmp_path / "tiny.pptx", tiny)
    with pytest.raises(DeckgenError, match="slide size 100×6858000 EMU is not usable"):
        read_template(broken, TECOTALK)


def test_the_templates_own_slides_are_left_out(tmp_path: Path):
    prs = Presentation(str(TEMPLATES / "powerpoint-16x9.pptx"))
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "예시 슬라이드"
    path = tmp_path / "with slides.pptx"
    prs.save(str(path))
    opened, layouts, _ = open_presentation(path.read_bytes(), path)
    assert len(opened.slides) == 0 and "title slide" in layouts


def test_links_to_outside_files_are_dropped_with_a_warning(tmp_path: Path):
    prs = Presentation(str(TEMPLATES / "powerpoint-16x9.pptx"))
    prs.slide_layouts[0].part.relate_to("https://example.com/logo.png", RT.IMAGE, is_external=True)
    path = tmp_path / "linked.pptx"
    prs.save(str(path))
    opened, _, warnings = open_presentation(path.read_bytes(), path)
    assert [w.message for w in warnings] == [
        "template links to 1 outside file(s) from its masters or layouts; those links were dropped"]
    assert not any(rel.is_external for rel in opened.slide_layouts[0].part.rels.values())
