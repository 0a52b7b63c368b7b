"""Theming the widget from the host page, as docs/embedding.md documents it: --chat-* custom
properties on its host element, ::part() names, the corner, the launcher's label and the
dark scheme; each example renders as documented and axe-core finds no serious issue
(colour contrast included) with the panel open and a chat going."""

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import snippet
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, PHONE, chromium, needs_chromium, say, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations

pytestmark = needs_chromium
HOST = "http://localhost:5173"
STUB = (
    "window.connectChat = window.connectChat || function () {"
    " (connectChat.q = connectChat.q || []).push(arguments); };"
)
BRAND = """
[data-connect-chat-starter] { --chat-accent: #0a6b35; --chat-offset-x: 2rem; --chat-radius: 4px;
  --chat-font: Georgia, serif; }
[data-connect-chat-starter]::part(launcher) { border-radius: 6px; }
"""
EXAMPLES = {
    "brand-left": (BRAND, {"position": "left", "label": "Help"}),
    "dark": ("", {"theme": "dark"}),
}


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


def style(locator, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


@pytest.mark.parametrize("example", EXAMPLES, ids=list(EXAMPLES))
def test_a_documented_theme_renders_as_documented_and_stays_accessible(stack, example, tmp_path):
    css, options = EXAMPLES[example]
    html = (
        f'<!doctype html><html lang="en"><head><title>Shop</title><style>{css}</style></head>'
        f"<body><main><h1>Shop</h1></main><script>{STUB} connectChat('init', {options!r});"
        f"</script>{snippet(stack.widget_url)}</body></html>"
    )
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(f"{HOST}/")
        launcher = page.get_by_role("button", name=options.get("label", "Chat with us"))
        expect(launcher).to_be_visible(timeout=15_000)
        if example == "brand-left":
            assert style(launcher, "background-color") == "rgb(10, 107, 53)"
            assert style(launcher, "border-radius") == "6px", "::part(launcher)"
            assert launcher.bounding_box()["x"] == 32, "left, 2rem in"
        launcher.click()
        panel = page.get_by_role("dialog")
        if example == "brand-left":
            assert style(panel, "border-radius") == "4px"
            assert "Georgia" in style(panel, "font-family")
        else:
            assert style(panel, "background-color") == "rgb(29, 36, 51)", "dark surface"
        say(page, start_chat(page), "Hello")
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            assert axe_violations(page) == [], viewport
        page.screenshot(path=str(tmp_path / f"widget-{example}.png"))
