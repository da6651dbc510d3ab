"""Themes are data: colours, fonts and sizes in one place, read by layout and render.

A user's template can stand in for our look: `theme_from_template` (in `template.py`)
builds a Theme from the template's own theme fonts and colours.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Face:
    """A font as the deck names it, and the packaged files that measure it (if we ship it)."""

    name: str
    regular: str = ""  # file name inside deckgen/fonts or an absolute path; "" when unknown
    bold: str = ""
    synthetic_bold: bool = False  # the face looks bold already; never ask for bold
    east_asian: str = ""  # the font for Hangul when it differs (a template's 'Hang' font)

    @property
    def east_asian_name(self) -> str:
        return self.east_asian or self.name


@dataclass(frozen=True)
class Sizes:
    """Point sizes. Body and code have a floor below which text is never shrunk."""

    title_slide: float = 66
    statement: float = 54
    statement_number: float = 40
    title: float = 36
    title_min: float = 28
    body: float = 28
    body_min: float = 24
    takeaway: float = 36
    code: float = 20
    code_min: float = 18
    table: float = 24
    table_min: float = 18
    subtitle: float = 28
    meta: float = 24
    page_number: float = 14
    notes: float = 14


@dataclass(frozen=True)
class Colors:
    """Hex RGB without '#'."""

    background: str = "FFFFFF"
    text: str = "212529"
    accent: str = "E03131"
    muted: str = "868E96"
    track: str = "E9ECEF"
    tint: str = "FFF5F5"  # callout boxes
    code_background: str = "F8F9FA"
    code_border: str = "DEE2E6"
    table_header: str = "F1F3F5"
    link: str = "1971C2"
    placeholder: str = "F1F3F5"


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    heading: Face
    body: Face
    code: Face
    fallbacks: tuple[Face, ...]  # for characters a face does not draw (rare Hangul, •, ☂ ...)
    heading_bold: bool = False
    colors: Colors = Colors()
    sizes: Sizes = Sizes()
    progress_bar: bool = True

    def with_accent(self, accent: str) -> "Theme":
        return replace(self, colors=replace(self.colors, accent=accent))


JUA = Face("BM JUA", "BMJUA_ttf.ttf", synthetic_bold=True)
NANUM_GOTHIC = Face("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf")
NANUM_CODING = Face("NanumGothicCoding", "NanumGothicCoding.ttf")
DEJAVU = Face("DejaVu Sans", "DejaVuSans.ttf")
EMOJI = Face("Segoe UI Emoji")

TECOTALK = Theme(
    name="tecotalk",
    description="10분 테코톡 look: BM JUA (배달의민족 주아), white, one red accent (default)",
    heading=JUA, body=JUA, code=NANUM_CODING, fallbacks=(NANUM_GOTHIC, DEJAVU))

PLAIN = Theme(
    name="plain",
    description="plain sans for dense notes: NanumGothic, bold titles, same colours",
    heading=NANUM_GOTHIC, body=NANUM_GOTHIC, code=NANUM_CODING, fallbacks=(NANUM_GOTHIC, DEJAVU),
    heading_bold=True,
    sizes=Sizes(title=34, body=26, takeaway=34))

def face_for(char: str, faces: tuple[Face, ...]) -> Face | None:
    """The first face that draws `char`; a face we do not ship is trusted to draw anything."""
    from .fonts import covers

    for face in faces:
        if not face.regular or covers(face.regular, char):
            return face
    return None


THEMES = {theme.name: theme for theme in (TECOTALK, PLAIN)}


def theme_named(name: str) -> Theme | None:
    return THEMES.get(name.strip().lower())
