"""The shape of the code: stages import only downward, style lives in the theme, modules stay small."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import archcheck

PACKAGE = Path(__file__).resolve().parent.parent / "deckgen"
MAX_LINES = 500
HEX_COLOUR = re.compile(r"""["'](?:#)?[0-9A-Fa-f]{6}["']""")


def _modules() -> list[Path]:
    return archcheck.modules(PACKAGE)


def test_stages_import_only_earlier_stages_and_shared_data():
    assert archcheck.upward_imports(PACKAGE) == []


def test_no_import_cycles():
    assert archcheck.cycles(PACKAGE) == []


def test_no_private_imports():
    assert archcheck.private_imports(PACKAGE) == []


def test_every_isinstance_dispatch_is_exhaustive():
    assert archcheck.open_isinstance_chains(PACKAGE) == []


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    """A small package tree with the given modules (and every package's __init__.py)."""
    root = tmp_path / "deckgen"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [path.parent, *path.parent.parents]:
            if folder == root.parent:
                break
            (folder / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checks_see_a_planted_upward_import(tmp_path):
    root = _plant(tmp_path, {"plan/planner.py": "from ..layout.slides import Layout\n",
                             "layout/slides.py": "from ..plan import planner\n",
                             "render/writer.py": "from ..build import build\n",
                             "build.py": "from .render.writer import x\n"})
    found = archcheck.upward_imports(root)
    assert any("plan/planner.py:1 imports the later stage deckgen.layout.slides" in f for f in found)
    assert any("render/writer.py:1 imports the shell module deckgen.build" in f for f in found)
    assert not any("layout/slides.py" in f for f in found)  # downward is allowed


def test_the_checks_see_a_planted_cycle(tmp_path):
    root = _plant(tmp_path, {"layout/a.py": "from .b import thing\n",
                             "layout/b.py": "def f():\n    from .c import other\n",
                             "layout/c.py": "from . import a\n",
                             "layout/d.py": "from typing import TYPE_CHECKING\n"
                                            "if TYPE_CHECKING:\n    from .e import T\n",
                             "layout/e.py": "from .d import U\n"})
    assert archcheck.cycles(root) == [["deckgen.layout.a", "deckgen.layout.b", "deckgen.layout.c"]]


def test_the_checks_see_a_planted_open_isinstance_chain(tmp_path):
    root = _plant(tmp_path, {
        "plan/open.py": "def f(x):\n    if isinstance(x, A):\n        return 1\n"
                        "    elif isinstance(x, B):\n        return 2\n",
        "plan/runs.py": "def g(x):\n    if isinstance(x, A):\n        return 1\n"
                        "    if isinstance(x, B):\n        return 2\n    return 3\n",
        "plan/closed.py": "def h(x):\n    if isinstance(x, A):\n        return 1\n"
                          "    elif isinstance(x, B):\n        return 2\n    else:\n"
                          "        assert_never(x)\n",
        "plan/guard.py": "def k(x):\n    if isinstance(x, str):\n        return 1\n"
                         "    elif isinstance(x, int):\n        return 2\n"})
    assert sorted(archcheck.open_isinstance_chains(root)) == ["plan/open.py:2", "plan/runs.py:2"]


def test_the_checks_see_a_planted_private_import(tmp_path):
    root = _plant(tmp_path, {"layout/a.py": "from .b import _helper, public\n",
                             "layout/b.py": "def _helper(): pass\ndef public(): pass\n",
                             "layout/inner/_secret.py": "X = 1\n",
                             "layout/inner/user.py": "from ._secret import X\n",
                             "render/w.py": "from ..layout.inner._secret import X\n"})
    found = archcheck.private_imports(root)
    assert any("layout/a.py:1 imports the private name _helper" in f for f in found)
    assert any("render/w.py:1 imports the private module deckgen.layout.inner._secret" in f
               for f in found)
    assert not any("inner/user.py" in f for f in found)  # inside its own package


def test_no_module_is_over_500_lines():
    long = [f"{p.relative_to(PACKAGE)}: {n}" for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_no_colour_literal_outside_the_theme():
    """Neither hex strings nor RGB triples (a contact sheet's background was one)."""
    found = []
    for path in _modules():
        if path.name == "theme.py":
            continue
        tree = archcheck.parsed(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and HEX_COLOUR.fullmatch(repr(node.value)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value}")
            if isinstance(node, ast.Tuple) and len(node.elts) in (3, 4) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, int)
                    and 0 <= e.value <= 255 for e in node.elts) \
                    and max(e.value for e in node.elts) > 31:  # not small codes or sizes
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_no_colour_literal_in_the_pages_style_or_script():
    """The HTML page's CSS and JavaScript take every colour from the theme (custom properties
    the renderer writes), as the Python modules do."""
    found = [f"{path.relative_to(PACKAGE)}: {hit}" for path in sorted(PACKAGE.rglob("*"))
             if path.suffix in (".css", ".js")
             for hit in re.findall(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?\b", path.read_text())]
    assert found == []


def test_emu_is_defined_once():
    definitions = [p for p in _modules() if re.search(r"^EMU_PER_PT\s*=", p.read_text(), re.M)]
    assert [p.name for p in definitions] == ["units.py"]


@pytest.mark.subprocess
def test_placed_frames_load_no_pillow():
    code = "import sys, deckgen.layout.frames; print('PIL' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
