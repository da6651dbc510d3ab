"""Code colours: Pygments tokens to (text, colour) pairs, one list per source line."""

from __future__ import annotations

import functools

Line = tuple[tuple[str, str], ...]


Palette = tuple[tuple[str, str], ...]


@functools.cache
def _palette(palette: Palette) -> tuple:
    """Pygments is imported only for decks that have code."""
    from pygments.token import string_to_tokentype

    return tuple((string_to_tokentype(path), colour) for path, colour in palette)


def colour_of(token_type, default: str, palette: Palette) -> str:
    for kind, colour in _palette(palette):
        if token_type in kind:
            return colour
    return default


def highlight(code: str, language: str, default: str, palette: Palette) -> list[Line]:
    """Each line of `code` as tokens with hex colours (from the theme's `palette`); tabs
    become four spaces."""
    lexer = _lexer(code, language)
    lines: list[list[tuple[str, str]]] = [[]]
    for token_type, value in lexer.get_tokens(code.expandtabs(4)):
        colour = colour_of(token_type, default, palette)
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
