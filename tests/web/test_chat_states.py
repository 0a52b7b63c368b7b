"""Every state of a chat, visibly (issue 33), in page and widget at 320, 390 and 1280 px:
connecting (announced politely), waiting for an agent (with the time waited), the agent's
name once they join (the widget's launcher then reading "Close chat", and counting unread
messages while closed), and the end (the composer gone, with Attach and End chat: "Chat
ended" and "Start a new chat"), each axe-core clean."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import chromium, end_chat, needs_chromium, scrolls_sideways
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import STORAGE, open_surface

pytestmark = needs_chromium
WIDTHS = (320, 390, 1280)
# Every text #connecting showed (it is a live region while the start is under way).
RECORD_CONNECTING = """() => {
  const host = document.querySelector("[data-connect-chat-starter]");
  const node = (host ? host.shadowRoot : document).getElementById("connecting");
  window.__connecting = [];
  new MutationObserver(() => window.__connecting.push(node.textContent))
    .observe(node, { childList: true, characterData: true, subtree: true });
  return node.getAttribute("role");
}"""


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "2")
    yield running
    running.stop()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("surface", ["page", "widget"])
def test_each_state_is_shown(stack, surface, width):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "phone" if width < 480 else "desktop")
        page.set_viewport_size({"width": width, "height": 740})
        page.get_by_label("Your name").wait_for()
        assert page.evaluate(RECORD_CONNECTING) == "status", "announced politely"
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()

        presence = page.locator("#presence")
        expect(presence).to_have_text("Waiting for an agent to join", timeout=10_000)
        expect(page.locator("#waited")).to_have_text(re.compile(r"^0:0\d$"))
        assert "Connecting you…" in page.evaluate("window.__connecting")
        expect(page.locator("#connecting")).to_have_text("")
        assert axe_violations(page) == [], "waiting"
        assert not scrolls_sideways(page)

        expect(presence).to_have_text("Chatting with Local Agent", timeout=15_000)
        expect(page.locator("#waited")).to_have_text("")
        expect(presence).to_be_visible()
        assert axe_violations(page) == [], "agent present"

        if surface == "widget":  # the launcher closes what it opened
            launcher = page.locator(".launcher")
            expect(launcher).to_have_attribute("aria-expanded", "true")
            expect(launcher).to_have_accessible_name("Close chat")
            if width < 480:  # the panel is the whole screen: its own Close button closes it
                page.get_by_role("button", name="Close chat window").click()
            else:
                launcher.click()
            expect(launcher).to_have_accessible_name("Chat with us")
            chat = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE['widget']}')"))
            stack.control(f"contacts/{chat['contactId']}/items", body={"Content": "Still there?"})
            expect(launcher.locator(".unread")).to_have_text("1")  # while closed
            launcher.click()
            expect(launcher.locator(".unread")).to_be_hidden()

        end_chat(page)
        expect(page.locator("#endedNote")).to_have_text("Chat ended")
        expect(page.locator("#endedNote")).to_be_visible()
        expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
        for gone in ("End chat", "Attach a file", "Send", "Notify me of new messages"):
            expect(page.get_by_role("button", name=gone)).to_be_hidden()
        expect(page.get_by_role("textbox", name="Message")).to_be_hidden()
        expect(presence).to_be_hidden()
        assert axe_violations(page) == [], "ended"
        assert not scrolls_sideways(page)
