"""A rehearsal paces the plan: the speaker's time for slides that did not change, scaled for
slides that did, the estimate for the rest, then fitted to the minutes."""

from __future__ import annotations

import json
from pathlib import Path

from deckgen.build import build, rehearsal_path
from deckgen.note import load_note
from deckgen.plan import TalkOptions, plan_talk, read_rehearsal
from deckgen.plan.rehearsed import slide_keys

from conftest import write_note

KOREAN = """# 도커 입문

## 컨테이너란?

**컨테이너**는 애플리케이션과 실행 환경을 함께 묶은 단위입니다. 어디서나 같은 방식으로
실행되므로 개발 환경과 운영 환경의 차이가 줄어듭니다.

## 이미지

**이미지**는 컨테이너를 만드는 읽기 전용 틀입니다. 레이어를 쌓아 만들고 여러 컨테이너가
같은 이미지를 공유합니다.

## 볼륨

**볼륨**은 컨테이너가 사라져도 남는 저장 공간입니다.
"""

ENGLISH = """# Docker basics

## What is a container?

A **container** bundles an application with what it needs to run, so it behaves the same
on a laptop and on a server.

## Images

An **image** is the read-only template a container starts from, built from layers.

## Volumes

A **volume** keeps data after its container is removed.
"""


def _talk(path: Path, rehearsal=None, minutes: float = 10.0):
    loaded, _ = load_note(path, path.parent, path.parent)
    talk, _ = plan_talk(loaded.note, TalkOptions(minutes=minutes), rehearsal)
    return talk


def _record(talk, spoken: dict[str, float]) -> str:
    """A rehearsal file as the presenter view writes it: one entry per page."""
    pages = [{"slide": s.said[0], "digest": s.said[1], "estimate": s.said[2],
              "title": s.title, "planned": s.seconds, "spoken": spoken.get(s.title, 0.0)}
             for s in talk.slides]
    return json.dumps({"version": 1, "note": "talk", "pages": pages})


def _by_title(talk) -> dict[str, float]:
    return {slide.title: slide.seconds for slide in talk.slides}


def test_an_unchanged_slide_takes_the_speakers_time_korean_and_english(tmp_path: Path):
    for text, title in ((KOREAN, "이미지"), (ENGLISH, "Images")):
        note = write_note(tmp_path, f"{title}.md", text)
        first = _talk(note)
        before = _by_title(first)
        rehearsal = read_rehearsal(_record(first, {title: 95.0}))
        paced = _by_title(_talk(note, rehearsal))
        assert paced[title] == 95.0 != before[title]
        others = {t: s for t, s in paced.items() if t != title}
        assert others == {t: s for t, s in before.items() if t != title}


def test_a_changed_slide_scales_the_speakers_time_by_its_new_estimate(tmp_path: Path):
    note = write_note(tmp_path, "talk.md", KOREAN)
    first = _talk(note)
    rehearsal = read_rehearsal(_record(first, {"볼륨": 40.0}))
    old_estimate = _by_title(first)["볼륨"]
    note.write_text(KOREAN.replace("저장 공간입니다.", "저장 공간입니다. 데이터베이스 파일처럼 "
                                   "오래 남겨야 하는 데이터를 여기에 둡니다."), encoding="utf-8")
    changed = _talk(note, rehearsal)
    new_estimate = _by_title(_talk(note))["볼륨"]
    assert new_estimate > old_estimate
    assert abs(_by_title(changed)["볼륨"] - 40.0 * new_estimate / old_estimate) < 0.01


def test_a_slow_rehearsal_makes_the_plan_refit_to_the_minutes(tmp_path: Path):
    note = write_note(tmp_path, "talk.md", KOREAN)
    first = _talk(note, minutes=3)
    assert first.seconds <= 180
    slow = {slide.title: 80.0 for slide in first.slides}
    talk = _talk(note, read_rehearsal(_record(first, slow)), minutes=3)
    rehearsed = 80.0 * len(first.slides)
    assert rehearsed > 180 and talk.seconds < rehearsed  # fitting moved detail away


def test_repeated_titles_get_their_own_keys(tmp_path: Path):
    note = write_note(tmp_path, "talk.md", KOREAN)
    talk = _talk(note)
    keys = slide_keys(list(talk.slides) + [talk.slides[-1]])
    assert keys[-1] == keys[-2] + "#2"


def test_the_build_reads_the_rehearsal_beside_the_deck_and_says_so(tmp_path: Path):
    note = write_note(tmp_path, "talk.md", ENGLISH)
    (tmp_path / "deckgen.toml").write_text("", encoding="utf-8")
    out = tmp_path / "build" / "talk.pptx"
    first = build(note, out, {}, vault=tmp_path)
    assert first.rehearsed == ""
    talk = _talk(note)
    record = _record(talk, {slide.title: 30.0 for slide in talk.slides})
    rehearsal_path(out).write_text(record, encoding="utf-8")
    second = build(note, out, {}, vault=tmp_path)
    minutes, rest = divmod(30 * len(talk.slides), 60)
    assert second.rehearsed.startswith(f"rehearsed {minutes}:{rest:02d} → planned ")
    assert second.seconds == sum(slide.seconds for slide in second.deck.slides)
    assert abs(second.seconds - 30.0 * len(talk.slides)) < 1.0


def test_a_broken_rehearsal_file_is_a_warning_not_a_failure(tmp_path: Path):
    note = write_note(tmp_path, "talk.md", ENGLISH)
    out = tmp_path / "build" / "talk.pptx"
    out.parent.mkdir()
    rehearsal_path(out).write_text("{not json", encoding="utf-8")
    result = build(note, out, {}, vault=tmp_path)
    assert result.rehearsed == ""
    assert any("talk.rehearsal.json is not used" in w.message for w in result.warnings)
