"""The shape of the code: stages import only downward, style lives in the theme, modules stay small."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "deckgen"
STAGES = ("note", "plan", "layout", "render", "export")
SHARED = {"errors", "theme", "fonts"}  # shared data every stage may read
MAX_LINES = 500
HEX_COLOUR = re.compile(r"""["'](?:#)?[0-9A-Fa-f]{6}["']""")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Absolute names of every deckgen module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _dotted(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return [(line, name) for line, name in found if name.split(".")[0] == "deckgen"]


def _rank(module: str) -> int | None:
    """Stage index of a deckgen module; None for the top level."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1])
    return None


def test_stages_import_only_earlier_stages_and_shared_data():
    wrong = []
    for path in _modules():
        own = _rank(_dotted(path))
        if own is None:
            continue  # the shell may use every stage
        for line, name in _imports(path):
            parts = name.split(".")
            if len(parts) < 2 or name == "deckgen":
                continue
            target = _rank(name)
            if target is None:
                if parts[1] not in SHARED and parts[1] not in STAGES and parts[1] != "__init__":
                    # deckgen.X.Y where X is a top-level shell module, or deckgen.<name> imported by alias
                    top = PACKAGE / f"{parts[1]}.py"
                    if top.exists():
                        wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports the shell module {name}")
                continue
            if target > own:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports the later stage {name}")
    assert wrong == []


def test_the_import_check_sees_a_reach_into_a_later_stage(tmp_path):
    """The check above would catch a plan module importing layout (guards against a walker that sees nothing)."""
    probe = PACKAGE / "plan" / "planner.py"
    names = [name for _, name in _imports(probe)]
    assert any(name.startswith("deckgen.note") for name in names)
    assert _rank("deckgen.layout.slides") > _rank("deckgen.plan.planner")


def test_no_module_is_over_500_lines():
    long = [f"{p.relative_to(PACKAGE)}: {n}" for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_no_colour_literal_outside_the_theme():
    found = []
    for path in _modules():
        if path.name == "theme.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and HEX_COLOUR.fullmatch(repr(node.value)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value}")
    assert found == []


def test_emu_is_defined_once():
    definitions = [p for p in _modules() if re.search(r"^EMU_PER_PT\s*=", p.read_text(), re.M)]
    assert [p.name for p in definitions] == ["units.py"]


@pytest.mark.subprocess
def test_placed_frames_load_no_pillow():
    code = "import sys, deckgen.layout.frames; print('PIL' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
