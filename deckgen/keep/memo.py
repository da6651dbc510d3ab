"""What the keep stage read of a deck, remembered between the builds of one warm process.

Stamping reads every slide back (its shapes as seen, `digest.slide_mark`) and every page's
text of what layout made of it (`pages.page_origins`). Both are pure: the same slide XML
with the same pictures reads the same, and the same laid-out page has the same text. A
`deckgen watch` rebuild after one edit writes mostly the slides of the last build, so their
readings are taken from here. What a build did not use is forgotten when it ends.
"""

from __future__ import annotations

from ..layout.memo import BuildMemo


class StampMemo(BuildMemo):
    """`memo.value(key, read)` within `with memo.build():`."""
