"""Slides that make a claim: a bold phrase that is only a noun keeps its predicate.

"Stop-The-World" alone on a slide says nothing; the sentence it was bolded in says what it
is ("Stop-The-World는 GC를 실행하려고 애플리케이션 스레드를 모두 멈추는 것이다"). When a
content slide draws nothing and its body is a fragment, each short point shows the
sentence of the speaker's script it comes from (the phrase still in the accent colour),
cut at a clause boundary when the sentence is long. Sentences and clauses are found with
the same boundaries the fitting uses (`own.CLAUSE`, sentence ends); see the README for
why a sentence-splitter library was not adopted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .own import CLAUSE, leading_pieces
from .talk import Bullet, Bullets, Element, Run, Slide, SlideKind, Takeaway, Text, text_of

FRAGMENT_CHARS = 25  # a body with fewer characters than this, and nothing drawn, is a fragment
SHORT_POINT = 30  # a point this short without a predicate is a name, not a claim
CLAIM_CHARS = 70  # a claim is at most about two lines of a slide
_SENTENCE = re.compile(r"(?<=[.!?。？！])\s+|\n+")
_PREDICATE = re.compile(r"(?:다|요|니다|함|됨|임|있음|없음)[.!]?$|[.!?]$")  # it says something
_MARKER = re.compile(r"^\s*(?:[•–\-▶►▷■□●○◆◇☞➤➜→✦★☆◎]|\d+[.)](?=\s|$))\s*")  # not 192.168.…


def is_fragment(slide: Slide) -> bool:
    """A content slide with nothing drawn whose body says fewer than FRAGMENT_CHARS."""
    if slide.kind != SlideKind.CONTENT or slide.pictures or slide.cards:
        return False
    if any(not isinstance(e, (Bullets, Takeaway)) for e in slide.body):
        return False
    chars = sum(len("".join(text_of(b.text).split())) for e in slide.body
                if isinstance(e, Bullets) for b in e.items)
    chars += sum(len("".join(text_of(e.text).split())) for e in slide.body
                 if isinstance(e, Takeaway))
    return chars < FRAGMENT_CHARS


def claim(bullet: Bullet, script: str, title: str = "", limit: int = CLAIM_CHARS,
          short: int = SHORT_POINT) -> Bullet:
    """A short point as the sentence of `script` it was bolded in (within `limit`); a point
    that only repeats `title` becomes the script's leading sentence."""
    sentences = _sentences(script)
    if text_of(bullet.text).strip() == title.strip() and sentences:
        lead = _clauses(sentences[0], "", limit)
        return replace(bullet, text=_around(bullet.text, title, lead)) if lead != title \
            else bullet
    return _claimed(bullet, sentences, limit, short)


def with_claims(slide: Slide) -> Slide:
    """The slide with its short points said as claims, when it is a fragment."""
    if not is_fragment(slide):
        return slide
    sentences = _sentences(slide.notes.script)
    body = []
    for element in slide.body:
        if isinstance(element, Bullets):
            element = Bullets(tuple(_once(_claimed(b, sentences) for b in element.items)))
        body.append(element)
    if not body and sentences:  # a title alone: its leading sentence says it
        body.append(Takeaway((Run(_clauses(sentences[0])),)))
    slide = slide.but(body=tuple(body))
    for _ in range(2):  # still a fragment: the script's next sentences say more
        if not is_fragment(slide):
            break
        shown = " ".join(_shown_text(slide))
        more = next((s for s in sentences if s.rstrip(".。") not in shown
                     and len(_clauses(s)) <= CLAIM_CHARS), None)
        if more is None:
            break
        slide = slide.but(body=_with_point(slide.body, _clauses(more)))
    return slide


def _with_point(body: tuple[Element, ...], sentence: str) -> tuple[Element, ...]:
    """One more point, set like the others: a bullet after the slide's bullets, else a
    takeaway line (a slide of takeaways)."""
    last = body[-1] if body else None
    if isinstance(last, Bullets):
        return body[:-1] + (Bullets(last.items + (Bullet((Run(sentence),)),)),)
    return body + (Takeaway((Run(sentence),)),)


def _once(bullets: Iterable[Bullet]) -> list[Bullet]:
    """Two points bolded in one sentence: the sentence once, with both phrases marked."""
    out: list[Bullet] = []
    for bullet in bullets:
        text = text_of(bullet.text)
        same = next((i for i, b in enumerate(out) if text_of(b.text) == text), None)
        if same is None:
            out.append(bullet)
            continue
        keys = {r.text for r in bullet.text if r.accent} | {r.text for r in out[same].text
                                                             if r.accent}
        out[same] = replace(out[same], text=_marked(text, keys, bullet.text))
    return out


def _marked(sentence: str, phrases: set[str], like: Text) -> Text:
    """`sentence` as runs with every phrase of `phrases` in the marks of `like`'s key run."""
    marks = next((r.marks for r in like if r.accent), like[0].marks if like else Run("").marks)
    cuts = sorted((sentence.find(p), sentence.find(p) + len(p)) for p in phrases
                  if p and sentence.find(p) >= 0)
    runs: list[Run] = []
    at = 0
    for start, end in cuts:
        if start < at:
            continue  # overlapping phrases: the first one's marks
        if start > at:
            runs.append(Run(sentence[at:start]))
        runs.append(Run(sentence[start:end], marks))
        at = end
    if at < len(sentence):
        runs.append(Run(sentence[at:]))
    return tuple(runs)


def _shown_text(slide: Slide) -> list[str]:
    texts = [text_of(b.text) for e in slide.body if isinstance(e, Bullets) for b in e.items]
    return texts + [text_of(e.text) for e in slide.body if isinstance(e, Takeaway)]


def _sentences(script: str) -> list[str]:
    """The script's sentences (a list item's line is one), without list markers."""
    return [_MARKER.sub("", s).strip() for s in _SENTENCE.split(script)
            if _MARKER.sub("", s).strip()]


def _claimed(bullet: Bullet, sentences: list[str], limit: int = CLAIM_CHARS,
             short: int = SHORT_POINT) -> Bullet:
    phrase = text_of(bullet.text).strip()
    if bullet.level or len(phrase) > short or not phrase or _PREDICATE.search(phrase):
        return bullet
    sentence = next((s for s in sentences if phrase in s and s.strip() != phrase), None)
    if sentence is None:
        return bullet
    shown = _clauses(sentence, phrase, limit)
    if len(shown) > limit * 1.3:  # no clause boundary: the point stays as the author bolded it
        return bullet
    return replace(bullet, text=_around(bullet.text, phrase, shown))


def _clauses(sentence: str, must: str = "", limit: int = CLAIM_CHARS) -> str:
    """The sentence, or its leading clauses within `limit` (never cutting `must`)."""
    sentence = sentence.rstrip(".。")
    if len(sentence) <= limit:
        return sentence
    shown = leading_pieces(CLAUSE.split(sentence), limit)  # whole clauses, never words
    return shown if must in shown else sentence


def _around(text: Text, phrase: str, sentence: str) -> Text:
    """The sentence as runs: the phrase keeps the marks it had, the rest is plain."""
    at = sentence.find(phrase)
    if at < 0:
        return (Run(sentence),)
    marks = text[0].marks if text else Run("").marks
    before, after = sentence[:at], sentence[at + len(phrase):]
    runs = [Run(before)] if before else []
    runs.append(Run(phrase, marks))
    if after:
        runs.append(Run(after))
    return tuple(runs)
