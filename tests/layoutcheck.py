"""An independent look at a rendered deck: LibreOffice makes the PDF, poppler gives every
word's box, and each word must sit inside a text shape, off every picture, off the other
words and on the page. The PDF must use only fonts the deck names.

Used by the tests that claim "nothing overflows"; it shares no code with deckgen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

PT = 12700
SLACK = 2.0


@dataclass
class Report:
    pdf: Path
    slides: int
    pages: int
    faults: list[str]
    fonts_in_pdf: list[str]
    fonts_named: set[str]

    @property
    def foreign_fonts(self) -> list[str]:
        named = {_key(n) for n in self.fonts_named}
        return [f for f in self.fonts_in_pdf if not any(_key(f).startswith(n[:8]) or
                                                        n.startswith(_key(f)[:8]) for n in named)]


def _key(name: str) -> str:
    name = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _boxes(deck: Path):
    slides = []
    for slide in Presentation(str(deck)).slides:
        text, pictures = [], []
        _collect(slide.shapes, lambda x, y: (x, y), 1.0, 1.0, text, pictures)
        slides.append((text, pictures))
    return slides


def _collect(shapes, place, sx: float, sy: float, text: list, pictures: list) -> None:
    """Text and picture boxes in slide points; group members mapped through their group."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            xfrm = shape._element.grpSpPr.find(qn("a:xfrm"))
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
            gx, gy = place(int(off.get("x")) / PT, int(off.get("y")) / PT)
            kx = sx * int(ext.get("cx")) / max(1, int(ch_ext.get("cx")))
            ky = sy * int(ext.get("cy")) / max(1, int(ch_ext.get("cy")))
            cx, cy = int(ch_off.get("x")) / PT, int(ch_off.get("y")) / PT

            def inner(x, y, gx=gx, gy=gy, kx=kx, ky=ky, cx=cx, cy=cy):
                return gx + (x - cx) * kx, gy + (y - cy) * ky

            _collect(shape.shapes, inner, kx, ky, text, pictures)
            continue
        x, y = place(shape.left / PT, shape.top / PT)
        box = (x, y, x + shape.width / PT * sx, y + shape.height / PT * sy)
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            pictures.append(box)
        elif shape.has_text_frame or getattr(shape, "has_table", False):
            text.append(box)


def render(deck: Path, outdir: Path | None = None) -> Report:
    outdir = outdir or Path(tempfile.mkdtemp(prefix="layoutcheck-"))
    profile = Path(tempfile.mkdtemp(prefix="layoutcheck-lo-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(deck)],
                       check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (deck.stem + ".pdf")
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8", "replace")  # emoji: lone surrogates
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = ET.fromstring(xml).iter("page")
    slides = _boxes(deck)
    faults: list[str] = []
    page_count = 0
    for number, (page, (text_boxes, pictures)) in enumerate(zip(pages, slides), 1):
        page_count += 1
        words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                  float(w.get("yMax")), w.text or "") for w in page.iter("word")]
        words = [w for w in words if w[4].strip()]
        for w in words:
            if not any(_inside(w, b) for b in text_boxes):
                faults.append(f"slide {number}: '{w[4]}' outside every text box")
            if any(_overlap(w, p, 1.5) for p in pictures):
                faults.append(f"slide {number}: '{w[4]}' over a picture")
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if _overlap(a, b, 3.0):
                    faults.append(f"slide {number}: '{a[4]}' overlaps '{b[4]}'")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    in_pdf = sorted({line.split()[0] for line in fonts.splitlines()[2:] if line.strip()})
    return Report(pdf, len(slides), page_count, faults, in_pdf, _named_fonts(deck))


def _named_fonts(deck: Path) -> set[str]:
    names: set[str] = set()
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if name.endswith(".xml") and name.startswith(("ppt/slides/", "ppt/theme/",
                                                           "ppt/slideLayouts/", "ppt/slideMasters/")):
                names.update(re.findall(r'typeface="([^"+][^"]*)"', z.read(name).decode()))
    return names


def _inside(word, box) -> bool:
    return (word[0] >= box[0] - SLACK and word[1] >= box[1] - SLACK and
            word[2] <= box[2] + SLACK and word[3] <= box[3] + SLACK)


def _overlap(a, b, shrink: float) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > shrink and min(a[3], b[3]) - max(a[1], b[1]) > shrink
