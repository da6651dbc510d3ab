from pathlib import Path

from click.testing import CliRunner

from deckgen import fonts
from deckgen.cli import main
from deckgen.fonts import FONT_DIR, PACKAGED, covers, missing_families

from conftest import write_note


def test_every_packaged_font_ships_with_a_licence():
    for file_name in PACKAGED:
        assert (FONT_DIR / file_name).stat().st_size > 100_000
    assert {"LICENSE-BM-JUA.txt", "LICENSE-Nanum.txt", "LICENSE-DejaVu.txt"} <= \
        {p.name for p in FONT_DIR.iterdir()}
    assert "SIL OPEN FONT LICENSE" in (FONT_DIR / "LICENSE-BM-JUA.txt").read_text()


def test_coverage_knows_bm_jua_draws_no_bullet_or_rare_syllables():
    assert covers("BMJUA_ttf.ttf", "가") and not covers("BMJUA_ttf.ttf", "•")
    assert not covers("BMJUA_ttf.ttf", "똠") and covers("NanumGothic.ttf", "똠")
    assert covers("DejaVuSans.ttf", "☂")


def test_a_build_without_the_fonts_prints_one_hint(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(fonts, "_system_families", lambda: set())
    assert "BM JUA" in missing_families({"BM JUA"})
    note = write_note(tmp_path, "n.md", "## a\n**b**\n")
    result = CliRunner().invoke(main, ["build", str(note), "-o", str(tmp_path)])
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert len(hints) == 1 and "deckgen fonts install" in hints[0]
