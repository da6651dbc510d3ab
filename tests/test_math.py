"""Math in notes: Obsidian's dollar rules, LaTeX as readable text, display math as a picture."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from PIL import Image

from deckgen.pictures.formula import FormulaPicture, formula_png
from deckgen.note.math import latex_to_text, math_plugin
from deckgen.note.obsidian import obsidian_plugin

INK = "212529"


def _md() -> MarkdownIt:
    """The dialect deckgen parses notes with, plus the math rules."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.use(obsidian_plugin).use(math_plugin)


def _inline(text: str) -> list[Token]:
    tokens = _md().parse(text)
    return [child for token in tokens if token.children for child in token.children]


def _math(text: str) -> list[tuple[str, str]]:
    return [(token.content, token.markup) for token in _inline(text)
            if token.type == "math_inline"]


def _plain(text: str) -> str:
    return "".join(token.content for token in _inline(text) if token.type == "text")


# -- parsing -----------------------------------------------------------------------------

def test_inline_math_inside_korean_sentence():
    tokens = _inline("시간 복잡도는 $O(n^2)$이다")
    assert [token.type for token in tokens] == ["text", "math_inline", "text"]
    assert tokens[0].content == "시간 복잡도는 "
    assert tokens[1].content == "O(n^2)"
    assert tokens[1].meta == {"text": "O(n²)", "display": False}
    assert tokens[2].content == "이다"


def test_inline_math_in_english_sentence():
    tokens = _inline("Merge sort runs in $O(n \\log n)$ time.")
    math = [token for token in tokens if token.type == "math_inline"]
    assert [token.content for token in math] == ["O(n \\log n)"]
    assert math[0].meta["text"] == "O(n log n)"


@pytest.mark.parametrize("text", [
    "가격은 $5와 $10이다",
    "It costs $5 and $10 today.",
    "echo $HOME 디렉터리",
    "costs $5",
    "$ x$ 와 $x $",  # space after the opening or before the closing dollar
    "합계 $x$5",  # a digit right after the closing dollar
])
def test_dollars_that_are_not_math_stay_text(text):
    assert _math(text) == []
    assert _plain(text) == text


def test_math_at_paragraph_start_when_paragraph_ends_with_digit():
    # mdit-py-plugins' dollarmath reads the paragraph's last character here.
    assert _math("$n$명 중 5") == [("n", "$")]
    assert _math("$x$ costs 5") == [("x", "$")]


def test_escaped_dollar_is_a_literal_dollar():
    assert _math(r"가격 \$5와 \$x\$") == []
    assert _plain(r"가격 \$5와 \$x\$") == "가격 $5와 $x$"
    assert _math(r"$a\$b$ 그리고") == [(r"a\$b", "$")]


def test_code_span_keeps_dollars_as_code():
    tokens = _inline("코드 `$x$` 와 code `$HOME`")
    assert [token.content for token in tokens if token.type == "code_inline"] == ["$x$", "$HOME"]
    assert not [token for token in tokens if token.type == "math_inline"]


def test_math_in_strikethrough_and_table():
    assert _math("~~$x^2$~~ 취소") == [("x^2", "$")]
    table = "| 연산 | 비용 |\n|---|---|\n| 검색 | $O(\\log n)$ |\n"
    assert _math(table) == [("O(\\log n)", "$")]


def test_display_math_inside_a_paragraph():
    tokens = _inline("공식 $$\\frac{a}{b}$$ 끝 and text")
    math = [token for token in tokens if token.type == "math_inline"]
    assert len(math) == 1
    assert math[0].content == "\\frac{a}{b}"
    assert math[0].markup == "$$"
    assert math[0].meta == {"text": "a/b", "display": True}


def _blocks(text: str) -> list[Token]:
    return [token for token in _md().parse(text) if token.type == "math_block"]


def test_display_math_block_on_own_lines_multi_line():
    note = "유도 과정:\n\n$$\n\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}\n$$\n\n다음 문단"
    blocks = _blocks(note)
    assert len(blocks) == 1
    assert blocks[0].content == "\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}"
    assert blocks[0].map == [2, 8]
    types = [token.type for token in _md().parse(note)]
    assert types.count("paragraph_open") == 2


