"""Code colours: Pygments tokens to (text, colour) pairs, one list per source line."""

from __future__ import annotations

import functools

# A light palette readable on the code panel at the back of a room (Pygments token paths).
PALETTE = (
    ("Comment", "868E96"),
    ("Keyword", "C2255C"),
    ("Name.Builtin", "1971C2"),
    ("Name.Function", "1971C2"),
    ("Name.Class", "1971C2"),
    ("Name.Decorator", "E8590C"),
    ("Literal.String", "2B8A3E"),
    ("Literal.Number", "E8590C"),
    ("Operator.Word", "C2255C"),
    ("Name.Tag", "C2255C"),
    ("Name.Attribute", "E8590C"),
    ("Generic.Inserted", "2B8A3E"),
    ("Generic.Deleted", "C92A2A"),
)

Line = tuple[tuple[str, str], ...]


@functools.cache
def _palette():
    """Pygments is imported only for decks that have code."""
    from pygments.token import string_to_tokentype

    return tuple((string_to_tokentype(path), colour) for path, colour in PALETTE)


def colour_of(token_type, default: str) -> str:
    for kind, colour in _palette():
        if token_type in kind:
            return colour
    return default


def highlight(code: str, language: str, default: str) -> list[Line]:
    """Each line of `code` as tokens with hex colours; tabs become four spaces."""
    lexer = _lexer(code, language)
    lines: list[list[tuple[str, str]]] = [[]]
    for token_type, value in lexer.get_tokens(code.expandtabs(4)):
        colour = colour_of(token_type, default)
        parts = value.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                current = lines[-1]
                if current and current[-1][1] == colour:
                    current[-1] = (current[-1][0] + part, colour)
                else:
                    current.append((part, colour))
    if lines and not lines[-1] and code and not code.endswith("\n") and len(lines) > 1:
        lines.pop()
    expected = code.expandtabs(4).split("\n")
    lines = lines[: len(expected)] + [[] for _ in range(len(expected) - len(lines))]
    return [tuple(line) for line in lines]


def _lexer(code: str, language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    if language:
        try:
            return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
        except ClassNotFound:
            pass
    return TextLexer(stripnl=False, ensurenl=False)  # guessing colours wrong is worse than none
