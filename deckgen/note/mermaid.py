"""Reading Mermaid source into a small frozen model, so diagrams become native shapes.

Only the two kinds a talk deck draws well as editable shapes are read: flowcharts (`flowchart`
/ `graph`) and sequence diagrams. Any other kind comes back as `Unsupported` naming it, so the
caller can show a picture or a placeholder instead. Broken source comes back as `MermaidError`
with the 1-based line inside the block, because the author has to find the mistake in the note.
Styling lines (`classDef`, `style`, `click`, ...) carry nothing a native shape can keep and are
skipped. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Union, assert_never

Direction = Literal["TB", "BT", "LR", "RL"]
NodeShape = Literal["rect", "round", "stadium", "circle", "rhombus"]
LineStyle = Literal["solid", "dotted", "thick"]
Head = Literal["none", "triangle", "open", "oval", "cross"]


@dataclass(frozen=True)
class FlowNode:
    id: str
    label: str  # "\n" where the source had <br>
    shape: NodeShape


@dataclass(frozen=True)
class FlowEdge:
    source: str  # a node id, or a subgraph id
    target: str
    style: LineStyle
    head: Head
    label: str = ""
    start_head: Head = "none"


@dataclass(frozen=True)
class Subgraph:
    id: str
    title: str
    nodes: tuple[str, ...]  # node ids directly inside
    children: tuple[str, ...]  # nested subgraph ids


@dataclass(frozen=True)
class Flowchart:
    direction: Direction
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    subgraphs: tuple[Subgraph, ...]


@dataclass(frozen=True)
class Participant:
    id: str
    label: str
    actor: bool = False


@dataclass(frozen=True)
class Message:
    source: str
    target: str
    text: str
    dotted: bool
    head: Head
    number: int | None = None  # set by `autonumber`


@dataclass(frozen=True)
class SequenceNote:
    text: str
    placement: Literal["left", "right", "over"]
    participants: tuple[str, ...]


@dataclass(frozen=True)
class SequenceDiagram:
    participants: tuple[Participant, ...]
    events: tuple[Message | SequenceNote, ...]


@dataclass(frozen=True)
class Unsupported:
    kind: str  # the diagram type as written (classDiagram, gantt, ...)


@dataclass(frozen=True)
class MermaidError:
    line: int  # 1-based, within the block
    message: str
    too_big: bool = False  # parsed, but past what one slide draws (see `MAX_NODES`)


# What one slide draws: past these a diagram is a placeholder (its source in the notes), so
# drawing time and memory stay bounded (50,000 edges took dot minutes and grandalf 3 GB).
MAX_NODES = 80
MAX_EDGES = 160
MAX_EVENTS = 80  # a sequence diagram's messages and notes
MAX_PARTICIPANTS = 30
MAX_SUBGRAPH_DEPTH = 8


Diagram = Union[Flowchart, SequenceDiagram]
ParseResult = Union[Flowchart, SequenceDiagram, Unsupported, MermaidError]


class _Fail(Exception):
    def __init__(self, line: int, message: str, too_big: bool = False):
        super().__init__(message)
        self.line = line
        self.message = message
        self.too_big = too_big


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IGNORED_FLOW = re.compile(r"^(classDef|class|style|linkStyle|click|direction)\b")
_FLOW_HEADER = re.compile(r"^(flowchart|graph)(?:\s+(TD|TB|BT|LR|RL))?\s*;?\s*$", re.IGNORECASE)
_DIRECTIONS: dict[str, Direction] = {"TD": "TB", "TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}


def parse_mermaid(source: str) -> ParseResult:
    """The diagram in `source`, `Unsupported` for other kinds, or the first error with its line."""
    lines = _strip_front_matter(source.splitlines())
    first = next(((i, s.strip()) for i, s in lines if s.strip() and not _comment(s)), None)
    if first is None:
        return MermaidError(1, "the diagram is empty")
    number, header = first
    kind = header.split()[0].rstrip(";:")
    body = [(i, s) for i, s in lines if i > number]
    try:
        if kind.lower() in ("flowchart", "graph"):
            match = _FLOW_HEADER.match(header)
            if match is None:
                raise _Fail(number, f"unknown flowchart direction in '{header}'")
            return _bounded(_FlowParser(_DIRECTIONS[(match.group(2) or "TB").upper()]).parse(body))
        if kind == "sequenceDiagram":
            return _bounded(_parse_sequence(body))
    except _Fail as fail:
        return MermaidError(fail.line, fail.message, fail.too_big)
    return Unsupported(kind)


def _stop_past(line: int, count: int, most: int, what: str) -> None:
    """Stop reading as soon as a diagram is past what a slide draws (`A & B & … --> …`
    multiplies edges): the rest of its source is never held as shapes."""
    if count > most:
        raise _Fail(line, f"more than {most} {what} (one slide draws at most {most})", True)


def _bounded(diagram: Diagram) -> Diagram | MermaidError:
    """The diagram, or why it is too large for one slide (one rule for both kinds)."""
    match diagram:
        case Flowchart():
            counts = [(len(diagram.nodes), MAX_NODES, "nodes"),
                      (len(diagram.edges), MAX_EDGES, "edges")]
        case SequenceDiagram():
            counts = [(len(diagram.participants), MAX_PARTICIPANTS, "participants"),
                      (len(diagram.events), MAX_EVENTS, "messages and notes")]
        case _:
            assert_never(diagram)
    for count, most, what in counts:
        if count > most:
            return MermaidError(1, f"{count} {what} (one slide draws at most {most})", True)
    return diagram


def label_text(raw: str) -> str:
    """A label as shown: <br> becomes a line break, markdown-string backticks go."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text[1:-1]
    text = text.replace("#quot;", '"').replace("#59;", ";").replace("#35;", "#")
    return "\n".join(part.strip() for part in _BR.split(text))


