"""Rebuilding keeps the user's edits: real decks, edited with python-pptx as a person would
in PowerPoint, and saved again by a real LibreOffice (a viewer's save is not an edit)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from deckgen.build import build
from deckgen.keep.digest import slide_mark
from deckgen.keep.stamp import CHUNK_CHARS, PREFIX, read_stamp
from deckgen.output import backup_path
from deckgen.render.package import keynote_faults

from conftest import (FIXTURES, ROOT, audit_errors, deck_texts, requires_soffice, sweep,
                      write_note)

MY_TITLE = "도커란 무엇인가 — 내가 고친 제목"
MY_BOX = "내가 덧붙인 상자: 발표 때 강조"
MY_SLIDE = "My own slide: live demo"
OLD_LINE = "이미지는 모든 설정 명령과 모든 코드가 포함된 공유 가능한 패키지입니다."
NEW_LINE = "이미지는 모든 설정 명령과 코드를 담은, 공유할 수 있는 패키지입니다."
INSTALL_OLD = "## 도커 사용 설치"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example note and its pictures, copied where a build may change them."""
    shutil.copytree(ROOT / "notes", tmp_path / "notes")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    return tmp_path


def _build(project: Path, fresh: bool = False):
    return build(project / "notes" / "docker.md", project / "build" / "docker.pptx", {},
                 cwd=project, fresh=fresh)


def _titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else ""
            for s in Presentation(str(path)).slides]


def _index(path: Path, title: str, nth: int = 0) -> int:
    return [i for i, t in enumerate(_titles(path)) if t == title][nth]


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _picture(slide):
    return next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)


def _move_slide(prs, old: int, new: int) -> None:
    listed = prs.slides._sldIdLst
    item = listed[old]
    listed.remove(item)
    listed.insert(new, item)


def _user_edits(deck: Path) -> dict[str, object]:
    """Edit the deck as a person would: retitle a slide, add a text box, move a picture,
    delete a slide, add a slide; returns what to look for afterwards."""
    prs = Presentation(str(deck))
    slides = list(prs.slides)
    titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in slides]
    retitled = titles.index("도커란?")
    slides[retitled].shapes.title.text_frame.text = MY_TITLE
    boxed = titles.index("컨테이너란?")
    slides[boxed].shapes.add_textbox(Pt(60), Pt(420), Pt(320), Pt(40)).text_frame.text = MY_BOX
    moved = titles.index("도커 컨테이너 생명주기")
    picture = _picture(slides[moved])
    picture.left, picture.top = picture.left - Pt(30), picture.top + Pt(40)
    where = (picture.left, picture.top)
    added = prs.slides.add_slide(prs.slide_layouts[6])
    added.shapes.add_textbox(Pt(60), Pt(60), Pt(500), Pt(60)).text_frame.text = MY_SLIDE
    _move_slide(prs, len(prs.slides) - 1, titles.index("이미지란?"))  # before it
    listed = prs.slides._sldIdLst
    victim = listed[titles.index("가상화와 컨테이너의 차이는? · 가상화")]
    prs.part.drop_rel(victim.rId)
    listed.remove(victim)
    prs.save(str(deck))
    return {"where": where}


def _change_note(project: Path, old: str, new: str) -> None:
    note = project / "notes" / "docker.md"
    text = note.read_text(encoding="utf-8")
    assert old in text
    note.write_text(text.replace(old, new), encoding="utf-8")


