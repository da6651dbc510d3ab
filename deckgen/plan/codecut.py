"""Long code as its most telling lines: the signatures and the first lines of each body.

A talk cannot walk through sixty lines of code. What an audience needs is the shape: the
class and method signatures and how each body starts. The lines left out are marked with
a `⋯` line at their indentation; the whole block stays in the speaker notes. Pygments
says which lines declare something when it knows the language; otherwise a keyword rule
does.
"""

from __future__ import annotations

import re

GAP_MARK = "⋯"
_DECLARATION = re.compile(
    r"^\s*(?:@\w+\s+)*(?:(?:public|private|protected|static|final|abstract|async|export|"
    r"default|override|suspend|open|internal|pub|synchronized)\s+)*"
    r"(?:class|interface|enum|record|struct|trait|impl|def|fun|func|fn|function|"
    r"module|object|type)\b")
_JAVA_METHOD = re.compile(
    r"^\s*(?:(?:public|private|protected|static|final|abstract|synchronized|default)\s+)+"
    r"[\w<>\[\], ?]+\s+\w+\s*\(")
_CONSTRUCTOR = re.compile(  # Java, C#, Kotlin: an access modifier, the class's name, no type
    r"^\s*(?:(?:public|private|protected|internal)\s+)+[A-Z]\w*\s*\([^;]*\)?\s*"
    r"(?:throws\s+[\w.,\s]+)?\{?\s*$")
_CLOSING = re.compile(r"^\s*[})\]]+[;,]?\s*$")


def telling_lines(code: str, language: str, limit: int, said: str = "") -> str:
    """At most `limit` lines (gap marks included) that show the code's shape; the whole of
    each method the slide's title and prose name (`said`) first, when it fits."""
    lines = code.split("\n")
    if len(lines) <= limit:
        return code
    signatures = _signature_lines(code, language, lines)
    keep: set[int] = {0}
    for start in _named(signatures, lines, said):
        body = set(range(start, _block_end(lines, start) + 1))
        if _shown_count(keep | body, len(lines)) <= limit:
            keep |= body
    # Every signature first, in order, as long as there is room for them and their gaps.
    for index in signatures:
        if _shown_count(keep | {index}, len(lines)) <= limit:
            keep.add(index)
    # Then the first lines after each kept signature, round after round.
    depth = 1
    while True:
        grown = False
        for start in sorted(keep & (set(signatures) | {0})):
            index = start + depth
            if index >= len(lines) or index in keep or not lines[index].strip():
                continue
            if _shown_count(keep | {index}, len(lines)) <= limit:
                keep.add(index)
                grown = True
        depth += 1
        if not grown and depth > len(lines):
            break
        if not grown and _shown_count(keep, len(lines)) >= limit:
            break
    last = len(lines) - 1
    if _CLOSING.match(lines[last]) and _shown_count(keep | {last}, len(lines)) <= limit:
        keep.add(last)
    return "\n".join(_with_gaps(lines, sorted(keep)))


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,}")


def _named(signatures: list[int], lines: list[str], said: str) -> list[int]:
    """The signatures of the methods `said` names (`leak` in "문제는 leak 메서드다")."""
    names = set(_IDENTIFIER.findall(said))
    return [index for index in signatures
            if any(re.search(rf"\b{re.escape(name)}\s*\(", lines[index]) for name in names)]


def _block_end(lines: list[str], start: int) -> int:
    """The last line of the block a signature opens: its closing line at the same indent."""
    indent = len(_indent(lines[start]))
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and len(_indent(line)) <= indent:
            return index if _CLOSING.match(line) else index - 1
    return len(lines) - 1


def _shown_count(keep: set[int], total: int) -> int:
    """Lines shown for a kept set: the kept lines plus one gap mark per run left out."""
    ordered = sorted(keep)
    gaps = sum(1 for a, b in zip(ordered, ordered[1:]) if b - a > 1)
    gaps += 1 if ordered and ordered[-1] < total - 1 else 0
    return len(ordered) + gaps


def _with_gaps(lines: list[str], keep: list[int]) -> list[str]:
    out: list[str] = []
    previous = -1
    for index in keep:
        if index - previous > 1:
            out.append(_indent(lines[index]) + GAP_MARK)
        out.append(lines[index])
        previous = index
    if previous < len(lines) - 1:
        following = next((line for line in lines[previous + 1:] if line.strip()), "")
        out.append(_indent(following) + GAP_MARK)
    return out


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _signature_lines(code: str, language: str, lines: list[str]) -> list[int]:
    """Lines that declare a class, function or method."""
    found = set(_pygments_signatures(code, language))
    for index, line in enumerate(lines):
        if _DECLARATION.match(line) or _JAVA_METHOD.match(line) or _CONSTRUCTOR.match(line):
            found.add(index)
    return sorted(found)


def _pygments_signatures(code: str, language: str) -> list[int]:
    if not language:
        return []
    try:
        from pygments.lexers import get_lexer_by_name
        from pygments.token import Name
        from pygments.util import ClassNotFound
    except ImportError:  # pragma: no cover - pygments is a dependency
        return []
    try:
        lexer = get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return []
    out: list[int] = []
    line = 0
    for token_type, value in lexer.get_tokens(code):
        if token_type in Name.Function or token_type in Name.Class:
            if not out or out[-1] != line:
                out.append(line)
        line += value.count("\n")
    return out
