"""Time and peak memory of deckgen on hostile input (issue 10), one process per case.

    python bench/hostile.py

Each case is generated in a temporary vault: a code line of 8 KB, a 1000-word heading, a
table of 250 columns, runs of `[[`, `![[` and `<`, YAML aliases, deep nesting, a zip-bomb
template, damaged templates, a 1×1 PNG trailed by 150 MB, a large 16-bit picture, a FIFO and
/dev/zero as settings; and round three (issue 20): dangerous links, a folder with symlinks
out of the vault and loops, formulas too big to draw, deep inline math, embeds that fan out,
Mermaid past one slide, numbers of 5,000 digits, a PDF whose form draws itself and one long
section. Prints each case's exit code, seconds and peak RSS, then the worst peak (the bar
is 300 MB) and the slowest case (the allowance is 30 s). Every exit must be 0 or 1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = "# 도커 Docker\n\n## 컨테이너 Containers\n\n- 가볍다 / light\n"


def run(args: list[str], cwd: Path, timeout: float) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak RSS (as wait4 reports it for the deckgen process), stderr;
    a case past `timeout` is ended and reported as exit -9."""
    import threading

    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "deckgen", *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)},
                               start_new_session=True)
    timer = threading.Timer(timeout, lambda: os.killpg(process.pid, 9))
    timer.start()
    err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    return (os.waitstatus_to_exitcode(status), time.perf_counter() - start,
            usage.ru_maxrss / 1024, err)


