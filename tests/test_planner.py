"""plan.planner: the shape of a talk from a note (title, agenda, chapters, summary,
references, thanks), its options, and the warnings it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.note.model import Link
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.ending import reference_title
from deckgen.plan.planner import MAX_SLIDES, TalkOptions, budget_warning, plan_talk, shorten
from deckgen.plan.talk import Bullets, QrCode, SlideKind, text_of

TWO_CHAPTERS = """# 도커
## 이미지
**층**으로 쌓입니다.
# 컨테이너
## 실행
**격리**된 프로세스입니다. [공식 문서](https://docs.docker.com)
"""


def plan(text: str, name: str = "n.md", **options):
    note, _ = parse_note(Source(Path(name), text))
    return plan_talk(note, TalkOptions(**options))


def kinds(talk) -> list[str]:
    return [slide.kind.value for slide in talk.slides]


def shown(slide) -> list[str]:
    return [text_of(b.text) for e in slide.body if isinstance(e, Bullets) for b in e.items]


def test_a_talk_runs_title_agenda_chapters_summary_references_thanks():
    talk, warnings = plan(TWO_CHAPTERS)
    assert kinds(talk) == ["title", "agenda", "section", "content", "section", "content",
                           "summary", "references", "closing"]
    assert warnings == []
    assert [s.title for s in talk.slides if s.kind == SlideKind.CONTENT] == ["이미지", "실행"]
    assert talk.sections == ("도커", "컨테이너")


def test_the_words_deckgen_adds_follow_the_notes_language():
    korean, _ = plan(TWO_CHAPTERS)
    assert korean.language == "ko"
    assert [korean.slides[i].title for i in (1, -3, -2, -1)] == ["목차", "정리", "참고 자료", "감사합니다"]
    assert korean.slides[-1].subtitle == ("Q&A",)
    english, _ = plan("## Docker\nA container is an isolated process. **Isolation** matters.\n")
    assert english.language == "en" and english.slides[-1].title == "Thank you"


def test_the_language_option_wins_over_the_notes_text():
    talk, _ = plan(TWO_CHAPTERS, language="en")
    assert talk.language == "en" and talk.slides[1].title == "Agenda"


def test_the_title_slide_greets_in_the_talks_language_with_the_speaker():
    talk, _ = plan(TWO_CHAPTERS, speaker="검프", event="테코톡", date="2024-05-08")
    title = talk.slides[0]
    assert title.kind == SlideKind.TITLE and title.title == "검프의 N"
    assert title.subtitle == ("테코톡", "2024-05-08")
    assert title.notes.script.startswith("안녕하세요, 검프입니다. 오늘은 N에 대해")


def test_the_summary_names_each_chapter_with_its_key_phrase():
    talk, _ = plan(TWO_CHAPTERS)
    summary = next(s for s in talk.slides if s.kind == SlideKind.SUMMARY)
    assert shown(summary) == ["도커  층으로 쌓입니다", "컨테이너  격리된 프로세스입니다"]  # claims
    assert [r.accent for r in summary.body[0].items[0].text] == [True, False]


def test_the_notes_own_summary_replaces_the_generated_one():
    talk, _ = plan(TWO_CHAPTERS + "# 정리\n- 도커는 가볍다\n- 이미지는 층이다\n")
    summaries = [s for s in talk.slides if s.kind == SlideKind.SUMMARY]
    assert len(summaries) == 1 and shown(summaries[0]) == ["도커는 가볍다", "이미지는 층이다"]
    assert "정리" not in [s.title for s in talk.slides if s.kind == SlideKind.SECTION]


def test_links_make_a_references_slide_each_linking_to_its_page():
    talk, _ = plan(TWO_CHAPTERS)
    references = next(s for s in talk.slides if s.kind == SlideKind.REFERENCES)
    (bullet,) = references.body[0].items
    assert bullet.text[0].link == "https://docs.docker.com"
    assert references.notes.script == "공식 문서 (docs.docker.com)\nhttps://docs.docker.com"


def test_closing_summary_puts_the_summary_on_the_last_slide_instead():
    talk, _ = plan(TWO_CHAPTERS, closing="summary")
    assert SlideKind.SUMMARY not in [s.kind for s in talk.slides]
    closing = talk.slides[-1]
    assert shown(closing) == ["도커  층으로 쌓입니다", "컨테이너  격리된 프로세스입니다"]
    assert closing.notes.script.endswith("들어 주셔서 감사합니다. 궁금한 점이 있으면 편하게 질문해 주세요.")


def test_a_link_is_shown_on_the_last_slide_with_its_qr_code():
    talk, _ = plan(TWO_CHAPTERS, link="https://github.com/me/도커-발표")
    closing = talk.slides[-1]
    assert closing.subtitle[-1] == "https://github.com/me/도커-발표"
    assert closing.pictures == (QrCode("https://github.com/me/도커-발표"),)


def test_a_note_without_content_is_a_title_and_thanks_with_a_warning():
    talk, warnings = plan("", name="빈 노트.md")
    assert kinds(talk) == ["title", "closing"]
    assert talk.title == "빈 노트"
    assert [w.message for w in warnings] == [
        "the note has no content; the deck has only a title and a closing slide"]


def test_intro_prose_goes_to_the_title_slides_notes_and_intro_bullets_get_a_slide():
    prose, _ = plan("이 발표는 도커를 다룹니다.\n\n## 이미지\n**층**\n")
    assert "이 발표는 도커를 다룹니다." in prose.slides[0].notes.script
    assert kinds(prose) == ["title", "content", "closing"]
    bullets, _ = plan("**도커는 도구다**\n\n## 이미지\n**층**\n", title="도커")
    assert kinds(bullets)[:2] == ["title", "content"] and bullets.slides[1].title == "도커 (개요)"  # told apart from the title slide


def test_too_many_slides_is_an_error_that_says_to_split_the_note():
    text = "".join(f"## {n}\n" for n in range(MAX_SLIDES + 1))  # each heading is a slide
    with pytest.raises(DeckgenError, match="split the note"):
        plan(text, fit=False)  # fitted, empty sections merge into tables


def test_without_fitting_a_long_talk_names_its_costliest_slides():
    talk, warnings = plan("## 도커\n" + "도커는 컨테이너를 실행하는 도구입니다. " * 200, minutes=1,
                          fit=False)
    (warning,) = warnings
    assert warning.message.startswith("talk runs ") and "against 1:00" in warning.message
    assert "2 '도커'" in warning.message


def test_the_budget_warning_is_silent_within_the_time_and_names_three_slides_past_it():
    assert budget_warning((("a", 30.0), ("b", 29.9)), 1) is None
    warning = budget_warning((("제목", 10.0), ("긴 슬라이드", 400.0), ("중간", 100.0), ("짧은", 5.0)), 5)
    assert warning.message == ("talk runs 8:35 against 5:00; costliest slides: 2 '긴 슬라이드' (6:40), "
                               "3 '중간' (1:40), 1 '제목' (0:10)")


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("도커 이미지와 컨테이너의 차이점", 10) == "도커 이미지와…"
    assert shorten("가나다라마바사아자차카", 5) == "가나다라마…"
    assert shorten("짧다", 10) == "짧다"


def test_a_reference_is_named_by_its_text_and_a_short_one_by_its_site_too():
    assert reference_title(Link("(46) 도커", "https://www.docker.com/x", 1)) == "도커 (docker.com)"
    assert reference_title(Link("", "https://github.com/a/b/", 1)) == "github.com/a/b"
    assert reference_title(Link("Docker docs overview", "https://docs.docker.com", 1)) == \
        "Docker docs overview"


def test_memos_stay_with_the_speaker_on_the_title_slide():
    note = ("이 노트는 스터디 발표용으로 정리했습니다.\n\n> [!note] 발표 준비\n> 데모는 2분 정도 걸립니다.\n\n"
            "# 도커\n## 이미지\n**층**으로 쌓입니다.\n# 컨테이너\n## 실행\n**격리**된 프로세스입니다.\n")
    talk, _ = plan(note)
    title = talk.slides[0]
    assert "이 노트는 스터디 발표용으로 정리했습니다." in title.notes.sources[0]
    assert "데모는 2분 정도 걸립니다." in title.notes.sources[0]
    assert title.notes.demo == 120 and title.seconds > 120  # the memo's demo is reserved
    shown = " ".join(text_of(b.text) for s in talk.slides for e in s.body
                     if isinstance(e, Bullets) for b in e.items)
    assert "발표용" not in shown and "데모" not in shown and talk.slides[1].kind == SlideKind.AGENDA
    marked, _ = plan(note.replace("**격리**된 프로세스입니다.", "**격리**된 프로세스입니다.\n%% demo 2:00 %%"))
    assert marked.slides[0].notes.demo == 0  # the demo mark reserves it, once
    assert sum(s.notes.demo for s in marked.slides) == 120


def test_english_memos_stay_with_the_speaker_too():
    talk, _ = plan("This note is my prep for the study group.\n\n> [!todo]\n> The demo takes 3 min.\n\n"
                   "## Images\nAn image is **a stack of layers**.\n")
    assert "This note is my prep" in talk.slides[0].notes.sources[0]
    assert talk.slides[0].notes.demo == 180
    assert all("prep" not in text_of(b.text) for s in talk.slides for e in s.body
               if isinstance(e, Bullets) for b in e.items)
