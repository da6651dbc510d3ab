"""export.files: extras written beside the deck without ever replacing somebody else's file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from deckgen.errors import DeckgenError
from deckgen.export.files import PNG_MARK, refuse_foreign, temp_beside, write_extra, written_by_us

from conftest import png


def our_png(path: Path) -> Path:
    mark = PngImagePlugin.PngInfo()
    mark.add_text("Software", PNG_MARK)
    Image.new("RGB", (8, 8)).save(path, "PNG", pnginfo=mark)
    return path


def pdf(path: Path, creator: str | None) -> Path:
    from pypdf import PdfWriter  # pypdf loads only in the worker that runs these tests

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if creator:
        writer.add_metadata({"/Creator": creator})
    with open(path, "wb") as stream:
        writer.write(stream)
    return path


def test_a_previous_preview_and_our_pdfs_are_recognised(tmp_path: Path):
    assert written_by_us(our_png(tmp_path / "n.png"))
    assert written_by_us(pdf(tmp_path / "slides.pdf", "Impress"))
    assert written_by_us(pdf(tmp_path / "handout.pdf", "deckgen"))


def test_the_users_own_files_are_not(tmp_path: Path):
    assert not written_by_us(png(tmp_path / "사진.png", (8, 8)))
    assert not written_by_us(pdf(tmp_path / "논문.pdf", "LaTeX with hyperref"))
    assert not written_by_us(pdf(tmp_path / "plain.pdf", None))
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.4 truncated")
    assert not written_by_us(tmp_path / "damaged.pdf")
    (tmp_path / "notes.txt").write_text("deckgen", encoding="utf-8")
    assert not written_by_us(tmp_path / "notes.txt")
    assert not written_by_us(tmp_path / "absent.png")


def test_an_extra_is_written_and_replaces_its_previous_version(tmp_path: Path):
    target = our_png(tmp_path / "n.png")
    written = write_extra(target, lambda temp: our_png(temp))
    assert written == target and written_by_us(target)
    assert [p.name for p in tmp_path.iterdir()] == ["n.png"]  # no temp file left


def test_a_foreign_file_is_never_replaced(tmp_path: Path):
    target = png(tmp_path / "n.png", (8, 8))
    before = target.read_bytes()
    with pytest.raises(DeckgenError, match="did not write") as raised:
        write_extra(target, lambda temp: our_png(temp))
    assert raised.value.path == str(target) and target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["n.png"]


def test_a_symlink_is_refused_even_to_our_own_file(tmp_path: Path):
    ours = our_png(tmp_path / "real.png")
    link = tmp_path / "link.png"
    link.symlink_to(ours)
    with pytest.raises(DeckgenError, match="did not write"):
        refuse_foreign(link)


def test_a_failed_write_leaves_the_previous_file_and_no_temp(tmp_path: Path):
    target = our_png(tmp_path / "n.png")
    before = target.read_bytes()

    def fail(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise RuntimeError("LibreOffice crashed")

    with pytest.raises(RuntimeError):
        write_extra(target, fail)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["n.png"]


def test_a_temp_beside_its_target_is_short_named_and_removed_unless_renamed(tmp_path: Path):
    target = tmp_path / ("아주 긴 이름 " * 10 + ".pdf")
    with temp_beside(target, ".pdf") as temp:
        assert temp.parent == tmp_path and temp.exists() and temp.suffix == ".pdf"
        assert temp.name.startswith(".deckgen-") and len(temp.name) < 40
    assert not temp.exists()


def test_a_folder_that_is_not_there_is_one_line(tmp_path: Path):
    with pytest.raises(DeckgenError, match="cannot write to"):
        with temp_beside(tmp_path / "없는 폴더" / "n.pdf"):
            pass
