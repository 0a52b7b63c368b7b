"""Headless Chromium for the browser tests, and the checks every page gets: axe-core and no
horizontal scrolling. The browser: $CHROMIUM if set, else Debian's `chromium` (Playwright
cannot download one here), else Playwright's own (`playwright install chromium`: GitHub's
runners, which have no /usr/bin/chromium). Under CI a missing browser fails, never skips."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT


def find_chromium() -> str | None:
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.executable_path
    except Exception:  # no driver, or a driver without a browser: none of its own
        return None
    return own if Path(own).exists() else None


CHROMIUM = find_chromium()
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
MISSING = "needs Chromium: `apt-get install chromium` (Debian) or `playwright install chromium`"
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError(f"CI runs every browser test: {MISSING}")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=MISSING)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # A page Playwright serves itself has no address space, so Local Network Access would
    # block its calls to 127.0.0.1; a real page on localhost is loopback and is not.
    "--disable-features=LocalNetworkAccessChecks",
]
# An init script (it runs through DevTools, so a page's CSP does not refuse it) that keeps
# every Content-Security-Policy violation in window.__csp.
RECORD_VIOLATIONS = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def hosted_page_url(stack: Any) -> str:
    """The chat page as the CDN publishes it, beside the widget."""
    return str(stack.widget_url).removesuffix("widget.js")


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def serious_accessibility_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now (shadow DOM too).
    axe is evaluated through DevTools, not added as a <script>: a page's strict CSP would
    refuse that (and count a violation)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")
    found = page.evaluate("async () => (await axe.run()).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def scrolls_sideways(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))


# What start_chat reads and waits for, in each language the chat speaks.
START_WORDS = {
    "en": ("Your name", "Start chat", "Local Agent joined"),
    "es": ("Tu nombre", "Iniciar chat", "Local Agent se ha unido"),
}


def start_chat(page: Any, name: str = "Ada", *, language: str = "en") -> Any:
    """Fills the pre-chat form (page or widget), starts, waits for the local agent; returns
    the message list."""
    from playwright.sync_api import expect

    your_name, start, joined = START_WORDS[language]
    page.get_by_label(your_name).fill(name)
    page.get_by_role("button", name=start).click()
    messages = page.locator("ol.messages")
    expect(messages).to_contain_text(joined, timeout=15_000)
    return messages


def say(page: Any, messages: Any, text: str) -> None:
    """Sends `text` with Enter and waits for the local agent's echo."""
    from playwright.sync_api import expect

    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")
    expect(messages).to_contain_text(f"You said: {text}", timeout=10_000)


def end_chat(page: Any) -> None:
    """End chat, then its confirmation (one stray tap must not end a chat)."""
    page.get_by_role("button", name="End chat").click()
    page.get_by_role("button", name="Yes, end the chat").click()
