"""plan.own: the note's own closing sections, and agenda and summary lines made short."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.own import (AGENDA_MAX, ENTRY_CHARS, MAX_SUMMARY, agenda_entries, closing_kind,
                              leading_pieces, own_summary_slide, short_entry)
from deckgen.plan.talk import Bullets, SlideKind, text_of


def blocks(text: str):
    return parse_note(Source(Path("n.md"), text))[0].preamble


def shown(slide) -> list[str]:
    return [text_of(b.text) for e in slide.body if isinstance(e, Bullets) for b in e.items]


@pytest.mark.parametrize("title", ["정리", "요약:", "3. 마무리", "🎯 Summary", "TL;DR", "핵심 정리",
                                   "Wrap-up!"])
def test_a_summary_section_is_known_by_its_title(title: str):
    assert closing_kind(title) == "summary"


@pytest.mark.parametrize("title", ["참고 자료", "참고자료", "References", "1) 출처", "links："])
def test_a_references_section_is_known_by_its_title(title: str):
    assert closing_kind(title) == "references"


@pytest.mark.parametrize("title", ["정리하며 느낀 점", "도커 요약본 만들기", "Summary of Docker", ""])
def test_a_title_that_only_mentions_a_summary_is_a_topic(title: str):
    assert closing_kind(title) == ""


def test_a_short_entry_is_left_as_it_is_with_spaces_folded():
    assert short_entry("  도커   이미지  ") == "도커 이미지"


def test_a_long_entry_keeps_its_first_sentence():
    entry = short_entry("도커란 무엇인가? 컨테이너와 가상 머신의 차이, 그리고 이미지와 레이어를 "
                        "자세히 알아본다")
    assert entry == "도커란 무엇인가?"


def test_a_long_entry_keeps_its_head_before_a_dash_colon_or_parenthesis():
    assert short_entry("컨테이너 이미지 레이어 (Union File System과 Copy-on-Write 전략 설명)") == \
        "컨테이너 이미지 레이어"
    assert short_entry("Networking: bridge, host and overlay drivers compared in detail") == \
        "Networking"


@pytest.mark.parametrize("text", [
    "이미지를 빌드합니다, 레지스트리에 푸시합니다, 서버에서 컨테이너로 실행합니다",
    "Build the image, push it to the registry, then run it on every server we have",
    "여러 단어로 이루어진 아주 긴 제목이지만 구두점이 하나도 없어서 단어로 잘라야 하는 경우",
])
def test_a_long_entry_is_cut_at_a_clause_or_word_never_mid_word(text: str):
    entry = short_entry(text)
    assert len(entry) <= ENTRY_CHARS
    assert text.startswith(entry.rstrip(",")) and text[len(entry)] in " ,"
    assert not entry.endswith((",", " ")) and "…" not in entry


def test_one_long_word_is_left_whole_for_the_slide_to_wrap():
    word = "Supercalifragilisticexpialidocious" * 2
    assert short_entry(word) == word


def test_leading_pieces_always_keep_the_first():
    assert leading_pieces(["아주아주아주긴첫조각", "둘"], 3) == "아주아주아주긴첫조각"
    assert leading_pieces(["하나,", "둘,", "셋"], 6) == "하나, 둘"


def test_a_few_agenda_items_are_numbered_in_full():
    assert agenda_entries(["도커", "이미지", "컨테이너"], "ko") == [
        ("1.", "도커"), ("2.", "이미지"), ("3.", "컨테이너")]


def test_many_agenda_items_end_with_how_many_more_in_the_talks_language():
    korean = agenda_entries([f"장 {n}" for n in range(1, 10)], "ko")
    assert len(korean) == AGENDA_MAX and korean[-1] == ("…", "외 4개")
    assert korean[-2] == ("5.", "장 5")
    assert agenda_entries([f"part {n}" for n in range(7)], "en")[-1] == ("…", "and 2 more")


def test_the_notes_own_summary_bullets_are_the_summary_slide():
    slide = own_summary_slide("마무리", blocks("- 도커는 가볍다\n- 이미지는 층이다\n"), 12, "ko")
    assert slide.kind == SlideKind.SUMMARY and slide.title == "마무리" and slide.line == 12
    assert shown(slide) == ["도커는 가볍다", "이미지는 층이다"]
    assert slide.notes.script == "• 도커는 가볍다\n• 이미지는 층이다"
    assert slide.seconds > 0


def test_a_prose_summary_shows_one_bullet_per_sentence():
    slide = own_summary_slide("", blocks("도커는 가볍습니다. 이미지는 층으로 쌓입니다! Is it fast?\n"),
                              3, "ko")
    assert slide.title == "정리"
    assert shown(slide) == ["도커는 가볍습니다.", "이미지는 층으로 쌓입니다!", "Is it fast?"]


def test_a_summary_shows_at_most_six_bullets_and_shortens_long_plain_ones_at_clauses():
    items = "\n".join(f"- 요점 {n}" for n in range(9))
    long_clauses = ("요약 슬라이드의 문장은 짧아야 합니다, 그래야 청중이 한눈에 읽고 발표자의 말에 다시 "
                    "귀를 기울일 수 있습니다")
    long_plain = "이 문장은 요약 슬라이드에 그대로 올리기에는 너무 길지만 끊을 절이 없는 평범한 한 문장입니다"
    long_key = "**이 굵은 핵심 문구는 작성자가 직접 강조한 것이므로 길더라도 절대로 자르지 않고 둡니다**"
    slide = own_summary_slide("", blocks(f"- {long_clauses}\n- {long_plain}\n- {long_key}\n{items}\n"),
                              1, "ko")
    bullets = shown(slide)
    assert len(bullets) == MAX_SUMMARY
    assert bullets[0] == "요약 슬라이드의 문장은 짧아야 합니다"  # whole clauses
    assert bullets[1] == long_plain  # never cut inside a clause: it wraps
    assert bullets[2] == long_key.strip("*")
    assert "요점 8" in slide.notes.script  # everything stays in the notes


def test_a_long_english_summary_item_keeps_whole_clauses():
    item = ("Containers share the host kernel, so they start in milliseconds and use far less "
            "memory than virtual machines")
    slide = own_summary_slide("", blocks(f"- {item}\n- short\n"), 1, "en")
    assert shown(slide)[0] == "Containers share the host kernel"


def test_an_empty_summary_section_is_a_title_only_summary():
    slide = own_summary_slide("", (), 1, "en")
    assert slide.title == "Summary" and slide.body == ()
