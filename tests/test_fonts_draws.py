"""Whether a named font draws a script: our coverage data, else the font file's own cmap."""

from __future__ import annotations

import shutil

import pytest

from deckgen.fonts import HANGUL_SAMPLE, LATIN_SAMPLE, draws, family_file


def test_our_fonts_are_judged_by_the_bundled_coverage():
    assert family_file("BM JUA") == "BMJUA_ttf.ttf"
    assert draws("BM JUA", HANGUL_SAMPLE) and draws("NanumGothic", "도커 Docker")
    assert draws("DejaVu Sans", LATIN_SAMPLE) and draws("DejaVu Sans", HANGUL_SAMPLE) is False


def test_a_font_this_machine_lacks_cannot_be_judged():
    assert family_file("No Such Font 없는글꼴") == ""
    assert draws("No Such Font 없는글꼴", HANGUL_SAMPLE) is None


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")
def test_an_installed_font_is_read_from_its_file_never_a_substitute():
    import subprocess

    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    latin_only = next((f for f in ("DejaVu Serif", "DejaVu Sans Mono", "Liberation Serif")
                       if f in families), None)
    if latin_only is None:
        pytest.skip("no Latin-only system font to read")
    path = family_file(latin_only)
    assert path.startswith("/") and "Bold" not in path
    assert draws(latin_only, LATIN_SAMPLE) is True
    assert draws(latin_only, HANGUL_SAMPLE) is False
