"""Memos the author wrote for themselves stay with the speaker.

"이 노트는 스터디 발표용으로 정리했습니다" before the first heading, a `> [!note] 발표 준비`
callout ("데모는 2분 정도 걸립니다") or a `> [!todo]` are about the note or the talk, not
for the audience: they go to the title slide's speaker notes, never on a slide. A memo
that says how long a demo takes reserves that time when the note has no `%% demo %%` mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..note.model import Block, Callout, Demo, Paragraph, Section, plain, walk

_MEMO_TITLE = re.compile(r"발표|메모|준비|리허설|할\s*일|todo|to-do|note to self|memo|"
                         r"speaker|rehears|prep", re.IGNORECASE)
_ABOUT_THE_NOTE = re.compile(
    r"^\s*(?:이|본)\s*(?:노트|글|문서)|(?:발표용|스터디용|발표\s*준비)|"
    r"^\s*(?:this|these)\s+(?:note|notes|page)\b|\bnote to self\b|^\s*memo\b",
    re.IGNORECASE)
_DEMO_TIME = re.compile(r"(?:데모|시연|demo)\D{0,16}?(\d+(?:\.\d+)?)\s*(분|min)", re.IGNORECASE)
MEMO_KINDS = ("todo",)


def is_memo(block: Block) -> bool:
    """A callout titled as a memo, or a paragraph that talks about the note itself."""
    match block:
        case Callout():
            return block.kind.lower() in MEMO_KINDS or bool(_MEMO_TITLE.search(plain(block.title)))
        case Paragraph():
            return bool(_ABOUT_THE_NOTE.search(plain(block.spans)))
        case _:
            return False


def is_memo_callout(block: Block) -> bool:
    """Inside a section only callouts count as memos (a paragraph there is the talk)."""
    return isinstance(block, Callout) and is_memo(block)


def memo_demo_seconds(memos: Sequence[Block]) -> float:
    """The demo time a memo names ("데모는 2분 정도", "the demo takes 3 min"), in seconds."""
    for block in walk(memos):
        if isinstance(block, Paragraph):
            found = _DEMO_TIME.search(plain(block.spans))
            if found:
                return float(found.group(1)) * 60.0
    return 0.0


def has_demo_mark(preamble: Sequence[Block], sections: Sequence[Section]) -> bool:
    """Whether the note reserves a demo itself with `%% demo 2:00 %%`."""
    def blocks(section: Section) -> list[Block]:
        return list(section.blocks) + [b for child in section.children for b in blocks(child)]

    everything = list(preamble) + [b for s in sections for b in blocks(s)]
    return any(isinstance(block, Demo) for block in walk(everything))
