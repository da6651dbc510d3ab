"""pictures.encoder: a deck's pictures encoded on a thread pool, the cache taken first."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from deckgen.pictures.cache import PictureCache
from deckgen.pictures.encoder import PictureEncoder, results, with_problems
from deckgen.pictures.model import Encoded, Picture, target_width

from conftest import png

SLIDE = 960.0


def picture(path: Path, width: int = 800, height: int = 450) -> Picture:
    return Picture(path.name, width, height, path)


def test_every_picture_gets_a_job_by_its_key_and_results_waits_for_them(tmp_path: Path):
    a = picture(png(tmp_path / "a.png", (800, 450), (200, 0, 0)))
    b = picture(png(tmp_path / "b.png", (800, 450), (0, 200, 0)))
    with PictureEncoder(PictureCache(tmp_path / "cache")) as encoder:
        jobs = encoder.submit([(a, 400.0), (b, 960.0)], SLIDE)
        done = results(jobs)
    assert set(jobs) == {a.key, b.key}
    assert all(isinstance(job, Future) for job in jobs.values())  # nothing cached yet
    assert done[a.key] == Encoded(a.path.read_bytes(), "png")


def test_an_encoded_picture_is_kept_and_the_next_build_decodes_nothing(tmp_path: Path):
    cache = PictureCache(tmp_path / "cache")
    path = png(tmp_path / "그림.png", (800, 450))
    with PictureEncoder(cache) as encoder:
        first = results(encoder.submit([(picture(path), 600.0)], SLIDE))[str(path)]
    path.write_bytes(path.read_bytes())  # written again: same content, so the same entry
    with PictureEncoder(cache) as encoder:
        jobs = encoder.submit([(picture(path), 600.0)], SLIDE)
    assert jobs[str(path)] == first and not isinstance(jobs[str(path)], Future)


def test_a_cache_hit_is_taken_as_stored_without_opening_the_picture(tmp_path: Path):
    cache = PictureCache(tmp_path / "cache")
    path = tmp_path / "not really a picture.png"
    path.write_bytes(b"these bytes do not decode")
    stored = Encoded(b"stored bytes", "jpg")
    cache.put(cache.key(path, target_width(300.0, SLIDE)), stored)
    with PictureEncoder(cache) as encoder:
        jobs = encoder.submit([(picture(path), 300.0)], SLIDE)
    assert jobs[str(path)] == stored  # not a job: the stored bytes themselves


def test_another_width_is_another_cache_entry(tmp_path: Path):
    cache = PictureCache(tmp_path / "cache")
    path = png(tmp_path / "그림.png", (800, 450))
    with PictureEncoder(cache) as encoder:
        results(encoder.submit([(picture(path), 600.0)], SLIDE))
    with PictureEncoder(cache) as encoder:
        jobs = encoder.submit([(picture(path), 100.0)], SLIDE)
    assert isinstance(jobs[str(path)], Future)


def test_without_a_cache_every_picture_is_encoded(tmp_path: Path):
    path = png(tmp_path / "그림.png", (800, 450))
    with PictureEncoder() as encoder:
        jobs = encoder.submit([(picture(path), 600.0)], SLIDE)
        assert isinstance(jobs[str(path)], Future)
        assert results(jobs)[str(path)].extension == "png"


def test_a_picture_that_fails_to_decode_is_its_reason_and_is_not_cached(tmp_path: Path):
    cache = PictureCache(tmp_path / "cache")
    path = tmp_path / "깨진.png"
    path.write_bytes(png(tmp_path / "whole.png", (800, 450)).read_bytes()[:60])
    with PictureEncoder(cache) as encoder:
        done = results(encoder.submit([(picture(path), 600.0)], SLIDE))
    assert done[str(path)] == "damaged image (could not be decoded)"
    assert cache.info().entries == 0


def test_with_problems_turns_the_failed_pictures_into_placeholders_only(tmp_path: Path):
    good = picture(tmp_path / "good.png")
    bad = picture(tmp_path / "bad.png")
    pictures = {"ref good": good, "ref bad": bad}
    changed = with_problems(pictures, {bad.key: "damaged image (could not be decoded)"})
    assert changed["ref good"] is good
    assert changed["ref bad"].problem == "damaged image (could not be decoded)"
    assert changed["ref bad"].path is None and changed["ref bad"].name == "bad.png"
    assert not changed["ref bad"].ok and pictures["ref bad"].ok  # the input is left alone


def test_a_picture_started_during_layout_is_the_job_the_deck_takes(tmp_path: Path):
    """`start` (layout has just placed it) begins the encode; `submit` for the same width
    takes that very job instead of encoding again; a wider use is its own job."""
    a = picture(png(tmp_path / "화면.png", (2400, 1350), (10, 120, 200)), 2400, 1350)
    with PictureEncoder(PictureCache(tmp_path / "cache")) as encoder:
        encoder.start(a, 400.0, SLIDE)
        started = encoder._early[(a.key, target_width(400.0, SLIDE))]
        assert encoder.submit([(a, 400.0)], SLIDE)[a.key] is started
        wider = encoder.submit([(a, 900.0)], SLIDE)[a.key]
        assert wider is not started and isinstance(wider, Future)
        results({"a": started, "b": wider})


def test_a_cached_picture_is_not_started_again(tmp_path: Path):
    cache = PictureCache(tmp_path / "cache")
    a = picture(png(tmp_path / "shot.png", (2400, 1350)), 2400, 1350)
    with PictureEncoder(cache) as encoder:
        results(encoder.submit([(a, 500.0)], SLIDE))
    with PictureEncoder(cache) as encoder:
        encoder.start(a, 500.0, SLIDE)
        assert not encoder._early
        assert isinstance(encoder.submit([(a, 500.0)], SLIDE)[a.key], Encoded)


def test_layout_tells_of_every_picture_it_places_at_the_width_the_deck_shows_it():
    """The deck's pictures reach the encoder as layout places them, before the deck is done:
    each at the width `picture_uses` asks for in the end (ko and en notes)."""
    from deckgen.build import prepare
    from deckgen.layout import picture_uses

    from conftest import FIXTURES

    for name in ("images_split.md", "groups_code_en.md", "cards.md"):
        heard: list[tuple[str, float, float]] = []
        prepared = prepare(FIXTURES / name, {}, vault=FIXTURES,
                           placed=lambda p, w, s, heard=heard: heard.append((p.key, w, s)))
        uses = picture_uses(prepared.deck)
        assert uses, name
        for shown, width in uses:
            assert (shown.key, width, prepared.deck.width) in heard, (name, shown.name)


def test_with_a_cache_the_deck_holds_its_pictures_in_the_cache_not_in_memory(tmp_path: Path):
    """Encoded or taken from the cache, a picture is held as its entry and read again when
    the deck is zipped; the bytes are the same either way."""
    cache = PictureCache(tmp_path / "cache")
    a = picture(png(tmp_path / "화면.png", (2400, 1350), (30, 60, 90)), 2400, 1350)
    with PictureEncoder(None) as encoder:
        plain = results(encoder.submit([(a, 500.0)], SLIDE))[a.key]
    for _ in range(2):  # encoded, then a hit
        with PictureEncoder(cache) as encoder:
            held = results(encoder.submit([(a, 500.0)], SLIDE))[a.key]
        assert isinstance(held, Encoded) and held.stored is not None and held.data == b""
        assert held.blob == plain.blob and held == plain


def test_an_entry_removed_during_the_build_stops_it_with_one_line(tmp_path: Path):
    import pytest

    from deckgen.errors import DeckgenError

    cache = PictureCache(tmp_path / "cache")
    a = picture(png(tmp_path / "shot.png", (2400, 1350)), 2400, 1350)
    with PictureEncoder(cache) as encoder:
        held = results(encoder.submit([(a, 500.0)], SLIDE))[a.key]
    assert held.stored is not None
    cache.clear()
    with pytest.raises(DeckgenError, match="picture cache"):
        _ = held.blob
