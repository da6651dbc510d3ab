"""One placed slide as an inline SVG in points: each frame drawn as the shape it describes,
each paragraph line by line where layout broke it (`Para.lines`), at the baseline an exact
line pitch puts it. Translation only: positions, faces and colours come from the frames."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from html import escape
from typing import assert_never

from ...layout.diagram.placed import DiagramPaint, PlacedDiagram, PlacedNode, PlacedText
from ...layout.frames import (CodeFrame, DiagramFrame, Frame, Para, PictureFrame, PlacedSlide,
                              SetRun, ShapeFrame, TableFrame, TextFrame)
from ...look.model import Rect
from ...pictures.model import Encoded
from ...theme import Face
from .fonts import FontBook, descent

_MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass
class SlideDrawer:
    fonts: FontBook
    pictures: Mapping[str, Encoded | str | Future]
    faces: Mapping[str, Face]  # face name → face, for diagram labels that name theirs
    background: str  # the slide's paper (the .pptx takes it from the template)
    diagrams: int = 0  # diagrams drawn so far

    def slide(self, placed: PlacedSlide, width: float, height: float) -> str:
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}"'
                 f' class="page">',
                 f'<rect width="{_n(width)}" height="{_n(height)}" fill="#{self.background}"/>']
        if placed.title is not None:
            parts.append(self.text(placed.title, "title"))
        for frame in placed.frames:
            parts.append(self.frame(frame))
        parts.append("</svg>")
        return "".join(parts)

    def frame(self, frame: Frame) -> str:
        match frame:
            case TextFrame():
                return self.text(frame, frame.role)
            case PictureFrame():
                return self.picture(frame)
            case ShapeFrame():
                return _rect(frame.rect, frame.fill, cls=frame.role)
            case CodeFrame():
                return self.code(frame)
            case TableFrame():
                return self.table(frame)
            case DiagramFrame():
                return self.diagram(frame.placed, frame.rect, frame.paint)
            case _:
                assert_never(frame)

    # -- text -----------------------------------------------------------------------------

    def text(self, frame: TextFrame, role: str) -> str:
        out = [f'<g class="frame {escape(role)}">']
        if frame.fill or frame.border:
            out.append(_rect(frame.rect, frame.fill or "none", frame.border, 1.5))
        left, top = frame.rect.x + frame.insets[0], frame.rect.y + frame.insets[1]
        right = frame.rect.x + frame.rect.w - frame.insets[2]
        inner_h = frame.rect.h - frame.insets[1] - frame.insets[3]
        total = sum(p.space_before + len(_lines(p)) * p.line_pitch for p in frame.paras)
        if frame.anchor == "ctr":
            top += (inner_h - total) / 2
        elif frame.anchor == "b":
            top += inner_h - total
        for para in frame.paras:
            drawn, top = self.para(para, left, right, top)
            out.append(drawn)
        out.append("</g>")
        return "".join(out)

    def para(self, para: Para, left: float, right: float, top: float) -> tuple[str, float]:
        """`para` drawn from `top` between `left` and `right`; and the top of what follows."""
        setting = para.set
        assert setting is not None, "layout sets every paragraph before render"
        top += para.space_before
        low = descent(setting.face.regular) * para.size
        out = []
        pieces = _line_runs(setting.runs, _lines(para))
        for index, runs in enumerate(pieces):
            baseline = top + (index + 1) * para.line_pitch - low
            if index == 0:
                out.append(self._marker(para, left, baseline))
            x, anchor = left + para.margin, "start"
            if para.align == "ctr":
                x, anchor = (left + para.margin + right) / 2, "middle"
            elif para.align == "r":
                x, anchor = right, "end"
            spans = "".join(self._span(run, para.size) for run in runs)
            out.append(f'<text x="{_n(x)}" y="{_n(baseline)}" text-anchor="{anchor}" '
                       f'font-size="{_n(para.size)}" class="line">{spans}</text>')
        return "".join(out), top + len(pieces) * para.line_pitch

    def _marker(self, para: Para, left: float, baseline: float) -> str:
        setting = para.set
        if setting is None or setting.bullet_color is None or setting.bullet_face is None:
            return ""
        if para.number:
            mark = f"{para.number}{')' if para.number_style == 'arabicParenR' else '.'}"
        elif para.bullet:
            mark = para.bullet
        else:
            return ""
        family = self.fonts.use(setting.bullet_face, mark)
        return (f'<text x="{_n(left + para.margin - para.hanging)}" y="{_n(baseline)}" '
                f'font-size="{_n(para.size)}" font-family="{family}" '
                f'fill="#{setting.bullet_color}" class="bullet">{escape(mark)}</text>')

    def _span(self, run: SetRun, size: float) -> str:
        family = self.fonts.use(run.face, run.text, run.bold)
        weight = ' font-weight="bold"' if run.bold and not run.face.bold \
            and not run.face.synthetic_bold else ""
        style = ' font-style="italic"' if run.italic else ""
        strike = ' text-decoration="line-through"' if run.strike else ""
        span = (f'<tspan font-family="{family}" fill="#{run.color}"{weight}{style}{strike} '
                f'lang="{run.lang}">{escape(run.text)}</tspan>')
        if run.link:
            return f'<a href="{escape(run.link)}" target="_blank">{span}</a>'
        return span

    # -- pictures, code, tables -------------------------------------------------------------

    def picture(self, frame: PictureFrame) -> str:
        found = self.pictures.get(frame.picture.key) if frame.picture.ok else None
        if isinstance(found, Future):
            found = found.result()
        r = frame.rect
        if isinstance(found, Encoded):
            data = base64.b64encode(found.blob).decode("ascii")
            mime = _MIME.get(found.extension, "image/png")
            return (f'<image x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}" '
                    f'preserveAspectRatio="none" href="data:{mime};base64,{data}">'
                    f'<title>{escape(frame.picture.name)}</title></image>')
        box = _rect(r, frame.placeholder_fill or "none", frame.placeholder_line or None, 1.5,
                    dash=True)
        return box + (self.text(frame.label, "label") if frame.label is not None else "")

    def code(self, frame: CodeFrame) -> str:
        out = [_rect(frame.rect, frame.fill, frame.border, 1.0)]
        x = frame.rect.x + frame.insets[0]
        top = frame.rect.y + frame.insets[1]
        low = descent(frame.face.regular) * frame.size
        for index, line in enumerate(frame.lines):
            baseline = top + (index + 1) * frame.line_pitch - low
            spans = "".join(
                f'<tspan fill="#{colour}">{escape(text)}</tspan>' for text, colour in line)
            family = self.fonts.use(frame.face, "".join(text for text, _ in line))
            out.append(f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(frame.size)}" '
                       f'font-family="{family}" class="line code">{spans}</text>')
        return "".join(out)

    def table(self, frame: TableFrame) -> str:
        out = ['<g class="table">']
        pad_x, pad_y = frame.padding
        y = frame.rect.y
        for r, (row, height) in enumerate(zip(frame.cells, frame.row_heights)):
            x = frame.rect.x
            fill = frame.header_fill if frame.header and r == 0 else frame.fill
            for para, width in zip(row, frame.col_widths):
                out.append(_rect(Rect(x, y, width, height), fill, frame.color, 0.75))
                out.append(self.para(para, x + pad_x, x + width - pad_x, y + pad_y)[0])
                x += width
            y += height
        out.append("</g>")
        return "".join(out)

    # -- diagrams ---------------------------------------------------------------------------

    def diagram(self, placed: PlacedDiagram, rect: Rect, paint: DiagramPaint) -> str:
        self.diagrams += 1  # marker ids are per diagram: a hidden slide's markers do not draw
        tag = f"d{self.diagrams}"
        out = [f'<g class="diagram" transform="translate({_n(rect.x)} {_n(rect.y)})">']
        for cluster in placed.clusters:
            out.append(_rect(cluster.box, "#" + paint.frame_fill, "#" + paint.muted,
                             paint.line_pt, raw=True))
            if cluster.title is not None:
                out.append(self._label(cluster.title, paint, centred=False))
        for node in placed.nodes:  # lifelines lie under the messages that cross them
            if node.shape == "lifeline":
                b = node.box
                out.append(f'<polyline points="{_n(b.x)},{_n(b.y)} {_n(b.x)},{_n(b.y + b.h)}" '
                           f'fill="none" stroke="#{paint.muted}" '
                           f'stroke-width="{_n(paint.line_pt)}" stroke-dasharray="1 2"/>')
        for edge in placed.edges:
            colour = paint.accent if edge.style == "thick" else paint.line
            width = paint.thick_pt if edge.style == "thick" else paint.line_pt
            dash = ' stroke-dasharray="4 3"' if edge.style == "dotted" else ""
            ends = ""
            if edge.head in ("triangle", "open"):
                ends += f' marker-end="url(#head-{tag}-{colour})"'
            if edge.start_head in ("triangle", "open"):
                ends += f' marker-start="url(#tail-{tag}-{colour})"'
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in edge.points)
            out.append(_markers(f"{tag}-{colour}", colour) + f'<polyline points="{points}" fill="none" '
                       f'stroke="#{colour}" stroke-width="{_n(width)}"{dash}{ends}/>')
        for node in placed.nodes:
            if node.shape != "lifeline":
                out.append(self._node(node, paint))
        for edge in placed.edges:
            if edge.text is not None and any(edge.text.lines):
                box = edge.text.box
                pad, pad_y = edge.text.size * 0.15, edge.text.size * 0.25
                out.append(_rect(Rect(box.x - pad, box.y - pad_y, box.w + 2 * pad,
                                      box.h + 2 * pad_y), paint.paper))
                out.append(self._label(edge.text, paint))
        out.append("</g>")
        return "".join(out)

    def _node(self, node: PlacedNode, paint: DiagramPaint) -> str:
        b = node.box
        fill = paint.note_fill if node.shape == "note" else \
            paint.paper if node.shape == "stub" else paint.fill
        outline = paint.accent if node.shape in ("participant", "actor") else \
            paint.muted if node.shape == "stub" else paint.line
        paint_attrs = f'fill="#{fill}" stroke="#{outline}" stroke-width="{_n(paint.line_pt)}"'
        if node.shape == "stub":  # a node drawn on another page: dashed, as a reference
            paint_attrs += ' stroke-dasharray="4 3"'
        match node.shape:
            case "circle":
                shape = (f'<ellipse cx="{_n(b.x + b.w / 2)}" cy="{_n(b.y + b.h / 2)}" '
                         f'rx="{_n(b.w / 2)}" ry="{_n(b.h / 2)}" {paint_attrs}/>')
            case "rhombus":
                cx, cy = b.x + b.w / 2, b.y + b.h / 2
                shape = (f'<polygon points="{_n(cx)},{_n(b.y)} {_n(b.x + b.w)},{_n(cy)} '
                         f'{_n(cx)},{_n(b.y + b.h)} {_n(b.x)},{_n(cy)}" {paint_attrs}/>')
            case _:
                radius = {"round": min(b.w, b.h) * 0.2, "stub": min(b.w, b.h) * 0.2,
                          "stadium": b.h / 2,
                          "actor": b.h / 2}.get(node.shape, 0.0)
                shape = (f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
                         f'height="{_n(b.h)}" rx="{_n(radius)}" {paint_attrs}/>')
        return shape + self._label(node.text, paint, centre=(b.x + b.w / 2, b.y + b.h / 2))

    def _label(self, text: PlacedText, paint: DiagramPaint, centred: bool = True,
               centre: tuple[float, float] | None = None) -> str:
        count = max(1, len(text.lines))
        pitch = text.box.h / count
        cx = centre[0] if centre else text.box.x + text.box.w / 2
        top = (centre[1] - text.box.h / 2) if centre else text.box.y
        x, anchor = (cx, "middle") if centred else (text.box.x, "start")
        face = self.faces.get(paint.font)
        low = descent(face.regular if face else "") * text.size
        out = []
        for index, line in enumerate(text.lines):
            runs = text.runs[index] if index < len(text.runs) else ((line, paint.font,
                                                                       paint.east_asian_font),)
            spans = []
            for piece, latin, _east in runs:
                drawn = self.faces.get(latin)
                family = self.fonts.use(drawn, piece) if drawn else "sans-serif"
                spans.append(f'<tspan font-family="{family}">{escape(piece)}</tspan>')
            baseline = top + (index + 1) * pitch - low
            out.append(f'<text x="{_n(x)}" y="{_n(baseline)}" text-anchor="{anchor}" '
                       f'font-size="{_n(text.size)}" fill="#{paint.text}" class="line">'
                       f'{"".join(spans)}</text>')
        return "".join(out)


def _lines(para: Para) -> tuple[str, ...]:
    return para.lines or ("".join(run.text for run in para.runs),)


def _line_runs(runs: tuple[SetRun, ...], lines: tuple[str, ...]) -> list[list[SetRun]]:
    """The set runs cut where layout broke the paragraph: each line's pieces, in order.
    Layout's lines are the paragraph's text with the spaces at each break dropped; the set
    runs may lack invisible marks (variation selectors) the text had, so the two are walked
    side by side rather than searched."""
    text = "".join(run.text for run in runs).replace("\n", " ")
    spans: list[tuple[int, int]] = []
    at = 0
    for line in lines:
        while at < len(text) and text[at].isspace() and not (line and line[0].isspace()):
            at += 1
        start = at
        for char in line:
            if at < len(text) and text[at] == char:
                at += 1
            elif char not in _INVISIBLE and at < len(text):
                at += 1  # a character the setting replaced: it takes its place
        spans.append((start, at))
    if spans and spans[-1][1] < len(text):  # nothing is lost if the walk fell short
        spans[-1] = (spans[-1][0], len(text))
    out: list[list[SetRun]] = []
    for start, end in spans:
        pieces, offset = [], 0
        for run in runs:
            lo, hi = max(start, offset), min(end, offset + len(run.text))
            if lo < hi:
                pieces.append(SetRun(run.text[lo - offset:hi - offset].replace("\n", " "),
                                     run.face, run.color, run.bold, run.italic, run.strike,
                                     run.link, run.lang))
            offset += len(run.text)
        out.append(pieces)
    return out


_INVISIBLE = frozenset("\ufe0e\ufe0f\u200b\u200c\u200d")


def _rect(rect: Rect, fill: str | None, stroke: str | None = None, width: float = 0.0,
          cls: str = "", dash: bool = False, raw: bool = False) -> str:
    def colour(value: str | None) -> str:
        if not value or value == "none":
            return "none"
        return value if raw or value.startswith("#") else "#" + value
    attrs = f' stroke="{colour(stroke)}" stroke-width="{_n(width)}"' if stroke else ""
    attrs += ' stroke-dasharray="6 4"' if dash else ""
    attrs += f' class="{cls}"' if cls else ""
    return (f'<rect x="{_n(rect.x)}" y="{_n(rect.y)}" width="{_n(rect.w)}" '
            f'height="{_n(rect.h)}" fill="{colour(fill)}"{attrs}/>')


def _markers(name: str, colour: str) -> str:
    """Arrowheads in the edge's colour (an id repeated in one diagram: the first is used)."""
    return (f'<defs><marker id="head-{name}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" '
            f'fill="#{colour}"/></marker><marker id="tail-{name}" viewBox="0 0 10 10" '
            f'refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
            f'<path d="M10,0L0,5L10,10z" fill="#{colour}"/></marker></defs>')
