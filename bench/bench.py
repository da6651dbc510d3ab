"""Speed and size of deckgen, measured as a user runs it: whole processes, median of runs.

    python bench/bench.py [--runs 5] [--no-pdf]

Prints, for notes/docker.md: build time and peak memory, deck size; with LibreOffice, the
time of `--pdf` next to a bare `soffice --convert-to pdf` of the same deck; and the peak
memory of a build whose note embeds a 200-megapixel decompression bomb and an 8000×6000
photo (the bar is 300 MB).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    results = [run(command, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def deckgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "deckgen", *args]


def quiet_env() -> None:
    """Measure as an installed deckgen runs: with its bytecode written (pip compiles it at
    install; an environment with PYTHONDONTWRITEBYTECODE would recompile every module)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def bench_build(runs: int, out: Path) -> None:
    seconds, peak = median_of(deckgen("build", "notes/docker.md", "-q", "-o", str(out)), ROOT, runs)
    size = (out / "docker.pptx").stat().st_size / 1024
    print(f"build notes/docker.md        {seconds:6.2f} s  (median of {runs})  "
          f"peak {peak:5.0f} MB  deck {size:5.0f} KB")
    seconds_outline, _ = median_of(deckgen("outline", "notes/docker.md"), ROOT, runs)
    print(f"outline notes/docker.md      {seconds_outline:6.2f} s")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc: not installed; no comparison (apt-get install pandoc)")
        return
    plain = out / "docker-pandoc.md"  # pandoc reads standard image links only
    text = (ROOT / "notes" / "docker.md").read_text(encoding="utf-8")
    plain.write_text(re.sub(r"!\[\[([^\]|]+)[^\]]*\]\]", lambda m: f"![](images/{m.group(1)})", text),
                     encoding="utf-8")
    theirs, their_peak = median_of([pandoc, str(plain), "-o", str(out / "pandoc.pptx")], ROOT,
                                   runs)
    print(f"pandoc, same note            {theirs:6.2f} s  (median of {runs})  "
          f"peak {their_peak:5.0f} MB  → deckgen takes {seconds / theirs:.1f}× pandoc's time")


def bench_pdf(runs: int, out: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("pdf: LibreOffice not installed; skipped")
        return
    seconds, peak = median_of(deckgen("build", "notes/docker.md", "-q", "-o", str(out), "--pdf"),
                              ROOT, runs)
    print(f"build --pdf                  {seconds:6.2f} s  (median of {runs})  peak {peak:5.0f} MB"
          "  (LibreOffice included)")
    bare: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                       "--convert-to", "pdf", "--outdir", str(out), str(out / "docker.pptx")]
            bare.append(run(command, ROOT)[0])
    print(f"bare soffice --convert-to    {statistics.median(bare):6.2f} s  (same deck)")


MAKE_HOSTILE = """
import sys
from PIL import Image
folder = sys.argv[1]
Image.new("1", (20000, 10000)).save(folder + "/bomb.png", optimize=True)  # 200 MP, a tiny file
Image.radial_gradient("L").resize((8000, 6000)).convert("RGB").save(folder + "/photo.jpg",
                                                                    quality=85)
"""


def bench_hostile_images(out: Path) -> None:
    vault = out / "hostile"
    (vault / ".obsidian").mkdir(parents=True, exist_ok=True)
    # Drawn in a separate process: a child forked from a process holding a 144 MB image
    # would report that memory as its own peak.
    subprocess.run([sys.executable, "-c", MAKE_HOSTILE, str(vault)], check=True)
    (vault / "n.md").write_text("## 폭탄\n![[bomb.png]]\n**압축 폭탄**\n\n## 사진\n![[photo.jpg]]\n"
                                "**큰 사진**\n", encoding="utf-8")
    seconds, peak = run(deckgen("build", "n.md", "-q"), vault)
    print(f"bomb + 8000×6000 photo       {seconds:6.2f} s  peak {peak:5.0f} MB  (bar: 300 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    quiet_env()
    subprocess.run(deckgen("--version"), cwd=ROOT, capture_output=True, check=True)  # compile
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as temp:
        out = Path(temp)
        bench_build(args.runs, out)
        if not args.no_pdf:
            bench_pdf(max(1, args.runs // 2), out)
        bench_hostile_images(out)


if __name__ == "__main__":
    main()
