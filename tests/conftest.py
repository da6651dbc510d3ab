"""Shared helpers: build real decks from fixture notes and look inside them."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"

# pytest caches the test modules it rewrites for its asserts in tests/__pycache__, unless
# PYTHONDONTWRITEBYTECODE forbids it: then every worker of every run rewrites all of them,
# a third of the fast lane. The tests keep pytest's cache whatever the shell says.
sys.dont_write_bytecode = False

_NO_SOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; CI installs it via .ci/run")


def requires_soffice(test):
    """Marks a test that starts LibreOffice: out of the fast lane, skipped where it is missing."""
    return pytest.mark.libreoffice(_NO_SOFFICE(test))


def sweep(names, fast, ids=None):
    """Parameters for one check over many decks or notes: the `fast` few in the fast lane
    (the kinds that break first), every one in the long lane, which CI runs as well."""
    label = ids or str
    return [pytest.param(name, id=label(name),
                         marks=() if label(name) in fast else (pytest.mark.slow,))
            for name in names]


class Decks(dict):
    """Decks a module builds when a test first asks for one, each once: a fast-lane test
    pays for the deck it reads, not for every deck the module knows."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, name):
        self[name] = made = self._make(name)
        return made


def deck_texts(deck: Path | bytes) -> list[str]:
    """Every text of every slide (titles, bodies, table cells), in order."""
    import io

    out = []
    source = io.BytesIO(deck) if isinstance(deck, bytes) else str(deck)
    for slide in Presentation(source).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return out


def slide_notes(path: Path) -> list[str]:
    return [slide.notes_slide.notes_text_frame.text for slide in Presentation(str(path)).slides]


def audit_errors(path: Path) -> list[str]:
    """openxml-audit's errors: PowerPoint would ask to repair a deck that has any."""
    from openxml_audit import validate_pptx

    result = validate_pptx(str(path))
    return [str(error) for error in result.errors]


@pytest.fixture(scope="session")
def _tests_picture_cache(tmp_path_factory) -> Path:
    """One picture cache for the tests of a worker: encoding the same fixture pictures again
    in every test is most of what the fast lane would spend."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(autouse=True)
def _own_picture_cache(request, tmp_path_factory, monkeypatch, _tests_picture_cache):
    """Never the user's picture cache: the tests' shared one, or an empty one of its own for a
    test marked `empty_cache` (what a first build does, what the cache itself does)."""
    empty = request.node.get_closest_marker("empty_cache") is not None
    home = tmp_path_factory.mktemp("cache") if empty else _tests_picture_cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty Obsidian vault (a folder with .obsidian/)."""
    (tmp_path / ".obsidian").mkdir()
    return tmp_path


def write_note(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def photo(path: Path, size: tuple[int, int] = (2400, 1500), seed: int = 0) -> Path:
    """A photo-like picture (smooth colour everywhere, grain): thousands of colours."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    ramp = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (ramp, ramp.rotate(90 + seed), Image.radial_gradient("L").resize(size)))
    grain = Image.effect_noise((width // 2, height // 2), 30).resize(size).convert("RGB")
    image = Image.blend(image, grain, 0.2)
    ImageDraw.Draw(image).rectangle((40, 40, width // 3, height // 4), fill=(255, 255, 255),
                                    outline=(0, 0, 0), width=4)
    image.save(path)
    return path


def png(path: Path, size: tuple[int, int] = (1600, 900), color=(200, 220, 240)) -> Path:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def inside(rect, outer) -> bool:
    """A placed rectangle within another (half a point of rounding allowed)."""
    return (rect.x >= outer.x - 0.5 and rect.y >= outer.y - 0.5
            and rect.right <= outer.right + 0.5 and rect.bottom <= outer.bottom + 0.5)


def overlap(a, b) -> bool:
    """Two placed rectangles sharing more than half a point each way."""
    return (a.x < b.right - 0.5 and b.x < a.right - 0.5
            and a.y < b.bottom - 0.5 and b.y < a.bottom - 0.5)
