"""Layout decisions measured in points: fit, arrangement, continuation, chrome."""

import re
from pathlib import Path

from deckgen.build import prepare
from deckgen.layout.frames import PictureFrame, TextFrame
from deckgen.look.model import Geometry

from conftest import png, write_note

GEOMETRY = Geometry()


def frames_inside_slide(deck) -> bool:
    for placed in deck.slides:
        for frame in placed.frames + ((placed.title,) if placed.title else ()):
            r = frame.rect
            if r.x < -0.5 or r.y < -0.5 or r.right > deck.width + 0.5 or r.bottom > deck.height + 0.5:
                return False
    return True


def test_long_list_continues_on_slides_that_name_their_first_item(tmp_path: Path):
    items = "\n".join(f"- 항목 {i}: 목록의 {i}번째 항목입니다" for i in range(40))
    note = write_note(tmp_path, "n.md", f"## 긴 목록\n{items}\n")
    deck = prepare(note, {"fit": False}).deck  # --all: everything stays on slides
    titles = [p.title_text for p in deck.slides]
    assert sum(t.startswith("긴 목록 · 항목 ") for t in titles) >= 2
    assert len(set(titles)) == len(titles)  # each continuation its own title
    assert frames_inside_slide(deck)


def test_continuations_say_what_they_add_in_english_and_korean(tmp_path: Path):
    for language, head in (("en", ("Name", "Note")), ("ko", ("이름", "설명"))):
        rows = "\n".join(f"| GC{i:02d} | {'a collector' if language == 'en' else '수집기'} {i} |"
                         for i in range(40))
        items = "\n".join(f"1. **Phase {i}** runs after the previous one" for i in range(30))
        text = f"## Collectors\n| {head[0]} | {head[1]} |\n|---|---|\n{rows}\n\n## Phases\n{items}\n"
        deck = prepare(write_note(tmp_path, f"{language}.md", text), {"fit": False}).deck
        titles = [p.title_text for p in deck.slides]
        tables = [t for t in titles if t.startswith("Collectors")]
        assert len(tables) >= 2 and all(re.fullmatch(r"Collectors · GC\d\d–GC\d\d", t)
                                        for t in tables[1:]), tables
        phases = [t for t in titles if t.startswith("Phases")]
        assert len(phases) >= 2 and all(re.fullmatch(r"Phases · \d+–\d+", t)
                                        for t in phases[1:]), phases
        assert len(set(titles)) == len(titles)


def test_body_never_runs_into_the_footer(tmp_path: Path):
    items = "\n".join(f"- **핵심 문구 {i}** 와 설명" for i in range(25))
    deck = prepare(write_note(tmp_path, "n.md", f"## 목록\n{items}\n"), {"fit": False}).deck
    for placed in deck.slides:
        for frame in placed.frames:
            if isinstance(frame, TextFrame) and frame.role == "body":
                assert frame.rect.bottom <= GEOMETRY.body_bottom + 0.5


def test_wide_picture_with_little_text_is_shown_large(tmp_path: Path):
    png(tmp_path / "wide.png", (1600, 900))
    deck = prepare(write_note(tmp_path, "n.md", "## 그림\n![[wide.png]]\n**짧은 설명**\n"), {}).deck
    picture = next(f for f in deck.slides[1].frames if isinstance(f, PictureFrame))
    assert picture.rect.w * picture.rect.h > 0.4 * 864 * 380
    assert abs(picture.rect.w / picture.rect.h - 16 / 9) < 0.01  # never stretched


def test_tall_picture_goes_beside_the_text(tmp_path: Path):
    png(tmp_path / "tall.png", (600, 1200))
    deck = prepare(write_note(tmp_path, "n.md", "## 그림\n![[tall.png]]\n**설명 하나**\n**둘**\n"),
                   {}).deck
    frames = deck.slides[1].frames
    picture = next(f for f in frames if isinstance(f, PictureFrame))
    text = next(f for f in frames if isinstance(f, TextFrame) and f.role == "body")
    assert text.rect.right <= picture.rect.x


def test_small_picture_is_not_blown_up(tmp_path: Path):
    png(tmp_path / "icon.png", (120, 120))
    deck = prepare(write_note(tmp_path, "n.md", "## 아이콘\n![[icon.png]]\n"), {}).deck
    picture = next(f for f in deck.slides[1].frames if isinstance(f, PictureFrame))
    assert picture.rect.w <= 120 * 1.5 * 960 / 1920 + 0.5


def test_too_long_title_is_shortened_with_a_warning(tmp_path: Path):
    title = "아주 긴 제목 " * 30
    prepared = prepare(write_note(tmp_path, "n.md", f"## {title}\n**a**\n"), {})
    assert prepared.deck.slides[1].title.paras[0].runs[0].text.endswith("…")
    assert any("title too long" in w.message for w in prepared.warnings)
    assert title.split()[0] in prepared.deck.slides[1].notes.text()


def test_progress_bar_grows_and_page_numbers_are_fields(tmp_path: Path):
    deck = prepare(write_note(tmp_path, "n.md", "## a\n**x**\n## b\n**y**\n## c\n**z**\n"), {}).deck
    widths = [f.rect.w for p in deck.slides for f in p.frames
              if getattr(f, "role", "") == "progress"]
    assert widths == sorted(widths) and widths[-1] == deck.width
    pages = [f for p in deck.slides for f in p.frames if getattr(f, "field", None) == "slidenum"]
    assert len(pages) == len(deck.slides) - 1  # not on the title slide


def test_time_is_split_over_continuations_and_adds_up(tmp_path: Path):
    items = "\n".join(f"- 항목 {i}: 목록의 {i}번째 항목입니다" for i in range(30))
    prepared = prepare(write_note(tmp_path, "n.md", f"## 긴 목록\n{items}\n"), {})
    total_plan = prepared.talk.seconds
    total_deck = sum(p.seconds for p in prepared.deck.slides)
    assert abs(total_plan - total_deck) < 0.01


def test_columns_too_tall_for_a_slide_become_labelled_bullets_not_nothing(tmp_path: Path):
    # found by the property-based run: three groups, the last holding a long list
    items = "\n".join(f"- 항목 {i} 내용이 조금 깁니다" for i in range(14))
    note = write_note(tmp_path, "n.md", f"## s\n▶가\n**하나**\n\n▶나\n**둘**\n\n▶다\n**셋**\n{items}\n")
    prepared = prepare(note, {})
    shown = " ".join("".join(r.text for p in f.paras for r in p.runs)
                     for placed in prepared.deck.slides for f in placed.frames
                     if isinstance(f, TextFrame))
    for word in ("하나", "둘", "셋", "항목 0", "항목 13"):
        assert word in shown
