"""errors: warnings as values, one-line errors, paths a terminal can print."""

from __future__ import annotations

from deckgen.errors import BuildWarning, DeckgenError, internal_error, printable


def test_a_warning_names_the_file_its_line_and_the_slide_it_landed_on():
    warning = BuildWarning("그림을 찾을 수 없음 (image not found)", 12).at_slide(5, "placeholder on slide")
    assert warning.format("노트.md") == \
        "노트.md:12: warning: 그림을 찾을 수 없음 (image not found) (placeholder on slide 5)"


def test_a_warning_without_line_or_slide_names_only_the_file():
    assert BuildWarning("talk runs long").format("talk.md") == "talk.md: warning: talk runs long"


def test_at_slide_keeps_the_message_and_line_and_leaves_the_original_alone():
    original = BuildWarning("제목이 깁니다", 3)
    moved = original.at_slide(7)
    assert (moved.message, moved.line, moved.slide, moved.context) == ("제목이 깁니다", 3, 7, "slide")
    assert original.slide is None  # frozen: a new value, not a changed one
    assert moved.format("n.md").endswith("(slide 7)")


def test_an_error_is_one_line_with_as_much_place_as_is_known():
    assert DeckgenError("no such file", "노트.md", 4).format() == "노트.md:4: error: no such file"
    assert DeckgenError("no such file", "노트.md").format() == "노트.md: error: no such file"
    assert DeckgenError("unknown theme 'x'").format() == "error: unknown theme 'x'"


def test_an_error_is_an_exception_carrying_its_message():
    error = DeckgenError("템플릿이 없습니다", "t.pptx")
    assert isinstance(error, Exception) and str(error) == "템플릿이 없습니다"
    assert error.message == "템플릿이 없습니다"


def test_bytes_that_were_not_utf8_print_as_replacement_characters():
    # a name from a Korean zip decoded with surrogate escapes ("한" + a stray 0xff byte)
    name = b"\xed\x95\x9c\xff.md".decode("utf-8", "surrogateescape")
    shown = printable(name)
    assert shown == "한\ufffd.md"
    shown.encode("utf-8")  # printable: no surrogate left
    assert DeckgenError("x", name).format() == "한\ufffd.md: error: x"
    assert BuildWarning("x").format(name).startswith("한\ufffd.md:")


def test_a_clean_path_prints_unchanged():
    assert printable("notes/도커 Docker.md") == "notes/도커 Docker.md"


def test_a_lone_surrogate_no_decoding_makes_still_prints():
    printable("\ud800x.md").encode("utf-8")  # never raises


def test_an_internal_error_is_one_line_naming_the_exception_with_its_detail_cut():
    line = internal_error("n.md", ValueError("첫 줄\n   둘째 줄 " + "x" * 500))
    assert "\n" not in line
    assert line.startswith("n.md: error: deckgen failed (ValueError: 첫 줄 둘째 줄 x")
    assert line.endswith("); please report this with the note")
    detail = line.split("ValueError: ", 1)[1].split(");", 1)[0]
    assert len(detail) == 160


def test_an_internal_error_says_the_tail_it_is_given():
    assert internal_error("n.md", KeyError("k"), "try again").endswith("(KeyError: 'k'); try again")
