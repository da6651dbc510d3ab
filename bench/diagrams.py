"""Time of a note with 10 Mermaid diagrams and 20 formulas, built as a user runs it.

    python bench/diagrams.py [--runs 3]

The note is written fresh each run (Korean and English labels, every flowchart direction,
sequence diagrams, inline and display math), so the number tracks deckgen, not a fixture.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOW = """```mermaid
flowchart {direction}
  A[요청 {i}] --> B(검증 service)
  B -->|ok| C{{캐시 hit?}}
  C -->|예| D([응답])
  C -.->|아니오| E((DB))
  E ==> D
```"""
SEQUENCE = """```mermaid
sequenceDiagram
  participant U as 사용자
  participant W as Web
  participant A as Auth
  U->>W: 로그인 {i}
  W->>A: verify token
  A-->>W: JWT
  W-->>U: 성공
```"""
FORMULAS = ("\\sum_{{i=1}}^{{n}} i^{k} = \\frac{{n(n+1)}}{{2}}",
            "x = \\frac{{-b \\pm \\sqrt{{b^2 - {k}ac}}}}{{2a}}")


def note() -> str:
    parts = ["# 다이어그램 벤치마크\n"]
    directions = ("TD", "LR", "BT", "RL")
    for i in range(10):
        parts.append(f"## 다이어그램 {i + 1}\n\n복잡도는 $O(n^{i % 3 + 2})$이다.\n")
        parts.append((SEQUENCE if i % 5 == 4 else FLOW).format(direction=directions[i % 4], i=i))
        for j in range(2):
            k = 2 * i + j
            parts.append(f"\n### 수식 {k + 1}\n\n$$\n{FORMULAS[j].format(k=k + 2)}\n$$\n")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "diagrams.md"
        path.write_text(note(), encoding="utf-8")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "deckgen", "build", str(path), "-o",
                            str(Path(tmp) / "out.pptx")], cwd=ROOT, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - start)
    print(f"note with 10 Mermaid diagrams and 20 formulas: build "
          f"{statistics.median(times):.2f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