def _check_edits_kept(deck: Path, edits: dict[str, object]) -> None:
    titles = _titles(deck)
    prs = Presentation(str(deck))
    slides = list(prs.slides)
    assert MY_TITLE in titles and "도커란?" not in titles
    assert titles.index(MY_TITLE) == 3  # where it was
    boxed = slides[titles.index("컨테이너란?")]
    assert MY_BOX in _texts(boxed)
    moved = _picture(slides[titles.index("도커 컨테이너 생명주기")])
    assert (moved.left, moved.top) == edits["where"]
    assert moved.image.blob == (ROOT / "images" / "Pasted image 20241125164812.png").read_bytes() \
        or moved.image.size[0] > 0
    assert "가상화와 컨테이너의 차이는? · 가상화" not in titles  # still deleted
    mine = next(i for i, s in enumerate(slides) if MY_SLIDE in _texts(s))
    assert titles[mine - 1] == "이미지" and titles[mine + 1] == "이미지란?"
    body = "\n".join(text for title, slide in zip(titles, slides)  # a template may split it
                     if title.startswith("이미지와 컨테이너의 관계") for text in _texts(slide))
    assert NEW_LINE.split(",")[0] in body and OLD_LINE not in body  # the note's change
    assert all(s._element.get("show") is None for s in slides)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_new_deck_carries_its_stamp_in_short_custom_properties(project):
    result = _build(project)
    blob = result.output.read_bytes()
    has, stamp = read_stamp(blob)
    assert has and stamp is not None and stamp.note == "docker.md"
    assert len(stamp.entries) == result.slides
    marks = [slide_mark(s) for s in Presentation(io.BytesIO(blob)).slides]
    assert all(e.mark.same(m) for e, m in zip(stamp.entries, marks))
    custom = zipfile.ZipFile(io.BytesIO(blob)).read("docProps/custom.xml").decode()
    assert custom.count(f'name="{PREFIX}') > 1
    assert all(len(v) <= CHUNK_CHARS for v in custom.split("<vt:lpwstr>")[1:]
               for v in [v.split("</vt:lpwstr>")[0]])


def test_edits_survive_a_rebuild_after_the_note_changed_elsewhere(project):
    first = _build(project)
    edits = _user_edits(first.output)
    edited = first.output.read_bytes()
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    _check_edits_kept(second.output, edits)
    assert backup_path(second.output).read_bytes() == edited
    assert second.kept.startswith("kept your edits on slides 4, ")
    assert "kept the slide you added" in second.kept
    assert "1 slide you deleted stays deleted" in second.kept
    assert second.warnings == ()


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_a_third_build_keeps_them_still_and_the_same_inputs_give_the_same_bytes(project):
    first = _build(project)
    edits = _user_edits(first.output)
    _change_note(project, OLD_LINE, NEW_LINE)
    edited = first.output.read_bytes()
    second = _build(project).output.read_bytes()
    _check_edits_kept(_build(project).output, edits)  # the kept deck rebuilt again
    first.output.write_bytes(edited)
    assert _build(project).output.read_bytes() == second


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_the_rebuilt_deck_passes_openxml_audit_and_the_keynote_rules(project):
    first = _build(project)
    _user_edits(first.output)
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    assert keynote_faults(second.output.read_bytes()) == []
    assert audit_errors(second.output) == []


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_an_edit_in_a_section_the_note_changed_stays_hidden_after_the_new_slide(project):
    first = _build(project)
    prs = Presentation(str(first.output))
    at = _index(first.output, "도커 사용 설치 (1/2)")  # its two slides are told apart
    prs.slides[at].shapes.title.text_frame.text = "설치는 이렇게 (내 버전)"
    prs.save(str(first.output))
    _change_note(project, INSTALL_OLD, "## 도커 설치하기")
    second = _build(project)
    titles = _titles(second.output)
    slides = list(Presentation(str(second.output)).slides)
    assert titles[at] == "도커 설치하기 (1/2)"
    mine = titles.index("설치는 이렇게 (내 버전)")
    assert titles[mine - 1] == "도커 설치하기 (2/2)" and titles[mine + 1] == "컨테이너"
    assert slides[mine]._element.get("show") == "0"
    assert all(s._element.get("show") is None for i, s in enumerate(slides) if i != mine)
    assert second.kept == ("the note no longer makes the slide you edited: your version is "
                           f"hidden as slide {mine + 1}")


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_an_edit_in_a_changed_section_that_keeps_its_heading_is_a_conflict(project):
    first = _build(project)
    at = _index(first.output, "이미지와 컨테이너의 관계")
    prs = Presentation(str(first.output))
    prs.slides[at].shapes.title.text_frame.text = "관계 (내 제목)"
    prs.save(str(first.output))
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    titles = _titles(second.output)
    assert titles[at] == "이미지와 컨테이너의 관계" and titles[at + 1] == "관계 (내 제목)"
    hidden = list(Presentation(str(second.output)).slides)[at + 1]
    assert hidden._element.get("show") == "0"
    assert second.kept == (f"slide {at + 1} changed in the note: your version is hidden "
                           f"after it")
    third = _build(project)  # the hidden version stays, once, after the rebuilt slide
    assert _titles(third.output) == titles
    assert third.kept == f"kept the slide you added ({at + 2})"


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_fresh_rebuilds_everything_after_the_backup(project):
    first = _build(project)
    _user_edits(first.output)
    edited = first.output.read_bytes()
    again = _build(project, fresh=True)
    assert MY_TITLE not in _titles(again.output)
    assert len(_titles(again.output)) == first.slides
    assert backup_path(again.output).read_bytes() == edited
    assert "built fresh" in again.kept


