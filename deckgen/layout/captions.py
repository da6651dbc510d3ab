"""Captions under pictures: `![alt](x.png "title")` or `![[x.png|a caption]]`.

A caption takes a band at the bottom of the space the picture was given: the picture
shrinks (keeping its shape) to make room, so nothing placed around it moves and nothing
overlaps. The text is measured and cut with an ellipsis to at most `CAPTION_LINES` lines
at the picture's width; a picture too small to spare the room shows no caption.
"""

from __future__ import annotations

from dataclasses import replace

from ..plan.talk import Run
from ..theme import Theme
from .frames import Frame, Para, PictureFrame, Rect, TextFrame
from .typeset import Typesetter

CAPTION_LINES = 2
MOST_OF_HEIGHT = 0.3  # a caption never takes more than this share of the picture's space
ELLIPSIS = "…"


def captioned(frame: Frame, ts: Typesetter, theme: Theme) -> list[Frame]:
    """`frame`, and a caption under it when its picture has one and there is room."""
    if not isinstance(frame, PictureFrame) or not frame.picture.ok or not frame.picture.caption:
        return [frame]
    rect = frame.rect
    para = fitted(frame.picture.caption, ts, theme.sizes.caption, rect.w)
    band = ts.height((para,), rect.w)
    if band + theme.gaps.caption > rect.h * MOST_OF_HEIGHT:
        return [frame]
    height = rect.h - band - theme.gaps.caption
    width = min(rect.w, height * frame.picture.aspect)
    height = width / frame.picture.aspect
    picture = Rect(rect.x + (rect.w - width) / 2, rect.y, width, height)
    caption = Rect(rect.x, picture.bottom + theme.gaps.caption, rect.w, band)
    return [replace(frame, rect=picture),
            TextFrame(caption, (para,), theme.body, theme.colors.muted, role="caption")]


def fitted(text: str, ts: Typesetter, size: float, width: float) -> Para:
    """The caption as one centred paragraph of at most `CAPTION_LINES` lines at `width`."""
    text = " ".join(text.split())
    para = ts.plain((Run(text),), size, align="ctr")
    if len(ts.lines(para, width)) <= CAPTION_LINES:
        return para
    low, high = 0, len(text)  # the longest prefix that fits with an ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        trial = ts.plain((Run(text[:middle].rstrip() + ELLIPSIS),), size, align="ctr")
        if len(ts.lines(trial, width)) <= CAPTION_LINES:
            low = middle
        else:
            high = middle - 1
    return ts.plain((Run(text[:low].rstrip() + ELLIPSIS),), size, align="ctr")
