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
    code_max: float = 28  # sparse code is set larger, never past this
    table: float = 24
    table_min: float = 18
    subtitle: float = 28
    meta: float = 24
    page_number: float = 14
    caption: float = 18  # under a picture: `![alt](x.png "title")`, `![[x.png|caption]]`
    notes: float = 14
    sub_bullet_drop: float = 4  # a level-2 bullet (and a card's details) this much smaller
    group_label_lift: float = 2  # a comparison column's label is this much larger
    closing_line: float = 32  # the line under 감사합니다 / Thank you
    sparse_lifts: tuple[float, ...] = (8, 4)  # a slide of a few short lines tries these larger
    placeholder_label: tuple[float, ...] = (24, 20, 18, 16, 14, 12, 10, 8)  # a missing picture's name
    handout_header: float = 10
    handout_notes: float = 10
    diagram: float = 20  # Mermaid labels at their natural size; shrunk to fit, never below:
    diagram_min: float = 14
    formula: float = 36  # display math: the height of its text where it has room
    formula_min: float = 24


@dataclass(frozen=True)
class Colors:
    """Hex RGB without '#'."""

    background: str = "FFFFFF"
    text: str = "212529"
    accent: str = "E03131"
    muted: str = "666D75"  # 4.7:1 even on the placeholder grey: page numbers, captions
    track: str = "E9ECEF"
    tint: str = "FFF5F5"  # callout boxes
    code_background: str = "F8F9FA"
    code_border: str = "DEE2E6"
    table_header: str = "F1F3F5"
    link: str = "1971C2"
    placeholder: str = "F1F3F5"
    # The template's theme slots that the look does not use itself, so new shapes a user
    # adds in PowerPoint get colours that sit well with it.
    dark2: str = "343A40"
    accent2: str = "1971C2"
    accent3: str = "2B8A3E"
    accent4: str = "E8590C"
    accent5: str = "7048E8"
    accent6: str = "0C8599"
    followed_link: str = "862E9C"
    handout_frame: str = "CED4DA"  # the hairline around each slide on a handout page
    handout_rule: str = "ADB5BD"  # the ruled lines to write on beside a slide (--handout=lines)
    preview_sheet: str = "495057"  # behind the slides of a contact sheet
    # The HTML page (--html, watch --serve): around the slide, and the presenter view
    page_stage: str = "111111"  # behind the slide, letterboxing it to the window
    presenter_background: str = "1B1D21"
    presenter_text: str = "EEEEEE"
    presenter_ahead: str = "69DB7C"  # the clock when the talk runs ahead of the plan
    presenter_behind: str = "FF8787"
    presenter_link: str = "74C0FC"
    diagram_line: str = "495057"  # Mermaid edges and node outlines
    diagram_fill: str = "F8F9FA"  # node boxes
    diagram_frame: str = "FCFCFD"  # subgraph frames, lighter than the nodes in them
    diagram_note: str = "FFF9DB"  # sequence-diagram notes
    # Code colours on the light code panel, readable at the back of a room: Pygments token
    # paths and their colours; the first path that contains a token's type wins.
    code_palette: tuple[tuple[str, str], ...] = (
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


@dataclass(frozen=True)
class Gaps:
    """Space between and inside things, in points (text sizes are in `Sizes`)."""

    element: float = 24.0  # between a slide's elements, and between its pictures and text
    picture: float = 20.0  # between pictures side by side or stacked
    card_text: float = 18.0  # between a card's picture and its text
    column: float = 32.0  # between comparison columns
    box_inset: float = 16.0  # inside a callout box
    code_inset: float = 14.0  # inside a code box
    cell_x: float = 8.0  # inside a table cell, left and right
    cell_y: float = 5.0  # inside a table cell, top and bottom
    caption: float = 6.0  # between a picture and its caption
    title_slide: float = 24.0  # between the title slide's rule, title and subtitle
    title_slide_lift: float = 20.0  # the title slide's block sits this far above the middle
    title_slide_top: float = 40.0  # and never higher than this
    statement: float = 12.0  # between a statement slide's number and title
    closing: float = 20.0  # between the thank-you line and the line under it
    closing_line: float = 12.0  # closing slide with a summary or link: title, lines, summary
    closing_body: float = 24.0  # closing slide: above its summary; beside the QR column
    template_body: float = 12.0  # a template's title box and the body below it
    page_number_width: float = 80.0  # the page number's box, right-aligned in the footer
    page_number_drop: float = 12.0  # from the top of the footer band
    placeholder_inset: float = 10.0  # inside the box of a picture that cannot be shown


@dataclass(frozen=True)
class Decor:
    """The fixed marks of the look, in points: rules, the progress bar, the title slide's inset."""

    title_slide_inset: float = 72.0  # left and right margin of the title slide
    title_slide_rule: tuple[float, float] = (72.0, 8.0)  # the accent rule above the talk title
    title_rule: tuple[float, float] = (44.0, 5.0)  # the short accent rule under a content title
    title_rule_gap: float = 8.0
    progress_bar: float = 6.0  # height of the progress bar along the bottom edge
    diagram_line: float = 1.5  # Mermaid edges and outlines
    diagram_thick: float = 3.0  # Mermaid's thick links (==>)


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
    gaps: Gaps = Gaps()
    decor: Decor = Decor()
    progress_bar: bool = True

    def with_accent(self, accent: str) -> Theme:
        return replace(self, colors=replace(self.colors, accent=accent))


JUA = Face("BM JUA", "BMJUA_ttf.ttf", synthetic_bold=True)
NANUM_GOTHIC = Face("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf")
NANUM_CODING = Face("NanumGothicCoding", "NanumGothicCoding.ttf")
DEJAVU = Face("DejaVu Sans", "DejaVuSans.ttf")
# Emoji runs name the colour face Windows has (PowerPoint reads one name per slot; Keynote,
# PowerPoint for Mac and Google Slides fall back to their own colour emoji for a face they
# lack) and are measured with the bundled Noto Emoji, which LibreOffice draws in its place.
EMOJI = Face("Segoe UI Emoji", "NotoEmoji-Regular.ttf")
# Speaker notes and handout text: plain and dense. Its own value, never bold: faces are told
# apart by identity where a theme bolds its headings.
NOTES = Face("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf")

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

# Google Slides keeps only Google Fonts families and turns every other face into Arial on
# import. `--for google-slides` names these families of the same designs instead (measuring
# still uses the files we ship): Jua is BM JUA, Nanum Gothic and Nanum Gothic Coding are
# NanumGothic and NanumGothicCoding. DejaVu Sans (symbols, backslashes) has no Google Fonts
# release: Noto Sans draws the same characters and is narrower, so our measure still holds.
# Faces python-pptx's default template names get their metric-compatible Google Fonts twins.
GOOGLE_FONTS = {
    JUA.name: "Jua",
    NANUM_GOTHIC.name: "Nanum Gothic",
    NANUM_CODING.name: "Nanum Gothic Coding",
    DEJAVU.name: "Noto Sans",
    EMOJI.name: "Noto Color Emoji",
    "Arial": "Arimo",
    "Times New Roman": "Tinos",
    "Courier New": "Cousine",
    "Calibri": "Carlito",
    "Cambria": "Caladea",
}
GOOGLE_FAMILIES = frozenset(GOOGLE_FONTS.values())
TARGETS = ("any", "google-slides")  # the viewer a deck is made for (`--for`)


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


# -- contrast (WCAG 2): every text at 4.5:1, or 3:1 from 18 pt (14 pt bold) -----------------

LARGE_TEXT_PT, LARGE_BOLD_PT = 18.0, 14.0


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two hex RGB colours, 1 to 21."""
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: str, background: str, size_pt: float, bold: bool = False) -> str:
    """`color` as it is when it reads on `background` at `size_pt`, else darkened just
    enough (an accent the user chose stays its hue)."""
    need = 3.0 if size_pt >= LARGE_TEXT_PT or (bold and size_pt >= LARGE_BOLD_PT) else 4.5
    channels = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
    shown = color
    for step in range(1, 51):
        if contrast(shown, background) >= need:
            return shown
        shown = "".join(f"{round(c * (1 - step / 50)):02X}" for c in channels)
    return shown


def _luminance(color: str) -> float:
    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
