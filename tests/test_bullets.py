"""plan.bullets: text blocks to bullets, groups, comparisons, takeaways and boxes."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.model import KEY, Marks, Span
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.bullets import (MAX_BULLET, MAX_TAKEAWAY, Bullet, dedupe, elements_of,
                                  first_sentence, is_group_label, key_phrases, runs_of, unaccent)
from deckgen.plan.talk import Box, Bullets, Code, Columns, Run, TableData, text_of


def blocks(text: str):
    return list(parse_note(Source(Path("n.md"), text))[0].preamble)


def items(elements) -> list[tuple[str, int, str | None]]:
    return [(text_of(b.text), b.level, b.number) for e in elements if isinstance(e, Bullets)
            for b in e.items]


def test_bold_and_highlighted_phrases_of_prose_are_bullets_in_order():
    elements = elements_of(blocks("도커는 **컨테이너 도구**이고 ==가볍다==. 나머지는 설명.\n"), "ko")
    assert items(elements) == [("컨테이너 도구", 0, None), ("가볍다", 0, None)]


def test_a_bullet_that_is_all_key_phrase_carries_no_accent():
    (bullet,) = elements_of(blocks("**핵심 key phrase**\n"), "ko")[0].items
    assert not any(run.accent for run in bullet.text)


def test_a_key_phrase_inside_a_list_item_keeps_its_accent():
    (bullet,) = elements_of(blocks("- 도커는 **빠르고** 가볍다\n"), "ko")[0].items
    assert [(r.text, r.accent) for r in bullet.text] == [
        ("도커는 ", False), ("빠르고", True), (" 가볍다", False)]


def test_a_list_item_shows_its_leading_key_phrase_and_its_other_ones_beneath():
    elements = elements_of(blocks("1. **이미지**: 층으로 쌓이고 **읽기 전용**이다\n"
                                  "   - 하위 sub item\n2. 그냥 항목 plain\n"), "ko")
    assert items(elements) == [("이미지", 0, "1."), ("읽기 전용", 1, None), ("하위 sub item", 1, None),
                               ("그냥 항목 plain", 0, "2.")]


def test_a_parenthesis_delimited_list_keeps_its_numbers_as_written():
    assert [n for _, _, n in items(elements_of(blocks("1) 하나\n2) 둘\n"), "ko"))] == ["1)", "2)"]


def test_two_groups_of_text_alone_stand_side_by_side():
    (columns,) = elements_of(blocks("▶ 장점\n**빠르다**\n\n▶ 단점\n**복잡하다**\n"), "ko")
    assert isinstance(columns, Columns)
    assert [(text_of(g.label), [text_of(b.text) for b in g.bullets]) for g in columns.groups] == \
        [("장점", ["빠르다"]), ("단점", ["복잡하다"])]


def test_a_group_with_code_is_its_label_over_its_bullets_and_keeps_its_code_beside_it():
    elements = elements_of(blocks("▶ 장점\n**빠르다**\n\n```py\nx = 1\n```\n\n▶ 단점\n"
                                  "설명 문장입니다. 둘째 문장.\n"), "ko")
    assert [type(e) for e in elements] == [Bullets, Code, Bullets]
    assert items(elements[:1]) == [("장점", 0, None), ("빠르다", 1, None)]
    assert items(elements[2:]) == [("단점", 0, None), ("설명 문장입니다.", 1, None)]  # its first sentence


def test_four_groups_are_too_many_for_columns():
    text = "\n\n".join(f"▶ 그룹 {n}\n**요점 {n}**" for n in range(4)) + "\n"
    assert not any(isinstance(e, Columns) for e in elements_of(blocks(text), "ko"))


def test_a_sub_heading_or_marker_line_opens_a_group_but_a_long_one_does_not():
    assert is_group_label(blocks("■ 라벨 label\n")[0])
    assert not is_group_label(blocks("▶ " + "긴 라벨 " * 10 + "\n")[0])
    assert not is_group_label(blocks("보통 문장 ▶ 중간에\n")[0])


def test_a_callout_is_a_box_titled_in_the_talks_language():
    (box,) = elements_of(blocks("> [!warning]\n> 조심하세요. 정말로.\n"), "ko")
    assert isinstance(box, Box) and box.kind == "warning"
    assert text_of(box.title) == "주의" and [text_of(b.text) for b in box.items] == ["조심하세요."]
    (english,) = elements_of(blocks("> [!warning]\n> Careful. Really.\n"), "en")
    assert text_of(english.title) == "Warning"


def test_a_callouts_own_title_wins_and_a_quote_has_none():
    (titled,) = elements_of(blocks("> [!tip] 나만의 팁\n> **핵심**\n"), "ko")
    assert text_of(titled.title) == "나만의 팁"
    (quote,) = elements_of(blocks("> 인용문 quote\n"), "ko")
    assert quote.kind == "quote" and quote.title == ()


def test_a_table_keeps_its_cells_and_alignment():
    (table,) = elements_of(blocks("| 이름 | **값** |\n|:--|--:|\n| a | 1 |\n"), "ko")
    assert isinstance(table, TableData)
    assert [text_of(c) for c in table.header] == ["이름", "값"] and table.aligns == ("left", "right")
    assert table.header[1][0].accent


def test_elements_keep_the_notes_order():
    elements = elements_of(blocks("**앞**\n\n```sh\nls\n```\n\n**뒤**\n"), "ko")
    assert [type(e) for e in elements] == [Bullets, Code, Bullets]


def test_repeated_bullets_at_one_level_are_shown_once():
    out = dedupe([Bullet((Run("도커"),)), Bullet((Run(" 도커 "),)), Bullet((Run("도커"),), 1),
                  Bullet((Run("DOCKER"),)), Bullet((Run("docker"),)), Bullet((Run("  "),))])
    assert [(text_of(b.text), b.level) for b in out] == [("도커", 0), ("도커", 1), ("DOCKER", 0)]


def test_runs_of_turns_highlight_into_the_key_mark_and_breaks_into_spaces():
    runs = runs_of((Span("  앞 "), Span("강조", Marks(highlight=True)), Span("\n"), Span("뒤  ")))
    assert runs == (Run("앞 "), Run("강조", KEY), Run(" 뒤"))


def test_unaccent_only_touches_a_bullet_that_is_all_accent():
    assert unaccent((Run("a", KEY), Run("b", KEY))) == (Run("a"), Run("b"))
    mixed = (Run("a"), Run("b", KEY))
    assert unaccent(mixed) == mixed


def test_a_key_phrase_ending_in_a_colon_loses_it():
    assert [text_of(p) for p in key_phrases(blocks("**정의:** 컨테이너란\n"))] == ["정의"]


def test_a_very_long_key_phrase_is_cut_with_an_ellipsis():
    (phrase,) = key_phrases(blocks("**" + "긴 " * 200 + "끝**\n"))
    text = text_of(phrase)
    assert text.endswith("…") and len(text) <= MAX_BULLET + 2


def test_the_first_sentence_is_the_takeaway():
    assert text_of(first_sentence(blocks("첫 문장입니다. 둘째 문장입니다.\n"))) == "첫 문장입니다."
    assert first_sentence(blocks("```\ncode\n```\n")) == ()


def test_a_sentence_too_long_for_one_line_is_cut_at_a_word():
    words = " ".join(f"단어{n}" for n in range(80))
    text = text_of(first_sentence(blocks(words + "\n")))
    assert text.endswith(" …") and len(text) <= MAX_TAKEAWAY + 2
    assert words.startswith(text[:-2]) and words[len(text) - 2] == " "