def test_an_unedited_deck_is_rebuilt_without_a_word(project):
    first = _build(project)
    again = _build(project)
    assert again.kept == "" and again.warnings == ()
    assert again.output.read_bytes() == first.output.read_bytes()


@pytest.mark.parametrize("damage", sweep(["reordered", "other note", "copied", "unreadable",
                                          "not ours"], fast=("copied",)))
def test_a_deck_that_does_not_match_its_stamp_is_a_warning_and_a_fresh_build(project, damage):
    first = _build(project)
    deck = first.output
    prs = Presentation(str(deck))
    if damage == "reordered":
        _move_slide(prs, 3, 10)
        prs.save(str(deck))
    elif damage == "copied":
        _duplicate(deck, 5)
    elif damage == "other note":
        other = write_note(project / "notes", "other.md", "# Other\n\n## Part\n\n- **one** thing\n")
        made = build(other, project / "build" / "other.pptx", {}, cwd=project)
        shutil.copy(made.output, deck)
    elif damage == "unreadable":
        _damage(deck, "ppt/presentation.xml")
    elif damage == "not ours":
        plain = Presentation()
        plain.slides.add_slide(plain.slide_layouts[1]).shapes.title.text = "someone's deck"
        plain.save(str(deck))
    before = deck.read_bytes()
    again = _build(project)
    assert len(again.warnings) == 1
    message = again.warnings[0].message
    assert "was not merged" in message and "built fresh" in message
    assert str(backup_path(deck)) in message
    assert backup_path(deck).read_bytes() == before
    assert _titles(again.output) == _titles(_fresh_copy(project))


