"""A talk's title when the note names none: its first heading, or its file name as written.

Title-casing a slug made "Os Cpu Scheduling And Algorithm" and "12 Woowahan Techotalk
Mutex And Semaphore": acronyms lost, small words shouting, a file's sort number in the
title. A file name is a person's own words, joined by dashes: split it back into words,
drop what only sorts files (a leading number, a date), spell acronyms as acronyms, keep
small words small and every word that has capitals of its own (iOS, MySQL) as written.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..note.read import scrub

# sort prefixes: a date (2023-05-08, 20230508, 2023.05.08) or a number (01, 12., 3)
_DATE = re.compile(r"^(?:\d{4}[-_.]\d{1,2}[-_.]\d{1,2}|\d{8})(?:[-_.\s]+|$)")
_NUMBER = re.compile(r"^\d{1,3}(?:[-_.\s]+)(?=\D)")
_WORD_BREAK = re.compile(r"[-_\s]+")
ACRONYMS = frozenset(
    "ai api aws cd ci cli cpu css csv db dbms dns dto er gc gpu gui html http https id ide io "
    "ip js json jvm jwt k8s lru mvc mvvm oop orm os pc rdbms rest rpc sdk sql ssh ssl tcp tls "
    "ui uri url ux udp vm vpc xml yaml".split())
SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to vs via with".split())


def title_from_filename(path: str) -> str:
    """`os_cpu_scheduling_and_algorithm.md` → "OS CPU Scheduling and Algorithm";
    `12_woowahan_techotalk_mutex_and_semaphore` → "Woowahan Techotalk Mutex and Semaphore";
    `2023-05-08-도커-이미지.md` → "도커 이미지"."""
    stem = scrub(PurePath(path).stem)  # a name from a Korean zip holds lone surrogates
    rest = _DATE.sub("", stem) or stem
    rest = _NUMBER.sub("", rest) or rest
    words = [w for w in _WORD_BREAK.split(rest) if w]
    return " ".join(_word(w, i == 0) for i, w in enumerate(words)) or "Talk"


def _word(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in ACRONYMS:
        return word.upper() if word == lower else word
    if word != lower:  # capitals of its own: the writer's spelling
        return word
    if lower in SMALL_WORDS and not first:
        return lower
    return word[:1].upper() + word[1:]


def names_subject(heading: str, path: str) -> bool:
    """Whether a heading names what the file is about: a word of the file name (not a small
    word, not a number) appears in it, in any case."""
    said = heading.lower()
    words = {w.lower() for w in _WORD_BREAK.split(scrub(PurePath(path).stem))}
    return any(w in said for w in words
               if len(w) >= 2 and w not in SMALL_WORDS and not w.isdigit())
