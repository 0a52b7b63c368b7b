"""widget.js embedded with one tag in a host page on another allowed origin
(http://localhost:5173, served by Playwright itself) whose CSS is hostile: launcher, chat,
typing, reload-resume, end, new chat; no CSS leaks either way; axe-core at both widths."""

import os

import pytest

from tests.local_stack import start_stack
from tests.web.browser import (
    DESKTOP,
    PHONE,
    chromium,
    end_chat,
    needs_chromium,
    say,
    scrolls_sideways,
    start_chat,
)
from tests.web.browser import serious_accessibility_violations as axe_violations

pytestmark = needs_chromium
HOST = "http://localhost:5173"
# Set to a folder to also save the phone and desktop screenshots there (the README's).
SCREENSHOTS = os.environ.get("WIDGET_SCREENSHOTS")
HOSTILE_CSS = (
    "* { font-family: serif !important; }"
    " button { background: rgb(255, 0, 0) !important; font-size: 40px !important; }"
    " .launcher, .panel, #panel { display: none !important; }"
)


def host_page(stack) -> str:
    base = stack.start_chat_url.removesuffix("chat")
    return f"""<!doctype html><html lang="en"><head><title>Shop</title>
<style>{HOSTILE_CSS}</style></head>
<body><main><h1>A shop</h1><button class="host">Host button</button></main>
<script src="{base}widget.js" data-start-chat-url="{stack.start_chat_url}"
  data-region="{stack.region}" data-participant-endpoint="{stack.aws_endpoint}"></script>
</body></html>"""


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


@pytest.fixture
def page(stack):
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        html = host_page(stack)
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(f"{HOST}/")
        yield page
        assert errors == [], errors


def style(locator, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


def test_one_tag_gives_a_launcher_and_a_whole_chat(page, tmp_path):
    from playwright.sync_api import expect

    launcher = page.get_by_role("button", name="Chat with us")
    expect(launcher).to_be_visible(timeout=15_000)
    assert style(launcher, "background-color") == "rgb(36, 88, 214)", "host CSS leaked in"
    host_button = page.locator("button.host")
    assert style(host_button, "background-color") == "rgb(255, 0, 0)", "widget CSS leaked out"
    assert style(host_button, "font-size") == "40px"

    launcher.click()
    open_launcher = page.get_by_role("button", name="Close chat", exact=True)
    expect(open_launcher).to_have_attribute("aria-expanded", "true")  # it reads "Close chat"
    say(page, start_chat(page), "Where is my order?")
    for viewport, name in ((PHONE, "widget-phone.png"), (DESKTOP, "widget-desktop.png")):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], viewport
        assert not scrolls_sideways(page)
        page.screenshot(path=str(tmp_path / name))
        if SCREENSHOTS:
            page.screenshot(path=os.path.join(SCREENSHOTS, name))

    page.reload()  # the chat goes on after a reload, panel open, what was said shown
    expect(page.get_by_role("list", name="Messages")).to_contain_text(
        "You said: Where is my order?", timeout=15_000
    )
    end_chat(page)
    expect(page.get_by_role("button", name="Send")).to_be_hidden(timeout=10_000)
    page.get_by_role("button", name="Start a new chat").click()
    expect(page.get_by_label("Your name")).to_have_value("Ada")
    page.get_by_role("button", name="Close chat window").click()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_the_closed_launcher_fits_a_small_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Chat with us")).to_be_visible(timeout=15_000)
    assert not scrolls_sideways(page)
    page.get_by_role("button", name="Chat with us").click()
    assert not scrolls_sideways(page)
    assert axe_violations(page) == []
