"""Placed slides to a native, editable .pptx with python-pptx.

Every run names its font in the Latin, East Asian and complex-script slots and carries a
`lang`, because python-pptx's `font.name` sets only the Latin slot and Korean would then
show in a fallback font. Sizes, spacing and indents are explicit on every paragraph, so
what we measured is what PowerPoint, Keynote and LibreOffice draw.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any, assert_never

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn as pptx_qn
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.table import _Cell
from pptx.util import Emu

from ..errors import BuildWarning
from ..layout.frames import (CodeFrame, Deck, Frame, Para, PictureFrame,
                             PlacedSlide, SetRun, ShapeFrame, TableFrame, TextFrame)
from ..layout.frames import DiagramFrame
from .diagram import draw_diagram
from ..pictures.model import Encoded
from ..look.units import emu
from .template import Base
from ..look.model import Look
from ..fonts import lang_tag
from ..theme import NOTES, Face
from .images import CONTENT_TYPES, StoredImagePart
from .copies import SlideCopies, numbering
from .copies import box as _box
from .memo import WrittenSlides
from .navigation import link_jumps, write_sections
from .rectangles import Rectangles, no_text_style

# python-pptx's qn makes a tag object for every call, tens of thousands of them a deck:
# the same few tags, each worked out once
_qn = functools.cache(pptx_qn)
MAX_SLIDE_ID = 2147483647  # past it, python-pptx looks for a gap: so do we
FULL_SIZE = 100 * 1000  # DrawingML percentages are in thousandths: the bullet at text size


@dataclass
class Renderer(SlideCopies):
    base: Base
    look: Look
    pictures: Mapping[str, Encoded | str | Future]  # by Picture.key; futures are awaited
    warnings: list[BuildWarning] = field(default_factory=list)
    _notes_template: etree._Element | None = None
    _title_placeholders: dict = field(default_factory=dict)
    _notes_count: int = 1
    _notes_body_at: tuple[int, ...] = ()  # child indexes from a notes page to its text body
    _slide_id: int | None = None  # the last slide's id (python-pptx's are the largest + 1)
    _part: Any = None  # the slide part being written
    _image_parts: dict = field(default_factory=dict)  # Picture.key → its ImagePart
    _image_count: int | None = None
    _jumps: list = field(default_factory=list)  # (slide part, run properties, target page)
    _rectangles: Rectangles = field(default_factory=Rectangles)
    memo: WrittenSlides | None = None  # a warm process's slides as it wrote them before
    # the build's other work for this thread, done the first time a picture is not ready
    # (instead of waiting idle while both cores encode): see `write_deck`
    meanwhile: Callable[[], None] | None = None

    _notes_face: Face = NOTES
    _notes_size: float = 14.0

    def render(self, deck: Deck) -> None:
        """Write `deck` into the base presentation: every frame as the shape it describes,
        every page's notes in the face and size layout chose. Nothing is decided here."""
        prs = self.base.presentation
        prs.slide_width, prs.slide_height = emu(deck.width), emu(deck.height)
        self._notes_face, self._notes_size = deck.notes_face, deck.notes_size
        for placed in deck.slides:
            self._slide(placed)
        link_jumps(prs, self._jumps)
        write_sections(prs, deck.sections)

    def _slide(self, placed: PlacedSlide) -> None:
        prs = self.base.presentation
        layout = self.base.layouts[self.look.layout_for(placed.layout).key]
        slide, title_shape = self._new_slide(prs, layout, placed.title is not None)
        # what the shapes come from; the page number and the progress bar change with the
        # number of pages, so they are set again on a copy rather than keyed
        key = (placed.layout, placed.title, tuple(
            None if numbering(frame) else frame for frame in placed.frames))
        written = self.memo.get(key) if self.memo is not None else None
        if written is not None and self._can_copy(written):
            self._copy_in(slide, written)
            self._renumber(slide, written, placed.frames)
        else:
            rels, jumps = set(slide.part.rels.keys()), len(self._jumps)
            if placed.title is not None:
                if title_shape is None:
                    title_shape = slide.shapes.add_textbox(0, 0, 1, 1)
                self._place_text(title_shape, placed.title)
            renumbered = []
            # python-pptx's turbo-add: each new shape's id is the last one plus one, counted
            # instead of found by searching the slide's every id (the same ids either way)
            slide.shapes.turbo_add_enabled = True
            for frame in placed.frames:
                self._frame(slide, frame)
                if numbering(frame):
                    renumbered.append(len(slide.shapes._spTree) - 1)
                    self._remember_number(slide.shapes._spTree[-1], frame)
            slide.shapes.turbo_add_enabled = False
            if self.memo is not None:
                self.memo.put(key, replace(self._as_written(slide, rels, jumps),
                                           numbering=tuple(renumbered)))
        self._notes(slide, placed.notes.text() if placed.notes is not None else "")

    def _new_slide(self, prs, layout, with_title: bool):
        """A slide on `layout` holding only its title placeholder (if it has one). We place
        every other shape ourselves, so cloning all placeholders and deleting them again
        (python-pptx's add_slide) is work thrown away."""
        slide = self._add_slide(prs, layout)
        if not with_title:
            return slide, None
        key = id(layout)
        if key not in self._title_placeholders:
            found = None
            for shape in layout.placeholders:
                if shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE,
                                                     PP_PLACEHOLDER.CENTER_TITLE):
                    sp = shape._element
                    found = (sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)
                    break
            self._title_placeholders[key] = found
        found = self._title_placeholders[key]
        if found is None:
            return slide, None
        slide.shapes._spTree.add_placeholder(2, "Title 1", *found)
        return slide, slide.shapes[0]

    def _add_slide(self, prs, layout):
        """python-pptx's add_slide, without its scans of every slide so far (a relationship
        to match, the largest id): the same part name, relationship id and slide id."""
        part = SlidePart.new(prs.part._next_slide_partname, prs.part.package, layout.part)
        rid = prs.part.rels._add_relationship(RT.SLIDE, part)
        ids = prs.slides._sldIdLst
        if self._slide_id is None or self._slide_id >= MAX_SLIDE_ID:
            self._slide_id = ids._next_id
        else:
            self._slide_id += 1
        ids._add_sldId(id=self._slide_id, rId=rid)
        self._part = part
        return part.slide

    # -- frames ---------------------------------------------------------------------------

    def _frame(self, slide, frame: Frame) -> None:
        match frame:
            case TextFrame():
                shape = slide.shapes.add_textbox(*_box(frame.rect))
                self._place_text(shape, frame)
            case PictureFrame():
                self._picture(slide, frame)
            case ShapeFrame():
                self._rectangles.add(slide, frame)
            case CodeFrame():
                self._code(slide, frame)
            case TableFrame():
                self._table(slide, frame)
            case DiagramFrame():
                group = draw_diagram(slide.shapes, frame.placed, frame.rect.x, frame.rect.y,
                                     frame.paint)
                group._element.find(_qn("p:nvGrpSpPr")).find(_qn("p:cNvPr")).set("descr",
                                                                                 frame.alt)
                # a group's shapes take their ids by searching the slide: the count starts
                # again from the largest id after them
                slide.shapes.turbo_add_enabled = True
            case _:
                assert_never(frame)

    def _place_text(self, shape, frame: TextFrame) -> None:
        x, y, w, h = _box(frame.rect)
        shape.left, shape.top, shape.width, shape.height = x, y, w, h
        body = shape.text_frame._txBody
        _body_properties(body, frame.insets, frame.anchor, frame.wrap)
        for p in body.findall(_qn("a:p")):
            body.remove(p)
        for para in frame.paras:
            body.append(self._para(para, frame))
        if frame.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(frame.fill)
        if frame.border:
            shape.line.color.rgb = RGBColor.from_string(frame.border)
            shape.line.width = emu(1.5)
        if frame.role in ("page",):
            shape.name = "deckgen page number"
        elif frame.role == "caption":
            shape.name = "deckgen caption"

    def _para(self, para: Para, frame: TextFrame) -> etree._Element:
        p = etree.Element(_qn("a:p"))
        ppr = etree.SubElement(p, _qn("a:pPr"), marL=str(emu(para.margin)),
                               indent=str(-emu(para.hanging)), algn=para.align)
        if para.level:
            ppr.set("lvl", str(para.level))
        ppr.set("eaLnBrk", "0")  # Korean wraps between words, as we measured
        spacing = etree.SubElement(etree.SubElement(ppr, _qn("a:lnSpc")), _qn("a:spcPts"))
        spacing.set("val", str(round(para.line_pitch * 100)))
        before = etree.SubElement(etree.SubElement(ppr, _qn("a:spcBef")), _qn("a:spcPts"))
        before.set("val", str(round(para.space_before * 100)))
        etree.SubElement(etree.SubElement(ppr, _qn("a:spcAft")), _qn("a:spcPts"), val="0")
        assert para.set is not None, "layout sets every paragraph before render"
        setting = para.set
        if setting.bullet_color is not None and setting.bullet_face is not None:
            clr = etree.SubElement(ppr, _qn("a:buClr"))
            etree.SubElement(clr, _qn("a:srgbClr"), val=setting.bullet_color)
            etree.SubElement(ppr, _qn("a:buSzPct"), val=str(FULL_SIZE))
            etree.SubElement(ppr, _qn("a:buFont"), typeface=setting.bullet_face.name)
            if para.number:
                etree.SubElement(ppr, _qn("a:buAutoNum"), type=para.number_style,
                                 startAt=str(para.number))
            else:
                etree.SubElement(ppr, _qn("a:buChar"), char=para.bullet)
        else:
            etree.SubElement(ppr, _qn("a:buNone"))
        if frame.field == "slidenum":
            fld = etree.SubElement(p, _qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                   type="slidenum")
            first = setting.runs[0] if setting.runs else SetRun(
                "1", setting.face, setting.color, False, False, False, None, setting.lang)
            self._rpr(fld, replace(first, face=setting.face), para.size)
            etree.SubElement(fld, _qn("a:t")).text = "".join(r.text for r in para.runs)
        else:
            for run in setting.runs:
                r = etree.SubElement(p, _qn("a:r"))
                self._rpr(r, run, para.size)
                etree.SubElement(r, _qn("a:t")).text = run.text
        if para.jump is not None:  # linked once every slide exists (render/navigation.py);
            # only runs in the text colour: LibreOffice draws a jump in it, not the run's own
            plain = self.look.theme.colors.text
            runs = [r.find(_qn("a:rPr")) for r, run in zip(p.findall(_qn("a:r")), setting.runs)
                    if run.color == plain]
            self._jumps.append((self._part, runs, para.jump))
        end = etree.SubElement(p, _qn("a:endParaRPr"), lang=setting.lang,
                               sz=str(round(para.size * 100)), dirty="0")
        _fonts(end, setting.face)
        return p

    def _rpr(self, parent, run: SetRun, size: float) -> None:
        rpr = etree.SubElement(parent, _qn("a:rPr"), lang=run.lang,
                               sz=str(round(size * 100)), dirty="0")
        rpr.set("b", "1" if run.bold else "0")  # explicit: some layouts make their titles bold
        rpr.set("i", "1" if run.italic else "0")
        if run.strike:
            rpr.set("strike", "sngStrike")
        fill = etree.SubElement(rpr, _qn("a:solidFill"))
        etree.SubElement(fill, _qn("a:srgbClr"), val=run.color)
        _fonts(rpr, run.face)
        if run.link:
            rid = self._part.relate_to(run.link, _HYPERLINK, is_external=True)
            etree.SubElement(rpr, _qn("a:hlinkClick"), {_qn("r:id"): rid})

    # -- pictures -------------------------------------------------------------------------

    def _picture(self, slide, frame: PictureFrame) -> None:
        encoded = self.pictures.get(frame.picture.key) if frame.picture.ok else None
        if isinstance(encoded, Future):
            if self.meanwhile is not None and not encoded.done():
                work, self.meanwhile = self.meanwhile, None
                work()
            encoded = encoded.result()
        if not isinstance(encoded, Encoded):
            self._placeholder(slide, frame)
            return
        part = self._image_part(frame.picture.key, encoded)
        rid = slide.part.relate_to(part, RT.IMAGE)
        pic = slide.shapes._add_pic_from_image_part(part, rid, *_box(frame.rect))
        picture = slide.shapes._shape_factory(pic)
        picture.name = f"Picture {frame.picture.name}"
        c_nv_pr = picture._element.find(_qn("p:nvPicPr")).find(_qn("p:cNvPr"))
        c_nv_pr.set("descr", frame.alt)

    def _image_part(self, key: str, encoded: Encoded) -> ImagePart:
        """One image part per picture, numbered after the template's own media. python-pptx's
        add_picture looks for a duplicate and a free name by walking every part of the
        package, which made writing a deck of many pictures quadratic."""
        if key not in self._image_parts:
            package = self.base.presentation.part.package
            if self._image_count is None:
                numbers = [re.match(r"/ppt/media/image(\d+)\.", str(p.partname))
                           for p in package.iter_parts()]
                self._image_count = max((int(m.group(1)) for m in numbers if m), default=0)
            self._image_count += 1
            if encoded.stored is None:
                image = PptxImage.from_blob(encoded.blob)
                name = PackURI(f"/ppt/media/image{self._image_count}.{image.ext}")
                self._image_parts[key] = ImagePart(name, image.content_type, package,
                                                   image.blob)
            else:  # a cache entry holds only PNG or JPEG, and says which
                name = PackURI(f"/ppt/media/image{self._image_count}.{encoded.extension}")
                self._image_parts[key] = StoredImagePart(name, CONTENT_TYPES[encoded.extension],
                                                          package, encoded)
        return self._image_parts[key]

    def _placeholder(self, slide, frame: PictureFrame) -> None:
        """A visible box where a picture could not be shown: its file name and the reason."""
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_box(frame.rect))
        shape.name = f"Missing picture {frame.picture.name}"
        shape.shadow.inherit = False
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(frame.placeholder_fill)
        shape.line.color.rgb = RGBColor.from_string(frame.placeholder_line)
        shape.line.width = emu(1.5)
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        no_text_style(shape)
        if frame.label is not None:
            self._place_text(shape, frame.label)

    # -- code and tables ----------------------------------------------------------------

    def _code(self, slide, frame: CodeFrame) -> None:
        shape = slide.shapes.add_textbox(*_box(frame.rect))
        shape.name = "deckgen code"
        body = shape.text_frame._txBody
        _body_properties(body, frame.insets, "t", wrap=False)
        for p in body.findall(_qn("a:p")):
            body.remove(p)
        for line in frame.lines or ((),):
            p = etree.SubElement(body, _qn("a:p"))
            ppr = etree.SubElement(p, _qn("a:pPr"), marL="0", indent="0", algn="l")
            spacing = etree.SubElement(etree.SubElement(ppr, _qn("a:lnSpc")), _qn("a:spcPts"))
            spacing.set("val", str(round(frame.line_pitch * 100)))
            etree.SubElement(etree.SubElement(ppr, _qn("a:spcBef")), _qn("a:spcPts"), val="0")
            etree.SubElement(ppr, _qn("a:buNone"))
            for text, colour in line:
                r = etree.SubElement(p, _qn("a:r"))
                rpr = etree.SubElement(r, _qn("a:rPr"), lang=lang_tag(text),
                                       sz=str(round(frame.size * 100)), dirty="0")
                etree.SubElement(etree.SubElement(rpr, _qn("a:solidFill")), _qn("a:srgbClr"),
                                 val=colour)
                _fonts(rpr, frame.face)
                etree.SubElement(r, _qn("a:t")).text = text
            end = etree.SubElement(p, _qn("a:endParaRPr"), lang="en-US",
                                   sz=str(round(frame.size * 100)), dirty="0")
            _fonts(end, frame.face)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(frame.fill)
        shape.line.color.rgb = RGBColor.from_string(frame.border)
        shape.line.width = emu(1)

    def _table(self, slide, frame: TableFrame) -> None:
        columns = len(frame.col_widths)
        graphic = slide.shapes.add_table(len(frame.cells), columns, *_box(frame.rect))
        graphic.name = "deckgen table"
        table = graphic.table
        tbl_pr = table._tbl.tblPr
        tbl_pr.set("firstRow", "1" if frame.header else "0")
        tbl_pr.set("bandRow", "0")
        style = tbl_pr.find(_qn("a:tableStyleId"))
        if style is None:
            style = etree.SubElement(tbl_pr, _qn("a:tableStyleId"))
        style.text = TABLE_GRID_STYLE
        # The grid is written directly: python-pptx re-sums every column (and row) on each
        # width it sets, which made a table of 250 columns take a quarter of a minute.
        widths = [emu(width) for width in frame.col_widths]
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
            grid_col.set("w", str(width))
        graphic.width = Emu(sum(widths))
        rows = table._tbl.tr_lst
        for tr, height in zip(rows, frame.row_heights):
            tr.set("h", str(emu(height)))
        graphic.height = Emu(sum(emu(h) for h in frame.row_heights[:len(rows)]))
        holder = TextFrame(frame.rect, (), frame.face, frame.color)
        for r, (tr, row) in enumerate(zip(rows, frame.cells)):
            for tc, para in zip(tr.tc_lst, row):
                self._cell(_Cell(tc, table), para, frame, holder, header=frame.header and r == 0)

    def _cell(self, cell, para: Para, frame: TableFrame, holder: TextFrame, header: bool) -> None:
        pad_x, pad_y = frame.padding
        cell.margin_left = cell.margin_right = emu(pad_x)
        cell.margin_top = cell.margin_bottom = emu(pad_y)
        body = cell._tc.get_or_add_txBody()
        for p in body.findall(_qn("a:p")):
            body.remove(p)
        body.append(self._para(para, holder))
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(frame.header_fill if header else frame.fill)

    # -- notes ----------------------------------------------------------------------------

    def _notes(self, slide, notes: str) -> None:
        body = self._notes_body(slide)
        for p in body.findall(_qn("a:p")):
            body.remove(p)
        if self.memo is None:
            body.extend(self._notes_paras(notes))
        else:  # a warm process: the paragraphs of notes it wrote before, copied
            kept = self.memo.kept("notes", notes, lambda: self._notes_paras(notes))
            body.extend(copy.deepcopy(p) for p in kept)

    def _notes_paras(self, notes: str) -> list[etree._Element]:
        paras = []
        for line in notes.split("\n"):
            p = etree.Element(_qn("a:p"))
            if line:
                r = etree.SubElement(p, _qn("a:r"))
                rpr = etree.SubElement(r, _qn("a:rPr"), lang=lang_tag(line),
                                       sz=str(round(self._notes_size * 100)), dirty="0")
                _fonts(rpr, self._notes_face)
                etree.SubElement(r, _qn("a:t")).text = line
            end = etree.SubElement(p, _qn("a:endParaRPr"), lang=lang_tag(line),
                                   sz=str(round(self._notes_size * 100)), dirty="0")
            _fonts(end, self._notes_face)
            paras.append(p)
        return paras

    def _notes_body(self, slide) -> etree._Element:
        """The notes text body of a new notes page. python-pptx builds the first from the
        notes master; the rest are copies of it (its way re-walks the whole package for
        every page, which dominated the time to write a deck)."""
        if self._notes_template is None:
            notes_slide = slide.notes_slide
            self._notes_template = copy.deepcopy(notes_slide.part._element)
            body = self._notes_template.xpath(".//p:sp[.//p:ph[@type='body']]/p:txBody")[0]
            self._notes_body_at = _child_places(self._notes_template, body)
            return notes_slide.notes_text_frame._txBody
        package = slide.part.package
        self._notes_count += 1
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml")
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package,
                              copy.deepcopy(self._notes_template))
        part.relate_to(self.base.presentation.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = part._element
        for place in self._notes_body_at:  # the copy's body is where the template's is
            body = body[place]
        return body


TABLE_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # "No Style, Table Grid"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _child_places(root: etree._Element, element: etree._Element) -> tuple[int, ...]:
    """The child indexes that lead from `root` down to `element`."""
    places = []
    while element is not root:
        parent = element.getparent()
        places.append(parent.index(element))
        element = parent
    return tuple(reversed(places))


def _fonts(rpr: etree._Element, face: Face) -> None:
    etree.SubElement(rpr, _qn("a:latin"), typeface=face.name)
    etree.SubElement(rpr, _qn("a:ea"), typeface=face.east_asian_name)
    etree.SubElement(rpr, _qn("a:cs"), typeface=face.name)


def _body_properties(body: etree._Element, insets, anchor: str, wrap: bool) -> None:
    old = body.find(_qn("a:bodyPr"))
    new = etree.Element(_qn("a:bodyPr"), wrap="square" if wrap else "none",
                        lIns=str(emu(insets[0])), tIns=str(emu(insets[1])),
                        rIns=str(emu(insets[2])), bIns=str(emu(insets[3])),
                        anchor=anchor, rtlCol="0")
    etree.SubElement(new, _qn("a:noAutofit"))
    if old is not None:
        body.replace(old, new)
    else:
        body.insert(0, new)