def _damage(deck: Path, member: str) -> None:
    """The deck with one part cut short, as a crashed save leaves it."""
    with zipfile.ZipFile(deck) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts[member] = parts[member][: len(parts[member]) // 2]
    with zipfile.ZipFile(deck, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _duplicate(deck: Path, index: int) -> None:
    """Duplicate one slide in place, as PowerPoint's Duplicate Slide does."""
    prs = Presentation(str(deck))
    from deckgen.keep.merge import copy_slide

    source = prs.slides[index]
    copy_slide(prs, source, source.slide_layout.part)
    _move_slide(prs, len(prs.slides) - 1, index + 1)
    prs.save(str(deck))


def _fresh_copy(project: Path) -> Path:
    out = project / "fresh"
    made = build(project / "notes" / "docker.md", out / "docker.pptx", {}, cwd=project)
    return made.output


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_a_copy_that_fails_midway_is_a_warning_and_a_fresh_deck(project, monkeypatch):
    first = _build(project)
    _user_edits(first.output)
    edited = first.output.read_bytes()
    import deckgen.keep.merge as merge

    def broken(*args, **kwargs):
        raise ValueError("a part nobody foresaw")

    monkeypatch.setattr(merge, "copy_slide", broken)
    again = _build(project)
    assert [w.message.split(":")[0] for w in again.warnings] == \
        ["the previous docker.pptx was not merged"]
    assert "could not be carried over (ValueError)" in again.warnings[0].message
    assert _titles(again.output) == _titles(_fresh_copy(project))
    assert backup_path(again.output).read_bytes() == edited


def _soffice_round_trip(deck: Path, out: Path) -> Path:
    """Open and save the deck in LibreOffice, as a user saving from Impress would."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "pptx", "--outdir", str(out), str(deck)],
                   check=True, capture_output=True, timeout=180)
    saved = out / deck.name
    assert saved.is_file()
    return saved


@requires_soffice
def test_a_deck_saved_by_libreoffice_without_edits_counts_as_unedited(project, tmp_path):
    first = _build(project)
    saved = _soffice_round_trip(first.output, tmp_path / "lo")
    assert saved.read_bytes() != first.output.read_bytes()  # LibreOffice rewrote it
    shutil.copy(saved, first.output)
    _change_note(project, OLD_LINE, NEW_LINE)
    again = _build(project)
    assert again.kept == "" and again.warnings == ()
    fresh = _fresh_copy(project)
    assert _titles(again.output) == _titles(fresh)
    assert [slide_mark(s) for s in Presentation(str(again.output)).slides] == \
        [slide_mark(s) for s in Presentation(str(fresh)).slides]


@requires_soffice
def test_edits_survive_a_libreoffice_round_trip_and_a_rebuild(project, tmp_path):
    first = _build(project)
    edits = _user_edits(first.output)
    saved = _soffice_round_trip(first.output, tmp_path / "lo")
    shutil.copy(saved, first.output)
    moved = _picture(list(Presentation(str(saved)).slides)[
        _titles(saved).index("도커 컨테이너 생명주기")])
    edits["where"] = (moved.left, moved.top)  # as LibreOffice snapped it
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    _check_edits_kept(second.output, edits)
    assert second.warnings == ()
    assert keynote_faults(second.output.read_bytes()) == []
    assert audit_errors(second.output) == []


@pytest.mark.slow  # three whole builds in child processes
@pytest.mark.subprocess
def test_the_command_line_says_what_it_kept_and_fresh_drops_it(project):
    import os
    import sys

    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "deckgen", "build", "notes/docker.md", *args],
                              cwd=project, env=env, capture_output=True, text=True, check=True)

    cli()
    deck = project / "build" / "docker.pptx"
    _user_edits(deck)
    _change_note(project, OLD_LINE, NEW_LINE)
    out = cli().stdout.splitlines()
    assert out[0].startswith("notes/docker.md: 22 slides")
    assert out[1].startswith("notes/docker.md: kept your edits on slides 4, ")
    assert MY_TITLE in _titles(deck)
    out = cli("--fresh").stdout.splitlines()
    assert out[1] == ("notes/docker.md: built fresh; the previous deck is at "
                      "build/.deckgen/docker.prev.pptx")
    assert MY_TITLE not in _titles(deck) and MY_TITLE in _titles(backup_path(deck))


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_the_notes_follow_the_shown_slides_of_the_kept_deck(project):
    """The handout pairs each page of the slides' PDF (hidden slides are not in it) with
    `result.notes`: with slides added, deleted and hidden they must still line up."""
    first = _build(project)
    _user_edits(first.output)
    prs = Presentation(str(first.output))
    at = _index(first.output, "이미지와 컨테이너의 관계")
    prs.slides[at].shapes.title.text_frame.text = "관계 (내 제목)"  # a conflict: hidden copy
    prs.save(str(first.output))
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    shown = [s for s in Presentation(str(second.output)).slides
             if s._element.get("show") is None]
    assert len(second.notes) == len(shown) == first.slides  # one deleted, one added
    for slide, notes in zip(shown, second.notes):
        if notes is None:
            assert MY_SLIDE in _texts(slide)
        elif MY_TITLE not in _texts(slide):  # a rebuilt slide: its own notes
            assert slide.notes_slide.notes_text_frame.text == notes.text()


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_an_english_note_keeps_a_retitled_slide_and_takes_the_changed_section(tmp_path):
    note = tmp_path / "english.md"
    shutil.copy(FIXTURES / "english.md", note)
    deck = tmp_path / "build" / "english.pptx"
    first = build(note, deck, {}, cwd=tmp_path)
    prs = Presentation(str(deck))
    at = _index(deck, "Why use them?")
    prs.slides[at].shapes.title.text_frame.text = "Why teams use containers"
    prs.save(str(deck))
    note.write_text(note.read_text(encoding="utf-8").replace(
        "a stack of read-only layers", "a stack of read-only, shared layers"), encoding="utf-8")
    second = build(note, deck, {}, cwd=tmp_path)
    assert _titles(deck)[at] == "Why teams use containers"
    assert any("shared layers" in t for t in deck_texts(deck))
    assert second.kept == f"kept your edits on slide {at + 1}"
    assert len(_titles(deck)) == first.slides


@requires_soffice
def test_decks_with_tables_diagrams_code_and_formulas_saved_by_libreoffice_are_unedited(
        tmp_path):
    names = ("diagrams", "code_table_callout", "math", "english", "cards")
    decks, warned = [], []
    for name in names:
        shutil.copy(FIXTURES / f"{name}.md", tmp_path / f"{name}.md")
        made = build(tmp_path / f"{name}.md", tmp_path / "build" / f"{name}.pptx", {},
                     cwd=tmp_path)
        decks.append(made.output)
        warned.append(made.warnings)  # the fixtures' own warnings (a Mermaid placeholder)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "pptx", "--outdir", str(out), *map(str, decks)],
                   check=True, capture_output=True, timeout=300)
    for name, deck, before in zip(names, decks, warned):
        saved = out / deck.name
        assert saved.read_bytes() != deck.read_bytes()
        shutil.copy(saved, deck)
        again = build(tmp_path / f"{name}.md", deck, {}, cwd=tmp_path)
        assert (name, again.kept, again.warnings) == (name, "", before)


@pytest.mark.slow  # whole rebuilds the fast lane's keep tests already cover in kind
def test_a_chart_the_user_added_travels_with_its_workbook(project):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    first = _build(project)
    prs = Presentation(str(first.output))
    at = _index(first.output, "컨테이너란?")
    data = CategoryChartData()
    data.categories = ["VM", "컨테이너"]
    data.add_series("시작 시간(초)", (40, 1))
    prs.slides[at].shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Pt(400), Pt(300), Pt(300),
                                    Pt(180), data)
    prs.save(str(first.output))
    edited = project / "edited.pptx"
    shutil.copy(first.output, edited)
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    assert second.kept == f"kept your edits on slide {at + 1}"
    slide = list(Presentation(str(second.output)).slides)[at]
    [chart] = [s for s in slide.shapes if s.has_chart]
    assert list(chart.chart.plots[0].categories) == ["VM", "컨테이너"]
    assert chart.chart.part.chart_workbook.xlsx_part is not None
    assert keynote_faults(second.output.read_bytes()) == []
    # python-pptx writes negative chart axis ids, which openxml-audit flags: the same
    # findings as in the deck the user saved, and nothing more
    assert audit_errors(second.output) == audit_errors(edited)


@pytest.mark.slow  # whole decks built or programs started: the long lane runs it
def test_a_word_made_bold_and_red_is_an_edit_and_is_kept(project):
    from pptx.dml.color import RGBColor

    first = _build(project)
    prs = Presentation(str(first.output))
    at = _index(first.output, "이미지란?")
    body = next(s for s in prs.slides[at].shapes
                if s.has_text_frame and s != prs.slides[at].shapes.title
                and "읽기 전용" in s.text_frame.text)
    run = next(r for p in body.text_frame.paragraphs for r in p.runs if r.text.strip())
    run.font.bold = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    prs.save(str(first.output))
    _change_note(project, OLD_LINE, NEW_LINE)
    second = _build(project)
    assert second.kept == f"kept your edits on slide {at + 1}"
    kept = list(Presentation(str(second.output)).slides)[at]
    runs = [r for s in kept.shapes if s.has_text_frame for p in s.text_frame.paragraphs
            for r in p.runs if r.font.bold and r.font.color.type is not None
            and r.font.color.rgb == RGBColor(0xC0, 0x00, 0x00)]
    assert runs


@pytest.mark.parametrize("template", sweep(["powerpoint-16x9.pptx", "impress.pptx"],
                                           fast=("impress.pptx",)))
def test_edits_are_kept_in_a_deck_made_from_a_users_template(project, template):
    source = FIXTURES / "templates" / template
    flags = {"template": str(source)}
    deck = project / "build" / "docker.pptx"
    first = build(project / "notes" / "docker.md", deck, flags, cwd=project)
    edits = _user_edits(first.output)
    _change_note(project, OLD_LINE, NEW_LINE)
    second = build(project / "notes" / "docker.md", deck, flags, cwd=project)
    _check_edits_kept(deck, edits)
    assert second.kept.startswith("kept your edits on slides 4, ")
    assert keynote_faults(deck.read_bytes()) == []
    assert audit_errors(deck) == []
