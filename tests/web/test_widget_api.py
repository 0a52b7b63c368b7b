"""The widget's public API as a host page on another origin (http://localhost:5173) uses it:
calls queued by the stub before the CDN tag are replayed; open, close, toggle, startChat
(name and attributes), endChat, on/off and destroy each do what they say, and the page hears
ready, open, close, chat-started, message, unread, chat-ended and error; launch options (no
launcher, open on load, a signed-in name); a snippet run again after a body swap (Turbo,
HTMX) mounts the widget again, with the chat going on."""

import json

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import snippet
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, chromium, needs_chromium, say

pytestmark = needs_chromium
HOST = "http://localhost:5173"
STUB = (
    "window.connectChat = window.connectChat || function () {"
    " (connectChat.q = connectChat.q || []).push(arguments); };"
)
# Every event, as the page hears it: [name, detail] in window.__events.
LISTEN = """
window.__events = [];
const names = [
  "ready", "open", "close", "chat-started", "message", "unread", "chat-ended", "error",
];
for (const name of names) {
  const handler = (detail) => window.__events.push([name, detail]);
  if (name === "message") window.__onMessage = handler;
  connectChat("on", name, handler);
}
"""


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.3")
    yield running
    running.stop()


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


def host_page(browser, stack, before_tag: str, errors: list[str]):
    page = browser.new_page(viewport=DESKTOP)
    page.on("pageerror", lambda error: errors.append(str(error)))
    html = (
        '<!doctype html><html lang="en"><head><title>Shop</title></head><body>'
        f"<main><h1>Shop</h1><button id='help'>Help</button></main>"
        f"<script>{STUB}{LISTEN}{before_tag}</script>{snippet(stack.widget_url)}</body></html>"
    )
    page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{HOST}/")
    page.wait_for_function("window.__events.some(([name]) => name === 'ready')", timeout=15_000)
    return page


def events(page, name: str | None = None) -> list:
    found = page.evaluate("window.__events")
    return [detail for event, detail in found if event == name] if name else found


def call(page, *args) -> None:
    page.evaluate("(args) => connectChat(...args)", list(args))


def panel(page):
    return page.get_by_role("dialog", name="Chat with us")


def test_queued_calls_replay_and_each_command_and_event_works(browser, stack):
    errors: list[str] = []
    page = host_page(browser, stack, 'connectChat("open");', errors)
    expect(panel(page)).to_be_visible()
    assert [name for name, _ in events(page)][:2] == ["ready", "open"], "ready, then the queue"

    call(page, "startChat", {"name": "  "})  # no name, none in the form: an error, no chat
    assert events(page, "error") == [
        {"type": "start", "message": "Could not start the chat: Your name"}
    ]

    call(page, "close")
    expect(panel(page)).to_be_hidden()
    call(page, "toggle")
    expect(panel(page)).to_be_visible()
    assert [name for name, _ in events(page) if name in ("open", "close")] == [
        "open",
        "close",
        "open",
    ]

    call(page, "startChat", {"name": "Ada", "attributes": {"topic": "billing", "odd": 7}})
    messages = page.get_by_role("list", name="Messages")
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    [started] = events(page, "chat-started")
    contact = stack.control(f"contacts/{started['contactId']}", method="GET")
    assert contact["attributes"] == {"topic": "billing"}, "strings only, then allowedAttributes"
    page.wait_for_function(
        "window.__events.some(([n, d]) => n === 'message' && d.role === 'agent')"
    )
    assert {"role": "agent", "type": "text"} in events(page, "message")

    # an answer that comes while the panel is closed is counted, and opening clears it
    page.get_by_role("textbox", name="Message").fill("Where is my order?")
    page.get_by_role("textbox", name="Message").press("Enter")
    call(page, "close")
    page.wait_for_function("window.__events.some(([n, d]) => n === 'unread' && d.count > 0)")
    expect(page.get_by_role("button", name="Chat with us")).to_contain_text("1")
    assert {"role": "customer", "type": "text"} in events(page, "message")
    call(page, "open")
    assert events(page, "unread")[-1] == {"count": 0}

    page.evaluate("connectChat('off', 'message', window.__onMessage)")
    heard = len(events(page, "message"))
    say(page, messages, "Thanks")
    assert len(events(page, "message")) == heard, "off() stops the handler"

    call(page, "endChat")
    page.wait_for_function("window.__events.some(([name]) => name === 'chat-ended')")
    expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()

    call(page, "startChat", {})  # the form's name, a new chat continuing the ended one
    page.wait_for_function("window.__events.filter(([n]) => n === 'chat-started').length === 2")

    call(page, "destroy")
    expect(page.locator("[data-connect-chat-starter]")).to_have_count(0)
    assert errors == []


def test_launch_options_no_launcher_open_on_load_and_a_signed_in_name(browser, stack):
    errors: list[str] = []
    options = {"launcher": False, "openOnLoad": True, "name": "Grace", "signedIn": True}
    page = host_page(browser, stack, f"connectChat('init', {json.dumps(options)});", errors)
    expect(panel(page)).to_be_visible()
    expect(page.get_by_role("button", name="Chat with us")).to_have_count(0)
    expect(page.get_by_label("Your name")).to_be_hidden()
    assert page.evaluate("document.activeElement === document.body"), "open on load takes no focus"
    page.get_by_role("button", name="Start chat").click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    say(page, messages, "Hello")
    expect(messages.locator("li.customer .meta").first).to_contain_text("Grace")
    page.get_by_role("button", name="Close chat window").click()
    expect(panel(page)).to_be_hidden()
    call(page, "open")
    expect(panel(page)).to_be_visible()
    assert errors == []


SWAP_BODY = """(tag) => {
  const body = document.createElement("body");
  body.innerHTML = "<main><h1>Another page</h1></main>";
  document.body.replaceWith(body);
  const again = document.createElement("script");  // as Turbo and HTMX run a new body's scripts
  again.src = tag;
  document.body.append(again);
}"""


def test_a_snippet_run_again_after_a_body_swap_mounts_again_and_the_chat_goes_on(browser, stack):
    errors: list[str] = []
    page = host_page(browser, stack, "", errors)
    page.get_by_role("button", name="Chat with us").click()
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Start chat").click()
    messages = page.get_by_role("list", name="Messages")
    say(page, messages, "Before the swap")

    page.evaluate(SWAP_BODY, stack.widget_url)
    expect(page.get_by_role("heading", name="Another page")).to_be_visible()
    expect(page.get_by_role("list", name="Messages")).to_contain_text(
        "You said: Before the swap", timeout=15_000
    )
    expect(page.locator("[data-connect-chat-starter]")).to_have_count(1)
    say(page, page.get_by_role("list", name="Messages"), "After the swap")

    # run again while the widget is on the page: nothing more
    page.evaluate(
        "(src) => document.body.append(Object.assign(document.createElement('script'), {src}))",
        stack.widget_url,
    )
    page.wait_for_timeout(1000)
    expect(page.locator("[data-connect-chat-starter]")).to_have_count(1)
    assert errors == []
