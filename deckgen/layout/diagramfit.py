"""A diagram never leaves its slide, and its labels never go below the theme's floor.

The plan gives a slide its diagram; only layout knows whether it fits. In order, the first
that fits at the label floor (`Sizes.diagram_min`) or above wins:

1. the diagram as written, beside or above the slide's text (the arranger's candidates);
2. a flowchart turned (top-down ↔ left-to-right), when that shows it with more of the text
   on its page: a tall top-down chart in a wide box may fit left to right;
3. the diagram alone on the page, in either direction (the slide's text goes to the
   continuation page after it, as any text that does not fit);
4. a flowchart split over several pages: by the author's subgraphs (neighbouring ones that
   fit together share a page), a part still too big (or a chart without subgraphs) cut into
   bands of consecutive ranks. Each page's title names its part; an edge between two parts
   ends in a stub naming the part it goes to.

Only a part that no cut makes small enough (one rank of very many nodes) is drawn below the
floor, scaled into its rectangle, and the warning says so. Every choice but the first is
said once in a warning, and the outline names the part and the direction of each picture.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..note.mermaid import Flowchart
from ..pictures.model import DrawnDiagram, Picture
from .arrange import Arranger, Page
from .elements import ElementSetter
from .frames import PictureFrame, Rect
from .measure import Measurer
from .visuals import diagram_picture, drawn_chart, laid_out

if TYPE_CHECKING:
    from ..note.mermaid import SequenceDiagram
    from ..note.model import Diagram
    from .diagram.split import Group, Part

MAX_BANDS = 12  # a flowchart is cut into at most this many bands of ranks
_READING = {"TB": "top-down", "BT": "bottom-up", "LR": "left to right", "RL": "right to left"}


class DiagramFitter:
    """Diagram pictures in every variant layout tries, each laid out once (cached here),
    and the arranger that places them, told which rectangles are too small for them."""

    def __init__(self, setter: ElementSetter, measurer: Measurer, slide_width: float):
        self.theme, self.measurer = setter.theme, measurer
        self.arranger = Arranger(setter, slide_width, self.legible)
        self._natural: dict[tuple[Diagram, Flowchart | SequenceDiagram | None], dict] = {}
        self._pictures: dict[DrawnDiagram, Picture] = {}

    def natural(self, drawing: DrawnDiagram) -> dict:
        """The layouts made of the chart this variant draws so far, by label width (see
        `place.Natural`): one chart is laid out once, whatever its page says about it."""
        return self._natural.setdefault((drawing.diagram, drawing.chart), {})

    def picture(self, drawing: DrawnDiagram) -> Picture:
        if drawing not in self._pictures:
            self._pictures[drawing] = diagram_picture(drawing, self.theme, self.measurer,
                                                      self.natural(drawing))
        return self._pictures[drawing]

    def legible(self, picture: Picture, rect: Rect) -> bool:
        """Whether the picture is drawn at the label floor or above in `rect` (any picture
        that is not a drawn diagram is)."""
        drawing = picture.drawing
        if not isinstance(drawing, DrawnDiagram) or not picture.ok:
            return True
        placed = laid_out(drawing, self.theme, self.measurer, rect.w, rect.h,
                          self.natural(drawing))
        return placed is None or placed.fits

    # -- pages --------------------------------------------------------------------------

    def paginate(self, elements: list, pictures: list[Picture], region: Rect, size: float
                 ) -> list[Page]:
        """The slide's pages, with every diagram drawn at the floor or above."""
        arranger = self.arranger
        written = arranger.paginate(elements, pictures, region, size)
        diagrams = [p for p in pictures if _flowchart(p)]
        if not any(isinstance(p.drawing, DrawnDiagram) and p.ok for p in pictures):
            return written
        written_ok = self._legible_pages(written)
        if written_ok and (not elements or not _alone(written)):
            return written  # as written, beside its text
        if diagrams:
            swapped = [self._turned(p, region) if _flowchart(p) else p for p in pictures]
            turned = arranger.paginate(elements, swapped, region, size)
            if self._legible_pages(turned) and (not written_ok or len(turned) < len(written)):
                return turned
        if written_ok:
            return written  # alone on its page, its text on the next
        return self._split(elements, pictures, region, size)

    def _need(self, drawing: DrawnDiagram, region: Rect) -> str:
        """What the diagram as written needs at the floor, against what a page has."""
        whole = self.picture(replace(drawing, chart=None, part="", stubs=frozenset()))
        sizes = self.theme.sizes
        scale = sizes.diagram_min / sizes.diagram
        return (f"as written it needs {whole.width * scale:.0f} x {whole.height * scale:.0f} "
                f"pt at the {sizes.diagram_min:g} pt floor, a slide has "
                f"{region.w:.0f} x {region.h:.0f} pt")

    def _legible_pages(self, pages: list[Page]) -> bool:
        return all(self.legible(f.picture, f.rect) for page in pages for f in page.frames
                   if isinstance(f, PictureFrame))

    def _turned(self, picture: Picture, region: Rect | None = None) -> Picture:
        """The flowchart read the other way; with `region`, its warning says why."""
        from .diagram.split import turned

        drawing = picture.drawing
        assert isinstance(drawing, DrawnDiagram)
        chart = drawn_chart(drawing)
        assert isinstance(chart, Flowchart)
        other = turned(chart)
        told = "" if region is None else (
            f"drawn {_READING[other.direction]} instead of {_READING[chart.direction]} "
            f"to fit its slide: {self._need(drawing, region)}")
        return self.picture(replace(drawing, chart=other, fitted=told))

    def _fits_alone(self, picture: Picture, region: Rect) -> bool:
        return self.legible(picture, self._alone_rect(picture, region))

    def _alone_rect(self, picture: Picture, region: Rect) -> Rect:
        """Where the arranger puts a picture that has the page to itself."""
        (rect,) = self.arranger.picture_rects([picture], region)
        return rect

    def _best_alone(self, drawing: DrawnDiagram, region: Rect) -> Picture | None:
        """The variant, as written or turned, drawn at the floor alone in `region`."""
        picture = self.picture(drawing)
        if self._fits_alone(picture, region):
            return picture
        if isinstance(drawn_chart(drawing), Flowchart):
            other = self._turned(picture)
            if self._fits_alone(other, region):
                return other
        return None

    # -- splitting ----------------------------------------------------------------------

    def _split(self, elements: list, pictures: list[Picture], region: Rect, size: float
               ) -> list[Page]:
        """Each diagram too big for a page of its own cut into parts, a page each; the
        first part shares its page with the text (if it fits beside it), the text that
        does not follows the parts."""
        shown: list[Picture] = []
        parts: list[Picture] = []
        for picture in pictures:
            if self._needs_split(picture, region):
                pieces = self._parts(picture, region)
                shown.append(pieces[0])
                parts.extend(pieces[1:])
            else:
                shown.append(picture)
        first = self.arranger.paginate(elements, shown, region, size)
        head = replace(first[0], part=_part_name(shown))
        rest = [Page([PictureFrame(self._alone_rect(picture, region), picture)],
                     pictures=[picture], part=_part_name([picture])) for picture in parts]
        return [head, *rest, *first[1:]]

    def _needs_split(self, picture: Picture, region: Rect) -> bool:
        drawing = picture.drawing
        return picture.ok and isinstance(drawing, DrawnDiagram) \
            and drawn_chart(drawing) is not None and self._best_alone(drawing, region) is None

    def _parts(self, picture: Picture, region: Rect) -> list[Picture]:
        """The diagram's parts, each in the direction that fits it alone on a page."""
        from .diagram.split import by_subgraph

        drawing = picture.drawing
        assert isinstance(drawing, DrawnDiagram)
        chart = drawn_chart(drawing)
        assert chart is not None
        pieces: list[Picture] = []
        if not isinstance(chart, Flowchart):  # a sequence diagram: runs of its messages
            how = "by message"
            pieces = self._runs(drawing, chart, region)
        elif groups := by_subgraph(chart):
            how = "by subgraph"
            for part in self._merged(drawing, chart, groups, region):
                pieces.extend(self._shown_part(drawing, part, region))
        else:
            how = "by rank"
            pieces = self._bands(drawing, chart, frozenset(), "", region)
        if len(pieces) == 1:  # no cut helps: one page, below the floor (its own warning)
            return pieces
        names = [p.drawing.part for p in pieces if isinstance(p.drawing, DrawnDiagram)]
        told = (f"split {how} over {len(pieces)} slides ({', '.join(names)}): "
                f"{self._need(drawing, region)}")
        first = pieces[0].drawing
        assert isinstance(first, DrawnDiagram)
        return [self.picture(replace(first, fitted=told)), *pieces[1:]]

    def _merged(self, drawing: DrawnDiagram, chart: Flowchart, groups: list[Group],
                region: Rect) -> list[Part]:
        """Neighbouring subgraphs that fit one page together made one part."""
        from .diagram.split import Group, part_of

        merged: list[Group] = []
        for group in groups:
            if merged:
                joined = Group(f"{merged[-1].name} · {group.name}", merged[-1].nodes + group.nodes)
                trial = _with_group(groups, merged, joined)
                part = part_of(chart, joined, trial)
                if self._best_alone(_drawing_of(drawing, part), region) is not None:
                    merged[-1] = joined
                    continue
            merged.append(group)
        final = list(merged)
        return [part_of(chart, g, final) for g in final]

    def _shown_part(self, drawing: DrawnDiagram, part: Part, region: Rect) -> list[Picture]:
        best = self._best_alone(_drawing_of(drawing, part), region)
        if best is not None:
            return [best]
        return self._bands(drawing, part.chart, part.stubs, part.name, region)

    def _bands(self, drawing: DrawnDiagram, chart: Flowchart, known: frozenset[str], name: str,
               region: Rect) -> list[Picture]:
        """The chart cut into the fewest bands of ranks that each fit a page alone."""
        from .diagram.split import Part, by_rank, part_of

        whole = _drawing_of(drawing, Part(name, chart, known))
        placed = laid_out(whole, self.theme, self.measurer, 1e6, 1e6, self.natural(whole))
        assert placed is not None
        for count in range(2, MAX_BANDS + 1):
            cuts = by_rank(chart, placed, count, name)
            for groups in cuts:
                drawings = [_drawing_of(drawing, part_of(chart, g, groups, known))
                            for g in groups]
                best = [self._best_alone(d, region) for d in drawings]
                if all(b is not None for b in best):
                    return [b for b in best if b is not None]
            if len(cuts[0]) < count:  # no more ranks to cut between
                break
        # no cut fits (a rank of very many nodes): the chart whole on one page, drawn below
        # the floor to stay on it, and said; more pages of the same squeeze would not help
        return [self.picture(whole)]

    def _runs(self, drawing: DrawnDiagram, diagram: SequenceDiagram, region: Rect
              ) -> list[Picture]:
        """A sequence diagram cut into the fewest runs of messages that each fit a page."""
        from .diagram.split import by_events

        last: list[Picture] = []
        for count in range(2, max(2, len(diagram.events)) + 1):
            last = [self.picture(replace(drawing, chart=run, part=name, fitted=""))
                    for name, run in by_events(diagram, count)]
            if all(self._fits_alone(p, region) for p in last):
                break
        return last  # one message a page and still too big: drawn below the floor


def _drawing_of(drawing: DrawnDiagram, part: Part) -> DrawnDiagram:
    return replace(drawing, chart=part.chart, part=part.name, stubs=part.stubs, fitted="")


def _with_group(groups: list[Group], merged: list[Group], joined: Group) -> list[Group]:
    """The groups as they would be with the last merged group replaced by `joined`."""
    taken = {n for g in merged for n in g.nodes} | set(joined.nodes)
    return [*merged[:-1], joined, *[g for g in groups if not set(g.nodes) <= taken]]


def _flowchart(picture: Picture) -> bool:
    drawing = picture.drawing
    return picture.ok and isinstance(drawing, DrawnDiagram) \
        and isinstance(drawn_chart(drawing), Flowchart)


def _alone(pages: list[Page]) -> bool:
    """Whether the page with the pictures shows none of the text."""
    return bool(pages) and bool(pages[0].pictures) and not pages[0].elements


def _part_name(pictures: list[Picture]) -> str:
    return next((p.drawing.part for p in pictures
                 if isinstance(p.drawing, DrawnDiagram) and p.drawing.part), "")
