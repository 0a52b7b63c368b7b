"""Theming the widget from the host page, as docs/embedding.md documents it: --chat-* custom
properties on its host element, ::part() names, the corner, the launcher's label, the dark
scheme and a launcher icon of one's own; each example renders as documented and axe-core
finds no serious issue (colour contrast included) with the panel open and a chat going.
WIDGET_SCREENSHOTS=docs writes each example's screenshot for docs/embedding.md."""

import os

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import snippet
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, PHONE, chromium, needs_chromium, say, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.png_pixels import rgb_rows

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
# docs/embedding.md's icon: a round bubble with three dots cut out
CHAT_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill-rule="evenodd" d="'
    "M12 2a10 10 0 1 1 0 20a10 10 0 1 1 0-20zM7 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z"
    'M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM17 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z"/></svg>'
)
ICON = """
[data-connect-chat-starter]::part(launcher-icon) {
  fill: none; background: currentColor;
  mask: url("/chat-icon.svg") center / contain no-repeat; }
"""
EXAMPLES = {
    "brand-left": (BRAND, {"position": "left", "label": "Help"}),
    "dark": ("", {"theme": "dark"}),
    "launcher-icon": (ICON, {}),
}
SCREENSHOTS = os.environ.get("WIDGET_SCREENSHOTS")


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


def style(locator, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


def drawn_in_text_colour(launcher, *, at: tuple[float, float]) -> bool:
    """Whether the launcher's icon is drawn (in white, --chat-on-accent) at that fraction of
    its box, rather than showing the accent behind it."""
    rows = rgb_rows(launcher.locator("svg").screenshot())
    red, green, blue = rows[int(at[1] * len(rows))][int(at[0] * len(rows[0]))]
    return min(red, green, blue) > 200


def the_widget(page) -> dict[str, float]:
    """The launcher and the open panel's box on the page, with a margin: a screenshot's clip."""
    box = page.evaluate(
        """() => {
          const root = document.querySelector("[data-connect-chat-starter]").shadowRoot;
          const boxes = [...root.querySelectorAll(".launcher, .chat-panel")]
            .map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0);
          const left = Math.min(...boxes.map((b) => b.left));
          const top = Math.min(...boxes.map((b) => b.top));
          const right = Math.max(...boxes.map((b) => b.right));
          const bottom = Math.max(...boxes.map((b) => b.bottom));
          return { x: left, y: top, width: right - left, height: bottom - top };
        }"""
    )
    margin = 24
    x, y = max(box["x"] - margin, 0), max(box["y"] - margin, 0)
    return {
        "x": x,
        "y": y,
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }


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
        page.route(
            f"{HOST}/chat-icon.svg",
            lambda route: route.fulfill(body=CHAT_ICON, content_type="image/svg+xml"),
        )
        page.goto(f"{HOST}/")
        launcher = page.get_by_role("button", name=options.get("label", "Chat with us"))
        expect(launcher).to_be_visible(timeout=15_000)
        if example == "launcher-icon":
            icon_drawn(launcher)  # the loader's launcher
        if example == "brand-left":
            assert style(launcher, "background-color") == "rgb(10, 107, 53)"
            assert style(launcher, "border-radius") == "6px", "::part(launcher)"
            assert launcher.bounding_box()["x"] == 32, "left, 2rem in"
        launcher.click()
        panel = page.get_by_role("dialog")
        if example == "brand-left":
            assert style(panel, "border-radius") == "4px"
            assert "Georgia" in style(panel, "font-family")
        elif example == "dark":
            assert style(panel, "background-color") == "rgb(29, 36, 51)", "dark surface"
        say(page, start_chat(page), "Hello")
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            assert axe_violations(page) == [], viewport
        if example == "launcher-icon":
            icon_drawn(page.locator("[data-connect-chat-starter]").locator(".launcher"))
        page.screenshot(
            path=os.path.join(SCREENSHOTS or tmp_path, f"widget-theme-{example}.png"),
            clip=the_widget(page),
        )


def icon_drawn(launcher) -> None:
    """chat-icon.svg, not the default bubble nor a plain square: its dots are cut out of it,
    its round edge leaves the corners, and it reaches lower than the bubble does."""
    assert not drawn_in_text_colour(launcher, at=(0.5, 0.5)), "the middle dot is cut out"
    assert not drawn_in_text_colour(launcher, at=(0.06, 0.06)), "round: not in the corner"
    assert drawn_in_text_colour(launcher, at=(0.5, 0.25)), "above the dots"
    assert drawn_in_text_colour(launcher, at=(0.5, 0.85)), "below the dots"
