"""The speaker's own pace, from a rehearsal, in place of the syllable estimate.

A rehearsal (the HTML presenter view) records how long the speaker stayed on each page. The
next plan reads it as a value (`Rehearsal`): a slide that was rehearsed and has not changed
since takes the time the speaker took; one whose words changed takes that time scaled by how
much its estimate changed; slides never rehearsed keep the estimate. Fitting to the minutes
then runs on these times. Slides are matched by kind and title (the n-th slide of that kind
and title), changes are seen in a digest of what the slide says, taken before fitting.
Pure: the build reads the file, this module reads its text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .talk import Slide

REHEARSAL_VERSION = 1


@dataclass(frozen=True)
class Rehearsed:
    """One plan slide as rehearsed: the speaker's seconds over its pages, the estimate it had
    then, and the digest of what it said."""

    key: str
    seconds: float
    estimate: float
    digest: str


@dataclass(frozen=True)
class Rehearsal:
    slides: tuple[Rehearsed, ...]

    @property
    def seconds(self) -> float:
        return sum(slide.seconds for slide in self.slides)

    def find(self, key: str) -> Rehearsed | None:
        return next((slide for slide in self.slides if slide.key == key), None)


def slide_digest(slide: Slide) -> str:
    """A short digest of what the slide shows and says (title, body, script); the same
    slide gives the same digest in every run (frozen values have a stable repr)."""
    said = "\x1f".join((slide.kind.value, slide.title, repr(slide.body), slide.notes.script))
    return hashlib.sha1(said.encode("utf-8")).hexdigest()[:12]


def slide_keys(slides: Iterable[Slide]) -> list[str]:
    """Each slide's key: kind and title, numbered when the same pair comes again."""
    seen: dict[str, int] = {}
    keys = []
    for slide in slides:
        base = f"{slide.kind.value}:{slide.title}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def stamped(slides: Sequence[Slide], rehearsal: Rehearsal | None) -> list[Slide]:
    """The slides with their digest and estimate noted (`Slide.said`), their seconds the
    speaker's pace where `rehearsal` has them."""
    out = []
    for slide, key in zip(slides, slide_keys(slides)):
        digest = slide_digest(slide)
        seconds = slide.seconds
        found = rehearsal.find(key) if rehearsal is not None else None
        if found is not None and found.seconds > 0:
            if found.digest == digest or found.estimate <= 0:
                seconds = found.seconds
            else:
                seconds = found.seconds * slide.seconds / found.estimate
        out.append(slide.but(seconds=seconds, said=(key, digest, slide.seconds)))
    return out


def read_rehearsal(text: str) -> Rehearsal:
    """A rehearsal file's text (written by the presenter view) as a value; ValueError when it
    is not one. Pages of one plan slide add up."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != REHEARSAL_VERSION \
            or not isinstance(data.get("pages"), list):
        raise ValueError("not a deckgen rehearsal file (version 1)")
    slides: dict[str, Rehearsed] = {}
    for page in data["pages"]:
        key, digest = str(page.get("slide", "")), str(page.get("digest", ""))
        said, estimate = float(page.get("spoken", 0.0)), float(page.get("estimate", 0.0))
        if not key or said < 0:
            continue
        before = slides.get(key)
        slides[key] = Rehearsed(key, said + (before.seconds if before else 0.0), estimate, digest)
    return Rehearsal(tuple(slides.values()))

