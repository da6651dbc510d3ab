"""The slides that end a talk: the references the note links to, and the thank-you slide."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..note.model import Link, Marks
from .labels import word
from .talk import Bullet, Bullets, Notes, Run, Slide, SlideKind
from .timing import slide_seconds

_COUNT_PREFIX = re.compile(r"^\(\d+\)\s+")


def references_slide(links: list[Link], language: str) -> Slide:
    """One bullet per link, each clickable, named as `reference_title` says."""
    bullets = []
    lines = []
    for link in links:
        text = reference_title(link)
        bullets.append(Bullet((Run(text, Marks(link=link.url)),)))
        lines.append(f"{text}\n{link.url}")
    notes = "\n".join(lines)
    return Slide(SlideKind.REFERENCES, word(language, "references"),
                 notes=Notes(notes), seconds=slide_seconds(SlideKind.REFERENCES, "", language),
                 body=(Bullets(tuple(bullets)),), line=links[0].line)


def reference_title(link: Link) -> str:
    """A link's text as a reference: browser-tab counters like "(46) " dropped; a short or
    bare text gets the site's name so the audience knows where it leads."""
    text = " ".join(_COUNT_PREFIX.sub("", link.text.strip()).split())
    site = urlsplit(link.url).netloc.removeprefix("www.")
    if not text or text == link.url:
        return site + urlsplit(link.url).path.rstrip("/") if site else link.url
    if len(text) < 12 and site and site not in text:
        return f"{text} ({site})"
    return text


def closing_slide(language: str) -> Slide:
    """The thank-you slide with its invitation to questions, in the talk's language."""
    notes = ("들어 주셔서 감사합니다. 궁금한 점이 있으면 편하게 질문해 주세요." if language == "ko"
             else "Thank you for listening. Any questions?")
    return Slide(SlideKind.CLOSING, word(language, "thanks"), notes=Notes(notes),
                 seconds=slide_seconds(SlideKind.CLOSING, notes, language),
                 subtitle=(word(language, "questions"),))
