"""output: where a deck goes, and writing it without ever losing the note or another file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.output import output_path, write_atomically

DECK = b"PK\x05\x06" + b"\0" * 18  # an empty zip: enough to be recognised as a deck


def _zip_deck(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
    return path


def test_the_default_is_the_notes_name_in_build():
    assert output_path(Path("notes/도커 기초.md"), None) == Path("build/도커 기초.pptx")


def test_an_existing_folder_takes_the_notes_name(tmp_path: Path):
    assert output_path(Path("a/네트워크.md"), tmp_path) == tmp_path / "네트워크.pptx"


def test_a_name_ending_in_a_slash_or_without_suffix_is_a_folder():
    assert output_path(Path("n.md"), Path("out/")) == Path("out/n.pptx")
    assert output_path(Path("n.md"), Path("decks")) == Path("decks/n.pptx")


def test_a_file_name_is_used_as_it_is_and_the_suffix_follows_the_extra():
    assert output_path(Path("n.md"), Path("talk.pptx")) == Path("talk.pptx")
    assert output_path(Path("n.md"), None, ".pdf") == Path("build/n.pdf")


def test_a_deck_is_written_with_its_folder_readable_and_no_temp_left(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("## 제목\n", encoding="utf-8")
    target = tmp_path / "새 폴더" / "n.pptx"
    write_atomically(target, DECK, note)
    assert target.read_bytes() == DECK
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["n.pptx"]


def test_a_previous_deck_is_replaced(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    target = _zip_deck(tmp_path / "n.pptx")
    write_atomically(target, DECK, note)
    assert target.read_bytes() == DECK


def test_refuses_to_write_over_the_note_itself(tmp_path: Path):
    note = tmp_path / "n.pptx"  # a note oddly named: still never overwritten
    note.write_bytes(b"## my note")
    with pytest.raises(DeckgenError, match="over the note itself"):
        write_atomically(note, DECK, note)
    assert note.read_bytes() == b"## my note"


def test_refuses_a_markdown_target_even_when_it_does_not_exist(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    for name in ("other.md", "OTHER.Markdown"):
        with pytest.raises(DeckgenError, match="Markdown file name"):
            write_atomically(tmp_path / name, DECK, note)
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize("existing", ["notes.txt", "picture.png", "fake.pptx"])
def test_refuses_to_overwrite_a_file_that_is_not_a_deck(tmp_path: Path, existing: str):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    target = tmp_path / existing
    target.write_bytes(b"someone's file")  # fake.pptx: not a zip, so not a deck
    with pytest.raises(DeckgenError, match="not a deck") as raised:
        write_atomically(target, DECK, note)
    assert raised.value.path == str(target)
    assert target.read_bytes() == b"someone's file"


def test_refuses_to_write_through_a_symlink_even_to_a_deck(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    real = _zip_deck(tmp_path / "real.pptx")
    link = tmp_path / "link.pptx"
    link.symlink_to(real)
    before = real.read_bytes()
    with pytest.raises(DeckgenError, match="not a deck"):
        write_atomically(link, DECK, note)
    assert real.read_bytes() == before and link.is_symlink()


def test_refuses_a_folder_named_like_a_deck(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    (tmp_path / "d.pptx").mkdir()
    with pytest.raises(DeckgenError, match="not a deck"):
        write_atomically(tmp_path / "d.pptx", DECK, note)


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("x", encoding="utf-8")
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(DeckgenError, match="cannot write to") as raised:
        write_atomically(tmp_path / "a file" / "n.pptx", DECK, note)
    assert "\n" not in raised.value.format()
    assert (tmp_path / "a file").read_text(encoding="utf-8") == "not a folder"
