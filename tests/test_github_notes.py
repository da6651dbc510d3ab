"""A study repository as people keep it on GitHub, built from the note's own folder.

The fixture `github_repo/` holds a Jekyll post (`posts/2023-05-08-http-cache.md`) whose
pictures live in `../resources/`, centred with `<p align="center"><img …></p>`, with `<br>`
lines followed by Markdown and a `<details>` block. Git cannot commit a `.git` folder, so the
fixture keeps it as `dot-git/` and each test copies the repository and renames it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.build import build, prepare
from deckgen.outline import outline, plan_outline

from conftest import FIXTURES, audit_errors, deck_texts, slide_notes

REPO = FIXTURES / "github_repo"
POST = "2023-05-08-http-cache.md"
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the repository with its `.git`, the current folder set to the post's folder."""
    copy = tmp_path / "outside" / "study-repo"
    shutil.copytree(REPO, copy)
    (copy / "dot-git").rename(copy / ".git")
    monkeypatch.chdir(copy / "posts")
    return copy


@pytest.fixture
def deck(repo: Path) -> Path:
    return build(Path(POST), Path("out.pptx"), {}).output


def _golden(path: Path, text: str) -> None:
    if os.environ.get("DECKGEN_UPDATE_OUTLINES"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_plan_and_outline_match_the_goldens(repo: Path):
    prepared = prepare(Path(POST), {})
    golden = REPO / "posts" / POST
    _golden(golden.with_suffix(".plan.txt"), plan_outline(prepared.talk))
    _golden(golden.with_suffix(".outline.txt"),
            outline(prepared.talk, prepared.deck, prepared.theme.name))


def test_every_picture_is_placed_from_resources(deck: Path, repo: Path):
    note = (repo / "posts" / POST).read_text(encoding="utf-8")
    names = {Path(src).name for src in re.findall(r'<img src="([^"]+)"', note)}
    pictures = [shape for slide in Presentation(str(deck)).slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    placed = {shape.name.removeprefix("Picture ") for shape in pictures}  # the shape's name
    assert len(names) == 3 and names <= placed
    alts = {shape._element.find(".//{*}cNvPr").get("descr") for shape in pictures}
    assert alts and not alts & names  # alt text says what the note says, never a file name


def test_no_warning_and_the_vault_is_the_repository(repo: Path):
    prepared = prepare(Path(POST), {})
    assert not [w for w in prepared.warnings if "image" in w.message or "HTML" in w.message]
    assert all(p.ok for p in prepared.pictures.values())


def test_every_bold_phrase_reaches_a_slide(deck: Path, repo: Path):
    note = (repo / "posts" / POST).read_text(encoding="utf-8")
    before_details, _, after = note.partition("<details>")
    _, _, after_details = after.partition("</details>")
    shown_part = before_details + after_details  # what <details> hides goes to the notes
    phrases = set(re.findall(r"\*\*(.+?)\*\*|<b>(.+?)</b>|<strong>(.+?)</strong>|<mark>(.+?)</mark>",
                             shown_part))
    phrases = {next(p for p in group if p) for group in phrases}
    shown = " ".join(" ".join(deck_texts(deck)).split())
    assert len(phrases) >= 9
    assert [p for p in phrases if p not in shown] == []


def test_details_summary_is_a_bullet_and_its_content_goes_to_the_notes(deck: Path):
    texts = " ".join(deck_texts(deck))
    assert "ETag와 Last-Modified 차이" in texts
    assert "ETag가 더 정확하다" not in texts
    assert any("ETag가 더 정확하다" in notes for notes in slide_notes(deck))


def test_no_html_tag_text_anywhere(deck: Path):
    everything = deck_texts(deck) + slide_notes(deck)
    leaks = [t for t in everything if TAG.search(t) or "&lt;" in t or "**" in t]
    assert leaks == []


def test_title_without_the_date_and_author_as_speaker(deck: Path):
    prs = Presentation(str(deck))
    title = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes
                     if shape.has_text_frame)
    assert "검프의 HTTP 캐시란?" in title and "2023 05 08" not in title  # its first heading
    assert "브라우저 캐시와 Cache-Control 정리" in title  # description → subtitle
    front = ("layout", "permalink", "/network/http-cache/", "categories", "study")
    assert not [t for t in deck_texts(deck) for word in front if word in t]


def test_deck_passes_openxml_audit(deck: Path):
    assert audit_errors(deck) == []


def test_hugo_toml_front_matter_is_read_and_never_reaches_a_slide(tmp_path: Path):
    from conftest import write_note

    note = write_note(tmp_path, "2024-01-02-docker-intro.md", (
        '+++\ntitle = "도커 입문 Docker"\nauthor = "검프"\ndate = 2024-01-02\n'
        'tags = ["docker"]\ndraft = false\n+++\n\n## 컨테이너\n\n**격리된 프로세스**입니다.\n'))
    prepared = prepare(note, {})
    assert prepared.talk.title == "검프의 도커 입문 Docker" and prepared.talk.date == "2024-01-02"
    shown = " ".join(" ".join(r.text for r in b.text) for s in prepared.talk.slides
                     for e in s.body for b in getattr(e, "items", ()))
    assert "격리된 프로세스" in shown
    assert not [s for s in prepared.talk.slides if "draft" in s.title or "+++" in s.title]
    assert prepared.warnings == ()


def test_a_remote_img_is_a_placeholder_never_fetched(tmp_path: Path):
    from conftest import write_note

    note = write_note(tmp_path, "remote.md", (
        '## 원격 그림 Remote\n\n<p align="center"><img src="https://example.invalid/x.png" '
        'width="400" alt="원격 다이어그램"></p>\n\n**키 문장** here.\n'))
    prepared = prepare(note, {}, vault=tmp_path)
    (picture,) = prepared.pictures.values()
    assert not picture.ok
    assert any("remote" in w.message for w in prepared.warnings + prepared.layout_warnings)
