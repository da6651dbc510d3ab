"""layout.closing: the last slide with the talk's link and QR code, and with the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout import lay_out
from deckgen.layout.closing import QR_SHARE
from deckgen.layout.frames import PictureFrame, TextFrame
from deckgen.layout.measure import Measurer
from deckgen.layout.typeset import Typesetter
from deckgen.look import Look
from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.pictures.qr import qr_picture
from deckgen.plan import TalkOptions, plan_talk
from deckgen.plan.talk import QrCode, text_of
from deckgen.theme import TECOTALK

URL = "https://github.com/woowacourse/tecotalk-docker-presentation-materials/tree/main/slides"
TWO = "## 도커\n**도구**\n## 이미지\n**층**\n"
SIX = "".join(f"## 주제 {n} 제목\n**핵심 문구 {n}번은 이렇게 조금 깁니다**\n" for n in range(6))
TS = Typesetter(TECOTALK, Measurer())


def closing_page(text: str, **options):
    note, _ = parse_note(Source(Path("n.md"), text))
    talk, _ = plan_talk(note, TalkOptions(**options))
    pictures = {p: qr_picture(p) for s in talk.slides for p in s.pictures if isinstance(p, QrCode)}
    deck, _ = lay_out(talk, pictures, Look(TECOTALK))
    return deck, deck.slides[-1]


def frame(page, role: str) -> TextFrame:
    return next(f for f in page.frames if isinstance(f, TextFrame) and f.role == role)


def qr(page) -> PictureFrame:
    return next(f for f in page.frames if isinstance(f, PictureFrame))


def inked(text_frame: TextFrame) -> tuple[float, float, float, float]:
    """Where a frame's text is drawn: its widest line, from the side it is aligned to."""
    widest = max(TS.widest_line(p, text_frame.rect.w, text_frame.face) for p in text_frame.paras)
    r = text_frame.rect
    if text_frame.paras[0].align == "r":
        return r.right - widest, r.y, r.right, r.bottom
    return r.x, r.y, r.x + widest, r.bottom


def test_the_qr_code_is_square_in_the_right_column_above_the_footer():
    deck, page = closing_page(TWO, link=URL)
    code = qr(page).rect
    assert code.w == pytest.approx(code.h)
    assert code.x >= deck.width * (1 - QR_SHARE) - 48 and code.right <= deck.width - 48 + 0.5
    assert code.bottom <= deck.height - 46
    assert page.title.rect.right <= code.x  # the title stays left of it


def test_the_url_is_right_aligned_under_the_code_and_every_line_links():
    _, page = closing_page(TWO, link=URL)
    caption = frame(page, "caption")
    assert caption.rect.y > qr(page).rect.bottom
    lines = [text_of(p.runs) for p in caption.paras]
    assert "".join(lines) == URL and len(lines) >= 2
    assert all(p.align == "r" and p.runs[0].link == URL for p in caption.paras)
    assert all(line[-1] in "/.-?" for line in lines[:-1])  # broken only after a separator
    assert all(p.size >= TECOTALK.sizes.body_min for p in caption.paras)  # readable from the back


def test_with_the_summary_the_title_goes_to_the_top_and_the_bullets_below_it():
    _, page = closing_page(TWO, closing="summary", link=URL)
    body = frame(page, "body")
    assert page.title.rect.y == 30  # the geometry's title top
    assert body.rect.y > frame(page, "subtitle").rect.bottom
    assert body.rect.right <= qr(page).rect.x
    assert [text_of(p.runs) for p in body.paras] == ["도커  도구", "이미지  층"]


def test_without_a_summary_the_thanks_is_centred_in_its_column():
    deck, page = closing_page(TWO, link=URL)
    subtitle = frame(page, "subtitle")
    middle = (page.title.rect.y + subtitle.rect.bottom) / 2
    assert middle == pytest.approx(deck.height / 2, abs=1)
    assert [text_of(p.runs) for p in subtitle.paras] == ["Q&A"]  # the URL is the caption's


def test_the_summary_alone_uses_the_whole_width():
    deck, page = closing_page(TWO, closing="summary")
    assert not any(isinstance(f, PictureFrame) for f in page.frames)
    assert page.title.rect.w == deck.width - 2 * 48


def overlaps(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_the_url_never_runs_over_the_summary():
    _, page = closing_page(SIX, closing="summary", link=URL)
    assert not overlaps(inked(frame(page, "body")), inked(frame(page, "caption")))


def test_the_summary_bullets_stay_above_the_footer():
    deck, page = closing_page(SIX, closing="summary", link=URL)
    assert frame(page, "body").rect.bottom <= deck.height - 46
    assert len(frame(page, "body").paras) == 6
