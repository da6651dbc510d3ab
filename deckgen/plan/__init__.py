"""The plan stage: a `Note` to a `Talk`, pure (no I/O, no coordinates).

Entry point: `plan_talk(note, options)` → `(Talk, warnings)`: which slides in which order,
which layout each asks for (by name), their bullets, pictures, speaker notes and time,
fitted to the minutes (to the speaker's own pace where a `Rehearsal` timed the slide,
`read_rehearsal(text)`). The plan's vocabulary is in `talk.py`.
"""

from .planner import TalkOptions, plan_talk
from .rehearsed import Rehearsal, read_rehearsal
from .talk import Shown, Talk

__all__ = ["Rehearsal", "Shown", "Talk", "TalkOptions", "plan_talk", "read_rehearsal"]
