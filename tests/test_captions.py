"""Captions under pictures: measured, at most two lines, inside the picture's own space."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import prepare
from deckgen.layout.captions import CAPTION_LINES, ELLIPSIS, captioned, fitted
from deckgen.layout.frames import Picture, PictureFrame, Rect, TextFrame
from deckgen.layout.measure import Measurer
from deckgen.layout.typeset import Typesetter
from deckgen.theme import theme_named

from conftest import png, write_note

THEME = theme_named("tecotalk")
TS = Typesetter(THEME, Measurer())


def _frames(vault: Path, body: str):
    png(vault / "pic.png", (1600, 900))
    write_note(vault, "n.md", f"# 제목\n\n## 그림\n{body}\n")
    prepared = prepare(vault / "n.md", {}, vault=vault)
    slide = next(s for s in prepared.deck.slides if s.title_text == "그림")
    return [f for f in slide.frames if isinstance(f, (PictureFrame, TextFrame))
            and (isinstance(f, PictureFrame) or f.role == "caption")]


@pytest.mark.parametrize("body, text", [
    ('![대체 글](pic.png "요청과 응답의 흐름")', "요청과 응답의 흐름"),
    ("![[pic.png|Request and response]]", "Request and response"),
])
def test_a_caption_sits_under_its_picture(vault: Path, body: str, text: str) -> None:
    picture, caption = _frames(vault, body)
    assert isinstance(picture, PictureFrame) and caption.role == "caption"
    assert caption.paras[0].runs[0].text == text
    assert caption.rect.y >= picture.rect.bottom  # below, not over the picture
    assert caption.rect.x <= picture.rect.x and caption.rect.right >= picture.rect.right
    assert abs(picture.rect.w / picture.rect.h - 16 / 9) < 0.01  # the picture keeps its shape


@pytest.mark.parametrize("body", ["![[pic.png]]", "![[pic.png|400]]", "![pic.png](pic.png)"])
def test_no_caption_without_words_of_the_author(vault: Path, body: str) -> None:
    assert [type(f).__name__ for f in _frames(vault, body)] == ["PictureFrame"]


def test_the_caption_takes_its_band_from_the_pictures_space() -> None:
    frame = PictureFrame(Rect(100, 100, 640, 360), Picture("a.png", 1600, 900, Path("a.png"),
                                                           caption="도커 이미지의 레이어 구조"))
    picture, caption = captioned(frame, TS, THEME)
    assert picture.rect.y == 100 and caption.rect.bottom <= 460 + 0.01
    assert picture.rect.h < 360
    assert caption.paras[0].size == THEME.sizes.caption


@pytest.mark.parametrize("text", ["아주 " * 80, "A very long caption that goes on " * 12,
                                  "띄어쓰기없는아주긴캡션" * 20])
def test_long_captions_are_cut_to_two_measured_lines(text: str) -> None:
    para = fitted(text, TS, THEME.sizes.caption, 300)
    lines = TS.lines(para, 300)
    assert len(lines) <= CAPTION_LINES and para.runs[0].text.endswith(ELLIPSIS)
    assert len(para.runs[0].text) > 20  # cut where it must be, not to nothing


def test_a_picture_too_small_for_a_caption_shows_none() -> None:
    frame = PictureFrame(Rect(0, 0, 120, 40), Picture("a.png", 300, 100, Path("a.png"),
                                                      caption="작은 그림의 캡션"))
    assert captioned(frame, TS, THEME) == [frame]
