"""The last step of layout: every paragraph set as the pieces render writes.

Layout measures paragraphs as runs with marks; before the deck leaves layout each paragraph
is cut into `SetRun`s, each with the face that draws it (`glyphs.face_segments`, the same
rule the measure uses), its colour (key phrases in the accent, links in the link colour),
its boldness and its language, and each bullet gets its colour and face. Render then maps
these to OOXML and decides nothing: the text it writes is the text that was measured.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from ..fonts import lang_tag
from ..theme import Face, Theme, face_for
from .frames import (CodeFrame, DiagramFrame, Frame, Para, PictureFrame, SetPara, SetRun,
                     ShapeFrame, TableFrame, TextFrame)
from .glyphs import face_segments


def set_frames(frames: tuple[Frame, ...] | list[Frame], theme: Theme) -> tuple[Frame, ...]:
    """`frames` with every paragraph set and every placeholder coloured."""
    return tuple(set_frame(frame, theme) for frame in frames)


def set_frame(frame: Frame, theme: Theme) -> Frame:
    match frame:
        case TextFrame():
            return set_text(frame, theme)
        case TableFrame():
            cells = tuple(tuple(set_para(para, frame.face, frame.color, theme) for para in row)
                          for row in frame.cells)
            return replace(frame, cells=cells)
        case PictureFrame():
            label = set_text(frame.label, theme) if frame.label is not None else None
            return replace(frame, label=label, placeholder_fill=theme.colors.placeholder,
                           placeholder_line=theme.colors.muted)
        case CodeFrame() | ShapeFrame() | DiagramFrame():
            return frame  # coloured and faced when they were made
        case _:
            assert_never(frame)


def set_text(frame: TextFrame, theme: Theme) -> TextFrame:
    return replace(frame, paras=tuple(set_para(p, frame.face, frame.color, theme)
                                      for p in frame.paras))


def set_para(para: Para, frame_face: Face, frame_color: str, theme: Theme) -> Para:
    """The paragraph's pieces: cut by the face that draws them, then (in a paragraph that
    wraps) each linked word on its own, because LibreOffice turns a hyperlink into one
    unbreakable field and cuts it anywhere when it wraps."""
    face = para.face or frame_face
    color = para.color or frame_color
    runs: list[SetRun] = []
    for run in para.runs:
        lang = lang_tag(run.text)
        base = theme.code if run.code else face
        for text, drawn_by in face_segments(run.text, base, theme.fallbacks):
            pieces = _link_pieces(text, run.link) if para.wraps else [(text, bool(run.link))]
            for piece, linked in pieces:
                link = run.link if linked else None
                shown = theme.colors.accent if run.accent else (
                    theme.colors.link if link else color)
                runs.append(SetRun(piece, drawn_by, shown, para.bold, run.italic, run.strike,
                                   link, lang))
    bullet_face = None
    if para.bullet or para.number:
        bullet_face = _marker_face(para.bullet or "1", (face, *theme.fallbacks)) or face
    whole = "".join(run.text for run in para.runs)
    return replace(para, set=SetPara(tuple(runs), face, color, lang_tag(whole),
                                     theme.colors.accent if bullet_face else None, bullet_face))


def _marker_face(marker: str, faces: tuple[Face, ...]) -> Face | None:
    """The first face that draws every character of a bullet or a list's own marker ("0.")."""
    for face in faces:
        if all(face_for(ch, (face,)) is face for ch in marker):
            return face
    return None


def _link_pieces(text: str, link: str | None) -> list[tuple[str, bool]]:
    if not link:
        return [(text, False)]
    return [(piece, not piece.isspace()) for piece in re.split(r"( +)", text) if piece]
