"""Fitting the talk to its minutes (plan/fit.py) and the code and closing rules with it.

Each check reads the laid-out deck of a fixture shaped like a real study note, by default
and with `--all`, and would fail if the rule broke."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.plan.talk import SlideKind, Bullets, TableData, text_of

from deckgen.build import prepare
from deckgen.layout.codesplit import CONTINUATION, chunks, wrap_tokens
from deckgen.layout.frames import CodeFrame, TextFrame
from deckgen.layout.measure import Measurer
from deckgen.layout.typeset import Typesetter
from deckgen.plan.codecut import GAP_MARK, telling_lines
from deckgen.note.obsidian import demo_in
from deckgen.plan.own import agenda_entries, closing_kind, short_entry

from conftest import FIXTURES

FITTED = ["interview_40", "java_class", "agenda_20", "own_closing"]


def _deck(name: str, **flags):
    return prepare(FIXTURES / f"{name}.md", flags, vault=FIXTURES)


def _h2s(name: str) -> list[str]:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return [m.group(1).strip() for m in re.finditer(r"^#{1,2} (.+)$", text, re.M)]


def _body_lines(prepared) -> list[tuple[str, int]]:
    ts = Typesetter(prepared.theme, Measurer())
    out = []
    for placed in prepared.deck.slides:
        if placed.kind.value != "content":
            continue
        lines = 0
        for frame in placed.frames:
            if isinstance(frame, TextFrame) and frame.role == "body":
                lines += sum(len(ts.lines(p, frame.rect.w - 0.1)) for p in frame.paras)
        out.append((placed.title_text, lines))
    return out


@pytest.mark.parametrize("name", FITTED)
def test_default_deck_fits_ten_minutes_and_keeps_every_heading(name: str) -> None:
    prepared = _deck(name)
    total = sum(s.seconds for s in prepared.deck.slides)
    assert total <= 10 * 60 + 0.5
    titles = {s.title_text for s in prepared.deck.slides} | {  # or a merged table's row
        text_of(row[0]) for s in prepared.deck.slides for e in s.shows
        if isinstance(e, TableData) for row in e.rows} | {  # or a merged list's lead
        text_of(b.text[:1]) for s in prepared.deck.slides for e in s.shows
        if isinstance(e, Bullets) for b in e.items if b.text and b.text[0].marks.bold}
    for heading in _h2s(name):
        if heading.startswith("LRU 캐시 직접"):  # the sole H1 is the talk's title
            continue
        assert heading in titles, heading


@pytest.mark.parametrize("name", FITTED)
def test_no_walls_no_long_chains_no_cut_sentences(name: str) -> None:
    prepared = _deck(name)
    for title, lines in _body_lines(prepared):
        assert lines <= 6, (title, lines)
    chain = 0
    for placed in prepared.deck.slides:
        chain = chain + 1 if placed.continued else 0
        assert chain <= 2, placed.title_text
        for element_text in _shown_texts(placed):
            assert "…" not in element_text.rstrip("…"), element_text


def _shown_texts(placed) -> list[str]:
    out = []
    for frame in placed.frames:
        if isinstance(frame, TextFrame) and frame.role == "body":
            out.extend("".join(r.text for r in p.runs) for p in frame.paras)
    return out


@pytest.mark.parametrize("name", FITTED)
def test_code_boxes_are_whole_statements_and_never_wrap_inside_a_token(name: str) -> None:
    prepared = _deck(name)
    for placed in prepared.deck.slides:
        for frame in placed.frames:
            if not isinstance(frame, CodeFrame):
                continue
            assert len(frame.lines) >= 3 or not placed.continued, placed.title_text
            rows = ["".join(t for t, _ in line) for line in frame.lines]
            for before, after in zip(rows, rows[1:]):
                if after.lstrip().startswith(CONTINUATION.strip()):
                    # a wrap: the row before ends at a token end
                    assert not (before[-1:].isalnum() and after.lstrip()[1:].lstrip()[:1]
                                .isalnum()), (before, after)


def test_all_keeps_everything_on_slides() -> None:
    fitted, full = _deck("interview_40"), _deck("interview_40", fit=False)
    assert sum(s.seconds for s in full.deck.slides) > 20 * 60
    assert len(full.deck.slides) > len(fitted.deck.slides)
    agenda = [s for s in full.deck.slides if s.title_text.startswith("목차")]
    assert sum(len(e.items) for s in agenda for e in s.shows) == 40
    fitted_agenda = next(s for s in fitted.deck.slides if s.title_text == "목차")
    qa = next(i for i, s in enumerate(fitted.deck.slides) if s.kind == SlideKind.CLOSING)
    chosen = next(w.message for w in fitted.warnings if "went to the backup" in w.message)
    backup = int(re.search(r"(\d+) went to the backup", chosen).group(1))
    # the agenda lists the talk path: five entries and "외 N개" for the rest of it
    assert [b.text[0].text for b in fitted_agenda.shows[0].items][-1] == f"외 {40 - backup - 5}개"
    assert any(s.title_text == "부록" for s in fitted.deck.slides[qa:])


def test_the_warning_block_names_what_moved_per_slide() -> None:
    warnings = [w.message for w in _deck("interview_40").warnings]
    block = next(m for m in warnings if m.startswith("fitted to 10:00"))
    assert "  '프로세스와 스레드' (line 8): 2 bullet(s) past 6 lines" in block
    assert "--all keeps everything" in block
    assert not any(m.startswith("fitted to") for m in
                   (w.message for w in _deck("interview_40", fit=False).warnings))


def test_moved_detail_stays_in_the_notes() -> None:
    prepared = _deck("interview_40")
    first = next(s for s in prepared.deck.slides if s.title_text == "프로세스와 스레드")
    assert "— 더 자세히 (시간이 남으면) —" in first.notes.text()
    assert "관련 개념과 비교해서 답하면 좋다." in first.notes.text()


def test_own_summary_and_references_are_the_closing_slides() -> None:
    prepared = _deck("own_closing")
    titles = [s.title_text for s in prepared.deck.slides]
    assert titles.count("정리") == 1 and titles.count("참고 자료") == 1
    agenda = next(s for s in prepared.deck.slides if s.title_text == "목차")
    entries = [b.text[0].text for b in agenda.shows[0].items]
    assert "정리" not in entries and "참고 자료" not in entries
    summary = next(s for s in prepared.deck.slides if s.title_text == "정리")
    assert summary.kind.value == "summary"
    assert closing_kind("## Summary".lstrip("# ")) == "summary"
    assert closing_kind("References") == "references" and closing_kind("TL;DR") == "summary"
    assert closing_kind("정리되지 않은 생각") == ""


def test_demo_time_is_reserved_in_its_section_and_not_shown() -> None:
    assert demo_in("%% demo 1:30 %%", 1).seconds == 90
    prepared = _deck("java_class")
    slide = next(s for s in prepared.deck.slides if s.title_text == "시간 복잡도")
    assert "▶ 데모 1:30" in slide.notes.text()
    assert slide.seconds >= 90
    assert "데모" not in "".join(_shown_texts(slide))


def test_long_code_shows_its_signatures_with_gap_marks() -> None:
    java = (FIXTURES / "java_class.md").read_text().split("```java\n")[1].split("```")[0]
    short = telling_lines(java.rstrip(), "java", 12)
    lines = short.split("\n")
    assert len(lines) <= 12 and GAP_MARK in short
    assert "public class LruCache<K, V> {" in lines
    python = "\n".join(["def first(a):"] + ["    a += 1"] * 20 + ["def second(b):"] +
                       ["    return b"] * 5)
    assert "def second(b):" in telling_lines(python, "python", 8)


def test_code_splits_between_statements_never_leaving_a_scrap() -> None:
    code = "int a = 1;\nint b = 2;\nint c = 3;\n\nvoid f() {\n    g();\n    h();\n}\n}"
    pieces = chunks(code)
    assert all(len([l for l in p.split("\n") if l.strip()]) >= 3 for p in pieces)
    assert "\n".join(pieces) == code


@pytest.mark.parametrize("text", [
    "String message = imageView.getVisibility() + anotherVeryLongIdentifierName;",
    "String 메시지 = 이미지뷰.가시성을_가져온다() + 아주_긴_다른_이름;",
])
def test_code_wraps_only_after_spaces_or_punctuation(text: str) -> None:
    rows = wrap_tokens(((text, "000000"),), lambda ch: 1.0 if ord(ch) < 128 else 2.0, 40.0,
                        "888888")
    joined = ["".join(t for t, _ in row) for row in rows]
    assert len(joined) > 1
    assert all(row.lstrip().startswith(CONTINUATION) for row in joined[1:])
    rebuilt = joined[0] + "".join(row.lstrip()[len(CONTINUATION):] for row in joined[1:])
    assert rebuilt.replace(" ", "") == text.replace(" ", "")
    for row in joined[:-1]:
        assert row[-1] in " .,;:()[]{}<>=+-*/%&|!?^~\"'", row


@pytest.mark.parametrize("text, limit", [
    ("해시 테이블과 충돌 해결 방법 - 체이닝과 개방 주소법 비교하기", 20),
    ("Hash tables and collisions - chaining versus open addressing", 24),
])
def test_agenda_entries_are_cut_at_a_boundary_without_an_ellipsis(text: str, limit: int) -> None:
    entry = short_entry(text, limit)
    assert len(entry) <= limit and "…" not in entry and text.startswith(entry)
    assert entry in text.split(" - ")[0]


def test_many_sections_make_one_agenda_slide_in_english_too() -> None:
    entries = agenda_entries([f"Topic {n}" for n in range(1, 21)], "en")
    assert len(entries) == 6 and entries[-1] == ("…", "and 15 more")


def test_link_puts_a_qr_code_that_decodes_to_it_on_the_last_slide(tmp_path: Path) -> None:
    import io

    import zxingcpp
    from PIL import Image
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from deckgen.build import build

    result = build(FIXTURES / "closing_link.md", tmp_path / "d.pptx", {}, vault=FIXTURES)
    last = Presentation(str(result.output)).slides[-1]
    images = [s for s in last.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(images) == 1
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(images[0].image.blob)))
    link = "https://github.com/deckgen-study/http-cache-notes"
    assert [code.text for code in decoded] == [link]
    texts = " ".join(s.text_frame.text for s in last.shapes if s.has_text_frame)
    assert link in texts.replace("\n", "") and "감사합니다" in texts  # a URL breaks only at /


def test_closing_summary_puts_the_summary_on_the_q_and_a_slide() -> None:
    prepared = _deck("closing_link")
    titles = [s.title_text for s in prepared.deck.slides]
    assert "정리" not in titles and titles[-1] == "감사합니다"
    last = prepared.deck.slides[-1]
    shown = " ".join(_shown_texts(last))
    assert "Cache-Control" in shown and "네트워크 왕복" in shown
    english = _deck("closing_link", language="en")
    assert english.deck.slides[-1].title_text == "Thank you"


def test_an_overrun_is_said_once_whether_fitted_or_not() -> None:
    fitted = prepare(FIXTURES / "interview_40.md", {"minutes": 1}, vault=FIXTURES)
    overruns = [w for w in fitted.warnings if "against 1:00" in w.message]
    assert not overruns  # the talk is chosen to fit: the rest is backup, said in one line
    chosen = [w for w in fitted.warnings if "went to the backup" in w.message]
    assert len(chosen) == 1 and "\n" not in chosen[0].message
    assert sum(s.seconds for s in fitted.deck.slides) <= 60.5
    kept = prepare(FIXTURES / "interview_40.md", {"minutes": 1, "fit": False}, vault=FIXTURES)
    overruns = [w for w in kept.warnings if "against 1:00" in w.message]
    assert len(overruns) == 1 and "costliest slides" in overruns[0].message


def test_the_fitting_report_names_the_biggest_moves_and_counts_the_rest() -> None:
    block = next(w.message for w in _deck("interview_40").warnings
                 if w.message.startswith("fitted to 10:00"))
    lines = block.split("\n")
    assert len(lines) <= 10
    assert lines[-1].startswith("  and ") and "deckgen outline" in lines[-1]


def test_picture_warnings_stay_when_fitting_moves_secondary_pictures(tmp_path: Path) -> None:
    from conftest import png
    png(tmp_path / "main.png")
    (tmp_path / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)  # corrupt
    for language, prose in (("ko", "도커는 컨테이너를 만들고 실행하는 도구이며 이미지는 층으로 쌓인다. " * 60),
                            ("en", "Docker builds and runs containers from layered images. " * 60)):
        note = tmp_path / f"{language}.md"
        note.write_text(f"## 그림\n{prose}\n\n![[main.png]]\n![[bomb.png]]\n"
                        "![remote](https://example.com/x.png)\n", encoding="utf-8")
        prepared = prepare(note, {"minutes": 1}, vault=tmp_path)
        shown = [p for s in prepared.deck.slides for p in s.pictures]
        assert [p.name for p in shown] == ["main.png"]  # fitting moved the other two
        said = " ".join(w.message for w in prepared.warnings)
        assert "'bomb.png'" in said and "'x.png' remote" in said
