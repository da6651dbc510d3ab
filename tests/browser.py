"""Headless Chromium for the page tests: Debian's `chromium`, driven by Playwright (no
browser download). Tests using it carry the `browser` marker and skip where it is absent."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

try:
    import playwright.sync_api  # noqa: F401
    _HAVE_PLAYWRIGHT = True
except ImportError:  # pragma: no cover - CI installs it with the test extra
    _HAVE_PLAYWRIGHT = False

requires_browser = pytest.mark.skipif(
    CHROMIUM is None or not _HAVE_PLAYWRIGHT,
    reason="headless Chromium (Debian's chromium) or Playwright is not installed; "
           "CI installs both via .ci/run")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