def _comment(line: str) -> bool:
    return line.strip().startswith("%%")


def _strip_front_matter(raw: list[str]) -> list[tuple[int, str]]:
    """Numbered lines, without a leading `---` ... `---` config block (kept for numbering)."""
    numbered = list(enumerate(raw, start=1))
    if raw and raw[0].strip() == "---":
        for index in range(1, len(raw)):
            if raw[index].strip() == "---":
                return numbered[index + 1:]
    return numbered


def _quoted_lines_joined(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Comment-free lines, a quoted label that spans lines (`A["one` ... `two"]`) joined into
    the line it opened on, its line breaks kept; numbered by the line the statement starts on."""
    out: list[tuple[int, str]] = []
    open_quote = False
    for number, raw in body:
        if _comment(raw) and not open_quote:
            continue
        text = raw if open_quote else raw.split("%%")[0]
        if open_quote:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + text.strip())
        else:
            out.append((number, text))
        open_quote ^= text.count('"') % 2 == 1
    return out


def _split_statements(text: str) -> list[str]:
    """Split a line at ';' outside quotes and brackets (Mermaid allows `A-->B; B-->C`)."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "[({":
            depth += 1
        elif not quoted and char in "])}":
            depth = max(0, depth - 1)
        elif char == ";" and not quoted and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


# -- flowcharts ---------------------------------------------------------------------------

_ID = re.compile(r"[\w][\w]*(?:[-.][\w]+)*")
# opener, closer, shape; longest openers first
_SHAPES: tuple[tuple[str, str, NodeShape], ...] = (
    ("(((", ")))", "circle"), ("((", "))", "circle"), ("([", "])", "stadium"),
    ("[[", "]]", "rect"), ("[(", ")]", "round"), ("[/", "/]", "rect"), ("[\\", "\\]", "rect"),
    ("[/", "\\]", "rect"), ("[\\", "/]", "rect"), ("{{", "}}", "rhombus"), ("[", "]", "rect"),
    ("(", ")", "round"), ("{", "}", "rhombus"), (">", "]", "rect"),
)
_EDGE = re.compile(
    r"\s*(?P<start><)?(?:"
    r"(?P<solid>-{2,}(?P<se>[>ox])|-{3,})|"
    r"(?P<dotted>-\.+-(?P<de>[>ox])?)|"
    r"(?P<thick>={2,}(?P<te>[>ox])|={3,})|(?P<hidden>~{3,})|"
    r"(?P<mid>--|-\.|==)\s+(?P<text>.+?)\s*(?P<close>-{2,}[>ox]|-{3,}|\.+-[>ox]?|={2,}[>ox]|={3,})"
    r")(?:\s*\|(?P<pipe>[^|]*)\|)?\s*")
_HEADS: dict[str | None, Head] = {">": "triangle", "o": "oval", "x": "cross", None: "none"}
_START_HEADS: dict[str | None, Head] = {"<": "triangle", "o": "oval", "x": "cross", None: "none"}
_SUBGRAPH = re.compile(r"^subgraph\s+(?P<rest>.+?)\s*$")


class _FlowParser:
    """Collects nodes, edges and subgraphs statement by statement (first label wins for shape)."""

    def __init__(self, direction: Direction):
        self.direction: Direction = direction
        self.nodes: dict[str, FlowNode] = {}
        self.labelled: set[str] = set()
        self.edges: list[FlowEdge] = []
        self.stack: list[tuple[str, str, list[str], list[str], int]] = []
        self.subgraphs: list[Subgraph] = []

    def parse(self, body: list[tuple[int, str]]) -> Flowchart:
        for number, raw in _quoted_lines_joined(body):
            for statement in _split_statements(raw):
                self._statement(number, statement)
        if self.stack:
            raise _Fail(self.stack[-1][4], f"subgraph '{self.stack[-1][0]}' has no 'end'")
        sub_ids = {sub.id for sub in self.subgraphs}
        nodes = tuple(n for n in self.nodes.values()
                      if n.id not in sub_ids or n.id in self.labelled)
        return Flowchart(self.direction, nodes, tuple(self.edges), tuple(self.subgraphs))

    def _statement(self, number: int, text: str) -> None:
        if _IGNORED_FLOW.match(text):
            return
        if text == "end":
            if not self.stack:
                raise _Fail(number, "'end' without a subgraph")
            sub_id, title, nodes, children, _ = self.stack.pop()
            self.subgraphs.append(Subgraph(sub_id, title, tuple(nodes), tuple(children)))
            if self.stack:
                self.stack[-1][3].append(sub_id)
            return
        match = _SUBGRAPH.match(text)
        if match:
            if len(self.stack) >= MAX_SUBGRAPH_DEPTH:
                raise _Fail(number, f"subgraphs nested more than {MAX_SUBGRAPH_DEPTH} deep",
                            True)
            sub_id, title = _subgraph_head(match.group("rest"))
            self.stack.append((sub_id, title, [], [], number))
            return
        self._chain(number, text)

    def _chain(self, number: int, text: str) -> None:
        """`A & B --> C -.->|x| D`: groups of nodes joined by edges."""
        position = 0
        previous: list[str] | None = None
        edge: re.Match[str] | None = None
        while True:
            group, position = self._group(number, text, position)
            if previous is not None and edge is not None:
                for source in previous * (not edge.group("hidden")):  # ~~~ only spaces
                    for target in group:
                        self.edges.append(_edge(source, target, edge))
                _stop_past(number, len(self.edges), MAX_EDGES, "edges")
            _stop_past(number, len(self.nodes), MAX_NODES, "nodes")
            if position >= len(text):
                return
            edge = _EDGE.match(text, position)
            if edge is None:
                raise _Fail(number, f"cannot read '{text[position:].strip()}' in '{text}'")
            position = edge.end()
            if position >= len(text):
                raise _Fail(number, f"an edge in '{text}' has no target")
            previous = group

    def _group(self, number: int, text: str, position: int) -> tuple[list[str], int]:
        ids = []
        while True:
            node_id, position = self._node(number, text, position)
            ids.append(node_id)
            amp = re.compile(r"\s*&\s*").match(text, position)
            if amp is None:
                return ids, position
            position = amp.end()

    def _node(self, number: int, text: str, position: int) -> tuple[str, int]:
        while position < len(text) and text[position].isspace():
            position += 1
        match = _ID.match(text, position)
        if match is None:
            raise _Fail(number, f"expected a node id at '{text[position:].strip()}'")
        node_id, position = match.group(), match.end()
        shape: NodeShape = "rect"
        label = None
        for opener, closer, kind in _SHAPES:
            if text.startswith(opener, position):
                label, end = _bracketed(number, text, position + len(opener), closer)
                if label is not None:
                    shape, position = kind, end
                    break
        class_suffix = re.compile(r":::[\w-]+").match(text, position)
        if class_suffix:
            position = class_suffix.end()
        self._remember(node_id, label, shape)
        return node_id, position

    def _remember(self, node_id: str, label: str | None, shape: NodeShape) -> None:
        known = self.nodes.get(node_id)
        if label is not None:
            self.nodes[node_id] = FlowNode(node_id, label_text(label), shape)
            self.labelled.add(node_id)
        elif known is None:
            self.nodes[node_id] = FlowNode(node_id, node_id, "rect")
        if self.stack and all(node_id not in s[2] for s in self.stack) and not any(
                node_id in sub.nodes for sub in self.subgraphs):
            self.stack[-1][2].append(node_id)


def _bracketed(number: int, text: str, start: int, closer: str) -> tuple[str | None, int]:
    """The label between an opener and its closer; a quoted label may hold the closer."""
    rest = text[start:]
    stripped = rest.lstrip()
    if stripped.startswith('"'):
        offset = start + len(rest) - len(stripped)
        end_quote = text.find('"', offset + 1)
        if end_quote < 0:
            raise _Fail(number, f"unclosed quote in '{text}'")
        after = end_quote + 1
        while after < len(text) and text[after].isspace():
            after += 1
        if text.startswith(closer, after):
            return text[offset:end_quote + 1], after + len(closer)
        return None, start
    end = text.find(closer, start)
    if end < 0:
        raise _Fail(number, f"'{closer}' missing in '{text}'")
    return text[start:end], end + len(closer)


def _edge(source: str, target: str, match: re.Match[str]) -> FlowEdge:
    label = match.group("pipe") or match.group("text") or ""
    start = _START_HEADS[match.group("start")]
    if match.group("mid"):
        close = match.group("close")
        style: LineStyle = ("dotted" if match.group("mid") == "-." else
                            "thick" if match.group("mid") == "==" else "solid")
        last = close[-1]
        head = _HEADS[last if last in ">ox" else None]
    elif match.group("dotted"):
        style, head = "dotted", _HEADS[match.group("de")]
    elif match.group("thick"):
        style, head = "thick", _HEADS[match.group("te")]
    else:
        style, head = "solid", _HEADS[match.group("se")]
    return FlowEdge(source, target, style, head, label_text(label), start)


def _subgraph_head(rest: str) -> tuple[str, str]:
    """`id [title]`, `id["title"]`, `"title"` or a bare title (the id then is the title)."""
    match = re.match(r"^([\w-]+)\s*\[(.*)\]$", rest)
    if match:
        return match.group(1), label_text(match.group(2))
    title = label_text(rest)
    return (title if " " not in title else rest), title


# -- sequence diagrams --------------------------------------------------------------------

_PARTICIPANT = re.compile(r"^(?:create\s+)?(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$")
_MESSAGE = re.compile(
    r"^(?P<src>[^\s:+-][^:]*?)\s*(?P<arrow><<-->>|<<->>|-->>|->>|--x|-x|--\)|-\)|-->|->)"
    r"\s*[+-]?\s*(?P<dst>[^:]+?)\s*(?::\s*(?P<text>.*))?$")
_NOTE = re.compile(r"^note\s+(right of|left of|over)\s+([^:]+?)\s*:\s*(.*)$", re.IGNORECASE)
_SEQ_IGNORED = re.compile(
    r"^(activate|deactivate|title|accTitle|accDescr|destroy|links?|properties|details)\b")
_SEQ_BLOCKS = re.compile(r"^(loop|alt|else|opt|par|and|critical|option|break|rect|box)\b")
_ARROWS: dict[str, tuple[bool, Head]] = {
    "->>": (False, "triangle"), "-->>": (True, "triangle"), "->": (False, "none"),
    "-->": (True, "none"), "-x": (False, "cross"), "--x": (True, "cross"),
    "-)": (False, "open"), "--)": (True, "open"), "<<->>": (False, "triangle"),
    "<<-->>": (True, "triangle"),
}


def _parse_sequence(body: list[tuple[int, str]]) -> SequenceDiagram:
    participants: dict[str, Participant] = {}
    events: list[Message | SequenceNote] = []
    counter: int | None = None
    depth = 0

    def known(name: str) -> str:
        if name not in participants:
            participants[name] = Participant(name, name)
        return name

    for number, raw in body:
        text = raw.split("%%")[0].strip().rstrip(";")
        if not text:
            continue
        if text == "autonumber" or text.startswith("autonumber "):
            counter = 1
            continue
        if _SEQ_IGNORED.match(text):
            continue
        if _SEQ_BLOCKS.match(text):
            depth += 0 if re.match(r"^(else|and|option)\b", text) else 1
            continue
        if text == "end":
            if depth == 0:
                raise _Fail(number, "'end' without a block")
            depth -= 1
            continue
        match = _PARTICIPANT.match(text)
        if match:
            kind, pid, alias = match.groups()
            participants[pid] = Participant(pid, label_text(alias or pid), kind == "actor")
            continue
        note = _NOTE.match(text)
        if note:
            where = note.group(1).lower().split()[0]
            names = tuple(known(n.strip()) for n in note.group(2).split(","))
            placement: Literal["left", "right", "over"] = (
                "over" if where == "over" else "right" if where == "right" else "left")
            events.append(SequenceNote(label_text(note.group(3)), placement, names))
            continue
        message = _MESSAGE.match(text)
        if message is None:
            raise _Fail(number, f"cannot read '{text}'")
        dotted, head = _ARROWS[message.group("arrow")]
        source, target = known(message.group("src").strip()), known(message.group("dst").strip())
        events.append(Message(source, target, label_text(message.group("text") or ""),
                              dotted, head, counter))
        _stop_past(number, len(events), MAX_EVENTS, "messages and notes")
        _stop_past(number, len(participants), MAX_PARTICIPANTS, "participants")
        counter = counter + 1 if counter is not None else None
    if depth:
        raise _Fail(body[-1][0] if body else 1, "a block has no 'end'")
    return SequenceDiagram(tuple(participants.values()), tuple(events))
