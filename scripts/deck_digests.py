"""Print a SHA-256 per deck built from the example note and every fixture note, in both themes.

A refactor must not change what a user gets: run this before and after a restructuring
and compare the two listings (`diff`). It drives the installed `deckgen` command, so it
works across internal moves.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "notes", ROOT / "tests" / "fixtures", ROOT / "tests" / "fixtures" / "bad",
           ROOT / "tests" / "fixtures" / "stress"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for theme in ("tecotalk", "plain"):
            for folder in FOLDERS:
                notes = sorted(p for p in folder.glob("*.md"))
                out = Path(tmp) / theme / folder.name
                out.mkdir(parents=True)
                for note in notes:
                    subprocess.run([sys.executable, "-m", "deckgen", "build", str(note), "-o", str(out),
                                    "--theme", theme, "-q"], cwd=ROOT, capture_output=True)
                for deck in sorted(out.glob("*.pptx")):
                    digest = hashlib.sha256(deck.read_bytes()).hexdigest()[:16]
                    print(f"{theme}/{folder.name}/{deck.name} {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
