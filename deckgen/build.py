"""The whole pipeline for one note: read → parse → plan → probe images → layout → render → write.

`prepare` stops before rendering (what `deckgen outline` shows); `build` goes on to write
the deck atomically: to a temporary file next to the target, then renamed into place, so
a failed build never leaves half a deck or destroys the previous one.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Mapping

from .config import Settings, read_toml, settings
from .errors import BuildWarning, DeckgenError
from .layout.frames import Deck, PageNotes, PictureFrame
from .pictures.encode import encode
from .pictures.model import Encoded, Picture, target_width
from .pictures import pictures_for
from .layout.slides import Layout
from .look import Look, choose_look
from .layout.measure import Measurer
from .note.model import Note
from .note.parse import parse_note
from .plan.planner import plan_talk
from .note.read import read_note
from .plan.talk import Shown, Talk
from .theme import Theme
from .note.transclude import Transcluder
from .note.vault import ImageFinder, find_vault_root

CORE_PROPERTY_MAX = 255

if TYPE_CHECKING:  # python-pptx is imported only by the commands that write a deck
    from .pictures.cache import PictureCache


@dataclass
class Prepared:
    """Everything known about a deck before it is written."""

    note_path: Path
    note: Note
    settings: Settings
    look: Look
    talk: Talk
    deck: Deck
    pictures: dict[Shown, Picture]
    early_warnings: list[BuildWarning] = field(default_factory=list)  # reading and planning
    layout_warnings: list[BuildWarning] = field(default_factory=list)
    render_warnings: list[BuildWarning] = field(default_factory=list)

    @property
    def theme(self) -> Theme:
        return self.look.theme

    @property
    def warnings(self) -> list[BuildWarning]:
        return self.early_warnings + self.layout_warnings + self.render_warnings


@dataclass(frozen=True)
class BuildResult:
    note_path: Path
    output: Path
    slides: int
    seconds: float
    minutes: float
    warnings: tuple[BuildWarning, ...]
    fonts: frozenset[str] = frozenset()  # font families the deck names
    title: str = ""
    notes: tuple[PageNotes | None, ...] = ()  # each slide's speaker notes, for the handout
    slide_width: float = 960.0
    slide_height: float = 540.0


def prepare(note_path: Path, flags: dict[str, Any], vault: Path | None = None,
            cwd: Path | None = None, measurer: Measurer | None = None) -> Prepared:
    cwd = cwd or Path.cwd()
    source = read_note(note_path)
    root = find_vault_root(note_path, cwd, vault)
    finder = ImageFinder(note_path, root)
    transcluder = Transcluder(finder)
    note, warnings = parse_note(source, transcluder.block_text())
    note, embed_warnings = transcluder.note(note)
    warnings.extend(embed_warnings)
    toml, toml_warnings = read_toml(root)
    chosen, setting_warnings = settings(flags, note.meta, toml, (root, note_path.parent, cwd))
    warnings += toml_warnings + setting_warnings
    look, look_warnings = choose_look(chosen.theme, chosen.accent, chosen.template)
    warnings.extend(look_warnings)
    theme = look.theme
    talk, plan_warnings = plan_talk(note, chosen.talk)
    warnings.extend(plan_warnings)
    measurer = measurer or Measurer()
    pictures, picture_warnings = pictures_for(talk, finder, theme)
    warnings.extend(picture_warnings)
    deck, layout_warnings = _lay_out(talk, pictures, look, measurer)
    return Prepared(note_path, note, chosen, look, talk, deck, pictures, warnings, layout_warnings)


def _lay_out(talk: Talk, pictures: dict[Shown, Picture], look: Look,
             measurer: Measurer | None = None) -> tuple[Deck, list[BuildWarning]]:
    return Layout(look, measurer or Measurer()).deck(talk, pictures)


def _picture_jobs(prepared: Prepared) -> list[tuple[str, Picture, float]]:
    """Each picture once, at the largest size the deck shows it, in order of first use."""
    widest: dict[str, tuple[Picture, float]] = {}
    for placed in prepared.deck.slides:
        for frame in placed.frames:
            if isinstance(frame, PictureFrame) and frame.picture.ok:
                key = frame.picture.key
                if key not in widest or frame.rect.w > widest[key][1]:
                    widest[key] = (frame.picture, frame.rect.w)
    return [(key, picture, width) for key, (picture, width) in widest.items()]


def _encode_pool() -> ThreadPoolExecutor:
    # Pillow decodes, resizes and compresses outside the GIL: pictures encode in parallel,
    # and while the slides are being written.
    return ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))


def _submit_encodes(prepared: Prepared, pool: ThreadPoolExecutor,
                    cache: PictureCache | None = None) -> dict[str, Future | Encoded]:
    """A cached picture is taken as it is (nothing decoded); the rest are encoded a few at
    a time by the pool and stored in the cache."""
    jobs: dict[str, Future | Encoded] = {}
    for key, picture, width in _picture_jobs(prepared):
        stored = None
        if cache is not None and picture.path is not None:
            stored = cache.key(picture.path, target_width(width, prepared.deck.width))
        hit = cache.get(stored) if cache is not None and stored else None
        jobs[key] = hit if hit is not None else pool.submit(
            _encode_and_keep, picture, width, prepared.deck.width, cache, stored)
    return jobs


def _encode_and_keep(picture: Picture, width: float, slide_width: float,
                     cache: PictureCache | None, stored: str | None) -> Encoded | str:
    encoded = encode(picture, width, slide_width)
    if cache is not None and stored and isinstance(encoded, Encoded):
        cache.put(stored, encoded)
    return encoded


def encode_pictures(prepared: Prepared, cache: PictureCache | None = None
                    ) -> dict[str, Encoded | str]:
    with _encode_pool() as pool:
        futures = _submit_encodes(prepared, pool, cache)
        return {key: _result(value) for key, value in futures.items()}


def _result(value: Future | Encoded) -> Encoded | str:
    return value.result() if isinstance(value, Future) else value


def build(note_path: Path, output: Path | None, flags: dict[str, Any], vault: Path | None = None,
          cwd: Path | None = None, cache: PictureCache | None = None,
          on_prepared: Callable[[Prepared], None] | None = None,
          measurer: Measurer | None = None) -> BuildResult:
    """Build one note. `cache` defaults to the user's picture cache; a warm process (watch)
    passes its own so file hashes are remembered between builds (and a Measurer, so fonts
    and measured widths are too), and learns from `on_prepared` which files the deck
    depends on."""
    if cache is None:
        from .pictures.cache import PictureCache

        cache = PictureCache()
    prepared = prepare(note_path, flags, vault, cwd, measurer)
    if on_prepared is not None:
        on_prepared(prepared)
    target = output_path(note_path, output)
    with _encode_pool() as pool:
        futures = _submit_encodes(prepared, pool, cache)
        blob = render_deck(prepared, futures)
        encoded = {key: _result(value) for key, value in futures.items()}
    cache.trim()
    failed = {key: reason for key, reason in encoded.items() if isinstance(reason, str)}
    if failed:  # rare: a picture that probed fine but does not decode; lay out again
        prepared = _without(prepared, failed)
        blob = render_deck(prepared, {k: v for k, v in encoded.items() if k not in failed})
    write_atomically(target, blob, note_path)
    from .render.package import size_warning

    sizes = [(picture.name, len(found.blob)) for key, picture, _ in _picture_jobs(prepared)
             if isinstance(found := encoded.get(key), Encoded)]
    heavy = size_warning(len(blob), sizes)
    if heavy:
        prepared.render_warnings.append(heavy)
    slides = prepared.deck.slides
    return BuildResult(note_path, target, len(slides), sum(s.seconds for s in slides),
                       prepared.talk.minutes, tuple(prepared.warnings),
                       _font_families(prepared.theme), prepared.talk.title,
                       tuple(s.notes for s in slides), prepared.deck.width, prepared.deck.height)


def _font_families(theme: Theme) -> frozenset[str]:
    faces = (theme.heading, theme.body, theme.code, *theme.fallbacks)
    return frozenset(face.name for face in faces if face.regular)


def _without(prepared: Prepared, failed: dict[str, str]) -> Prepared:
    """Pictures that failed to decode become placeholders; lay the deck out again."""
    pictures = {ref: (replace(p, path=None, problem=failed[p.key]) if p.key in failed else p)
                for ref, p in prepared.pictures.items()}
    deck, warnings = _lay_out(prepared.talk, pictures, prepared.look)
    return replace(prepared, pictures=pictures, deck=deck, layout_warnings=warnings)


def render_deck(prepared: Prepared, encoded: Mapping[str, Encoded | str | Future]) -> bytes:
    from .render.container import write_package
    from .render.package import make_portable
    from .render.template import base_for
    from .render.writer import Renderer

    base = base_for(prepared.look)
    renderer = Renderer(base, prepared.look, encoded)
    try:
        renderer.render(prepared.deck)
    except Exception as exc:
        template = prepared.settings.template
        if not base.user_template or template is None:
            raise
        raise DeckgenError(f"cannot use template {template.name}: a part is damaged "
                           f"({type(exc).__name__})", str(template)) from None
    prepared.render_warnings.extend(renderer.warnings)
    make_portable(base.presentation)
    if prepared.settings.target == "google-slides":
        _google_fonts(base, prepared)
    _core_properties(base.presentation, prepared)
    raw = io.BytesIO()
    write_package(base.presentation, raw)
    blob = raw.getvalue()
    if base.user_template:
        _check_reopens(blob, prepared)
    return blob


def _check_reopens(blob: bytes, prepared: Prepared) -> None:
    """A deck made from a user's template is opened again before it is written: a template
    python-pptx could read but not write back faithfully must not leave a deck that fails."""
    from pptx import Presentation

    try:
        reopened = Presentation(io.BytesIO(blob))
        count = len(reopened.slides)
    except Exception as exc:
        count, why = -1, type(exc).__name__
    else:
        why = f"{count} of {len(prepared.deck.slides)} slides came back"
    if count != len(prepared.deck.slides):
        template = prepared.settings.template
        raise DeckgenError(f"cannot use template {template.name if template else ''}: the deck "
                           f"made from it does not reopen ({why})",
                           str(template) if template else None)


def _google_fonts(base, prepared: Prepared) -> None:
    """Google Slides keeps only Google Fonts families: name those of the same designs."""
    from .render.package import rename_fonts
    from .theme import GOOGLE_FAMILIES, GOOGLE_FONTS

    left = rename_fonts(base.presentation, GOOGLE_FONTS, GOOGLE_FAMILIES)
    if left:
        prepared.render_warnings.append(BuildWarning(
            f"not on Google Fonts, Google Slides shows these as Arial: {', '.join(left)}"))


def _core_properties(prs, prepared: Prepared) -> None:
    from datetime import datetime

    props = prs.core_properties
    props.title = _property(prepared.talk.title)
    props.author = _property(prepared.talk.speaker or "")
    props.last_modified_by = "deckgen"
    props.revision = 1
    props.created = props.modified = datetime(2000, 1, 1)
    props.keywords = _property(", ".join(prepared.note.tags), ", ")


def _property(text: str, separator: str = " ") -> str:
    """Core properties hold at most 255 characters (python-pptx refuses more): a long title,
    speaker or tag list is cut at a separator, with an ellipsis."""
    if len(text) <= CORE_PROPERTY_MAX:
        return text
    cut = text[: CORE_PROPERTY_MAX - 1]
    at = cut.rfind(separator)
    return (cut[:at] if at > CORE_PROPERTY_MAX // 2 else cut).rstrip(", ") + "…"


def output_path(note_path: Path, output: Path | None, suffix: str = ".pptx") -> Path:
    """`build/<note>.pptx` by default; `-o` takes a file or a folder."""
    name = note_path.stem + suffix
    if output is None:
        return Path("build") / name
    if output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix:
        return output / name
    return output


def write_atomically(target: Path, blob: bytes, note_path: Path) -> None:
    if target.exists() and note_path.exists() and target.resolve() == note_path.resolve():
        raise DeckgenError("refusing to write the deck over the note itself", str(target))
    if target.suffix.lower() in (".md", ".markdown"):
        raise DeckgenError("refusing to write a deck to a Markdown file name", str(target))
    if (target.exists() or target.is_symlink()) and not _replaceable(target):
        raise DeckgenError("refusing to overwrite a file that is not a deck (-o names an "
                           "existing file); choose another name", str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A short temp name: the target's own name may already be at the file system's limit.
        handle, temp = tempfile.mkstemp(prefix=".deckgen-", suffix=".tmp", dir=target.parent)
    except (OSError, ValueError) as exc:
        raise DeckgenError(f"cannot write to {target.parent} "
                           f"({getattr(exc, 'strerror', None) or exc})", str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:  # Ctrl-C too: never leave the temp file behind
        try:
            os.unlink(temp)
        except OSError:
            pass
        if not isinstance(exc, OSError):
            raise
        raise DeckgenError(f"cannot write the deck ({exc.strerror or exc})", str(target)) from None


def _replaceable(target: Path) -> bool:
    """Only a regular .pptx file (a deck, ours or not) may be replaced by a deck."""
    return (target.suffix.lower() == ".pptx" and target.is_file()
            and not target.is_symlink() and zipfile.is_zipfile(target))
