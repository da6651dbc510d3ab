"""Front matter YAML to a plain mapping, safely: nothing in it can stop a build.

`yaml.safe_load` still raises for values an ordinary note may hold (an impossible date such
as 2024-02-30, an integer of thousands of digits) and recurses without bound on deeply nested
flow collections. Those become warnings here; the value is kept as its text where that makes
sense. Aliases are not expanded here (PyYAML shares the object); `config` reads text keys as
scalars only, with a length cap, so a "billion laughs" never grows into gigabytes.
"""

from __future__ import annotations

from typing import Any

from ..errors import BuildWarning

MAX_DEPTH_NOTE = "front matter is nested too deeply; ignored"


def load_front_matter(text: str) -> tuple[Any, list[BuildWarning]]:
    """The parsed YAML (any type), or None with a warning when it cannot be read."""
    import yaml

    problems: list[str] = []

    class _Loader(yaml.SafeLoader):
        """Safe loading whose dates and integers fall back to text instead of raising."""

    def timestamp(loader, node):
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            problems.append(f"'{node.value[:40]}' is not a real date; kept as text")
            return str(node.value)

    def integer(loader, node):
        try:
            return yaml.SafeLoader.construct_yaml_int(loader, node)
        except (ValueError, OverflowError):
            problems.append("a number in it is too large; kept as text")
            return str(node.value)[:40]

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    _Loader.add_constructor("tag:yaml.org,2002:int", integer)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        return None, [BuildWarning("front matter is not valid YAML; ignored", line)]
    except RecursionError:
        return None, [BuildWarning(MAX_DEPTH_NOTE, 1)]
    except (ValueError, OverflowError, TypeError) as exc:
        return None, [BuildWarning(f"front matter cannot be read ({type(exc).__name__}); "
                                   "ignored", 1)]
    return data, [BuildWarning(f"front matter: {problem}", 1) for problem in problems]