def test_display_math_block_on_one_line_and_interrupting_a_paragraph():
    assert [token.content for token in _blocks("$$E = mc^2$$")] == ["E = mc^2"]
    tokens = _md().parse("정의는 다음과 같다\n$$\nx^2\n$$\n이어서")
    assert [token.type for token in tokens if token.block and token.nesting >= 0][:3] == [
        "paragraph_open", "inline", "math_block"]
    assert _blocks("Definition\n$$\nx^2\n$$")[0].content == "x^2"


def test_display_math_block_in_a_list_item():
    blocks = _blocks("- 항목\n\n  $$\n  \\sum_{i=1}^{n} i\n  $$\n")
    assert [token.content for token in blocks] == ["\\sum_{i=1}^{n} i"]


def test_unclosed_display_math_does_not_swallow_the_note():
    tokens = _md().parse("$$\nx\n\n# 제목\n")
    assert not [token for token in tokens if token.type == "math_block"]
    assert [token.type for token in tokens].count("heading_open") == 1


# -- LaTeX to text -----------------------------------------------------------------------

@pytest.mark.parametrize(("latex", "text"), [
    ("O(n^2)", "O(n²)"),
    ("O(n \\log n)", "O(n log n)"),
    ("\\frac{1}{\\sqrt{p}}", "1/√p"),
    ("x_i", "xᵢ"),
    ("a_{ij}", "aᵢⱼ"),
    ("\\alpha + \\beta", "α + β"),
    ("a \\le b", "a ≤ b"),
    ("a \\ge b", "a ≥ b"),
    ("a \\neq b", "a ≠ b"),
    ("a \\cdot b", "a · b"),
    ("a \\times b", "a × b"),
    ("n \\to \\infty", "n → ∞"),
    ("\\sum_{i=1}^{n} i", "∑ᵢ₌₁ⁿ i"),
    ("2^{10}", "2¹⁰"),
    ("\\mathbb{R}", "ℝ"),
    ("\\text{log}", "log"),
    ("\\text{노드 수}^2", "노드 수²"),
    ("\\frac{n+1}{2}", "(n+1)/2"),
    ("\\sum_{x \\in S} x", "∑(x ∈ S) x"),
    ("\\lim_{n \\to \\infty} f(n)", "lim(n → ∞) f(n)"),
    ("10^{-3}", "10⁻³"),
    ("x_{\\text{max}}", "xₘₐₓ"),
    ("f'(x)", "f′(x)"),
    ("\\binom{n}{k}", "C(n, k)"),
    ("x \\in \\{1, \\dots, n\\}", "x ∈ {1, …, n}"),
])
def test_latex_to_text_targets(latex, text):
    result = latex_to_text(latex)
    assert result == text
    if "\\{" not in latex:
        assert not set(result) & set("\\{}^_")


@pytest.mark.parametrize("latex", [
    "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
    "\\frac{\\frac{a}{b}}{c}",  # a nested fraction reads badly on one line
    "e^{i\\pi}",  # Unicode has no superscript π
    "T_{A}",  # nor a subscript A
    "\\unknownmacro{x}",
    "\\frac{a}{",  # malformed
    "a \\\\ b",  # several lines
    "",
])
def test_latex_to_text_gives_none_when_text_cannot_be_faithful(latex):
    assert latex_to_text(latex) is None


# -- display math to a picture -----------------------------------------------------------

FORMULAS = {
    "fraction": "\\frac{1}{\\sqrt{p}} + \\frac{a+b}{c}",
    "sum": "\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}",
    "aligned": "\\begin{aligned} T(n) &= 2T(n/2) + n \\\\ &= O(n \\log n) \\end{aligned}",
}


