"""Groups (`###` sub-headings, `▶ label` lines) with code and pictures: each keeps its own
code, picture and bullets together, in note order; comparisons only of groups with text."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.model import ImageRef
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.planner import TalkOptions, plan_talk
from deckgen.plan.talk import Bullets, Code, Columns, SlideKind, text_of


def content(text: str):
    note, _ = parse_note(Source(Path("note.md"), text))
    talk, _ = plan_talk(note, TalkOptions(fit=False))
    return [s for s in talk.slides if s.kind == SlideKind.CONTENT]


def shown(slide) -> list[str]:
    """The slide's body in order: bullet texts and `code:<first line>`."""
    out = []
    for element in slide.body:
        if isinstance(element, Bullets):
            out.extend(text_of(b.text) for b in element.items)
        elif isinstance(element, Code):
            out.append("code:" + element.text.split("\n")[0])
        elif isinstance(element, Columns):
            out.append("columns:" + "|".join(text_of(g.label) for g in element.groups))
    return out


TWO_CODE = {
    "ko": "## 리스트\n소개 문장이다.\n\n### 배열\n- **인덱스 접근**이 빠르다\n\n"
          "```java\nint[] a;\n```\n\n### 연결\n- **삽입**이 빠르다\n\n```java\nNode head;\n```\n",
    "en": "## Lists\nAn intro sentence.\n\n### Array\n- **Index access** is fast\n\n"
          "```java\nint[] a;\n```\n\n### Linked\n- **Insert** is fast\n\n```java\nNode head;\n```\n",
}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_each_group_keeps_its_code_under_its_bullets(language):
    slides = content(TWO_CODE[language])
    first, second = (shown(s) for s in slides)
    label_a, label_b = ("배열", "연결") if language == "ko" else ("Array", "Linked")
    assert first[0] == label_a and first[-1] == "code:int[] a;"
    assert second[0] == label_b and second[-1] == "code:Node head;"
    assert not any(isinstance(e, Columns) for s in slides for e in s.body)


PICTURE = {
    "ko": "## 해시\n### 버킷\n- **체이닝**으로 잇는다\n\n![버킷](bucket.png)\n\n"
          "### 트리화\n- **레드블랙 트리**로 바꾼다\n",
    "en": "## Hashing\n### Buckets\n- **Chaining** links keys\n\n![buckets](bucket.png)\n\n"
          "### Treeify\n- a **red-black tree** it becomes\n",
}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_groups_picture_stays_on_that_groups_slide_alone(language):
    slides = content(PICTURE[language])
    with_picture = [s for s in slides if s.pictures]
    assert len(with_picture) == 1 and isinstance(with_picture[0].pictures[0], ImageRef)
    label = "버킷" if language == "ko" else "Buckets"
    other = "트리화" if language == "ko" else "Treeify"
    assert shown(with_picture[0])[0] == label and other not in shown(with_picture[0])
    assert any(shown(s)[0] == other and not s.pictures for s in slides)


NO_TEXT = {
    "ko": ["## 동기화\n▶ Vector\n- **메서드마다 잠금**이 걸린다\n\n"
           "▶ 래퍼\n```java\nsafe = wrap(list);\n```\n",
           "## 반복자\n▶ fail-fast\n- **예외**를 던진다\n\n▶ fail-safe\n"],
    "en": ["## Locking\n▶ Vector\n- **Every method** locks\n\n▶ Wrapper\n```java\nsafe = wrap(list);\n```\n",
           "## Iterators\n▶ fail-fast\n- it **throws**\n\n▶ fail-safe\n"],
}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_group_without_text_never_makes_an_empty_column(language):
    code_only, label_only = NO_TEXT[language]
    slides = content(code_only)
    assert not [e for s in slides for e in s.body if isinstance(e, Columns)]
    assert ["code:safe = wrap(list);"] == [x for s in slides for x in shown(s) if x.startswith("code:")]
    slides = content(label_only)
    assert not [e for s in slides for e in s.body if isinstance(e, Columns)]
    assert [x for x in shown(slides[0]) if x.startswith("fail")] == ["fail-fast", "fail-safe"]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_groups_of_text_alone_still_compare(language):
    text = ("## 비교\n▶ 가상화\n- **게스트 OS**\n\n▶ 컨테이너\n- **공유 커널**\n" if language == "ko"
            else "## Compare\n▶ VMs\n- **guest OS**\n\n▶ Containers\n- **shared kernel**\n")
    slides = content(text)
    assert len(slides) == 1 and isinstance(slides[0].body[-1], Columns)
    assert all(g.bullets for g in slides[0].body[-1].groups)
