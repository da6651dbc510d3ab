"""Problems as data: warnings travel with the results, errors stop a build with one line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildWarning:
    """Something the user should know about; the build still produced a deck.

    `line` is the note's 1-based source line when one is known. `slide` is filled in once
    slides are numbered, so a message can say where the placeholder ended up.
    """

    message: str
    line: int | None = None
    slide: int | None = None
    context: str = "slide"  # how the slide is named: "placeholder on slide 5"

    def at_slide(self, slide: int, context: str = "slide") -> BuildWarning:
        return BuildWarning(self.message, self.line, slide, context)

    def format(self, path: str) -> str:
        path = printable(path)
        where = f"{path}:{self.line}" if self.line else path
        tail = f" ({self.context} {self.slide})" if self.slide else ""
        return f"{where}: warning: {self.message}{tail}"


class DeckgenError(Exception):
    """A problem that stops the build; printed as one line, exit code 1."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def format(self) -> str:
        if self.path:
            self.path = printable(self.path)
        if self.path and self.line:
            return f"{self.path}:{self.line}: error: {self.message}"
        if self.path:
            return f"{self.path}: error: {self.message}"
        return f"error: {self.message}"


def printable(path: str) -> str:
    """A path as a terminal can show it: bytes that were not UTF-8 (a name from a Korean
    zip, decoded with surrogate escapes) become U+FFFD instead of failing the print."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name decoding makes
        return path.encode("utf-8", "replace").decode("utf-8")


def internal_error(shown: str, exc: Exception,
                   tail: str = "please report this with the note") -> str:
    """One line for a bug of ours, never a traceback: where, which exception, and `tail`."""
    detail = " ".join(str(exc).split())[:160]
    return f"{shown}: error: deckgen failed ({type(exc).__name__}: {detail}); {tail}"
