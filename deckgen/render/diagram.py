"""Drawing a placed diagram as native PowerPoint shapes the audience's speaker can edit.

Everything goes into one group shape, so the diagram moves as one piece but every box, line
and label stays editable. Nodes are preset autoshapes with their label as the shape's own
text; a sequence diagram's lifelines are pieces of line shapes (preset `line`); edges are
straight connectors, glued to the shapes they join, or open freeform polylines when dot bent
them, with DrawingML arrowheads (`a:tailEnd`), which both PowerPoint and LibreOffice draw. Text is set
without wrapping: layout already broke the lines and sized every box to them, so a renderer
with slightly different metrics cannot re-break a label. Each run names the Latin and the East
Asian font and its language, since python-pptx's `font.name` fills only the Latin slot and
Hangul would otherwise fall to the theme's font.
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector
from pptx.shapes.group import GroupShape
from pptx.shapes.shapetree import GroupShapes, SlideShapes
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from ..layout.diagram.placed import (DiagramPaint, PlacedCluster, PlacedDiagram, PlacedEdge,
                                     PlacedNode, PlacedText)
from ..fonts import lang_tag
from ..look.units import emu

_PRESETS = {
    "rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE,
    "stadium": MSO_SHAPE.FLOWCHART_TERMINATOR, "circle": MSO_SHAPE.OVAL,
    "rhombus": MSO_SHAPE.DIAMOND, "participant": MSO_SHAPE.RECTANGLE,
    "actor": MSO_SHAPE.FLOWCHART_TERMINATOR, "note": MSO_SHAPE.RECTANGLE,
    "stub": MSO_SHAPE.ROUNDED_RECTANGLE, "lifeline": MSO_SHAPE.RECTANGLE,  # see `_lifeline`
}
_ENDS = {"triangle": "triangle", "open": "arrow", "oval": "oval"}


def draw_diagram(shapes: SlideShapes | GroupShapes, placed: PlacedDiagram, left_pt: float,
                 top_pt: float, paint: DiagramPaint) -> GroupShape:
    """Add `placed` with its top-left at (left_pt, top_pt) as one group of native shapes."""
    group = shapes.add_group_shape()
    group.name = "deckgen diagram"
    inner = group.shapes
    for cluster in placed.clusters:
        _cluster(inner, cluster, left_pt, top_pt, paint)
    # lifelines lie under the messages that cross them, as everything else under its boxes
    drawn = {node.id: _lifeline(inner, node, left_pt, top_pt, paint)
             for node in placed.nodes if node.shape == "lifeline"}
    lines = [_edge(inner, edge, left_pt, top_pt, paint, placed.size) for edge in placed.edges]
    drawn |= {node.id: _node(inner, node, left_pt, top_pt, paint)
              for node in placed.nodes if node.shape != "lifeline"}
    kinds = {node.id: node.shape for node in placed.nodes}
    for edge, line in zip(placed.edges, lines):
        if edge.ends is not None and edge.sites is not None and isinstance(line, Connector):
            source, target = edge.ends
            _glue(line, (drawn[source], kinds[source], edge.sites[0]),
                  (drawn[target], kinds[target], edge.sites[1]))
    for edge in placed.edges:
        if edge.text is not None and any(edge.text.lines):
            _label(inner, edge.text, left_pt, top_pt, paint)
    return group


def _emu(value: float) -> Emu:
    return emu(value)


def _node(shapes: GroupShapes, node: PlacedNode, left: float, top: float,
          paint: DiagramPaint) -> Shape:
    box = node.box
    shape = shapes.add_shape(_PRESETS[node.shape], _emu(left + box.x), _emu(top + box.y),
                             _emu(box.w), _emu(box.h))
    shape.name = f"diagram {node.shape} {node.id}".strip()
    if node.shape in ("round", "stub"):
        shape.adjustments[0] = 0.2
    fill = paint.note_fill if node.shape == "note" else \
        paint.paper if node.shape == "stub" else paint.fill
    outline = paint.accent if node.shape in ("participant", "actor") else \
        paint.muted if node.shape == "stub" else paint.line
    line = _plain(shape, fill, outline, paint.line_pt)
    if node.shape == "stub":  # a node drawn on another page of a split diagram: dashed
        etree.SubElement(line, qn("a:prstDash"), val="dash")
    _write(shape.text_frame, node.text, paint, vertical=MSO_ANCHOR.MIDDLE)
    return shape


def _lifeline(shapes: GroupShapes, node: PlacedNode, left: float, top: float,
              paint: DiagramPaint) -> Shape:
    """A piece of a lifeline: a `line` preset shape, zero wide, dotted as lifelines are."""
    box = node.box
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(left + box.x), _emu(top + box.y), Emu(0),
                             _emu(box.h))
    geometry = shape._element.spPr.find(qn("a:prstGeom"))
    assert geometry is not None  # python-pptx writes every autoshape with one
    geometry.set("prst", "line")  # python-pptx's MSO_SHAPE has no plain line
    shape.name = f"diagram lifeline {node.id}"
    shape.fill.background()
    ln = _outline(shape, paint.muted, paint.line_pt)
    etree.SubElement(ln, qn("a:prstDash"), val="sysDot")
    _drop_style(shape)
    return shape


# connection sites of the presets we draw, by side: an ellipse has eight, counter-clockwise
# from the top; a line two (its start, the top of a vertical one, then its end); the others
# four (top, left, bottom, right), as presetShapeDefinitions lists
_SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}
_SITES_OF: dict[str, dict[str, int]] = {"circle": {"top": 0, "left": 2, "bottom": 4, "right": 6},
                                        "lifeline": {"top": 0, "bottom": 1}}


def _glue(line: Connector, *ends: tuple[Shape, str, str]) -> None:
    """`a:stCxn`/`a:endCxn`: the line's ends belong to these sites, each (shape, its kind,
    side) (layout put the ends there already, so no viewer has to move them)."""
    props = line._element.find(f"{qn('p:nvCxnSpPr')}/{qn('p:cNvCxnSpPr')}")
    assert props is not None  # python-pptx writes it with every connector
    for tag, (shape, kind, side) in zip(("a:stCxn", "a:endCxn"), ends):
        site = _SITES_OF.get(kind, _SITES)[side]
        etree.SubElement(props, qn(tag), id=str(shape.shape_id), idx=str(site))


def _cluster(shapes: GroupShapes, cluster: PlacedCluster, left: float, top: float,
             paint: DiagramPaint) -> None:
    box = cluster.box
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(left + box.x), _emu(top + box.y),
                             _emu(box.w), _emu(box.h))
    shape.name = "diagram frame"
    _plain(shape, paint.frame_fill, paint.muted, paint.line_pt)
    if cluster.title is not None:
        frame = shape.text_frame
        _write(frame, cluster.title, paint, vertical=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT)
        frame.margin_top = _emu(max(0.0, cluster.title.box.y - box.y))
        frame.margin_left = _emu(max(0.0, cluster.title.box.x - box.x))


def _label(shapes: GroupShapes, text: PlacedText, left: float, top: float,
           paint: DiagramPaint) -> None:
    """An edge or message label: its own text box, on paper so lines pass behind it."""
    box = text.box
    pad, pad_y = text.size * 0.15, text.size * 0.25  # room for descenders in any renderer
    shape = shapes.add_textbox(_emu(left + box.x - pad), _emu(top + box.y - pad_y),
                               _emu(box.w + 2 * pad), _emu(box.h + 2 * pad_y))
    shape.name = "diagram label"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(paint.paper)
    _write(shape.text_frame, text, paint, vertical=MSO_ANCHOR.MIDDLE)


def _edge(shapes: GroupShapes, edge: PlacedEdge, left: float, top: float,
          paint: DiagramPaint, size: float) -> Shape | Connector:
    points = [(left + x, top + y) for x, y in edge.points]
    if len(points) == 2:
        line: Shape | Connector = shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, _emu(points[0][0]), _emu(points[0][1]),
            _emu(points[1][0]), _emu(points[1][1]))
    else:
        builder = shapes.build_freeform(_emu(points[0][0]), _emu(points[0][1]), scale=1.0)
        builder.add_line_segments([(_emu(x), _emu(y)) for x, y in points[1:]], close=False)
        freeform = builder.convert_to_shape()
        freeform.fill.background()
        line = freeform
    line.name = f"diagram {edge.style} edge"
    colour = paint.accent if edge.style == "thick" else paint.line
    width = paint.thick_pt if edge.style == "thick" else paint.line_pt
    ln = _outline(line, colour, width)
    if edge.style == "dotted":
        etree.SubElement(ln, qn("a:prstDash"), val="dash")
    grow = "med" if edge.style == "thick" else "lg"  # heads scale with the line's width
    for tag, head in (("a:headEnd", edge.start_head), ("a:tailEnd", edge.head)):
        if head in _ENDS:
            etree.SubElement(ln, qn(tag), type=_ENDS[head], w=grow, len=grow)
    _drop_style(line)
    if edge.head == "cross":
        _cross(shapes, points[-1], size * 0.35, colour, width)
    return line


def _cross(shapes: GroupShapes, at: tuple[float, float], half: float, colour: str,
           width: float) -> None:
    """Mermaid's lost-message 'x' end: DrawingML has no such arrowhead, so two short lines."""
    x, y = at
    for dy in (-half, half):
        stroke = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(x - half), _emu(y - dy),
                                      _emu(x + half), _emu(y + dy))
        stroke.name = "diagram cross"
        _outline(stroke, colour, width)
        _drop_style(stroke)


