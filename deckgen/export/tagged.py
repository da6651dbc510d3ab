"""PDFs that read as written and that assistive technology can read: the conversion's
settings, and what pypdf adds afterwards (language, title shown, bookmarks by chapter).

LibreOffice puts a space between Asian and non-Asian text ("도커란 ?", "2 분") unless its
locale is Korean or Japanese: then the drawing pool's default for that spacing is off. The
profile of each conversion is private (see `pdf.convert`), so the locale is set there and
the deck stays as it is for PowerPoint and Keynote. The locale also names the PDF's
language, which is set afterwards to the talk's own, so an English talk says `en-US`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject

CONVERSION_LOCALE = "ko-KR"  # turns off the Asian/non-Asian autospacing (see above)
PDF_EXPORT = {  # impress_pdf_Export's options: tagged, PDF/UA, bookmarks, links kept
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,
    "ExportNotesPages": False,
    "ExportLinksRelativeFsys": False,
    "ConvertOOoTargetToPDFTarget": True,
}


def export_filter() -> str:
    """The `--convert-to` value: the filter with its options as JSON (LibreOffice ≥ 7.4)."""
    options = {name: {"type": "boolean", "value": "true" if on else "false"}
               for name, on in PDF_EXPORT.items()}
    return "pdf:impress_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def write_profile(profile: Path, locale: str = CONVERSION_LOCALE) -> None:
    """A fresh LibreOffice profile whose locale is `locale` (read before the first start)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "".join(
        f'<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{locale}</value></prop></item>\n"
        for name in ("ooSetupSystemLocale", "ooLocale"))
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n", encoding="utf-8")


@dataclass(frozen=True)
class Bookmark:
    """One slide's entry in the PDF's outline: its title, and its chapter ("" for none)."""

    title: str
    chapter: str = ""


def bookmarks_of(deck) -> list[Bookmark]:
    """Each page's bookmark: its title (a continuation's with its "(계속)") and chapter."""
    return [Bookmark(placed.title_text or f"{number}",
                     placed.source.section if placed.source is not None else "")
            for number, placed in enumerate(deck.slides, 1)]


def finish(writer: PdfWriter, title: str, language: str, marks: Sequence[Bookmark],
           pages: Sequence[int]) -> None:
    """Give the PDF its title (shown by viewers instead of the file name), its language,
    and an outline where each chapter holds its slides; `pages[i]` is the page of mark i."""
    root = writer.root_object
    if language:
        root[NameObject("/Lang")] = TextStringObject(language)
    if title:
        writer.add_metadata({"/Title": title})
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    _outline(writer, marks, pages)


def _outline(writer: PdfWriter, marks: Sequence[Bookmark], pages: Sequence[int]) -> None:
    root = writer.root_object
    if "/Outlines" in root:  # LibreOffice's flat one, one per slide: replaced
        del root["/Outlines"]
    parent, chapter = None, ""
    for mark, page in zip(marks, pages):
        if page >= len(writer.pages):
            continue
        if mark.chapter != chapter:
            chapter = mark.chapter
            parent = writer.add_outline_item(title=chapter, page_number=page) if chapter else None
        writer.add_outline_item(title=mark.title, page_number=page, parent=parent)


def finish_slides(source: Path, target: Path, title: str, language: str, deck) -> None:
    """The slides' PDF as handed out: LibreOffice's, with the talk's language and title and
    its bookmarks grouped by chapter (its structure tree and links are kept as they are)."""
    writer = PdfWriter(clone_from=str(source))
    finish(writer, title, language, bookmarks_of(deck), range(len(deck.slides)))
    with open(target, "wb") as stream:
        writer.write(stream)
