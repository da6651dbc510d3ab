"""Glyphs the deck's faces lack or draw differently: `\\` drawn as ₩, and emoji."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from deckgen.build import build
from deckgen.fonts import FONT_DIR, clusters, covers, draws_backslash_as_won, is_emoji_sequence
from deckgen.layout.measure import Measurer, Style
from deckgen.theme import EMOJI, TECOTALK

from conftest import audit_errors, requires_soffice, write_note

WON_FACES = {"BM JUA", "NanumGothic"}


@pytest.mark.parametrize("file_name, won", [
    ("BMJUA_ttf.ttf", True), ("NanumGothic.ttf", True), ("NanumGothicBold.ttf", True),
    ("NanumGothicCoding.ttf", False), ("DejaVuSans.ttf", False)])
def test_backslash_drawn_as_won_is_told_by_the_glyph_and_not_covered(file_name, won):
    assert draws_backslash_as_won(FONT_DIR / file_name) is won
    assert covers(file_name, "\\") is not won  # coverage.json agrees with the glyphs
    assert covers(file_name, "A")


def _runs(deck: Path) -> list[tuple[str, str]]:
    """(text, latin typeface) of every run of every slide, read from the XML."""
    out = []
    with zipfile.ZipFile(deck) as archive:
        for name in archive.namelist():
            if re.match(r"ppt/slides/slide\d+\.xml$", name):
                xml = archive.read(name).decode("utf-8")
                for run in re.findall(r"<a:r>.*?</a:r>", xml, re.S):
                    text = re.search(r"<a:t>(.*?)</a:t>", run, re.S)
                    face = re.search(r'<a:latin typeface="([^"]*)"', run)
                    out.append((text.group(1) if text else "", face.group(1) if face else ""))
    return out


@pytest.mark.parametrize("theme", ["tecotalk", "plain"])
def test_a_run_with_a_backslash_is_never_set_in_a_face_that_draws_won(tmp_path, theme):
    note = write_note(tmp_path, "paths.md", (
        "# 윈도우 경로 C:\\Users\\검프\n\n## 경로와 LaTeX\n\n"
        "- **C:\\Program Files\\Docker** 폴더\n- 수식 **\\frac{a}{b}** 와 `C:\\tmp\\x`\n"
        "- Escape with a backslash: **a \\ b** in English\n"))
    deck = build(note, tmp_path / "paths.pptx", {"theme": theme}).output
    runs = _runs(deck)
    with_backslash = [(text, face) for text, face in runs if "\\" in text]
    assert len(with_backslash) >= 5
    assert [r for r in with_backslash if r[1] in WON_FACES] == []
    assert all("\\" not in text for text, face in runs if face in WON_FACES)


def test_emoji_sequences_are_one_unit_and_one_glyph_wide():
    assert clusters("가👨‍👩‍👧나") == ["가", "👨‍👩‍👧", "나"]
    assert clusters("1️⃣ #️⃣") == ["1️⃣", " ", "#️⃣"]
    assert clusters("🇰🇷🇺🇸") == ["🇰🇷", "🇺🇸"]
    assert clusters("👍🏽 ok") == ["👍🏽", " ", "o", "k"]
    assert all(is_emoji_sequence(u) for u in ("👨‍👩‍👧", "1️⃣", "🇰🇷", "👍🏽"))
    assert not is_emoji_sequence("☂️") and not is_emoji_sequence("가")
    measurer = Measurer()
    style = Style(TECOTALK.body, TECOTALK.code, TECOTALK.fallbacks)
    one = measurer.width("😀", 28, style)  # DejaVu Sans has 😀 too; the emoji face wins
    assert one == pytest.approx(measurer.width("🐳", 28, style))
    for sequence in ("👨‍👩‍👧", "1️⃣", "🇰🇷", "👍🏽"):
        assert measurer.width(sequence, 28, style) == pytest.approx(one, rel=0.01), sequence
    assert measurer.width("Docker 😀 도커", 28, style) < measurer.width("Docker 😀😀 도커", 28, style)


def test_emoji_are_measured_with_the_bundled_font():
    assert EMOJI.regular == "NotoEmoji-Regular.ttf" and (FONT_DIR / EMOJI.regular).is_file()
    assert (FONT_DIR / "LICENSE-NotoEmoji.txt").read_text().count("SIL Open Font License") >= 1
    assert covers(EMOJI.regular, "🐳") and not covers("BMJUA_ttf.ttf", "🐳")


EMOJI_NOTE = ("# 🐳 도커와 🚀 배포\n\n## 👨‍👩‍👧 가족과 👍🏽 좋아요\n\n**🚀 로켓처럼 빠른** 시작\n\n"
              "## Keycaps 1️⃣ 2️⃣ and flags 🇰🇷\n\n- **🎉 Ship it** today\n- **✅ 체크** 완료\n\n"
              "## 팀 소개 🤼‍♂️ 레슬링\n\n**개발자 👩‍💻 코딩** 중이다, 🏳️‍🌈 깃발과 ❤️‍🔥 열정.\n\n"
              "- 🤼‍♂️ wrestlers and 👩‍💻 developers\n")


def test_emoji_runs_name_the_colour_face(tmp_path):
    deck = build(write_note(tmp_path, "emoji.md", EMOJI_NOTE), tmp_path / "e.pptx", {}).output
    faces = {text: face for text, face in _runs(deck)}
    assert faces["👨‍👩‍👧"] == "Segoe UI Emoji" and faces["🇰🇷"] == "Segoe UI Emoji"
    assert faces["🐳"] == "Segoe UI Emoji" and faces["🎉"] == "Segoe UI Emoji"
    assert any(text.startswith("1") and "\u20e3" in text and face == "Segoe UI Emoji"
               for text, face in _runs(deck))
    # a ZWJ sequence is one run of the emoji face, without the selector LibreOffice's PDF
    # would give a glyph's width (the emoji font joins the sequence either way)
    assert faces["🤼\u200d♂"] == "Segoe UI Emoji" and faces["🏳\u200d🌈"] == "Segoe UI Emoji"
    assert not any("\ufe0f" in text for text, face in _runs(deck) if face == "Segoe UI Emoji")
    assert audit_errors(deck) == []


@requires_soffice
def test_emoji_in_titles_are_drawn_in_the_pdf(tmp_path, monkeypatch):
    """deckgen's --pdf draws them with the bundled font on any machine; a plain LibreOffice
    with the fonts installed (`deckgen fonts install`, here a fontconfig file adding the
    packaged folder so the user's font folder is left alone) lays them out without faults."""
    from deckgen.export.pdf import convert
    from layoutcheck import render

    deck = build(write_note(tmp_path, "emoji.md", EMOJI_NOTE), tmp_path / "emoji.pptx", {}).output
    (pdf,) = convert([deck], tmp_path)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoEmoji" in fonts
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f"  <dir>{FONT_DIR}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n"
                    "</fontconfig>\n")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    report = render(deck, tmp_path / "check")
    assert report.pages == report.slides
    assert report.faults == []