def _image(picture: FormulaPicture) -> Image.Image:
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG"
    assert image.size == (picture.width, picture.height)
    return image.convert("RGBA")


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_display_formula_is_a_transparent_png_cropped_to_its_ink(name):
    picture = formula_png(FORMULAS[name], INK, 24, 192)
    assert picture is not None
    assert picture.latex == FORMULAS[name]
    image = _image(picture)
    alpha = image.getchannel("A")
    assert alpha.getpixel((0, 0)) == 0  # transparent background
    left, top, right, bottom = alpha.getbbox() or (0, 0, 0, 0)
    assert left <= 1 and top <= 1  # tight: at most one spare pixel
    assert right >= image.width - 1 and bottom >= image.height - 1


def test_aligned_formula_is_two_lines_tall():
    one_line = formula_png("T(n) = 2T(n/2) + n", INK, 24, 192)
    two_lines = formula_png(FORMULAS["aligned"], INK, 24, 192)
    assert one_line is not None and two_lines is not None
    assert two_lines.height > 1.7 * one_line.height


def test_size_scales_with_points_and_pixels_with_dpi():
    small = formula_png(FORMULAS["sum"], INK, 18, 192)
    large = formula_png(FORMULAS["sum"], INK, 36, 192)
    sharp = formula_png(FORMULAS["sum"], INK, 18, 384)
    assert small is not None and large is not None and sharp is not None
    assert large.width == pytest.approx(2 * small.width, rel=0.05)
    assert large.height == pytest.approx(2 * small.height, rel=0.05)
    assert sharp.width == pytest.approx(2 * small.width, rel=0.05)
    assert sharp.width_pt == pytest.approx(small.width_pt, rel=0.05)
    # 36 pt text: the fraction and sum with limits stand well over one line tall
    assert 36 * 1.5 < large.height_pt < 36 * 5


@pytest.mark.parametrize("color", ["212529", "C0392B"])
def test_ink_has_the_colour_asked_for(color):
    picture = formula_png("\\frac{a}{b}", color, 40, 300)
    assert picture is not None
    image = _image(picture)
    data = image.tobytes()
    opaque = [tuple(data[i:i + 3]) for i in range(0, len(data), 4) if data[i + 3] == 255]
    assert opaque, "a fraction bar at 300 dpi has fully covered pixels"
    expected = tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))
    assert all(rgb == expected for rgb in opaque)


def test_same_formula_gives_the_same_bytes():
    first = formula_png(FORMULAS["aligned"], INK, 24, 192)
    second = formula_png(FORMULAS["aligned"], INK, 24, 192)
    assert first is not None and second is not None
    assert first.png == second.png
    chunks = _chunk_types(first.png)
    assert not chunks & {b"tIME", b"tEXt", b"iTXt", b"zTXt"}


def _chunk_types(png: bytes) -> set[bytes]:
    types, pos = set(), 8
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        types.add(png[pos + 4:pos + 8])
        pos += 12 + length
    return types


def test_mathjax_environments_and_bare_line_breaks_are_drawn():
    for latex in ("\\begin{align*} a &= b \\\\ &= c \\end{align*}",
                  "a = b \\\\ c = d",
                  "\\begin{equation} E = mc^2 \\label{eq:1} \\end{equation}",
                  "f(n) = \\begin{cases} 1 & n = 0 \\\\ n f(n-1) & n > 0 \\end{cases}"):
        assert formula_png(latex, INK, 24, 192) is not None, latex


@pytest.mark.parametrize("latex", [
    "\\frac{a}{",  # malformed
    "\\unknownmacro{x} + 1",  # would show its name
    "\\text{시간} = O(n^2)",  # the math font has no Hangul
    "   ",
])
def test_formula_that_cannot_be_drawn_faithfully_gives_none(latex):
    assert formula_png(latex, INK, 24, 192) is None


def test_bad_colour_is_a_programming_error():
    with pytest.raises(ValueError):
        formula_png("x", "#212529", 24, 192)


@pytest.mark.subprocess
def test_importing_formula_module_does_not_load_the_drawing_libraries():
    code = ("import sys, deckgen.pictures.formula, deckgen.note.math; "
            "print(sorted(m for m in ('matplotlib', 'ziamath', 'resvg_py', 'pylatexenc') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
