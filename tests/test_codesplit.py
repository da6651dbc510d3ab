"""layout.codesplit: code cut between statements across slides, long lines wrapped at token
ends with a continuation mark."""

from __future__ import annotations

from deckgen.layout.codesplit import CONTINUATION, MIN_CHUNK, chunks, halves, wrap_tokens

CODE = """class A {
    void a() {
        one();
        two();
    }
    void b() {
        three();
    }
}
class B {
    int x;
    int y;
}"""


def non_blank(piece: str) -> int:
    return sum(1 for line in piece.split("\n") if line.strip())


def test_chunks_put_the_code_back_together_exactly():
    assert "\n".join(chunks(CODE)) == CODE


def test_chunks_start_at_a_statement_and_hold_at_least_three_lines():
    pieces = chunks(CODE)
    assert len(pieces) >= 2
    assert all(non_blank(piece) >= MIN_CHUNK for piece in pieces)
    for piece in pieces:
        assert not piece.lstrip().startswith(("}", ")", "]"))  # never a box that opens with }
    assert pieces[-1].startswith("class B {")


def test_a_blank_line_is_a_place_to_cut():
    code = "\n".join(["x = 1", "y = 2", "z = 3", "", "a = 1", "b = 2", "c = 3"])
    assert chunks(code) == ["x = 1\ny = 2\nz = 3\n", "a = 1\nb = 2\nc = 3"]


def test_short_code_is_one_chunk():
    assert chunks("a()\nb()\nc()") == ["a()\nb()\nc()"]


def test_a_short_last_piece_joins_the_one_before():
    code = "\n".join(["a = 1", "b = 2", "c = 3", "d = 4", "", "e = 5"])
    pieces = chunks(code)
    assert pieces == [code]


def test_halves_cut_near_the_middle_at_the_best_line():
    first, second = halves(CODE)
    assert first + "\n" + second == CODE
    assert non_blank(first) >= MIN_CHUNK and non_blank(second) >= MIN_CHUNK
    assert second.startswith("class B {")  # the shallowest statement, not a closing brace


def test_halves_of_too_short_a_chunk_is_nothing():
    assert halves("a\nb\nc\nd\ne") == []


def width(ch: str) -> float:
    return 10.0  # every character 10 pt: rows are easy to count


def row_text(row) -> str:
    return "".join(text for text, _ in row)


def test_a_long_line_wraps_after_a_space_or_mark_within_the_box():
    line = (("    result = ", "111111"), ("compute(alpha, beta, gamma)", "222222"))
    rows = wrap_tokens(line, width, 200, "999999")
    assert len(rows) > 1
    assert all(len(row_text(row)) * 10 <= 200 for row in rows)
    assert rows[0] == (("    result = ", "111111"),)
    pieces = [row_text(row).split(CONTINUATION, 1)[1] for row in rows[1:]]
    assert "".join(pieces).replace(" ", "") == "compute(alpha,beta,gamma)"  # nothing lost
    assert all(piece.rstrip()[-1] in ",(" for piece in pieces[:-1])  # never inside a name


def test_a_continued_row_starts_with_the_mark_at_the_lines_indentation():
    rows = wrap_tokens((("    call(first_argument, second_argument)", "111111"),), width, 240,
                       "999999")
    for row in rows[1:]:
        assert row[0] == ("    " + CONTINUATION, "999999")
        assert row[1][1] == "111111"  # the code keeps its own colour


def test_only_a_token_wider_than_the_box_is_broken_inside():
    rows = wrap_tokens((("x" * 50, "111111"),), width, 200, "999999")
    assert row_text(rows[0]) == "x" * 20
    assert "".join(row_text(r).removeprefix(CONTINUATION) for r in rows) == "x" * 50


def test_a_line_that_fits_is_one_row_and_an_empty_line_one_empty_row():
    line = (("print(", "111111"), ("'안녕'", "222222"), (")", "111111"))
    assert wrap_tokens(line, width, 500, "999999") == [line]
    assert wrap_tokens((), width, 100, "999999") == [()]


def test_a_wrap_never_breaks_inside_a_dotted_name_when_a_space_is_there():
    line = (("docker run -v data:/data myorg/app.jar", "111111"),)
    rows = wrap_tokens(line, width, 330, "999999")
    texts = [row_text(row) for row in rows]
    assert len(texts) > 1
    assert not any(t.rstrip().endswith(("app.", "myorg/")) for t in texts[:-1]), texts
    assert "app.jar" in "".join(texts).replace(CONTINUATION, "")
