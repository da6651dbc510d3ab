"""layout.code: Pygments tokens to (text, colour) pairs, one tuple per source line."""

from __future__ import annotations

from deckgen.layout.code import colour_of, highlight
from deckgen.theme import TECOTALK

PALETTE = TECOTALK.colors.code_palette
TEXT = TECOTALK.colors.text
COLOUR = dict(PALETTE)


def test_tokens_take_the_palettes_colours_and_plain_text_the_default():
    lines = highlight('# 주석 comment\ndef f(x):\n    return "문자"\n', "python", TEXT, PALETTE)
    assert lines[0] == (("# 주석 comment", COLOUR["Comment"]),)
    assert ("def", COLOUR["Keyword"]) in lines[1] and ("f", COLOUR["Name.Function"]) in lines[1]
    assert ('"문자"', COLOUR["Literal.String"]) in lines[2]
    assert (" ", TEXT) in lines[1]


def test_neighbouring_tokens_of_one_colour_are_one_piece():
    (line,) = highlight("a + b", "python", TEXT, PALETTE)
    assert "".join(text for text, _ in line) == "a + b"
    assert all(a[1] != b[1] for a, b in zip(line, line[1:]))


def test_one_tuple_per_source_line_blank_lines_included():
    code = "x = 1\n\ny = 2"
    lines = highlight(code, "python", TEXT, PALETTE)
    assert len(lines) == 3 and lines[1] == ()
    assert ["".join(t for t, _ in line) for line in lines] == code.split("\n")


def test_a_trailing_newline_is_an_empty_last_line():
    assert highlight("x = 1\n", "", TEXT, PALETTE) == [(("x = 1", TEXT),), ()]


def test_tabs_become_four_spaces():
    (line,) = highlight("\tcall()", "", TEXT, PALETTE)
    assert line == (("    call()", TEXT),)


def test_code_without_a_language_is_not_guessed():
    assert highlight("SELECT 1 -- 주석", "", TEXT, PALETTE) == [(("SELECT 1 -- 주석", TEXT),)]


def test_the_first_palette_entry_that_contains_a_token_wins():
    from pygments.token import Token

    assert colour_of(Token.Comment.Single, TEXT, PALETTE) == COLOUR["Comment"]
    assert colour_of(Token.Operator.Word, TEXT, PALETTE) == COLOUR["Operator.Word"]
    assert colour_of(Token.Operator, TEXT, PALETTE) == TEXT  # not listed: the default
    mine = (("Name", "111111"), ("Name.Function", "222222"))
    assert colour_of(Token.Name.Function, TEXT, mine) == "111111"
