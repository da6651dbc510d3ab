"""deckgen: an Obsidian study note in, a 10-minute talk deck (editable PowerPoint) out."""

__version__ = "0.2.0"
