"""Every state of a chat, visibly (issue 33), in page and widget at 320, 390 and 1280 px:
connecting (announced politely), waiting for an agent (with the time waited), the agent's
name once they join (the widget's launcher then reading "Close chat", and counting unread
messages while closed), reconnecting (announced politely, the composer still usable), and
the end (the composer gone, with Attach and End chat: "Chat ended" and "Start a new chat"),
each axe-core clean in the light scheme and the dark one. CHAT_STATE_SCREENSHOTS=docs also
saves each state, cropped to the chat, as docs/states/<surface>-<state>-<width>-<scheme>.png
(docs/states.md shows them)."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import chromium, end_chat, needs_chromium, say, scrolls_sideways
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import STORAGE, open_surface

pytestmark = needs_chromium
WIDTHS = (320, 390, 1280)
# Set to a folder (docs) to also save every state's screenshots in its states/.
SCREENSHOTS = os.environ.get("CHAT_STATE_SCREENSHOTS")
# The chat's own background in each scheme: the page's column, the widget's panel, and its
# launcher (the widget follows the visitor's scheme with theme "auto").
BACKGROUNDS = {
    "light": {"chat": "rgb(255, 255, 255)", "launcher": "rgb(36, 88, 214)"},
    "dark": {"chat": "rgb(29, 36, 51)", "launcher": "rgb(143, 178, 255)"},
}
MARGIN = 12  # px of what is around the chat kept in a screenshot
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
    running = start_stack("--agent-delay", "5")  # time to see the wait in both schemes
    yield running
    running.stop()


def background(locator) -> str:
    return str(locator.evaluate("e => getComputedStyle(e).backgroundColor"))


def chat_region(page, surface: str, state: str) -> dict[str, float]:
    """Where the chat is, with a margin: the page's column; the widget's open panel and
    its launcher, or the launcher alone when the panel is closed."""
    if surface == "page":
        parts = [page.locator("main.chat")]
    elif state == "unread":
        parts = [page.locator(".launcher")]
    else:
        parts = [page.locator(".chat-panel"), page.locator(".launcher")]
    boxes = [box for box in (part.bounding_box() for part in parts) if box]
    assert boxes, state
    scrolled = page.evaluate("window.scrollY")
    size = page.viewport_size
    left = max(0, min(b["x"] for b in boxes) - MARGIN)
    top = max(0, min(b["y"] for b in boxes) - MARGIN + scrolled)
    right = min(size["width"], max(b["x"] + b["width"] for b in boxes) + MARGIN)
    bottom = max(b["y"] + b["height"] for b in boxes) + MARGIN + scrolled
    if surface == "widget":
        bottom = min(size["height"], bottom)
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def seen(page, surface: str, state: str, width: int) -> None:
    """The state in the light scheme and the dark one: the chat in that scheme's colours,
    axe-core clean; with CHAT_STATE_SCREENSHOTS, saved cropped to the chat."""
    shown = page.locator(
        "main.chat" if surface == "page" else ".launcher" if state == "unread" else ".chat-panel"
    )
    for scheme, colours in BACKGROUNDS.items():
        page.emulate_media(color_scheme=scheme)
        expected = colours["launcher" if state == "unread" else "chat"]
        assert background(shown) == expected, f"{state}, {scheme}"
        assert axe_violations(page) == [], f"{state}, {scheme}"
        if SCREENSHOTS:
            folder = Path(SCREENSHOTS) / "states"
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(folder / f"{surface}-{state}-{width}-{scheme}.png"),
                type="png",
                clip=chat_region(page, surface, state),
                full_page=True,
                animations="disabled",
                caret="hide",
            )
    page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("surface", ["page", "widget"])
def test_each_state_is_shown(stack, surface, width):
    with chromium() as browser:
        page = open_surface(
            browser,
            stack,
            surface,
            width,
            init={"theme": "auto"},  # the widget in the visitor's scheme, as the page is
            device_scale_factor=1,
        )
        page.get_by_label("Your name").wait_for()
        seen(page, surface, "prechat", width)
        assert page.evaluate(RECORD_CONNECTING) == "status", "announced politely"
        held = []  # the start, kept waiting so the connecting state can be looked at

        def hold_start(route) -> None:
            if route.request.method == "POST":
                held.append(route)
            else:
                route.continue_()

        page.route(lambda url: url.startswith(stack.start_chat_url), hold_start)
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.locator("#connecting")).to_have_text("Connecting you…")
        for _ in range(50):  # the start request reaches Playwright's hands
            if held:
                break
            page.wait_for_timeout(100)
        assert len(held) == 1, "one start, held"
        seen(page, surface, "connecting", width)
        held[0].continue_()

        presence = page.locator("#presence")
        expect(presence).to_have_text("Waiting for an agent to join", timeout=10_000)
        expect(page.locator("#waited")).to_have_text(re.compile(r"^0:0\d$"))
        assert "Connecting you…" in page.evaluate("window.__connecting")
        expect(page.locator("#connecting")).to_have_text("")
        box = page.get_by_role("textbox", name="Message")
        assert box.evaluate("e => !e.value && e.scrollHeight <= e.clientHeight"), (
            "the placeholder on one line, not half of a second one"
        )
        seen(page, surface, "waiting", width)
        expect(presence).to_have_text("Waiting for an agent to join")  # what was seen
        assert not scrolls_sideways(page)

        expect(presence).to_have_text("Chatting with Local Agent", timeout=15_000)
        expect(page.locator("#waited")).to_have_text("")
        expect(presence).to_be_visible()
        say(page, page.locator("ol.messages"), "Hello")  # one message each way
        seen(page, surface, "agent", width)

        page.context.set_offline(True)  # test_reconnecting.py: what is typed meanwhile
        reconnecting = page.get_by_role("status").filter(has_text="Reconnecting…")
        expect(reconnecting).to_be_visible()
        expect(page.get_by_role("textbox", name="Message")).to_be_enabled()
        seen(page, surface, "reconnecting", width)
        assert not scrolls_sideways(page)
        page.context.set_offline(False)
        expect(reconnecting).to_have_count(0)

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
            expect(launcher).to_have_accessible_name("Chat with us 1")  # the count in its name
            seen(page, surface, "unread", width)
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
        seen(page, surface, "ended", width)
        assert not scrolls_sideways(page)
