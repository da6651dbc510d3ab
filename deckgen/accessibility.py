"""`deckgen check DECK.pptx`: what PowerPoint's Accessibility Checker would flag, read from
the package alone, for a deck of ours or anyone's.

Rules (one finding per shape or slide): a picture or group without alt text, or whose alt
text is a file name or a placeholder word; a text-less shape neither decorative nor
described; a table without a header row; a slide without a title, or whose title is not
first in reading order; a title another slide has too; text below WCAG contrast against its
shape's fill or the slide's background (4.5:1, 3:1 from 18 pt or 14 pt bold); a link whose
text is a bare URL; a package without a title or language.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import DeckgenError
from .theme import LARGE_BOLD_PT, LARGE_TEXT_PT, PLAIN, contrast

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P, "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
FILE_NAME = re.compile(r"\.(png|jpe?g|gif|webp|svg|bmp|tiff?|pdf|emf|wmf|excalidraw)\s*$"
                       r"|^(pasted image|screenshot|스크린샷|image\d+$|picture \d+$)", re.I)
PLACEHOLDER_WORDS = {"formula", "equation", "image", "picture", "diagram", "graphic", "table",
                     "그림", "수식", "이미지", "사진", "표", "도표"}
BARE_URL = re.compile(r"(https?://|www\.)\S+$")
TITLE_TYPES = ("title", "ctrTitle")
SCHEME = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


@dataclass(frozen=True)
class Finding:
    """One thing the checker would flag: where (slide number, 0 for the package) and what."""

    slide: int
    rule: str
    detail: str = ""

    def line(self, deck: str) -> str:
        where = f"slide {self.slide}" if self.slide else "package"
        return f"{deck}: {where}: {self.rule}" + (f" ({self.detail})" if self.detail else "")


def check_deck(path: Path) -> list[Finding]:
    """Every finding of the deck at `path`, slide by slide, then the package's."""
    try:
        package = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise DeckgenError(f"not a PowerPoint file ({exc})", str(path)) from None
    with package:
        names = set(package.namelist())
        slides = sorted((n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                        key=lambda n: int(re.findall(r"\d+", n)[-1]))
        scheme = _scheme(package, names)
        background = _master_background(package, names, scheme)
        findings: list[Finding] = []
        titles: dict[int, str] = {}
        for number, name in enumerate(slides, 1):
            root = etree.fromstring(package.read(name))
            if root.get("show") == "0":
                continue  # a hidden slide is not checked
            title, found = _slide(root, number, _background(root, scheme) or background, scheme)
            findings += found
            if title:
                titles[number] = title
        counts = Counter(titles.values())
        findings += [Finding(number, "duplicate slide title", title)
                     for number, title in titles.items() if counts[title] > 1]
        findings.sort(key=lambda f: f.slide)
        findings += _package(package, names)
    return findings


def _slide(root, number: int, background: str, scheme: dict[str, str]
           ) -> tuple[str, list[Finding]]:
    found: list[Finding] = []
    tree = root.find("p:cSld/p:spTree", NS)
    shapes = [el for el in tree if etree.QName(el).localname in
              ("sp", "pic", "grpSp", "graphicFrame", "cxnSp")] if tree is not None else []
    title_el = next((el for el in shapes if _placeholder_type(el) in TITLE_TYPES), None)
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else ""
    if not title:
        found.append(Finding(number, "slide without a title"))
    elif shapes[0] is not title_el:
        found.append(Finding(number, "title not first in reading order", title))
    for el in shapes:
        found += _shape(el, number)
    for sp in root.iter(f"{{{P}}}sp"):
        found += _contrast(sp, number, background, scheme)
    return title, found


def _shape(el, number: int) -> list[Finding]:
    kind = etree.QName(el).localname
    props = el.find(".//p:cNvPr", NS)
    descr = " ".join((props.get("descr") or "").split()) if props is not None else ""
    decorative = props is not None and props.find(f".//a:ext[@uri='{DECORATIVE}']", NS) \
        is not None
    name = props.get("name", "") if props is not None else ""
    if kind in ("pic", "grpSp") and not decorative:
        what = "picture" if kind == "pic" else "group"
        if not descr:
            return [Finding(number, f"{what} without alt text", name)]
        if FILE_NAME.search(descr) or descr.lower() in PLACEHOLDER_WORDS:
            return [Finding(number, f"{what} alt text is a file name or placeholder", descr)]
    if kind == "graphicFrame" and el.find(".//a:tbl", NS) is not None:
        table = el.find(".//a:tblPr", NS)
        if table is None or table.get("firstRow") not in ("1", "true"):
            return [Finding(number, "table without a header row", name)]
    if kind in ("sp", "cxnSp"):
        has_text = "".join(el.itertext()).strip() != ""
        if not has_text and _placeholder_type(el) is None and not decorative and not descr:
            return [Finding(number, "shape neither decorative nor described", name)]
    return []


def _contrast(sp, number: int, background: str, scheme: dict[str, str]) -> list[Finding]:
    fill = _color(sp.find("p:spPr/a:solidFill", NS), scheme)
    behind = fill or background
    found = []
    for run in sp.iter(f"{{{A}}}r", f"{{{A}}}fld"):
        text = "".join(run.itertext()).strip()
        props = run.find("a:rPr", NS)
        color = _color(props.find("a:solidFill", NS), scheme) if props is not None else None
        if not text or color is None:
            continue
        size = int(props.get("sz", "1800")) / 100
        bold = props.get("b") in ("1", "true")
        need = 3.0 if size >= LARGE_TEXT_PT or (bold and size >= LARGE_BOLD_PT) else 4.5
        ratio = contrast(color, behind)
        if ratio < need:
            found.append(Finding(number, "text below contrast",
                                 f"'{text[:24]}' {ratio:.1f}:1 at {size:g} pt, needs {need:g}:1"))
        if props.find("a:hlinkClick", NS) is not None and BARE_URL.match(text):
            found.append(Finding(number, "link text is a bare URL", text[:40]))
    return found


def _package(package: zipfile.ZipFile, names: set[str]) -> list[Finding]:
    core = etree.fromstring(package.read("docProps/core.xml")) \
        if "docProps/core.xml" in names else None
    found = []
    if core is None or not (core.findtext("dc:title", namespaces=NS) or "").strip():
        found.append(Finding(0, "no document title"))
    if core is None or not (core.findtext("dc:language", namespaces=NS) or "").strip():
        found.append(Finding(0, "no document language"))
    return found


def _placeholder_type(el) -> str | None:
    ph = el.find(".//p:nvPr/p:ph", NS)
    return None if ph is None else ph.get("type", "body")


def _color(fill, scheme: dict[str, str]) -> str | None:
    if fill is None:
        return None
    rgb = fill.find("a:srgbClr", NS)
    if rgb is not None:
        return rgb.get("val")
    named = fill.find("a:schemeClr", NS)
    if named is not None:
        return scheme.get(SCHEME.get(named.get("val"), named.get("val")))
    return None


def _background(root, scheme: dict[str, str]) -> str | None:
    return _color(root.find("p:cSld/p:bg/p:bgPr/a:solidFill", NS), scheme)


def _master_background(package: zipfile.ZipFile, names: set[str], scheme: dict[str, str]
                       ) -> str:
    for name in sorted(names):
        if re.fullmatch(r"ppt/slideMasters/slideMaster\d+\.xml", name):
            found = _background(etree.fromstring(package.read(name)), scheme)
            if found:
                return found
    return scheme.get("lt1", PLAIN.colors.background)  # a deck that names none: white


def _scheme(package: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """The theme's colour slots (dk1, lt1, accent1 …) as hex RGB."""
    theme = next((n for n in sorted(names) if re.fullmatch(r"ppt/theme/theme\d+\.xml", n)), None)
    if theme is None:
        return {}
    root = etree.fromstring(package.read(theme))
    slots = root.find(".//a:clrScheme", NS)
    out = {}
    for slot in slots if slots is not None else []:
        rgb = slot.find("a:srgbClr", NS)
        system = slot.find("a:sysClr", NS)
        value = rgb.get("val") if rgb is not None else (
            system.get("lastClr") if system is not None else None)
        if value:
            out[etree.QName(slot).localname] = value
    return out
