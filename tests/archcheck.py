"""The rules the package's shape must keep, as functions over a source tree.

They take the package folder as an argument so the tests can run them on the real tree and
on small planted trees that break one rule each (a checker that sees nothing passes anything).

- Stages import only themselves, earlier stages and the shared data modules; no stage imports
  the shell (cli, build, config, ...).
- No import cycle between modules (imports under `if TYPE_CHECKING:` are for the type checker
  only and do not count).
- No module imports a private name (`_x`) of another module, or a private module (`_x.py`)
  of a package it is not part of.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STAGES = ("note", "plan", "look", "pictures", "layout", "render", "keep", "export")
SHARED = frozenset({"errors", "theme", "fonts"})  # shared data every stage may read


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # the deckgen module (or package) imported
    names: tuple[str, ...]  # the names taken from it (`from m import a, b`), or ()
    typing_only: bool


def modules(package: Path) -> list[Path]:
    return sorted(p for p in package.rglob("*.py"))


def dotted(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _typing_only_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for inner in ast.walk(child):
                    if hasattr(inner, "lineno"):
                        lines.add(inner.lineno)
    return lines


@cache
def parsed(text: str) -> ast.Module:
    """A module's tree, parsed once per text for all the checks (read it, never change it)."""
    return ast.parse(text)


def imports(path: Path, package: Path) -> list[Import]:
    """Every import of a module of `package` that `path` makes, relative ones resolved."""
    return list(_imports(path, package, path.read_text(encoding="utf-8")))


@cache
def _imports(path: Path, package: Path, text: str) -> tuple[Import, ...]:
    tree = parsed(text)
    root = package.name
    here = dotted(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    typing_only = _typing_only_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            names = tuple(alias.name for alias in node.names)
            found.append(Import(node.lineno, name, names, node.lineno in typing_only))
        elif isinstance(node, ast.Import):
            found.extend(Import(node.lineno, alias.name, (), node.lineno in typing_only)
                         for alias in node.names)
    return tuple(i for i in found if i.module.split(".")[0] == root)


def _existing(name: str, package: Path) -> str | None:
    """`name` if it is a module or package of the tree, else None."""
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    base = package / relative
    if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file() or name == package.name:
        return name
    return None


def targets(found: Import, package: Path) -> list[str]:
    """The modules an import reaches: `from pkg import mod` reaches pkg.mod, else the module."""
    module = _existing(found.module, package)
    out: list[str] = []
    for name in found.names:
        sub = _existing(f"{found.module}.{name}", package)
        chosen = sub if sub is not None else module
        if chosen is not None and chosen not in out:
            out.append(chosen)
    if not found.names and module is not None:
        out.append(module)
    return out


def _rank(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1])
    return None


def upward_imports(package: Path) -> list[str]:
    """Imports from a stage into a later stage or into the shell."""
    wrong = []
    for path in modules(package):
        own = _rank(dotted(path, package))
        if own is None:
            continue  # the shell may use every stage
        for found in imports(path, package):
            for target in targets(found, package) or [found.module]:
                parts = target.split(".")
                if len(parts) < 2:
                    continue
                rank = _rank(target)
                where = f"{path.relative_to(package)}:{found.line}"
                if rank is None and parts[1] not in SHARED:
                    wrong.append(f"{where} imports the shell module {target}")
                elif rank is not None and rank > own:
                    wrong.append(f"{where} imports the later stage {target}")
    return wrong


def cycles(package: Path) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for path in modules(package):
        here = dotted(path, package)
        reached = graph.setdefault(here, set())
        for found in imports(path, package):
            if not found.typing_only:
                reached.update(t for t in targets(found, package) if t != here)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def private_imports(package: Path) -> list[str]:
    """A private name of another module, or a private module from outside its package."""
    wrong = []
    for path in modules(package):
        here = dotted(path, package)
        for found in imports(path, package):
            where = f"{path.relative_to(package)}:{found.line}"
            for name in found.names:
                if name.startswith("_") and not name.startswith("__"):
                    wrong.append(f"{where} imports the private name {name} of {found.module}")
            for target in targets(found, package) or [found.module]:
                parts = target.split(".")
                if parts[-1].startswith("_") and not parts[-1].startswith("__"):
                    owner = ".".join(parts[:-1])
                    if not (here == owner or here.startswith(owner + ".")):
                        wrong.append(f"{where} imports the private module {target}")
    return wrong


_BUILTINS = frozenset({"str", "int", "float", "bytes", "bool", "dict", "list", "tuple", "set",
                       "frozenset", "type", "Exception", "Path", "Future"})


def _classes_tested(test: ast.AST) -> set[str]:
    """Names of the (non-builtin) classes an `isinstance` in `test` checks against."""
    names: set[str] = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance" \
                and len(node.args) == 2:
            kinds = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
            names.update(k.id for k in kinds if isinstance(k, ast.Name) and k.id not in _BUILTINS)
    return names


def _chain(node: ast.If) -> tuple[list[ast.If], list[ast.stmt]]:
    links = [node]
    while len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
        node = node.orelse[0]
        links.append(node)
    return links, node.orelse


def _exhaustive(body: list[ast.stmt]) -> bool:
    """An `else` that says no other kind can come: assert_never(...) or a raise."""
    return any(isinstance(stmt, ast.Raise) or (isinstance(stmt, ast.Expr) and isinstance(
        stmt.value, ast.Call) and getattr(stmt.value.func, "id", "") == "assert_never")
        for stmt in body)


def open_isinstance_chains(package: Path) -> list[str]:
    """If/elif chains (and runs of `if isinstance(...): return`) that dispatch over two or
    more kinds without an exhaustive else: a new kind would fall through them silently.
    Dispatch is written as `match` with `case _: assert_never(x)`, which mypy checks."""
    found = []
    for path in modules(package):
        tree = parsed(path.read_text(encoding="utf-8"))
        inner: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and id(node) not in inner:
                links, tail = _chain(node)
                inner.update(id(link) for link in links)
                kinds = set().union(*(_classes_tested(link.test) for link in links))
                tested = sum(bool(_classes_tested(link.test)) for link in links)
                if tested >= 2 and len(kinds) >= 2 and not _exhaustive(tail):
                    found.append(f"{path.relative_to(package)}:{node.lineno}")
            if isinstance(node, (ast.FunctionDef, ast.For, ast.With, ast.If)):
                found.extend(_return_runs(node, path, package))
    return found


def _return_runs(node: ast.AST, path: Path, package: Path) -> list[str]:
    out = []
    for body in (getattr(node, "body", []), getattr(node, "orelse", [])):
        run: list[ast.If] = []
        for stmt in [*body, None]:
            returns = isinstance(stmt, ast.If) and not stmt.orelse and _classes_tested(stmt.test) \
                and isinstance(stmt.body[-1], (ast.Return, ast.Raise))
            if returns:
                run.append(stmt)
                continue
            kinds = set().union(*(_classes_tested(s.test) for s in run)) if run else set()
            if len(run) >= 2 and len(kinds) >= 2 and not (stmt is not None and _exhaustive([stmt])):
                out.append(f"{path.relative_to(package)}:{run[0].lineno}")
            run = []
    return out
