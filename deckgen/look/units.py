"""Points to EMU: the one place the deck's unit is converted (layout speaks points only)."""

from __future__ import annotations

from pptx.util import Emu

EMU_PER_PT = 12700


def emu(points: float) -> Emu:
    return Emu(int(round(points * EMU_PER_PT)))
