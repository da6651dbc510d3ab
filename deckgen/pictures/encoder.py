"""Encoding a deck's pictures on a thread pool, while the slides are being written.

Pillow decodes, resizes and compresses outside the GIL, so pictures encode in parallel with
each other and with the writing of the deck (render awaits each picture when it places it).
A picture the cache already holds is taken as it is, nothing decoded; the rest are encoded
and stored in the cache.
"""

from __future__ import annotations

import ctypes
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from .encode import encode
from .model import Encoded, Picture, target_width

if TYPE_CHECKING:
    from .cache import PictureCache

Job = Future | Encoded  # a picture being encoded, or one taken from the cache
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL before a waiting one gets it
MAP_FROM_BYTES = 256 * 1024  # allocations this large get pages of their own (see below)
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)


def _give_back_decode_buffers() -> None:
    """A screenshot decodes into a buffer of 10–20 MB. glibc serves the first from pages of
    its own and returns them on free, but then raises its threshold to that size, so every
    later decode comes from the heap, where freed buffers of two threads interleave with
    the deck's own objects and are never returned: the build's peak grew by the pictures in
    flight each time (measured: 186 → 155 MB on 100 screenshots, no slower). A fixed
    threshold keeps every big buffer in pages of its own. Other C libraries: nothing done."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, MAP_FROM_BYTES)
    except (OSError, AttributeError):
        pass


class PictureEncoder:
    """`with PictureEncoder(cache) as encoder: jobs = encoder.submit(uses, slide_width)`."""

    def __init__(self, cache: PictureCache | None = None):
        _give_back_decode_buffers()
        self.cache = cache
        self._pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))
        self._early: dict[tuple[str, int], Future] = {}  # (key, pixels wide) → started

    def start(self, picture: Picture, width: float, slide_width: float) -> None:
        """Begin encoding `picture` for a use `width` points wide as soon as layout has placed
        it, while the rest of the deck is laid out (`submit` takes the job over when the deck
        shows it at that width; a wider use found later is encoded at its own width)."""
        if not picture.ok:
            return
        target = target_width(width, slide_width)
        if (picture.key, target) in self._early:
            return
        stored = self._stored(picture, width, slide_width)
        if stored is not None and self.cache is not None and self.cache.has(stored):
            return  # taken from the cache by `submit`, nothing to encode
        self._early[(picture.key, target)] = self._pool.submit(
            self._encode_and_keep, picture, width, slide_width, stored)

    def _stored(self, picture: Picture, width: float, slide_width: float) -> str | None:
        if self.cache is None or picture.path is None:
            return None
        return self.cache.key(picture.path, target_width(width, slide_width))

    def __enter__(self) -> PictureEncoder:
        # Pillow decodes and resizes without the GIL, but each picture takes it back dozens
        # of times between those steps (reading chunks, the next call), and a thread asking
        # for it waits until the holder's switch interval ends: 5 ms by default. With the
        # main thread busy writing the deck, that waiting made encoding 2.5× slower
        # (measured: 8 screenshots 2.45 s → 0.96 s beside a busy thread, which kept its pace).
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        return self

    def __exit__(self, *_exc) -> None:
        try:
            self._pool.shutdown(wait=True)
        finally:
            sys.setswitchinterval(self._switch)

    def submit(self, uses: list[tuple[Picture, float]], slide_width: float) -> dict[str, Job]:
        """A job per picture (by `Picture.key`), each at the largest width it is shown at."""
        jobs: dict[str, Job] = {}
        for picture, width in uses:
            started = self._early.get((picture.key, target_width(width, slide_width)))
            if started is not None:
                jobs[picture.key] = started
                continue
            stored = self._stored(picture, width, slide_width)
            hit = self.cache.get(stored, in_memory=False) \
                if self.cache is not None and stored else None
            jobs[picture.key] = hit if hit is not None else self._pool.submit(
                self._encode_and_keep, picture, width, slide_width, stored)
        return jobs

    def _encode_and_keep(self, picture: Picture, width: float, slide_width: float,
                         stored: str | None) -> Encoded | str:
        encoded = encode(picture, width, slide_width)
        if self.cache is not None and stored and isinstance(encoded, Encoded):
            return self.cache.put(stored, encoded)  # from now on, read from the cache
        return encoded


def results(jobs: dict[str, Job]) -> dict[str, Encoded | str]:
    """Every job's bytes, or the reason it could not be encoded."""
    return {key: job.result() if isinstance(job, Future) else job for key, job in jobs.items()}


def with_problems(pictures: dict, failed: dict[str, str]) -> dict:
    """The pictures, those that failed to decode now placeholders with the reason."""
    return {ref: (replace(p, path=None, problem=failed[p.key]) if p.key in failed else p)
            for ref, p in pictures.items()}
