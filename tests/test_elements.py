"""ElementSetter: sizes, heights, splitting and placing slide elements, set directly."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest

from deckgen.layout.codesplit import CONTINUATION
from deckgen.layout.elements import ElementSetter
from deckgen.theme import TECOTALK

CODE_INSET = TECOTALK.gaps.code_inset
from deckgen.layout.frames import CodeFrame, Rect, TableFrame, TextFrame
from deckgen.layout.measure import Measurer
from deckgen.layout.typeset import DESCENT_ALLOWANCE, Typesetter
from deckgen.plan.talk import (Box, Bullet, Bullets, Code, Columns, Element, Group, Run,
                               TableData, Takeaway, Text, text_of)
from deckgen.theme import PLAIN, TECOTALK, Theme

from conftest import inside, overlap, requires_soffice

KO = "컨테이너는 호스트 운영체제의 커널을 공유하면서 프로세스를 격리하는 가벼운 실행 환경입니다"
EN = "A container shares the host kernel while isolating processes in a lightweight sandbox"
TEXTS = pytest.mark.parametrize("sentence", [KO, EN], ids=["ko", "en"])
SIZES = TECOTALK.sizes


def setter_for(theme: Theme) -> ElementSetter:
    return ElementSetter(Typesetter(theme, Measurer()))


@pytest.fixture(scope="module")
def es() -> ElementSetter:
    return setter_for(TECOTALK)


def text(value: str) -> Text:
    return (Run(value),)


def bullets(*lines: str) -> Bullets:
    return Bullets(tuple(Bullet(text(line)) for line in lines))


def box(sentence: str, count: int = 2) -> Box:
    return Box("note", text("참고 Note"), tuple(Bullet(text(sentence)) for _ in range(count)))


def columns(sentence: str, count: int = 2) -> Columns:
    return Columns(tuple(Group(text(f"열 {i} column"), (Bullet(text(sentence)),))
                         for i in range(count)))


def table(sentence: str, rows: int = 2) -> TableData:
    return TableData((text("구분 kind"), text("설명 description")),
                     tuple((text(f"항목 {i}"), text(sentence)) for i in range(rows)),
                     ("center", "right"))


def code(lines: int = 3, width: int = 30) -> Code:
    return Code("\n".join(f"x{i} = '{'a' * width}'  # 설명" for i in range(lines)), "python")


E = TypeVar("E")


def of_type(elements: list[Element], kind: type[E]) -> list[E]:
    """The elements, checked to be all of one kind (so a wrong kind fails the test)."""
    assert all(isinstance(e, kind) for e in elements)
    return [e for e in elements if isinstance(e, kind)]


# -- sizes ------------------------------------------------------------------------------

def test_min_size_is_the_themes_floor(es: ElementSetter):
    assert es.min_size(code()) == SIZES.code_min == 18
    for element in (bullets("가"), Takeaway(text("요점")), table(KO), box(EN), columns(EN)):
        assert es.min_size(element) == SIZES.body_min == 24


def test_code_follows_the_body_size_within_its_floor_and_cap(es: ElementSetter):
    assert es.size_for(code(), SIZES.body) == SIZES.code
    assert es.size_for(code(), SIZES.body - 1) == SIZES.code - 1
    assert es.size_for(code(), SIZES.body_min) == SIZES.code_min  # 20 - 4 = 16, floored
    assert es.size_for(code(), SIZES.body + 40) == SIZES.code_max
    for body in range(10, 80):
        assert SIZES.code_min <= es.size_for(code(), body) <= SIZES.code_max


def test_tables_are_set_at_most_at_table_size_and_text_at_body_size(es: ElementSetter):
    assert es.size_for(table(KO), 36) == SIZES.table
    assert es.size_for(table(KO), 10) == SIZES.body_min
    assert es.size_for(bullets("가"), 31) == 31
    assert es.size_for(Takeaway(text("a")), 31) == 31


# -- heights ----------------------------------------------------------------------------

@TEXTS
def test_heights_grow_with_more_text(es: ElementSetter, sentence: str):
    pairs: list[tuple[Element, Element]] = [
        (bullets(sentence), bullets(sentence, sentence, sentence)),
        (Takeaway(text(sentence)), Takeaway(text(sentence + " " + sentence))),
        (box(sentence, 1), box(sentence, 3)),
        (columns(sentence), Columns(tuple(replace(g, bullets=g.bullets * 3)
                                          for g in columns(sentence).groups))),
        (table(sentence, 1), table(sentence, 4)),
        (code(2), code(8))]
    for small, large in pairs:
        assert es.height(large, 600, 28) > es.height(small, 600, 28), small


@TEXTS
def test_heights_shrink_in_a_wider_box(es: ElementSetter, sentence: str):
    for element in (bullets(sentence, sentence), Takeaway(text(sentence * 2)), box(sentence),
                    columns(sentence), table(sentence)):
        narrow, wide = es.height(element, 420, 28), es.height(element, 864, 28)
        assert narrow > wide, element


def test_too_wide_when_columns_or_text_get_too_narrow(es: ElementSetter):
    three = columns(KO, 3)
    assert es.too_wide(three, 300, 28) and not es.too_wide(three, 864, 28)
    assert es.too_wide(bullets(EN), 100, 28) and not es.too_wide(bullets(EN), 200, 28)


# -- splitting --------------------------------------------------------------------------

def test_bullet_atoms_keep_sub_bullets_with_their_parent(es: ElementSetter):
    items = (Bullet(text("첫째 first")), Bullet(text("세부 detail"), level=1),
             Bullet(text("둘째 second")), Bullet(text("셋째 third")),
             Bullet(text("세부 a"), level=1), Bullet(text("세부 b"), level=1))
    atoms = of_type(es.atoms(Bullets(items)), Bullets)
    assert [len(a.items) for a in atoms] == [2, 1, 3]
    assert all(a.items[0].level == 0 for a in atoms)


def test_code_table_and_box_split_into_lines_rows_and_items(es: ElementSetter):
    short = code(4)  # splitting would leave boxes of one or two lines: it stays whole
    assert of_type(es.atoms(short), Code) == [short]
    source = code(12)
    pieces = of_type(es.atoms(source), Code)
    assert len(pieces) > 1 and all(a.language == "python" for a in pieces)
    assert "\n".join(a.text for a in pieces) == source.text
    assert all(len(a.text.split("\n")) >= 3 for a in pieces)  # never a box of 1–2 lines
    rows = of_type(es.atoms(table(KO, 3)), TableData)
    assert len(rows) == 3 and all(r.header == table(KO).header and len(r.rows) == 1 for r in rows)
    items = of_type(es.atoms(box(EN, 3)), Box)
    assert len(items) == 3 and all(len(i.items) == 1 and i.title == box(EN).title for i in items)
    assert es.atoms(Takeaway(text(KO))) == [Takeaway(text(KO))]
    assert es.atoms(columns(KO)) == [columns(KO)]


def test_joining_the_atoms_gives_the_element_back(es: ElementSetter):
    for element in (Bullets((*bullets(KO, EN).items, Bullet(text("하위"), level=1))),
                    code(5), table(EN, 3), box(KO, 3)):
        atoms = es.atoms(element)
        joined = atoms[0]
        for atom in atoms[1:]:
            result = es.join(joined, atom)
            assert result is not None
            joined = result
        assert joined == element


def test_unlike_atoms_do_not_join(es: ElementSetter):
    assert es.join(Code("a", "python"), Code("b", "bash")) is None
    assert es.join(table(KO), TableData((text("다른"), text("header")), ())) is None
    assert es.join(bullets("가"), code()) is None
    assert es.join(Takeaway(text("가")), Takeaway(text("나"))) is None
    assert es.join(box(KO), Box("warning", box(KO).title, ())) is None


# -- placing ----------------------------------------------------------------------------

@TEXTS
def test_bullets_are_placed_as_one_frame_as_tall_as_measured(es: ElementSetter, sentence: str):
    element = bullets(sentence, "짧은 항목 short")
    frames = es.place(element, 48, 120, 500, 28)
    assert len(frames) == 1 and isinstance(frames[0], TextFrame)
    frame = frames[0]
    assert frame.rect == Rect(48, 120, 500, es.height(element, 500, 28))
    assert [p.wraps for p in frame.paras] == [True, False]  # only the long one wraps
    assert frame.face == TECOTALK.body and all(p.size == 28 for p in frame.paras)


@TEXTS
def test_columns_sit_side_by_side_inside_the_width(es: ElementSetter, sentence: str):
    frames = es.place(columns(sentence, 3), 48, 120, 864, 28)
    region = Rect(48, 120, 864, 540 - 120)
    assert len(frames) == 3
    assert [f.rect.x for f in frames] == sorted(f.rect.x for f in frames)
    assert all(inside(f.rect, region) for f in frames)
    assert not any(overlap(a.rect, b.rect) for i, a in enumerate(frames) for b in frames[i + 1:])
    assert isinstance(frames[0], TextFrame)
    label = frames[0].paras[0]
    assert label.size == 30 and label.color == TECOTALK.colors.accent


def test_box_is_tinted_with_an_accent_title(es: ElementSetter):
    frame = es.place(box(KO), 48, 120, 600, 28)[0]
    assert isinstance(frame, TextFrame)
    assert frame.fill == TECOTALK.colors.tint and frame.border == TECOTALK.colors.accent
    assert frame.paras[0].color == TECOTALK.colors.accent and frame.paras[0].bullet is None
    assert all(p.bullet == "•" for p in frame.paras[1:])
    assert frame.rect.h == es.height(box(KO), 600, 28)


@TEXTS
def test_takeaway_is_aligned_as_asked(es: ElementSetter, sentence: str):
    frame = es.place(Takeaway(text(sentence)), 48, 120, 864, 28, align="ctr")[0]
    assert isinstance(frame, TextFrame) and frame.paras[0].align == "ctr"


def test_takeaway_size_follows_the_themes_takeaway_size():
    def takeaway_size(theme: Theme, size: float) -> float:
        frame = setter_for(theme).place(Takeaway(text("핵심 메시지 key point")), 0, 0, 864, size)[0]
        assert isinstance(frame, TextFrame)
        return frame.paras[0].size

    assert takeaway_size(TECOTALK, TECOTALK.sizes.body) == TECOTALK.sizes.takeaway
    assert takeaway_size(PLAIN, PLAIN.sizes.body) == PLAIN.sizes.takeaway
    # the ratios differ (36/28 vs 34/26), so at the same body size the sizes differ too
    assert takeaway_size(PLAIN, 28) == round(28 * 34 / 26, 1) != takeaway_size(TECOTALK, 28)
    bigger = replace(PLAIN, sizes=replace(PLAIN.sizes, takeaway=44))
    assert takeaway_size(bigger, PLAIN.sizes.body) == 44


# -- code -------------------------------------------------------------------------------

def test_short_code_keeps_the_size_asked_for(es: ElementSetter):
    assert es.code_size(Code("ls -la  # 목록", "bash"), 864, 20) == 20


def test_code_size_never_exceeds_what_the_longest_line_allows(es: ElementSetter):
    style = es.ts.code_style
    for width in (40, 50, 60):
        element = code(3, width)
        longest = max(element.text.split("\n"), key=len)
        size = es.code_size(element, 864, 28)
        assert SIZES.code_min < size < 28 and float(size * 2).is_integer()
        assert es.ts.measurer.width(longest, size, style, code=True) <= 864 - 2 * CODE_INSET
        # and it is the largest half point that fits
        assert es.ts.measurer.width(longest, size + 0.5, style, code=True) > 864 - 2 * CODE_INSET


def test_code_too_long_for_the_floor_is_set_at_the_floor_and_wrapped(es: ElementSetter):
    element = code(2, 200)
    assert es.code_size(element, 864, 20) == SIZES.code_min
    frame = es.place(element, 48, 120, 864, 20)[0]
    assert isinstance(frame, CodeFrame) and frame.size == SIZES.code_min
    assert len(frame.lines) > 2  # hard-wrapped rows
    inner = 864 - 2 * CODE_INSET
    for row in frame.lines:
        row_text = "".join(piece for piece, _ in row)
        drawn = es.ts.measurer.width(row_text, frame.size, es.ts.code_style, code=True)
        assert drawn <= inner + 0.01
    shown = "".join(piece for row in frame.lines for piece, _ in row)
    assert CONTINUATION in shown  # a wrapped row says it continues the line above
    assert shown.replace(CONTINUATION, "") == element.text.replace("\n", "")
    assert frame.rect.h == es.height(element, 864, 20)


def test_code_is_coloured_in_the_code_face(es: ElementSetter):
    frame = es.place(Code("def 함수():\n    return 1", "python"), 48, 120, 600, 20)[0]
    assert isinstance(frame, CodeFrame) and frame.face == TECOTALK.code
    colours = {colour for row in frame.lines for _, colour in row}
    assert len(colours) > 1  # the keyword is coloured apart from the name


# -- tables -----------------------------------------------------------------------------

@TEXTS
def test_table_is_placed_with_every_cell_set(es: ElementSetter, sentence: str):
    element = table(sentence, 3)
    frames = es.place(element, 48, 120, 864, 24)
    assert len(frames) == 1 and isinstance(frames[0], TableFrame)
    frame = frames[0]
    assert frame.header and len(frame.cells) == 4 and all(len(row) == 2 for row in frame.cells)
    assert [text_of(row[1].runs) for row in frame.cells] == ["설명 description"] + [sentence] * 3
    assert all(p.size == 24 for row in frame.cells for p in row)
    assert [p.align for p in frame.cells[1]] == ["ctr", "r"]
    assert sum(frame.col_widths) <= 864 + 0.5
    assert frame.rect.w == pytest.approx(sum(frame.col_widths))
    assert frame.rect.h == pytest.approx(sum(frame.row_heights))
    assert frame.rect.h == pytest.approx(es.height(element, 864, 24))
    assert frame.header_fill == TECOTALK.colors.table_header


@TEXTS
def test_a_table_too_wide_for_its_box_wraps_inside_its_columns(es: ElementSetter, sentence: str):
    element = TableData((), tuple((text(sentence), text(sentence), text("짧음")) for _ in range(2)))
    frame = es.place(element, 48, 120, 600, 24)[0]
    assert isinstance(frame, TableFrame) and not frame.header
    assert sum(frame.col_widths) <= 600 + 0.5
    assert frame.col_widths[2] < frame.col_widths[0]  # the short column gives way
    one_line = es.height(TableData((), ((text("가"), text("나"), text("다")),)), 600, 24)
    assert min(frame.row_heights) > one_line  # long cells took more than one line


def test_short_rows_get_empty_cells(es: ElementSetter):
    element = TableData((text("하나"), text("둘"), text("셋")), ((text("only"),),))
    frame = es.place(element, 0, 0, 600, 24)[0]
    assert isinstance(frame, TableFrame)
    assert [len(row) for row in frame.cells] == [3, 3] and frame.cells[1][2].runs == ()


def test_code_chunks_keep_every_line_once_in_order():
    """A block of one-line statements cuts into chunks of three or more, nothing lost or doubled."""
    from deckgen.layout.codesplit import chunks

    for count in range(1, 30):
        source = "\n".join(f"print('{i}번째 줄 line {i}')" for i in range(count))
        pieces = chunks(source)
        assert "\n".join(pieces) == source
        if len(pieces) > 1:
            assert all(len(p.split("\n")) >= 3 for p in pieces)


WIDE = {"ko": TableData(tuple(text(h) for h in ("기능", "검색엔진이름비교", "분산처리방식설명",
                                               "오타허용검색여부", "집계기능지원범위", "고가용성구성")),
                        ((text("검색"), text("전문검색지원"), text("샤드복제구성"), text("오타허용"),
                          text("집계지원"), text("레플리카구성방식")),)),
        "en": TableData(tuple(text(h) for h in ("Feature", "Elasticsearch", "OpenSearch",
                                               "Meilisearch", "Typesense", "Remarks")),
                        ((text("Search"), text("Aggregations"), text("Typo-tolerance"),
                          text("Faceting"), text("Shard/Replica"), text("Availability")),))}


def _pieces(cell: Text) -> set[str]:
    """What a cell may be broken into: its words, and their parts after a hyphen or slash."""
    import re
    return set(re.findall(r"[^\s/-]*[/-]+|[^\s/-]+", text_of(cell)))


@pytest.mark.parametrize("language", ["ko", "en"])
def test_table_cells_break_between_words_at_a_smaller_size_when_needed(es, language):
    element = WIDE[language]
    size = es.table_size(element, 864, 24)
    assert SIZES.table_min <= size < 24  # six long words do not fit at 24 pt, they do smaller
    (frame,) = es.place(element, 0, 0, 864, 24)
    assert isinstance(frame, TableFrame) and frame.cells[0][0].size == size
    for row in frame.cells:
        for para, width in zip(row, frame.col_widths):
            for line in es.ts.lines(para, width - 2 * TECOTALK.gaps.cell_x):
                pieces = _pieces(para.runs)
                assert all(piece in pieces for piece in _pieces((Run(line),))), \
                    f"{line!r} breaks inside a word of {text_of(para.runs)!r}"


def test_a_word_too_long_even_at_the_floor_breaks_as_the_last_resort(es):
    word = "가" * 30 + "Supercalifragilistic" * 2
    element = TableData((text("하나"), text("둘")), ((text(word), text(word)),))
    assert es.table_size(element, 600, 24) == SIZES.table_min
    (frame,) = es.place(element, 0, 0, 600, 24)
    assert sum(frame.col_widths) <= 600 + 0.5
    assert len(es.ts.lines(frame.cells[1][0], frame.col_widths[0] - 16)) > 1


def test_a_table_whose_words_fit_keeps_its_size(es):
    assert es.table_size(table(KO), 864, 24) == 24


@requires_soffice
def test_libreoffice_draws_every_word_of_a_wide_table_whole(tmp_path):
    """The PDF as printed: no word of a six-column table is cut over two lines."""
    import subprocess

    from deckgen.build import build
    from deckgen.export.pdf import convert

    words = {"ko": ["검색엔진이름비교", "분산처리방식설명", "레플리카구성방식"],
             "en": ["Elasticsearch", "Meilisearch", "Aggregations", "Availability"]}
    lines = ["## 비교 Comparison", ""]
    for language, element in WIDE.items():
        rows = [element.header, *element.rows]
        lines += ["| " + " | ".join(text_of(cell) for cell in row) + " |" for row in rows[:1]]
        lines += ["|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(text_of(cell) for cell in row) + " |" for row in rows[1:]]
        lines.append("")
    note = tmp_path / "wide.md"
    note.write_text("\n".join(lines), encoding="utf-8")
    deck = build(note, tmp_path / "wide.pptx", {"fit": False}, vault=tmp_path).output
    pdf = convert([deck], tmp_path)[0]
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout.split()
    for word in words["ko"] + words["en"]:
        assert word in printed, f"{word} is not printed whole"


def test_a_rows_height_is_its_cells_lines_as_drawn_not_with_the_text_box_margin(es):
    """Rows grow by themselves in a viewer whose font is wider; measured with the margin
    text boxes keep, a one-line row was drawn with the empty second line it was given."""
    element = TableData((text("항목 Item"), text("설명 Description")),
                        ((text("샤드와 레플리카 Shard/Replica"), text(KO)),
                         (text("Internationalization"), text(EN))))
    pad = TECOTALK.gaps.cell_x
    found = 0
    for width in range(400, 1200, 10):
        widths, heights = es._table_grid(element, width, 24)
        for row, height in zip(element.rows, heights[1:]):
            cells = [es._cell_para(cell, 24) for cell in row]
            drawn = max(len(es._drawn_lines(p, w - 2 * pad)) for p, w in zip(cells, widths))
            safe = max(len(es.ts.lines(p, w - 2 * pad)) for p, w in zip(cells, widths))
            assert drawn <= safe
            assert height == pytest.approx(drawn * cells[0].line_pitch + DESCENT_ALLOWANCE * 24
                                           + 2 * TECOTALK.gaps.cell_y, abs=0.01)
            found += drawn < safe
    assert found  # widths where the margin alone would have wrapped a cell


@requires_soffice
def test_libreoffice_draws_no_row_taller_than_it_was_measured(tmp_path):
    """Every word of every table lies inside the table's measured box in the PDF: no row
    grew past the lines it was given."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from layoutcheck import render

    from deckgen.build import build

    rows = ["| 항목 | 설명 |", "|---|---|"] + [
        f"| 항목{n} Item{n} | {'Shard/Replica 샤드와 레플리카 구성 ' * (n % 3 + 1)} |" for n in range(6)]
    note = tmp_path / "rows.md"
    note.write_text("## 표 Table\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    deck = build(note, tmp_path / "rows.pptx", {"fit": False}, vault=tmp_path).output
    report = render(deck, tmp_path / "out")
    assert report.faults == [], report.faults[:5]
