"""Where code may break: between statements across slides, at token ends within a line.

A code block split across slides is cut only at a blank line or before a statement at the
block's outermost indentation, and never so that a box holds fewer than `MIN_CHUNK` lines
(a box with only `}` reads as a mistake). A line wider than its box wraps after a space or
a punctuation mark, never inside a name, and the continued row starts with a mark.
"""

from __future__ import annotations

MIN_CHUNK = 3
CONTINUATION = "↳ "
_BREAK_AFTER = set(" \t.,;:()[]{}<>=+-*/%&|!?^~\"'")
_CLOSERS = tuple(")]}")


def chunks(text: str) -> list[str]:
    """The block cut at its statement boundaries, each piece at least MIN_CHUNK lines."""
    lines = text.split("\n")
    if len(lines) < 2 * MIN_CHUNK:
        return [text]
    depth = min((_indent(line) for line in lines if line.strip()), default=0)
    starts = [0]
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        if not line.strip():
            continue
        blank_before = not previous.strip()
        opener = not line.lstrip().startswith(_CLOSERS)
        outer = _indent(line) <= depth and opener
        # a member after the end of the previous one (or after a "⋯" gap mark)
        member = opener and _indent(line) <= depth + 4 and _indent(previous) <= depth + 4 and \
            (previous.strip() in ("⋯", "...") or previous.lstrip().startswith(_CLOSERS))
        if blank_before or outer or member:
            starts.append(index)
    pieces = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    merged: list[list[str]] = []
    for piece in pieces:
        if merged and _size(merged[-1]) < MIN_CHUNK:  # fill a short chunk before starting one
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    if len(merged) > 1 and _size(merged[-1]) < MIN_CHUNK:
        last = merged.pop()  # (popped first: an index taken after pop would be off by one)
        merged[-1] = merged[-1] + last
    return ["\n".join(piece) for piece in merged]


def halves(text: str) -> list[str]:
    """A chunk too tall for one slide: two pieces at the best line (a blank line or the
    shallowest statement near the middle), each at least MIN_CHUNK lines; [] if none."""
    lines = text.split("\n")
    if len(lines) < 2 * MIN_CHUNK:
        return []
    middle = len(lines) / 2

    def cost(index: int) -> tuple[float, float]:
        line = lines[index]
        shape = 0 if not lines[index - 1].strip() else 1 + _indent(line) / 4
        if line.lstrip().startswith(_CLOSERS) or not line.strip():
            shape += 10
        return (shape, abs(index - middle))

    best = min(range(MIN_CHUNK, len(lines) - MIN_CHUNK + 1), key=cost)
    return ["\n".join(lines[:best]).rstrip("\n"), "\n".join(lines[best:])]


def _size(piece: list[str]) -> int:
    return sum(1 for line in piece if line.strip())


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _joins_a_name(chars: list[tuple[str, str]], at: int) -> bool:
    """A dot, dash or slash between two letters or digits joins one name (`app.jar`)."""
    if chars[at][0] not in ".-/" or at == 0 or at + 1 >= len(chars):
        return False
    return chars[at - 1][0].isalnum() and chars[at + 1][0].isalnum()


def wrap_tokens(line: tuple[tuple[str, str], ...], width_of, limit: float, mark_colour: str
                ) -> list[tuple[tuple[str, str], ...]]:
    """Rows of one highlighted line; `width_of(ch)` is a character's width, `limit` the box's.

    Breaks after the last space or punctuation that keeps the row within the box; only a
    single token wider than the whole box is broken inside (there is no other way)."""
    chars = [(ch, colour) for text, colour in line for ch in text]
    rows: list[list[tuple[str, str]]] = []
    start = 0
    prefix: list[tuple[str, str]] = []
    indent = len(chars) - len(_lstrip(chars))
    mark_width = sum(width_of(ch) for ch in " " * min(indent, 8) + CONTINUATION)
    while start < len(chars):
        used = mark_width if prefix else 0.0
        end = start
        last_break = None
        inside_name = None  # `app.jar`, `java.util`: a break there only when nothing else
        while end < len(chars):
            used += width_of(chars[end][0])
            if used > limit and end > start:
                break
            if chars[end][0] in _BREAK_AFTER:
                if _joins_a_name(chars, end):
                    inside_name = end + 1
                else:
                    last_break = end + 1
            end += 1
        if end >= len(chars):
            rows.append(prefix + chars[start:])
            break
        cut = last_break if last_break and last_break > start else \
            inside_name if inside_name and inside_name > start else end
        rows.append(prefix + chars[start:cut])
        start = cut
        while start < len(chars) and chars[start][0] == " ":
            start += 1
        indent = len(chars) - len(_lstrip(chars))
        prefix = [(" ", mark_colour)] * min(indent, 8) + [(CONTINUATION, mark_colour)]
    return [_runs(row) for row in rows] or [()]


def _lstrip(chars: list[tuple[str, str]]) -> list[tuple[str, str]]:
    index = 0
    while index < len(chars) and chars[index][0] == " ":
        index += 1
    return chars[index:]


def _runs(row: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for text, colour in row:
        if out and out[-1][1] == colour:
            out[-1] = (out[-1][0] + text, colour)
        else:
            out.append((text, colour))
    return tuple(out)
