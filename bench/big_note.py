"""The big-note benchmark: a semester of study notes with 100 pasted screenshots.

    python bench/big_note.py [--keep DIR] [--runs 3] [--skip-pandoc]

Draws 100 screenshots of 2560×1600 (half photo-like: gradients, noise, a picture in a
window; half flat UI and diagrams with a few colours) and a Korean note of 200 sections
that embeds them, then prints, as whole processes: a cold build (empty picture cache,
`--force`), a build with nothing changed (up to date), the same forced to rebuild, a build
after one section was edited, a rebuild under `deckgen watch` after an edit (the median
of that many saves in one session), peak memory and deck size, and pandoc's time and size
on the same note when pandoc is installed, run in turns with the cold build, with each of
the big note's rows as a share of pandoc's time and bytes; then the shares of one warm build in process (reading, planning, pictures, layout, the .pptx,
the HTML page). The docker example's cold build and watch rebuild are measured too.
Nothing drawn here is committed; the pictures are deterministic.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (2560, 1600)
PICTURES = 100
SECTIONS = 200
TOPICS = ["도커 이미지", "컨테이너 네트워크", "쿠버네티스 파드", "트랜잭션 격리 수준", "인덱스",
          "HTTP 캐시", "가비지 컬렉션", "스레드 풀", "Event loop", "TCP handshake"]


def draw(index: int, folder: str) -> None:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(index)
    width, height = SIZE
    if index % 2 == 0:  # photo-like: a desktop wallpaper and a photo in a window
        base = Image.linear_gradient("L").resize((width, height))
        red = base.rotate(rng.randrange(360), expand=False)
        image = Image.merge("RGB", (base, red, Image.radial_gradient("L").resize((width, height))))
        noise = Image.effect_noise((width // 4, height // 4), 40).resize((width, height))
        image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.25)
        image = image.filter(ImageFilter.GaussianBlur(1))
    else:  # flat: a UI or diagram in a handful of colours
        image = Image.new("RGB", (width, height), (248, 249, 250))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, width, 72), fill=(52, 58, 64))
    for _ in range(12):
        x, y = rng.randrange(80, width - 600), rng.randrange(120, height - 300)
        colour = rng.choice([(208, 235, 255), (211, 249, 216), (255, 236, 153), (255, 255, 255)])
        pen.rectangle((x, y, x + rng.randrange(200, 560), y + rng.randrange(80, 260)),
                      fill=colour, outline=(73, 80, 87), width=3)
    for row in range(30):
        y = 100 + row * 48
        pen.line((100, y, 100 + rng.randrange(300, 1400), y), fill=(33, 37, 41), width=4)
    image.save(Path(folder) / f"Pasted image {index:04d}.png", compress_level=6)


def write_note(folder: Path) -> Path:
    rng = random.Random(7)
    lines = ["# 한 학기 공부 노트", "", "- [참고](https://example.com/semester)", ""]
    picture = 0
    for section in range(SECTIONS):
        topic = TOPICS[section % len(TOPICS)]
        if section % 20 == 0:
            lines += [f"# {section // 20 + 1}주차 {topic}", ""]
        lines += [f"## {topic} {section + 1}", "",
                  f"**{topic}**는 {rng.choice(['요청', '자원', '상태'])}을 다루는 방법이다. "
                  f"**핵심 {section}**을 먼저 이해하고 ==예시==로 확인한다. "
                  "이 부분은 시험에 자주 나오므로 발표에서 천천히 설명한다.", ""]
        if section % 2 == 0 and picture < PICTURES:
            lines += [f"![[Pasted image {picture:04d}.png]]", ""]
            picture += 1
        lines += ["- 첫째, 설정을 확인한다", "- 둘째, **로그**를 본다", ""]
    note = folder / "semester.md"
    note.write_text("\n".join(lines), encoding="utf-8")
    return note


def make_vault(folder: Path) -> Path:
    (folder / ".obsidian").mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(draw, range(PICTURES), [str(folder)] * PICTURES))
    return write_note(folder)


HUGE_PNG = """
import sys
from PIL import Image
size = (8000, 6000)
ramp, ring = Image.linear_gradient("L").resize(size), Image.radial_gradient("L").resize(size)
grain = Image.effect_noise((2000, 1500), 40).resize(size)
Image.merge("RGB", (ramp, ring, grain)).save(sys.argv[1], compress_level=1)
"""


def huge_png_build(folder: Path, out: Path, env: dict[str, str]) -> tuple[float, float]:
    """A note with one 8000×6000 photo-like PNG (drawn in its own process, so its memory is
    not counted as the build's)."""
    (folder / ".obsidian").mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", HUGE_PNG, str(folder / "huge.png")], check=True)
    (folder / "huge.md").write_text("## 큰 그림\n\n![[huge.png]]\n\n**8000×6000 PNG**\n",
                                    encoding="utf-8")
    return timed([sys.executable, "-m", "deckgen", "build", "huge.md", "-q", "-o", str(out)],
                 folder, env)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, the largest process of the tree)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def watch_rebuild(note: Path, out: Path, env: dict[str, str], cwd: Path, runs: int) -> float:
    """Seconds from saving an edit to the new deck being in place, under `deckgen watch`:
    the median of `runs` saves in one session, each adding another section."""
    deck = out / f"{note.stem}.pptx"
    original = note.read_text(encoding="utf-8")
    watcher = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", str(note), "-o",
                                str(out)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        assert watcher.stdout is not None
        watcher.stdout.readline()  # the first build
        seconds = []
        for run in range(runs):
            before = deck.stat().st_mtime_ns
            time.sleep(0.5)
            start = time.perf_counter()
            with note.open("a", encoding="utf-8") as handle:
                handle.write(f"\n## 추가한 절 {run}\n\n**새 내용 {run}**을 덧붙였다.\n")
            watcher.stdout.readline()
            seconds.append(time.perf_counter() - start)
            assert deck.stat().st_mtime_ns != before
        return statistics.median(seconds)
    finally:
        watcher.terminate()
        watcher.wait(10)
        note.write_text(original, encoding="utf-8")


