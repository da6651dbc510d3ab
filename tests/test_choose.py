"""Choosing the talk: thin siblings merge into a table, the lowest-ranked sections go to
the backup slides after Q&A, every section stays in the deck (issue 19)."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.choose import merged_title, parallel, rank
from deckgen.plan.planner import TalkOptions, plan_talk
from deckgen.plan.talk import Code, Slide, SlideKind, TableData, text_of


def plan(text: str, **options):
    note, _ = parse_note(Source(Path("n.md"), text))
    return plan_talk(note, TalkOptions(**options))


def _collectors(language: str) -> str:
    if language == "ko":
        names = ["Serial GC", "Parallel GC", "CMS GC", "ZGC", "Shenandoah", "Epsilon GC"]
        body = "**{n}는 멈춤을 다르게 다룬다**. 자세한 설명은 노트에 있다.\n"
        head = "# GC 알고리즘\n"
    else:
        names = ["Serial GC", "Parallel GC", "CMS GC", "ZGC", "Shenandoah GC", "Epsilon GC"]
        body = "**{n} handles pauses its own way**. More in the notes.\n"
        head = "# Collectors\n"
    return head + "".join(f"## {n}\n" + body.format(n=n) for n in names)


def _long_note(language: str, chapters: int = 8) -> str:
    word = "장" if language == "ko" else "Part"
    text = ""
    for c in range(chapters):
        text += f"# {word} {c}\n"
        for t in range(6):
            text += (f"## 주제 {c}-{t}\n**핵심 {c}-{t}**은 이 절의 요점을 말하는 긴 문장으로 설명된다.\n"
                     if language == "ko" else
                     f"## Topic {c}-{t}\n**Point {c}-{t}** is explained in a longer sentence here.\n")
    return text


def test_thin_parallel_siblings_merge_into_one_table_when_the_note_is_long() -> None:
    for language in ("ko", "en"):
        talk, warnings = plan(_collectors(language) + _long_note(language))
        tables = [s for s in talk.slides if any(isinstance(e, TableData) for e in s.body)
                  and not s.backup]
        first = tables[0].body[0]
        assert isinstance(first, TableData)
        names = [text_of(row[0]) for row in first.rows]
        assert names[:2] == ["Serial GC", "Parallel GC"]
        assert any("went to the backup" in w.message or "share slides" in w.message
                   for w in warnings)


def test_backup_slides_follow_the_q_and_a_slide_under_an_appendix_and_take_no_time() -> None:
    for language, appendix in (("ko", "부록"), ("en", "Appendix")):
        talk, warnings = plan(_long_note(language, 12))
        kinds = [s.kind for s in talk.slides]
        qa = kinds.index(SlideKind.CLOSING)
        assert talk.slides[qa + 1].title == appendix and talk.slides[qa + 1].backup
        assert all(s.backup and s.seconds == 0 for s in talk.slides[qa + 1:])
        assert not any(s.backup for s in talk.slides[:qa + 1])
        assert qa + 1 <= 35
        (line,) = [w.message for w in warnings if "backup" in w.message]
        assert "\n" not in line and "--all" in line
        everything = " ".join(s.title + " " + " ".join(text_of(r[0]) for e in s.body
                                                     if isinstance(e, TableData) for r in e.rows)
                              for s in talk.slides)
        topic = "주제" if language == "ko" else "Topic"
        assert all(f"{topic} {c}-{t}" in everything for c in range(12) for t in range(6))


def test_all_keeps_every_section_on_the_talk_path() -> None:
    talk, warnings = plan(_long_note("ko", 12), fit=False)
    assert not any(s.backup for s in talk.slides)
    assert not any("backup" in w.message for w in warnings)
    assert sum(1 for s in talk.slides if s.kind == SlideKind.CONTENT) == 72


def test_a_short_note_is_not_chosen() -> None:
    talk, warnings = plan("# 도커\n## 이미지\n**층**으로 쌓입니다.\n# 컨테이너\n## 실행\n**격리**된다.\n")
    assert not any(s.backup for s in talk.slides)
    assert not any("backup" in w.message for w in warnings)


def test_rank_follows_marks_visuals_questions_and_place() -> None:
    plain = (Slide(SlideKind.CONTENT, "x"),)
    code = (Slide(SlideKind.CONTENT, "x", body=(Code("a = 1"),)),)
    assert rank("GC Root", "GC Root ⭐", plain, 3, 0) > rank("GC Root", "GC Root", plain, 3, 0)
    assert rank("예제", "예제", code, 3, 0) > rank("예제", "예제", plain, 3, 0)
    assert rank("GC는 언제 일어날까?", "GC는 언제 일어날까?", plain, 3, 0) > \
        rank("GC 시점", "GC 시점", plain, 3, 0)
    assert rank("What is a pod?", "What is a pod?", plain, 3, 0) > rank("Pods", "Pods", plain, 3, 0)
    assert rank("a", "a", plain, 0, 0) > rank("a", "a", plain, 2, 0)
    assert rank("a", "a", plain, 2, 3) > rank("a", "a", plain, 2, 0)


def test_a_merged_title_lists_its_sections_while_they_fit() -> None:
    assert merged_title(["TLAB", "객체의 나이"], "ko") == "TLAB · 객체의 나이"
    assert merged_title(["Serial GC", "Parallel GC", "CMS GC", "ZGC"], "ko") == \
        "Serial GC · Parallel GC 외 2개"
    assert merged_title(["Serial", "Parallel", "Concurrent Mark Sweep", "ZGC"], "en") == \
        "Serial · Parallel and 2 more"


def test_parallel_siblings_name_one_kind_of_thing() -> None:
    assert parallel(["물리 계층", "데이터 링크 계층", "전송 계층"])
    assert parallel(["Serial GC", "Parallel GC", "ZGC"])  # a word's end counts
    assert parallel(["TCP란?", "UDP란?"]) and parallel(["What is TCP?", "What is UDP?"])
    assert parallel(["HTTP/2", "HTTP/3"]) and parallel(["The free space map", "The visibility map"])
    assert not parallel(["OSI 7계층", "캡슐화", "PDU"])
    assert not parallel(["Pages and tuples", "The heap", "TOAST"])
    assert not parallel(["GC", "GC 로그"])  # a title that says no more than the shared word


def _definitions(language: str) -> str:
    """Thin siblings that are not parallel: a concept each, defined in a sentence."""
    if language == "ko":
        rows = [("OSI 7계층", "네트워크 통신을 **일곱 단계로 나눈 참조 모델**이다."),
                ("캡슐화", "상위 계층의 데이터에 **헤더를 붙여 내려보내는 과정**이다."),
                ("PDU", "계층마다 **데이터 단위의 이름**이 다르다."),
                ("소켓", "IP 주소와 포트의 쌍으로 **통신의 끝점**을 나타낸다.")]
    else:
        rows = [("The heap", "The heap is **unordered**: new tuples go wherever there is room."),
                ("TOAST", "Large values are **moved out of line** into a side table."),
                ("Vacuum", "Vacuum **removes dead tuples** left by updates."),
                ("Snapshots", "A snapshot is **the list of transactions** a query may see.")]
    return "# 장\n" + "".join(f"## {t}\n{b}\n" for t, b in rows)


def test_siblings_that_are_not_parallel_share_lists_of_their_claims() -> None:
    for language in ("ko", "en"):
        talk, _ = plan(_definitions(language) + _long_note(language, 12))
        heads = ["OSI 7계층", "캡슐화", "PDU", "소켓"] if language == "ko" else \
            ["The heap", "TOAST", "Vacuum", "Snapshots"]
        listed = [s for s in talk.slides if s.title.startswith(tuple(heads))]
        assert 1 <= len(listed) <= 2  # as few lists as hold them, evenly filled
        items = []
        for slide in listed:
            assert not any(isinstance(e, TableData) for e in slide.body)
            (bullets,) = slide.body
            assert 2 <= len(bullets.items) <= 5
            items += bullets.items
        shown = [text_of(b.text) for b in items]
        assert [t.split("  ")[0] for t in shown] == heads  # every section's title stays on one
        assert all(b.text[0].marks.bold for b in items)
        said = "통신의 끝점을 나타낸다" if language == "ko" else "removes dead tuples left by updates"
        assert any(said in t for t in shown)  # the point said as a claim, not a fragment
