"""Mermaid diagrams placed in points, for render to draw as native, editable shapes.

Entry point: `lay_out_diagram(diagram, measure, width, height, style)` → `PlacedDiagram`
(`placed.py` holds the model every layout shares). Flowcharts go through Graphviz `dot`
(`dot.py`), or the pure-Python layered layout without it (`layered.py`); sequence diagrams
are laid out here (`sequence.py`).
"""

from .dot import find_dot
from .place import lay_out_diagram
from .placed import (DiagramStyle, EdgeStyle, Measure, PlacedCluster, PlacedDiagram, PlacedEdge,
                     PlacedNode, PlacedText, Point, ShapeKind)

__all__ = ["DiagramStyle", "EdgeStyle", "Measure", "PlacedCluster", "PlacedDiagram",
           "PlacedEdge", "PlacedNode", "PlacedText", "Point", "ShapeKind", "find_dot",
           "lay_out_diagram"]
