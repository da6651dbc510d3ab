"""render.container: the .pptx zip written once, the same way every time."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from deckgen.render.container import FIXED_ZIP_TIME, write_package
from deckgen.render.template import built_in
from deckgen.theme import TECOTALK

from conftest import png


def presentation(tmp_path, with_picture: bool = True):
    base = built_in(TECOTALK)
    prs = base.presentation
    slide = prs.slides.add_slide(base.layouts["title only"])
    slide.shapes.title.text = "도커 Docker"
    if with_picture:
        slide.shapes.add_picture(str(png(tmp_path / "그림.png", (320, 180))), 0, 0)
    slide.notes_slide.notes_text_frame.text = "발표 노트 notes"
    return prs


def written(prs) -> bytes:
    out = io.BytesIO()
    write_package(prs, out)
    return out.getvalue()


def test_the_package_reopens_with_everything_in_it(tmp_path):
    blob = written(presentation(tmp_path))
    prs = Presentation(io.BytesIO(blob))
    (slide,) = prs.slides
    assert slide.shapes.title.text == "도커 Docker"
    assert slide.notes_slide.notes_text_frame.text == "발표 노트 notes"
    assert any(shape.shape_type == 13 for shape in slide.shapes)


def test_every_member_has_the_fixed_time_and_plain_permissions(tmp_path):
    with zipfile.ZipFile(io.BytesIO(written(presentation(tmp_path)))) as package:
        for info in package.infolist():
            assert info.date_time == FIXED_ZIP_TIME, info.filename
            assert info.external_attr >> 16 == 0o644


def test_pictures_are_stored_and_xml_is_deflated(tmp_path):
    with zipfile.ZipFile(io.BytesIO(written(presentation(tmp_path)))) as package:
        kinds = {info.filename: info.compress_type for info in package.infolist()}
    media = [name for name in kinds if name.startswith("ppt/media/")]
    assert media and all(kinds[name] == zipfile.ZIP_STORED for name in media)
    xml = [name for name in kinds if name.endswith((".xml", ".rels"))]
    assert all(kinds[name] == zipfile.ZIP_DEFLATED for name in xml)


def test_content_types_and_package_relationships_come_first(tmp_path):
    with zipfile.ZipFile(io.BytesIO(written(presentation(tmp_path)))) as package:
        names = package.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert len(names) == len(set(names))
        types = package.read("[Content_Types].xml").decode()
    assert "presentationml.slide+xml" in types and "image/png" in types


def test_the_same_deck_gives_the_same_bytes(tmp_path):
    assert written(presentation(tmp_path / "a", False)) == written(presentation(tmp_path / "b", False))


def test_every_relationship_file_is_the_bytes_python_pptx_writes(tmp_path):
    """rels_xml builds the .rels files itself; each is python-pptx's own serialization:
    internal targets relative to the part, links external, ids in number order."""
    from deckgen.render.container import rels_xml

    prs = presentation(tmp_path)
    slide = prs.slides[0]
    box = slide.shapes.add_textbox(0, 0, 100, 100)
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "링크 link"
    run.hyperlink.address = "https://example.com/도커?a=1&b=2"
    for _ in range(2, 12):  # rId10 after rId9, not after rId1
        prs.slides.add_slide(prs.slide_layouts[0])
    package = prs.part.package
    assert rels_xml(package._rels, "/") == package._rels.xml
    compared = 0
    for part in package.iter_parts():
        if part._rels:
            assert rels_xml(part.rels, part.partname.baseURI) == part.rels.xml, part.partname
            compared += 1
    assert compared >= 12
    assert b'TargetMode="External"' in rels_xml(slide.part.rels, slide.part.partname.baseURI)
    reopened = Presentation(io.BytesIO(written(prs)))
    assert len(reopened.slides) == 11


def test_parts_deflated_before_are_written_as_kept_and_give_the_same_bytes(tmp_path,
                                                                           monkeypatch):
    """A warm process keeps each part's deflated bytes: the next package deflates only the
    parts whose bytes changed, and is the package a fresh process writes, byte for byte."""
    import zlib

    import deckgen.render.container as container

    monkeypatch.setattr(container, "MIN_KEPT_BYTES", 0)  # every deflated part kept
    zipped = container.ZippedParts()
    prs = presentation(tmp_path)
    fresh = written(prs)
    first = io.BytesIO()
    write_package(prs, first, zipped)
    assert first.getvalue() == fresh

    deflated: list[int] = []
    real = zlib.compressobj

    def counted(*args):
        deflated.append(1)
        return real(*args)

    monkeypatch.setattr(container.zlib, "compressobj", counted)
    prs.slides[0].shapes.title.text = "도커 이미지 Docker images"  # one slide changed
    again = io.BytesIO()
    write_package(prs, again, zipped)
    assert len(deflated) == 1  # the edited slide; every other kept part as it was
    monkeypatch.setattr(container.zlib, "compressobj", real)
    assert again.getvalue() == written(prs)
    with zipfile.ZipFile(again) as package:
        assert package.testzip() is None
        assert "도커 이미지" in package.read("ppt/slides/slide1.xml").decode("utf-8")
