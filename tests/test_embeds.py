"""What an embed is, and which text may be a picture's caption."""

from __future__ import annotations

import pytest

from deckgen.note.embeds import caption_of, embed_piece, is_excalidraw
from deckgen.note.model import Embed, ImageRef


@pytest.mark.parametrize("target, expected", [
    ("네트워크 기초", Embed("네트워크 기초", "", "", 1)),
    ("네트워크 기초#TCP 핸드셰이크", Embed("네트워크 기초", "TCP 핸드셰이크", "", 1)),
    ("Glossary#^stateless", Embed("Glossary", "", "stateless", 1)),
    ("#Details", Embed("", "Details", "", 1)),
])
def test_notes_sections_and_blocks_are_embeds(target: str, expected: Embed) -> None:
    assert embed_piece(target, "", None, None, 1) == expected


def test_pictures_pdf_pages_and_drawings_are_image_refs() -> None:
    assert embed_piece("그림.PNG", "캡션", 300, None, 2) == ImageRef("그림.PNG", "캡션", 2, 300,
                                                                    embed=True)
    assert embed_piece("paper.pdf#page=12", "", None, None, 3).page == 12
    assert embed_piece("paper.pdf#zoom=2", "", None, None, 3).page == 1
    assert is_excalidraw("Drawing.excalidraw") and is_excalidraw("그림.Excalidraw.md")
    assert not is_excalidraw("excalidraw notes")


@pytest.mark.parametrize("ref, caption", [
    (ImageRef("a.png", "대체 글", 1, title="요청과 응답의 흐름"), "요청과 응답의 흐름"),
    (ImageRef("a.png", "Request  and\nresponse", 1), "Request and response"),
    (ImageRef("a.png", "세 번의 패킷 교환", 1, embed=True), "세 번의 패킷 교환"),
    (ImageRef("Pasted image 2024.png", "Pasted image 2024.png", 1, embed=True), ""),
    (ImageRef("img/도식.png", "도식", 1), ""),
    (ImageRef("x.png", "screenshot.JPG", 1), ""),
    (ImageRef("x.png", "", 1, title="diagram.svg"), ""),
    (ImageRef("x.png", "Python 3.10 release", 1), "Python 3.10 release"),
    (ImageRef("x.png", "", 1), ""),
])
def test_captions_come_from_title_or_alt_but_never_a_file_name(ref: ImageRef, caption: str) -> None:
    assert caption_of(ref) == caption
