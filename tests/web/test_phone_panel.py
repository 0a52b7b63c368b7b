"""The widget on a phone (issue 33): under 480 px the open panel is the whole screen, its
message list the only thing that scrolls, and every control in view at 320 px, in each state."""

import pytest
from playwright.sync_api import expect

from tests.web.browser import chromium, end_chat, needs_chromium, say
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import open_surface

pytestmark = needs_chromium
PANEL = """() => {
  const root = document.querySelector("[data-connect-chat-starter]").shadowRoot;
  const panel = root.querySelector(".chat-panel").getBoundingClientRect();
  const scrolls = root.querySelector(".chat-panel");
  return { top: panel.top, left: panel.left, width: panel.width, height: panel.height,
           nested: scrolls.scrollHeight > scrolls.clientHeight + 1 };
}"""


def in_view(page, name: str, height: int) -> None:
    box = page.get_by_role("button", name=name, exact=True).bounding_box()
    assert box is not None, name
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= height, name


@pytest.mark.parametrize("size", [(320, 568), (390, 844)])
def test_the_open_panel_is_the_whole_phone_screen(stack, size):
    width, height = size
    with chromium() as browser:
        page = open_surface(browser, stack, "widget", "phone")
        page.set_viewport_size({"width": width, "height": height})
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        messages = page.locator("ol.messages")
        expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
        for n in range(8):  # more than a screen of conversation
            say(page, messages, f"question number {n} about my order")
        panel = page.evaluate(PANEL)
        assert (panel["top"], panel["left"]) == (0, 0)
        assert (panel["width"], panel["height"]) == (width, height)
        assert not panel["nested"], "only the message list scrolls"
        first = messages.locator("li").first.bounding_box()
        assert first is not None
        assert first["height"] < 80, "each message as tall as its text, not stretched"
        for name in ("Send", "End chat", "Close chat window"):
            in_view(page, name, height)
        assert axe_violations(page) == []
        end_chat(page)
        expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
        in_view(page, "Start a new chat", height)
        assert not page.evaluate(PANEL)["nested"]
