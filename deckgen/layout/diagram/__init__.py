"""Mermaid diagrams placed in points, for render to draw as native, editable shapes.

Entry point: `lay_out_diagram(diagram, measure, width, height, style)` → `PlacedDiagram`
(`place.py`; `placed.py` holds the model every layout shares). Flowcharts go through
Graphviz `dot` (`dot.py`), or the pure-Python layered layout without it (`layered.py`);
sequence diagrams are laid out here (`sequence.py`). The package loads its parts on demand:
frames and render read only the model, and a deck without a diagram loads no layout.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dot import find_dot
    from .place import lay_out_diagram
    from .placed import (DiagramStyle, EdgeStyle, Measure, PlacedCluster, PlacedDiagram,
                         PlacedEdge, PlacedNode, PlacedText, Point, ShapeKind)

__all__ = ["DiagramStyle", "EdgeStyle", "Measure", "PlacedCluster", "PlacedDiagram",
           "PlacedEdge", "PlacedNode", "PlacedText", "Point", "ShapeKind", "find_dot",
           "lay_out_diagram"]
_HOME = {"find_dot": "dot", "lay_out_diagram": "place"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(f"{__name__}.{_HOME.get(name, 'placed')}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