def median_run(command: list[str], cwd: Path, env: dict[str, str], runs: int,
               before=None) -> tuple[float, float]:
    """Median seconds and highest peak of `runs` runs (`before()` runs ahead of each)."""
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(timed(command, cwd, env))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="Draw the vault here and keep it.")
    parser.add_argument("--runs", type=int, default=3, help="Median of this many runs.")
    parser.add_argument("--skip-pandoc", action="store_true")
    args = parser.parse_args()
    temp = tempfile.mkdtemp(prefix="deckgen-big-")
    vault = args.keep or Path(temp) / "vault"
    note = vault / "semester.md"
    if not note.exists():
        note = make_vault(vault)
    out = Path(temp) / "out"
    cache = Path(temp) / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    command = [sys.executable, "-m", "deckgen", "build", str(note), "-q", "-o", str(out)]
    rows = []
    pandoc = shutil.which("pandoc") if not args.skip_pandoc else None
    plain = vault / "semester-pandoc.md"  # pandoc reads standard image links only
    plain.write_text(re.sub(r"!\[\[([^\]|]+)\]\]", r"![](<\1>)",
                            note.read_text(encoding="utf-8")), encoding="utf-8")
    pandoc_runs, cold_runs = [], []
    out.mkdir(parents=True, exist_ok=True)
    for _ in range(args.runs):  # in turns, so a slow minute of the machine slows both
        if pandoc:
            pandoc_runs.append(timed([pandoc, str(plain), "-o", str(out / "pandoc.pptx")],
                                     vault, env))
        shutil.rmtree(cache, ignore_errors=True)
        cold_runs.append(timed(command + ["--force"], vault, env))
    plain.unlink()
    cold, cold_peak = statistics.median(r[0] for r in cold_runs), max(r[1] for r in cold_runs)
    size = (out / "semester.pptx").stat().st_size / 1e6
    rows.append(("deckgen build, cold cache", cold, cold_peak, size))
    warm, warm_peak = median_run(command, vault, env, args.runs)
    rows.append(("deckgen build, nothing changed", warm, warm_peak, size))
    forced, forced_peak = median_run(command + ["--force"], vault, env, args.runs)
    rows.append(("deckgen build --force, nothing changed", forced, forced_peak, size))
    original = note.read_text(encoding="utf-8")
    edits = iter(range(1000))
    edited, edited_peak = median_run(command, vault, env, args.runs, lambda: note.write_text(
        original.replace("## 도커 이미지 1\n", f"## 도커 이미지 1\n\n**고친 {next(edits)}**\n", 1),
        encoding="utf-8"))
    note.write_text(original, encoding="utf-8")
    rows.append(("deckgen build, one section edited", edited, edited_peak, size))
    rows.append(("deckgen watch, rebuild after an edit",
                 watch_rebuild(note, out, env, vault, args.runs), None, None))
    big_rows = len(rows)  # the rows above are the big note's: compared with pandoc's
    example = Path(temp) / "example"  # the docker example, copied so it can be edited
    shutil.copytree(ROOT / "images", example / "images")
    shutil.copy(ROOT / "notes" / "docker.md", example / "docker.md")
    small = [sys.executable, "-m", "deckgen", "build", "docker.md", "-q", "--force", "-o", str(out)]
    seconds, peak = median_run(small, example, env, args.runs,
                               lambda: shutil.rmtree(cache, ignore_errors=True))
    rows.append(("docker example: build, cold cache", seconds, peak,
                 (out / "docker.pptx").stat().st_size / 1e6))
    rows.append(("docker example: watch, save → new deck",
                 watch_rebuild(example / "docker.md", out, env, example, args.runs), None, None))
    seconds, peak = huge_png_build(Path(temp) / "huge", out, env)
    rows.append(("one 8000×6000 PNG: build, cold cache", seconds, peak,
                 (out / "huge.pptx").stat().st_size / 1e6))
    reference = None
    if pandoc_runs:
        reference = (statistics.median(r[0] for r in pandoc_runs),
                     max(r[1] for r in pandoc_runs), (out / "pandoc.pptx").stat().st_size / 1e6)
        rows.append(("pandoc (same note, in turns with cold)", *reference))
    print(f"{'run (median of ' + str(args.runs) + ')':<40} {'time':>8} {'peak RSS':>10} "
          f"{'deck':>9}" + ("   × pandoc (time, bytes)" if reference else ""))
    for index, (name, seconds, peak, deck) in enumerate(rows):
        line = (f"{name:<40} {seconds:7.2f}s {(f'{peak:.0f} MB' if peak else '—'):>10} "
                f"{(f'{deck:.1f} MB' if deck else '—'):>9}")
        if reference and index < big_rows:
            line += f"   {seconds / reference[0]:5.2f}×"
            line += f" {deck / reference[2]:5.0%}" if deck else ""
        print(line)
    shares = subprocess.run([sys.executable, "-c", SHARES, str(note), str(out)], cwd=vault,
                            env=env, capture_output=True, text=True, check=True).stdout
    print("\none warm build of the big note, in process (best of 3):\n" + shares, end="")
    shutil.rmtree(temp, ignore_errors=True)


