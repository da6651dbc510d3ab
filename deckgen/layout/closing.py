"""The last slide when it carries more than thanks: the link with its QR code, and (with
`closing: summary`) the summary bullets, so the slide that stays up during questions keeps
the talk's points and the way to the material in view."""

from __future__ import annotations

import re

from .frames import Frame, PictureFrame, Rect, TextFrame
from ..pictures.model import Picture
from ..note.model import Marks
from ..plan.talk import Bullets, Run, Slide
from .typeset import TITLE_PITCH

QR_SHARE = 0.3  # of the slide's width, for the code and its URL
URL_SLACK = 0.85


def closing_frames(layout, slide: Slide, pictures: list[Picture]
                   ) -> tuple[TextFrame, list[Frame]]:
    """Title and Q&A line at the top left, the summary below, the QR code at the right."""
    g, sizes, colors = layout.geometry, layout.theme.sizes, layout.theme.colors
    ts = layout.ts
    qr = pictures[0] if pictures else None
    link = slide.subtitle[-1] if qr is not None and slide.subtitle else ""
    lines = slide.subtitle[:-1] if link else slide.subtitle
    right = g.width * QR_SHARE if qr is not None else 0.0
    width = g.width - 2 * g.margin - right
    body = [e for e in slide.body if isinstance(e, Bullets)]
    big = sizes.title_slide if not body else sizes.title
    title_para, title_h = layout._fit_heading(slide.title, width, big, sizes.title_min, 2, slide)
    subs = [ts.plain((Run(line),), sizes.subtitle, color=colors.accent) for line in lines]
    sub_h = ts.height(subs, width) if subs else 0.0
    body_h, size = 0.0, sizes.body
    line, above = layout.theme.gaps.closing_line, layout.theme.gaps.closing_body
    code = _qr(layout, qr, link, g.width - g.margin - right + above, right - above,
               low=bool(body)) if qr is not None else []
    bottom = _body_bottom(layout, code, g.margin + width, line)
    for size in _steps(sizes.body, sizes.body_min):
        body_h = sum(layout.setter.height(e, width, size) for e in body)
        if g.title_top + title_h + line + sub_h + above + body_h <= bottom:
            break
    total = title_h + (line + sub_h if subs else 0) + (above + body_h if body else 0)
    top = g.title_top if body else max(g.title_top, (g.height - total) / 2)
    title = TextFrame(Rect(g.margin, top, width, title_h), (title_para,), layout.theme.heading,
                      colors.text, role="title")
    frames: list[Frame] = []
    y = title.rect.bottom + line
    if subs:
        frames.append(TextFrame(Rect(g.margin, y, width, sub_h), tuple(subs), layout.theme.body,
                                colors.accent, role="subtitle"))
        y += sub_h
    y += above
    for element in body:
        frames.extend(layout.setter.place(element, g.margin, y, width, size))
        y += layout.setter.height(element, width, size) + line
    return title, frames + code


def _body_bottom(layout, code: list[Frame], body_right: float, line: float) -> float:
    """Where the summary must end: above the URL when the URL, right-aligned under the code
    and wider than its column, reaches in under the summary; else at the footer."""
    g = layout.geometry
    bottom = g.height - g.footer
    for caption in (f for f in code if isinstance(f, TextFrame)):
        widest = max(layout.ts.widest_line(p, caption.rect.w, caption.face) for p in caption.paras)
        if caption.rect.right - widest < body_right:
            bottom = min(bottom, caption.rect.y - line)
    return bottom


def _qr(layout, picture: Picture, link: str, x: float, width: float, low: bool = False
        ) -> list[Frame]:
    """The code in the right column; the URL under it at body size, right-aligned and as
    wide as the slide allows (a URL at caption size would be unreadable from the back).
    Centred beside a title; `low`, beside a summary, it stands on the footer, so the URL
    that reaches in under the summary takes the least of its room."""
    g, ts, colors = layout.geometry, layout.ts, layout.theme.colors
    full = g.width - 2 * g.margin
    paras = _url_lines(ts, link, full * URL_SLACK, colors.muted, layout.theme.sizes.body_min)
    url_h = ts.height(paras, full)
    bottom = g.height - g.footer
    line, above = layout.theme.gaps.closing_line, layout.theme.gaps.closing_body
    side = min(width, bottom - g.title_top - url_h - above)
    top = max(g.title_top, (bottom - side - line - url_h) / (1 if low else 2))
    box = PictureFrame(Rect(x + (width - side) / 2, top, side, side), picture)
    caption = TextFrame(Rect(g.margin, top + side + line, full, url_h), tuple(paras),
                        layout.theme.body, colors.muted, role="caption")
    return [box, caption]


def _url_lines(ts, link: str, width: float, colour: str, size: float) -> list:
    """The URL as few lines as it needs, broken only after '/', '.', '-' or '?', each line
    a paragraph of its own so no viewer breaks it elsewhere; every line links."""
    pieces = re.findall(r"[^/.?\-]*[/.?\-]*", link)
    lines: list[str] = []
    current = ""
    for piece in (p for p in pieces if p):
        trial = current + piece
        para = ts.plain((Run(trial),), size, TITLE_PITCH)
        if current and len(ts.lines(para, width)) > 1:
            lines.append(current)
            current = piece
        else:
            current = trial
    lines.append(current)
    return [ts.plain((Run(line, Marks(link=link)),), size, TITLE_PITCH, align="r",
                     color=colour) for line in lines]


def _steps(start: float, floor: float) -> list[float]:
    out, size = [], start
    while size > floor:
        out.append(size)
        size -= 2
    return out + [floor]
