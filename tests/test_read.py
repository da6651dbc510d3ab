from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.note.read import decode_note, read_note


def test_utf8_with_bom_and_crlf_reads_as_plain_lf():
    text = decode_note("\ufeff# 제목\r\n본문\r\n".encode("utf-8"), "n.md")
    assert text == "# 제목\n본문\n"


def test_old_mac_line_endings_become_lf():
    assert decode_note(b"a\rb\r", "n.md") == "a\nb\n"


def test_control_characters_xml_cannot_hold_are_removed():
    text = decode_note("a\x00b\x07c\x1bd\ufffe".encode("utf-8"), "n.md")
    assert text == "abcd"


def test_no_break_spaces_become_spaces_so_text_can_wrap():
    assert decode_note("읽기\u00a0전용".encode("utf-8"), "n.md") == "읽기 전용"


def test_cp949_is_refused_with_the_fix():
    with pytest.raises(DeckgenError) as error:
        decode_note("도커 컨테이너 이미지".encode("cp949"), "n.md")
    assert "CP949" in error.value.message and "iconv" in error.value.message


def test_utf16_is_refused():
    with pytest.raises(DeckgenError) as error:
        decode_note("# Title\nbody".encode("utf-16"), "n.md")
    assert "UTF-16" in error.value.message


def test_binary_is_refused():
    with pytest.raises(DeckgenError):
        decode_note(bytes(range(256)) * 4, "n.md")


def test_missing_file_and_folder_are_one_line_errors(tmp_path: Path):
    with pytest.raises(DeckgenError) as missing:
        read_note(tmp_path / "nope.md")
    assert missing.value.format() == f"{tmp_path / 'nope.md'}: error: no such file"
    with pytest.raises(DeckgenError) as folder:
        read_note(tmp_path)
    assert "folder" in folder.value.message


def test_read_at_most_stops_one_byte_past_the_limit_whatever_the_file_claims(tmp_path):
    import os

    from deckgen.note.read import read_at_most

    path = tmp_path / "노트.md"
    path.write_bytes("가".encode() * 10)  # 30 bytes
    for limit, expected in ((30, "가".encode() * 10), (29, None)):
        handle = os.open(path, os.O_RDONLY)
        try:
            assert read_at_most(handle, limit) == expected
        finally:
            os.close(handle)
    reader, writer = os.pipe()  # a pipe claims no size: only reading tells
    os.write(writer, b"x" * 100)
    os.close(writer)
    try:
        assert read_at_most(reader, 99) is None
    finally:
        os.close(reader)