def _plain(shape: Shape, fill: str, outline: str, width: float) -> etree._Element:
    """A flat shape: own fill and outline, and no theme style (which may add a shadow);
    its `a:ln`, for a dash to be added."""
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    line = _outline(shape, outline, width)
    _drop_style(shape)
    return line


def _outline(shape: Shape | Connector, colour: str, width: float) -> etree._Element:
    """The shape's `a:ln` with a solid colour and width; dash and ends are appended after."""
    shape.line.color.rgb = _rgb(colour)
    shape.line.width = Pt(width)
    line = shape._element.spPr.find(qn("a:ln"))
    assert line is not None  # python-pptx made it when the colour was set
    return line


def _drop_style(shape: Shape | Connector) -> None:
    style = shape._element.find(qn("p:style"))
    parent = style.getparent() if style is not None else None
    if parent is not None:
        parent.remove(style)


def _write(frame: TextFrame, text: PlacedText, paint: DiagramPaint,
           vertical: MSO_ANCHOR, align: PP_ALIGN = PP_ALIGN.CENTER) -> None:
    """The label's lines as centred paragraphs, unwrapped, fonts named in every run."""
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = vertical
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    for index, line in enumerate(text.lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.line_spacing = Pt(text.box.h / max(1, len(text.lines)))
        runs = text.runs[index] if index < len(text.runs) else ((line, paint.font,
                                                                   paint.east_asian_font),)
        for piece, latin, east_asian in runs:
            run = paragraph.add_run()
            run.text = piece
            rpr = run._r.get_or_add_rPr()
            rpr.set("lang", lang_tag(piece))
            rpr.set("sz", str(round(text.size * 100)))
            rpr.set("dirty", "0")
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=paint.text)
            etree.SubElement(rpr, qn("a:latin"), typeface=latin)
            etree.SubElement(rpr, qn("a:ea"), typeface=east_asian)
            etree.SubElement(rpr, qn("a:cs"), typeface=latin)


def _rgb(value: str) -> RGBColor:
    return RGBColor.from_string(value)
