"""Which face draws each piece of text: the one rule, for measuring and for writing.

A face does not draw every character the deck holds: BM JUA has no ², →, ≤ or `\\` (it draws
a backslash as ₩), rare Hangul needs a fallback, emoji need the emoji face. Text is cut
where the drawing face changes, so every piece names a font that has its glyphs; layout
measures each piece in that face and render writes it with that face's name. An emoji
sequence (ZWJ family, keycap, flag) stays whole, in the emoji face, as one glyph.
"""

from __future__ import annotations

import re

from ..fonts import HANGUL, clusters, is_emoji, is_emoji_sequence
from ..theme import EMOJI, Face, face_for

_VARIATION = re.compile("[\ufe0e\ufe0f]")


def face_segments(text: str, base: Face, fallbacks: tuple[Face, ...]) -> list[tuple[str, Face]]:
    """`text` cut where the face that draws it changes, starting from `base`. Variation
    selectors are dropped (viewers give ☂️'s selector a width no one can measure), inside
    a ZWJ sequence too (🤼‍♂️: LibreOffice's PDF gives its selector a glyph's width, over the
    next word; the emoji font joins the sequence with or without it); a keycap keeps the
    digit + U+20E3 the emoji font's ligature needs."""
    if not base.regular:  # a face we cannot read is trusted to draw everything
        return [(_VARIATION.sub("", text), base)]
    faces = (base, *fallbacks)
    out: list[tuple[str, Face]] = []
    for unit in clusters(text):
        if is_emoji_sequence(unit) or is_emoji(unit[0]):
            chosen = EMOJI
            unit = _VARIATION.sub("", unit) or unit
        else:
            unit = _VARIATION.sub("", unit)
            if not unit:
                continue
            ch = unit[0]
            if ch in " \u200d" and out and out[-1][1] is not EMOJI:
                chosen = out[-1][1]  # (the emoji font's space is as wide as an emoji)
            elif base.east_asian and HANGUL.match(ch):
                chosen = base  # its own East Asian font (a template's) draws Hangul
            else:
                chosen = face_for(ch, faces) or EMOJI
        if out and out[-1][1] is chosen:
            out[-1] = (out[-1][0] + unit, chosen)
        else:
            out.append((unit, chosen))
    return out


def label_segments(line: str, faces: tuple[Face, ...]) -> tuple[tuple[str, str, str], ...]:
    """A diagram label's line as (text, Latin name, East Asian name) pieces, by the same rule
    as every other text (`face_segments`, with `faces[0]` as the base)."""
    pieces = face_segments(line, faces[0], faces[1:])
    return tuple((text, face.name, face.east_asian_name) for text, face in pieces) or \
        ((line, faces[0].name, faces[0].east_asian_name),)