SHARES = """
import sys, time, gc
from pathlib import Path
from deckgen import build as pipeline, note as note_stage, plan, layout, pictures, render
from deckgen.layout import line_breaks
from deckgen.render.html import PageInfo, render_html
spent = {}
def timed(module, name, label):
    original = getattr(module, name)
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
    setattr(module, name, run)
timed(pipeline, "load_note", "read and parse the note")
timed(pipeline, "plan_talk", "plan the talk (choose, merge, time)")
timed(pipeline, "pictures_for", "probe the pictures")
timed(pipeline, "lay_out", "lay out every slide")
timed(pipeline, "_render", "write the .pptx (render, keep, zip)")
best = {}
for _ in range(3):
    spent.clear()
    gc.collect(); gc.disable()
    start = time.perf_counter()
    result = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]) / "shares.pptx", {})
    total = time.perf_counter() - start
    stages = dict(spent)
    prepared = pipeline.prepare(Path(sys.argv[1]), {})
    from deckgen.pictures import PictureCache, PictureEncoder, results
    with PictureEncoder(PictureCache()) as encoder:
        encoded = results(encoder.submit(layout.picture_uses(prepared.deck), prepared.deck.width))
    start = time.perf_counter()
    page = PageInfo(prepared.talk.title, "semester", prepared.talk.language)
    render_html(line_breaks(prepared.deck, prepared.look), prepared.look, encoded, page)
    stages["the HTML page (--html, not in the total)"] = time.perf_counter() - start
    gc.enable()
    if not best or total < best["total"]:
        best = dict(stages, total=total)
total = best.pop("total")
for label, seconds in best.items():
    share = f"{seconds / total:4.0%}" if "not in" not in label else "    "
    print(f"  {label:<45} {seconds:6.2f}s {share}")
print(f"  {'the whole build':<45} {total:6.2f}s")
"""


if __name__ == "__main__":
    main()
