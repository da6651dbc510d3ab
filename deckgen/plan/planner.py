"""Note to talk: a pure function from the parsed note to the plan of slides.

The shape of a 10-minute study-group talk: title, agenda, a statement slide per chapter,
content slides per topic, then summary, references and thanks. No I/O and no coordinates
here; the layout stage measures and may split slides later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from .bullets import elements_of, first_sentence, key_phrases
from .content import demo_seconds, topic_slides
from .filetitle import names_subject, title_from_filename
from .ending import closing_slide, references_slide
from .fit import fit_talk
from .own import MAX_SUMMARY, agenda_entries, closing_kind, own_summary_slide, short_entry
from .chapters import chapter_limit, shared_chapters
from .choose import (AUTHOR_MARKS, IMPORTANT_MARKS, ChapterPlan, Choice, Part, appendix_divider,
                     as_backup, choice_message, choose, rank)
from .claims import claim, with_claims
from .memos import has_demo_mark, is_memo, is_memo_callout, memo_demo_seconds
from ..errors import BuildWarning, DeckgenError
from ..note.model import (KEY, Block, Demo, Heading, Note, link_refused, link_target,
                          Paragraph, Rule, Section, plain, strip_tags, unique_links, walk)
from .notes import notes_of, spoken
from .labels import word
from .timing import clock, language_of, slide_seconds
from .titles import distinct_titles
from .rehearsed import Rehearsal, stamped
from .talk import (Bullet, Bullets, Notes, QrCode,
                   Run, Slide, SlideKind, Talk, text_of)

Remember = Callable[[Hashable, Callable[[], Any]], Any]  # a warm process's memo (plan_talk)
DECORATION = re.compile(r"[\u2714\u2705\u2611\u2713\u2611\u2612\u2610]+")
MAX_SLIDES = 400
AGENDA_ITEM_CHARS = 36  # an agenda or summary entry reads as one line
SUMMARY_PHRASE_CHARS = 48
LATIN_LONGER = 1.4  # an English claim takes about this many times the characters of a Korean one


@dataclass(frozen=True)
class TalkOptions:
    """What the user chose (flags, front matter, deckgen.toml), already merged."""

    minutes: float = 10.0
    title: str = ""
    subtitle: str = ""
    speaker: str = ""
    emoji: str = ""
    event: str = ""
    date: str = ""
    language: str = ""  # "" means: from the note's text
    fit: bool = True  # fit the talk to `minutes`; False (--all) keeps everything on slides
    link: str = ""  # a URL shown with its QR code on the last slide
    closing: str = ""  # "summary": the summary bullets on the final Q&A slide


@dataclass(frozen=True)
class _Topic:
    title: str
    blocks: tuple[Block, ...]
    line: int
    section: str
    raw: str = ""  # the heading as written, with the author's marks (✔ ⭐ ❗)


@dataclass(frozen=True)
class _Chapter:
    """A main section: an H1 with sub-sections (or a lone topic when there are none)."""

    title: str
    line: int
    own: tuple[Block, ...]
    topics: tuple[_Topic, ...]
    is_statement: bool


def plan_talk(note: Note, options: TalkOptions, rehearsal: Rehearsal | None = None,
              remember: Remember | None = None) -> tuple[Talk, list[BuildWarning]]:
    """The talk a presenter would give from `note`: which slides in which order, in which
    layout (by name), with which bullets, pictures, notes and time, fitted to the minutes
    unless `options.fit` is off; `rehearsal`, the speaker's own pace, replaces the estimate
    of the slides it timed. Pure: no I/O, no coordinates; the warnings say what the
    planner moved or could not place. A warm process passes `remember(key, make)`, which
    gives back what `make()` gave for an equal key before: a chapter's slides and ranks
    depend on the chapter and the language alone, so only an edited chapter is planned
    again."""
    warnings: list[BuildWarning] = []
    language = options.language or language_of(_all_text(note))
    title, sections, intro = _title_and_sections(note, options)
    chapters = _chapters(sections)
    chapters, own_closing = _own_closing(chapters)
    own_summary, own_references = own_closing.get("summary"), own_closing.get("references")
    memos = _memos(intro, chapters)
    intro = tuple(b for b in intro if not is_memo(b))
    chapters = [_without_memos(c) for c in chapters]
    memo_demo = 0.0 if has_demo_mark(note.preamble, note.sections) else memo_demo_seconds(memos)
    slides: list[Slide] = [_title_slide(title, note, options, language, intro, memos, memo_demo)]
    intro_content = [b for b in intro if _has_content(b)]
    if intro_content and _worth_a_slide(intro_content):
        made, found = topic_slides(title, tuple(intro_content), "", intro_content[0].line,
                                   language)
        slides += made
        warnings += found
    plans = []
    for chapter in chapters:
        plan, said = _chapter_plan(chapter, language) if remember is None else remember(
            ("chapter plan", chapter, language), partial(_chapter_plan, chapter, language))
        plans.append(plan)
        warnings += said
    links = note.references + tuple(link for link in note.links if link not in note.references)
    frame = len(slides) + 3 + bool(links or own_references)  # agenda, summary, closing
    choice = choose(plans, frame, options.minutes, language, chapter_limit(options.minutes)) \
        if options.fit else Choice(tuple(plans), (), 0)
    on_path = {line for plan in choice.chapters for part in plan.parts
               for line in (part.lines or (part.line,))} | {p.line for p in choice.chapters}
    kept = [c for c in chapters if c.line in on_path and (c.is_statement or any(
        t.line in on_path for t in c.topics))]
    if options.fit:  # a presenter's few chapters; --all keeps every one
        choice = replace(choice, chapters=shared_chapters(choice.chapters, options.minutes,
                                                          language))
        kept = _shared(kept, choice.chapters)
    agenda = _agenda_items(kept)
    if agenda:
        slides.append(_agenda_slide(agenda, language, options.fit))
    for number, plan in enumerate(choice.chapters, 1):
        slides += _chosen_slides(plan, number, language, options.fit)
    main = [c.title for c in kept]
    summary = None
    if own_summary is not None:
        summary = own_summary_slide(own_summary.title, own_summary.blocks, own_summary.line,
                                    language)
    elif len(kept) >= 2:
        summary = _summary_slide(kept, plans, language)
    closing = closing_slide(language)
    if summary is not None and options.closing == "summary":
        closing = closing.but(body=summary.body, notes=Notes(f"{summary.notes.script}\n\n"
                                                                  f"{closing.notes.script}"),
                              seconds=closing.seconds + summary.seconds)
    elif summary is not None:
        slides.append(summary)
    if links:
        references = references_slide(unique_links(links), language)
        if own_references is not None:
            references = references.but(title=own_references.title)
        slides.append(references)
    elif own_references is not None:
        made, found = topic_slides(own_references.title, own_references.blocks, "",
                                   own_references.line, language)
        slides += made
        warnings += found
    if options.link and link_target(options.link):  # the layout shows it with its QR code
        closing = closing.but(subtitle=closing.subtitle + (options.link,),
                              pictures=(QrCode(options.link),))
    elif options.link:  # the policy refused it: the address as text, no link, no QR code
        closing = closing.but(subtitle=closing.subtitle + (options.link,))
        warnings.append(link_refused(options.link, None))
    slides.append(closing)
    if choice.backup:
        slides.append(appendix_divider(language, choice.backup[0].line))
        slides += [as_backup(slide, word(language, "appendix"))
                   for part in choice.backup for slide in part.slides]
    chosen = choice_message(choice, plans, options.minutes)
    if chosen is not None:
        warnings.append(chosen)
    if not note.sections and not intro_content and not note.links:
        warnings.append(BuildWarning("the note has no content; the deck has only a title and "
                                     "a closing slide"))
    if len(slides) > MAX_SLIDES:
        raise DeckgenError(f"the note plans to {len(slides)} slides; deckgen stops at "
                           f"{MAX_SLIDES} (a 10-minute talk has 10 to 40): split the note",
                           note.path)
    slides = stamped(slides, rehearsal)
    talk = Talk(title=_display_title(title, options, language), language=language,
                minutes=options.minutes,
                slides=tuple(distinct_titles(slides, language)), subtitle=options.subtitle,
                speaker=options.speaker, event=options.event, date=options.date,
                sections=tuple(main))
    talk, fit_warnings = fit_talk(talk, options.fit)
    over = None if options.fit else budget_warning(  # fitting says what it could not fit
        tuple((s.title, s.seconds) for s in talk.slides), talk.minutes)
    return talk, warnings + fit_warnings + ([over] if over else [])


def clean_title(text: str) -> str:
    """Headings lose check marks and trailing colons; other emoji stay."""
    # A check mark's selector goes with it; elsewhere (1️⃣, ☂️) it is part of the emoji.
    text = DECORATION.sub(" ", re.sub("([\u2714\u2705\u2611\u2713\u2612\u2610])\ufe0f", r"\1",
                                      strip_tags(text)))
    text = " ".join(text.split())
    return text.rstrip(":：").strip()


def _all_text(note: Note) -> str:
    parts = [notes_of(note.preamble)]

    def walk(section: Section) -> None:
        parts.append(plain(section.title))
        parts.append(notes_of(section.blocks))
        for child in section.children:
            walk(child)

    for section in note.sections:
        walk(section)
    return "\n".join(parts)


def _title_and_sections(note: Note, options: TalkOptions
                        ) -> tuple[str, tuple[Section, ...], tuple[Block, ...]]:
    """Title: flag/front matter, else the sole H1 (whose children then lead), else file name."""
    sections = note.sections
    intro = tuple(note.preamble)
    h1s = [s for s in sections if s.level == 1]
    if len(h1s) == 1 and len(sections) == 1:
        sole = h1s[0]
        intro = intro + sole.blocks
        sections = sole.children
        title = options.title or clean_title(plain(sole.title))
    else:
        title = options.title or _first_heading_title(sections, note.path)
    title = clean_title(title) or title_from_filename(note.path)
    return title, sections, intro


def _first_heading_title(sections: tuple[Section, ...], path: str) -> str:
    """The first heading, when it names what the file is about ("" when it does not: a
    first chapter's "개요" is no title for the talk)."""
    if not sections:
        return ""
    heading = clean_title(plain(sections[0].title))
    return heading if names_subject(heading, path) else ""


def _chapters(sections: tuple[Section, ...]) -> list[_Chapter]:
    chapters = []
    for section in sections:
        title = clean_title(plain(section.title))
        if section.level == 1 and section.children:
            topics = tuple(_Topic(clean_title(plain(c.title)) or title, _flatten(c), c.line, title,
                                  plain(c.title))
                           for c in section.children)
            chapters.append(_Chapter(title, section.line, section.blocks, topics, True))
        else:
            topic = _Topic(title, _flatten(section), section.line, title, plain(section.title))
            chapters.append(_Chapter(title, section.line, (), (topic,), False))
    return chapters


def _own_closing(chapters: list[_Chapter]) -> tuple[list[_Chapter], dict[str, _Topic]]:
    """The note's own summary and references sections, taken out of the chapters (as a
    main section or as the last topics of one); the first of each kind counts."""
    found: dict[str, _Topic] = {}
    kept = []
    for chapter in chapters:
        kind = closing_kind(chapter.title)
        if kind and not chapter.is_statement and kind not in found:
            found[kind] = chapter.topics[0]
            continue
        topics = []
        for topic in chapter.topics:
            kind = closing_kind(topic.title)
            if kind and kind not in found and topic.title != chapter.title:
                found[kind] = topic
            else:
                topics.append(topic)
        if topics or chapter.own:
            kept.append(chapter if len(topics) == len(chapter.topics)
                        else _Chapter(chapter.title, chapter.line, chapter.own, tuple(topics),
                                      chapter.is_statement))
    return kept, found


def _flatten(section: Section) -> tuple[Block, ...]:
    """A topic's own blocks, with deeper sub-sections as sub-heading blocks and their content."""
    blocks = list(section.blocks)
    for child in section.children:
        blocks.append(Heading(child.level, child.title, child.line))
        blocks.extend(_flatten(child))
    return tuple(blocks)


def _agenda_items(chapters: list[_Chapter]) -> list[str]:
    statement = [c for c in chapters if c.is_statement]
    if len(chapters) >= 2 and (statement or len(chapters) >= 3):
        return [c.title for c in chapters]
    if len(chapters) == 1 and len(chapters[0].topics) >= 3:
        return [t.title for t in chapters[0].topics]
    return []


def _has_content(block: Block) -> bool:
    """Rules and demo marks show nothing (a demo's time is kept where it stands)."""
    return not isinstance(block, (Rule, Demo))


def _worth_a_slide(blocks: list[Block]) -> bool:
    """Intro prose with nothing to show goes to the title slide's notes instead."""
    return any(not isinstance(b, Paragraph) for b in blocks) or bool(elements_of(blocks, "en"))


def _display_title(title: str, options: TalkOptions, language: str) -> str:
    if options.speaker and language == "ko":
        emoji = f"{options.emoji} " if options.emoji else ""
        return f"{emoji}{options.speaker}의 {title}"
    if options.emoji:
        return f"{options.emoji} {title}"
    return title


def _title_slide(title: str, note: Note, options: TalkOptions, language: str,
                 intro: tuple[Block, ...], memos: list[Block], memo_demo: float) -> Slide:
    shown = _display_title(title, options, language)
    lines = [options.subtitle]
    if options.speaker and language != "ko":
        lines.append(f"{word(language, 'by')} {options.speaker}".strip())
    lines += [options.event, options.date]
    if language == "ko":
        greeting = f"안녕하세요, {options.speaker}입니다. " if options.speaker else "안녕하세요. "
        notes = f"{greeting}오늘은 {title}에 대해 이야기하겠습니다."
    else:
        greeting = f"Hi, I'm {options.speaker}. " if options.speaker else "Hello. "
        notes = f"{greeting}Today's talk: {title}."
    intro_notes = notes_of([b for b in intro if not _worth_a_slide([b])])
    if intro_notes:
        notes = f"{notes}\n\n{intro_notes}"
    said = notes
    memo_notes = notes_of(memos)  # the speaker reads them; they are not said
    if note.comments:  # `%% … %%`: for the author, never on a slide
        comments = "\n".join(f"• {c.text}" for c in note.comments)
        memo_notes = "\n\n".join(p for p in (memo_notes, f"{word(language, 'comments')}\n"
                                               f"{comments}") if p)
    demo = demo_seconds(intro) + memo_demo  # a demo before the first heading opens the talk
    return Slide(SlideKind.TITLE, shown, notes=Notes(notes, demo=demo,  # read, not said
                                                     sources=(memo_notes,) if memo_notes else ()),
                 seconds=slide_seconds(SlideKind.TITLE, spoken(said), language) + demo,
                 subtitle=tuple(line for line in lines if line), line=1)


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.:;·-") + "…"


def _agenda_slide(items: list[str], language: str, fit: bool = True) -> Slide:
    if fit:
        bullets = tuple(Bullet((Run(entry),), 0, number)
                        for number, entry in agenda_entries(items, language))
    else:
        bullets = tuple(Bullet((Run(shorten(item, AGENDA_ITEM_CHARS)),), 0, f"{n}.")
                        for n, item in enumerate(items, 1))
    if fit and len(bullets) < len(items):  # say what the slide shows, not forty titles
        items = [text_of(b.text) for b in bullets[:-1]]
    if language == "ko":
        notes = "오늘 이야기할 순서입니다. " + ", ".join(items) + " 순서로 살펴보겠습니다."
    else:
        notes = "Here is the plan: " + ", ".join(items) + "."
    return Slide(SlideKind.AGENDA, word(language, "agenda"), notes=Notes(notes),
                 seconds=slide_seconds(SlideKind.AGENDA, notes, language),
                 body=(Bullets(bullets),))


def _chapter_plan(chapter: _Chapter, language: str
                  ) -> tuple[ChapterPlan, tuple[BuildWarning, ...]]:
    """The chapter's own slides and one ranked part per topic, before choosing."""
    warnings: list[BuildWarning] = []
    lead: list[Slide] = []
    own = tuple(b for b in chapter.own if _has_content(b))
    if chapter.is_statement and own:
        made, found = topic_slides(chapter.title, own, chapter.title, chapter.line, language)
        lead += made
        warnings += found
    parts = []
    for place, topic in enumerate(chapter.topics):
        made, found = topic_slides(topic.title, topic.blocks, chapter.title, topic.line, language)
        warnings += found
        keys = len(key_phrases(list(_paragraph_blocks(list(topic.blocks)))))
        score = rank(topic.title, topic.raw, tuple(made), place, keys)
        parts.append(Part(topic.title, tuple(made), score, topic.line,
                          bool(AUTHOR_MARKS.search(topic.raw))))
    return ChapterPlan(chapter.title, chapter.line, chapter.is_statement, tuple(lead),
                       tuple(parts)), tuple(warnings)


def _chosen_slides(plan: ChapterPlan, number: int, language: str, fit: bool) -> list[Slide]:
    """The chapter on the talk path: its statement slide, its own slides and its parts'
    (a fragment says its claim when the talk is fitted)."""
    slides: list[Slide] = []
    if plan.statement:
        label = f"{number:02d}"
        slides.append(Slide(SlideKind.SECTION, plan.title, notes=Notes(f"{label}. {plan.title}"),
                            seconds=slide_seconds(SlideKind.SECTION, plan.title, language),
                            number=label, section=plan.title, line=plan.line))
    slides += plan.lead
    slides += [slide for part in plan.parts for slide in part.slides]
    if plan.lines:  # chapters that share one statement are one section
        slides = [s.but(section=plan.title) for s in slides]
    return [with_claims(slide) for slide in slides] if fit else slides


def _shared(kept: list[_Chapter], plans: tuple[ChapterPlan, ...]) -> list[_Chapter]:
    """The chapters as the talk shares them: a shared plan's members as one chapter
    holding their topics, where its first stood; the others as they are."""
    shared = {line: plan for plan in plans if plan.lines for line in plan.lines}
    out: list[_Chapter] = []
    for chapter in kept:
        plan = shared.get(chapter.line)
        if plan is None:
            out.append(chapter)
        elif chapter.line == plan.lines[0]:
            members = [c for c in kept if c.line in plan.lines]
            out.append(_Chapter(plan.title, chapter.line, members[0].own,
                                tuple(t for c in members for t in c.topics), True))
    return out


def _memos(intro: tuple[Block, ...], chapters: list[_Chapter]) -> list[Block]:
    """The author's memos: before the first heading, and memo callouts anywhere."""
    found = [b for b in intro if is_memo(b)]
    for chapter in chapters:
        found += [b for b in chapter.own if is_memo_callout(b)]
        found += [b for t in chapter.topics for b in t.blocks if is_memo_callout(b)]
    return found


def _without_memos(chapter: _Chapter) -> _Chapter:
    topics = tuple(replace(t, blocks=tuple(b for b in t.blocks if not is_memo_callout(b)))
                   for t in chapter.topics)
    return replace(chapter, own=tuple(b for b in chapter.own if not is_memo_callout(b)),
                   topics=topics)


def _summary_slide(chapters: list[_Chapter], plans: list[ChapterPlan], language: str) -> Slide:
    """One line per chapter (the MAX_SUMMARY best-ranked when there are more), each the
    chapter's title and a claim: the key phrase of the section the author marked important
    (⭐ ❗; a ✔ often means "done"), else of its first, which introduces the chapter, in the
    sentence that says it."""
    best = {plan.line: max((p.score for p in plan.parts), default=0.0) for plan in plans}
    ranked = sorted(chapters, key=lambda c: -best.get(c.line, 0.0))
    shown = [c for c in chapters if c in ranked[:MAX_SUMMARY]]
    bullets = []
    lines = []
    for chapter in shown:
        topic = next((t for t in chapter.topics if IMPORTANT_MARKS.search(t.raw)),
                     chapter.topics[0] if chapter.topics else None)
        phrase = _key_phrase(chapter, topic, language)
        phrase = phrase if len(phrase) <= SUMMARY_PHRASE_CHARS * LATIN_LONGER * 1.1 \
            else short_entry(phrase, SUMMARY_PHRASE_CHARS)
        text = (Run(short_entry(chapter.title, AGENDA_ITEM_CHARS), KEY),) + \
            ((Run("  " + phrase),) if phrase else ())
        bullets.append(Bullet(text))
        lines.append(f"{chapter.title}: {phrase}" if phrase else chapter.title)
    notes = "\n".join(lines)
    return Slide(SlideKind.SUMMARY, word(language, "summary"), notes=Notes(notes),
                 seconds=slide_seconds(SlideKind.SUMMARY, notes, language),
                 body=(Bullets(tuple(bullets)),))


def _key_phrase(chapter: _Chapter, topic: _Topic | None, language: str) -> str:
    """The best section's (else the chapter's) first bold phrase in the sentence that says
    it, else its first bullet, else its first sentence. (English spends more characters on
    a claim than Korean does.)"""
    limit = round(SUMMARY_PHRASE_CHARS * (1.0 if language == "ko" else LATIN_LONGER))
    blocks = list(topic.blocks) if topic is not None else \
        list(chapter.own) + [b for t in chapter.topics for b in t.blocks]
    phrases = key_phrases(list(_paragraph_blocks(blocks)))
    if phrases:
        phrase = Bullet((Run(" ".join(text_of(phrases[0]).split())),))
        said = text_of(claim(phrase, notes_of(blocks), limit=limit, short=limit).text)
        return said if len(said) <= limit * 1.1 else text_of(phrase.text)
    for element in elements_of(blocks, "en"):
        if isinstance(element, Bullets) and element.items:
            return text_of(element.items[0].text)
    sentence = first_sentence(blocks)
    return text_of(sentence)


def _paragraph_blocks(blocks: list[Block]) -> Iterator[Paragraph]:
    """Paragraphs anywhere in the blocks: in list items and callouts too."""
    return (block for block in walk(blocks) if isinstance(block, Paragraph))


def budget_warning(timings: tuple[tuple[str, float], ...], minutes: float) -> BuildWarning | None:
    """When the talk runs over, name the slides that cost most so the user knows where to cut.

    `timings` is (title, seconds) per slide of the deck, in order."""
    total = sum(seconds for _, seconds in timings)
    if total <= minutes * 60 + 0.5:
        return None
    costly = sorted(enumerate(timings, 1), key=lambda pair: -pair[1][1])[:3]
    named = ", ".join(f"{n} '{title}' ({clock(seconds)})" for n, (title, seconds) in costly)
    return BuildWarning(f"talk runs {clock(total)} against {clock(minutes * 60)}; "
                        f"costliest slides: {named}")