def cases(base: Path) -> dict[str, tuple[Path, list[str]]]:
    from PIL import Image

    def note(name: str, text: str, extra: list[str] | None = None) -> tuple[Path, list[str]]:
        folder = base / name
        (folder / ".obsidian").mkdir(parents=True)
        (folder / "n.md").write_text(text, encoding="utf-8")
        return folder, ["build", "n.md", "-o", "out", *(extra or [])]

    out: dict[str, tuple[Path, list[str]]] = {}
    out["code line 8 KB"] = note("code", "# T\n\n## 코드\n\n```json\n" + '{"키":"값"}' * 800 + "\n```\n")
    out["heading 1000 words"] = note("heading", "# T\n\n## " + "가나다 word " * 500 + "\n\n내용\n")
    out["table 250 columns"] = note("table", "# T\n\n## 표\n\n|" + "|".join(
        f"h{i}" for i in range(250)) + "|\n|" + "|".join("-" * 250) + "|\n|" + "|".join(
        f"값{i}" for i in range(250)) + "|\n")
    out["runs of [[ ![[ =="] = note("runs", "# T\n\n" + "[[가 ![[a ==x " * 20000 + "\n")
    out["html < runs"] = note("html", "<div>\n" + "<a <!-- " * 50000 + "\n")
    out["yaml aliases"] = note("laughs", (ROOT / "tests/fixtures/bad/billion_laughs.md").read_text(
        encoding="utf-8"))
    out["deep nesting"] = note("deep", "---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n" + NOTE)
    (base / "deep" / "deckgen.toml").write_text("x = " + "[" * 20000 + "]" * 20000 + "\n")
    template = next((ROOT / "tests/fixtures/templates").glob("*.pptx"))
    folder, args = note("bomb", NOTE)
    with zipfile.ZipFile(template) as zin, \
            zipfile.ZipFile(folder / "bomb.pptx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        with zout.open("ppt/media/huge.bin", "w") as member:
            for _ in range(1024):
                member.write(bytes(1024 * 1024))
    out["zip-bomb template"] = (folder, args + ["--template", "bomb.pptx"])
    folder, args = note("truncated", NOTE)
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(folder / "t.pptx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[: len(data) // 2] if "theme" in item.filename else data)
    out["truncated theme template"] = (folder, args + ["--template", "t.pptx"])
    folder, args = note("junk", "# T\n\n## 그림\n\n![[tiny.png]]\n")
    Image.new("RGB", (1, 1)).save(folder / "tiny.png")
    with open(folder / "tiny.png", "ab") as handle:
        for _ in range(150):
            handle.write(os.urandom(1024 * 1024))
    out["1×1 PNG + 150 MB"] = (folder, args)
    folder, args = note("deep16", "# T\n\n## 그림\n\n![[grey.png]]\n")
    Image.new("I;16", (9000, 6000), 30000).save(folder / "grey.png")
    out["16-bit 9000×6000"] = (folder, args)
    folder, args = note("devices", NOTE)
    (folder / "deckgen.toml").symlink_to("/dev/zero")
    (folder / ".obsidian" / "app.json").symlink_to("/dev/zero")
    out["/dev/zero settings"] = (folder, args)
    folder = base / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "n.md")
    out["FIFO note"] = (folder, ["build", "n.md"])
    out.update(round_three(base, note))
    return out


def round_three(base: Path, note) -> dict[str, tuple[Path, list[str]]]:
    """The classes of issue 20, each as its worst example."""
    out: dict[str, tuple[Path, list[str]]] = {}
    bad = ["file:///C:/Windows/System32/calc.exe", r"\\host\share\x", "javascript:alert(1)",
           "ms-msdt:/id%20PCWDiagnostic", "search-ms:query=x"]
    out["dangerous links"] = note("links", f"---\nlink: {bad[0]}\n---\n# T\n\n## 링크\n\n" + "".join(
        f"- **[굵게 {i}]({url})** <a href=\"{url}\">a</a>\n" for i, url in enumerate(bad)))
    folder, _ = note("symlinks", NOTE)
    (folder / "passwd.md").symlink_to("/etc/passwd")
    (folder / "loop").symlink_to(".")
    (folder / "up").symlink_to("..")
    out["symlinks and loops (-r)"] = (folder, ["build", ".", "-r", "-o", "out"])
    maths = {"\\rule 200cm": "\\rule{200cm}{200cm}", "\\hspace 100000cm": "a\\hspace{100000cm}b",
             "formula 10 KB": "x^2+" * 2500 + "1",
             "matrix 60×60": "\\begin{pmatrix}" + "\\\\".join(
                 "&".join("1" for _ in range(60)) for _ in range(60)) + "\\end{pmatrix}",
             "\\underbrace 15 deep": "\\underbrace{" * 15 + "x" + "}_{a}" * 15,
             "\\underbrace 8 deep": "\\underbrace{" * 8 + "x" + "}_{a}" * 8,
             "\\text 100 KB": "\\text{" + "가나다 abc " * 10000 + "}"}
    for i, (name, latex) in enumerate(maths.items()):
        out[name] = note(f"math{i}", f"# T\n\n## 수식\n\n$${latex}$$\n")
    out["inline math 200 deep"] = note("inline", "# T\n\n## 수식\n\n글 $" + "\\frac{1}{" * 200
                                       + "x" + "}" * 200 + "$ 끝\n")
    folder, args = note("fan", "# T\n\n## A\n\n" + "![[b]]\n\n" * 10)
    for name, nxt in zip("bcde", "cdef"):
        (folder / f"{name}.md").write_text(f"## {name}\n\n" + f"![[{nxt}]]\n\n" * 10 + "글 " * 100)
    (folder / "f.md").write_text("끝 " * 100)
    out["embeds 5 deep × 10"] = (folder, args)
    folder, args = note("bigembed", "# T\n\n## A\n\n" + "![[big]]\n\n" * 8)
    (folder / "big.md").write_text(("가나다라 " * 20 + "\n\n") * 40000)
    out["4 MB note embedded 8×"] = (folder, args)
    mermaid = {"chain 500": "flowchart LR\n" + "\n".join(f"n{i} --> n{i + 1}" for i in range(500)),
               "sequence 500": "sequenceDiagram\n" + "\n".join(f"A->>B: m{i}" for i in range(500)),
               "edges 50,000": "flowchart LR\n" + "\n".join(
                   f"n{i % 300} --> n{(i * 7) % 300}" for i in range(50000)),
               "subgraphs 1000 deep": "flowchart LR\n" + "".join(
                   f"subgraph s{i}\n" for i in range(1000)) + "a-->b\n" + "end\n" * 1000,
               "self-loop": "flowchart LR\nA --> B\nA --> A"}
    for i, (name, source) in enumerate(mermaid.items()):
        out[f"mermaid {name}"] = note(f"mermaid{i}", f"# T\n\n## 그림\n\n```mermaid\n{source}\n```\n")
    digits = "9" * 5000
    out["5,000-digit numbers"] = note("digits", f"# T\n\n## 그림\n\n![[x.png|{digits}]]\n\n"
                                      f"<img src=\"y.png\" width=\"{digits}\">\n\n![[p.pdf#page={digits}]]\n")
    folder, args = note("pdf", "# T\n\n## 논문\n\n![[self.pdf]]\n")
    (folder / "self.pdf").write_bytes((ROOT / "tests/fixtures/bad/self_drawing_form.pdf").read_bytes())
    out["PDF form drawing itself"] = (folder, args)
    out["10,000 paragraphs, one section"] = note("paras", "# T\n\n## 긴 절\n\n" + "".join(
        f"문단 paragraph {i}.\n\n" for i in range(10000)))
    out["30,000-item list"] = note("list", "# T\n\n## 긴 목록\n\n" + "".join(
        f"- 항목 item {i}\n" for i in range(30000)))
    return out


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--make":  # in a child: its memory is not inherited
        import json

        made = {name: [str(cwd), args] for name, (cwd, args) in cases(Path(sys.argv[2])).items()}
        print(json.dumps(made))
        return
    import json

    worst, slowest = ("", 0.0), ("", 0.0)
    with tempfile.TemporaryDirectory() as temp:
        # Made in another process: a child forked from a parent that held the 1 GB bomb
        # would report the parent's peak as its own.
        made = json.loads(subprocess.run([sys.executable, __file__, "--make", temp], check=True,
                                         capture_output=True, text=True).stdout)
        for name, (cwd, args) in ((n, (Path(c), a)) for n, (c, a) in made.items()):
            code, seconds, peak, err = run(args, cwd, timeout=90)
            bad = code not in (0, 1) or "please report" in err or "Traceback" in err
            print(f"{name:26} exit {code}  {seconds:6.2f} s  peak {peak:5.0f} MB"
                  f"{'  <-- FAIL: ' + err.strip()[-160:] if bad else ''}")
            worst = max(worst, (name, peak), key=lambda x: x[1])
            slowest = max(slowest, (name, seconds), key=lambda x: x[1])
    print(f"worst peak RSS over hostile cases: {worst[1]:.0f} MB ({worst[0]}; bar: 300 MB)")
    print(f"slowest hostile case: {slowest[1]:.2f} s ({slowest[0]})")


if __name__ == "__main__":
    main()
