"""How long a slide takes to say, and which language the note speaks.

Korean speakers say about 300 syllables a minute; a Latin word inside Korean costs about
two syllables. English speakers say about 150 words a minute. Every slide also costs a
short pause (looking at it, the transition), longer for slides the audience must read.
"""

from __future__ import annotations

import re

from .talk import SlideKind, kind_spec

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’._-]*")

KOREAN_SYLLABLES_PER_MINUTE = 300
ENGLISH_WORDS_PER_MINUTE = 150

PICTURE_PAUSE_SECONDS = 3.0

def language_of(text: str) -> str:
    """'ko' when Hangul carries most of the note (a Latin word counting as two syllables)."""
    hangul = len(_HANGUL.findall(text))
    latin_words = len(_LATIN_WORD.findall(text))
    return "ko" if hangul > 2 * latin_words else "en"


def speaking_seconds(text: str, language: str) -> float:
    """Estimated seconds to say `text` aloud at a relaxed talk pace."""
    hangul = len(_HANGUL.findall(text))
    latin_words = len(_LATIN_WORD.findall(text))
    if language == "ko":
        units = hangul + 2 * latin_words
        return units * 60.0 / KOREAN_SYLLABLES_PER_MINUTE
    words = latin_words + hangul / 2.5  # a Korean word (어절) is about 2.5 syllables
    return words * 60.0 / ENGLISH_WORDS_PER_MINUTE


def slide_seconds(kind: SlideKind, spoken: str, language: str, pictures: int = 0) -> float:
    return kind_spec(kind).pause + speaking_seconds(spoken, language) + \
        (PICTURE_PAUSE_SECONDS if pictures else 0.0)


def clock(seconds: float) -> str:
    """0:40, 3:10, 12:05: how people write talk times."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
