"""Opening the chat page or the widget, both as the CDN stand-in publishes them (the page
under its own Content-Security-Policy), at a width, for the browser tests, with page errors
collected and axe-core at hand."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from infra.widget_bundle import snippet
from tests.local_stack import RunningStack
from tests.web.browser import DESKTOP, PHONE, chromium, hosted_page_url, start_chat

HOST = "http://localhost:5173"
SURFACES = ("page", "widget")
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
STORAGE = {"page": "connect-chat-starter.chat", "widget": "connect-chat-starter.widget.chat"}
# Headless Chromium never hides a tab, so the tests hide it: visibilityState and hidden
# answer window.__hidden, and hide()/show() send visibilitychange as a browser would.
HIDEABLE_TAB = """
Object.defineProperty(Document.prototype, "visibilityState", {
  configurable: true, get() { return window.__hidden ? "hidden" : "visible"; } });
Object.defineProperty(Document.prototype, "hidden", {
  configurable: true, get() { return Boolean(window.__hidden); } });
window.__setHidden = (hidden) => {
  window.__hidden = hidden;
  document.dispatchEvent(new Event("visibilitychange"));
};
if (window.Notification) {
  window.__notifications = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options && options.body });
    }
  };
}
"""


@dataclass
class Chat:
    page: Any
    surface: str
    messages: Any
    errors: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        box = self.page.get_by_role("textbox", name="Message")
        box.fill(text)
        box.press("Enter")

    def contact(self, stack: RunningStack) -> dict[str, Any]:
        """The stand-in's view of this chat (transcript with receipts)."""
        details = json.loads(self.page.evaluate(f"localStorage.getItem('{STORAGE[self.surface]}')"))
        return dict(stack.control(f"contacts/{details['contactId']}", method="GET"))


# The queue a site's `init` goes in before widget.js has loaded (docs/embedding.md).
INIT_STUB = (
    "window.connectChat = window.connectChat || function () {"
    " (connectChat.q = connectChat.q || []).push(arguments); };"
)


def host_page(stack: RunningStack, init: dict[str, Any] | None = None) -> str:
    """A shop page with the widget's tag; `init`: the options it passes to `init` first."""
    options = (
        ""
        if init is None
        else f"<script>{INIT_STUB} connectChat('init', {json.dumps(init)});</script>"
    )
    return (
        '<!doctype html><html lang="en"><head><title>Shop</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><main><h1>Shop</h1></main>{options}{snippet(stack.widget_url)}</body></html>"
    )


def open_surface(
    browser: Any,
    stack: RunningStack,
    surface: str,
    width: str | int,
    *,
    query: str = "",
    launcher: str = "Chat with us",
    init: dict[str, Any] | None = None,
    init_script: str = "",
    **context: Any,
) -> Any:
    """A page showing the surface at a width (a name in WIDTHS, or pixels at a height of
    740), its pre-chat form ready (`context`: Playwright's, e.g. locale; `init_script`: run
    before the page's own; `init`: the widget's options, docs/embedding.md)."""
    viewport = WIDTHS[width] if isinstance(width, str) else {"width": width, "height": 740}
    browser_context = browser.new_context(viewport=viewport, accept_downloads=True, **context)
    browser_context.add_init_script(HIDEABLE_TAB + init_script)
    page = browser_context.new_page()
    if surface == "page":  # as the CDN publishes it: under its own CSP and headers
        page.goto(hosted_page_url(stack) + query)
    else:
        html = host_page(stack, init)
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(f"{HOST}/")
        page.get_by_role("button", name=launcher).click()
    return page


@contextmanager
def chat(stack: RunningStack, surface: str, width: str | int, **options: Any) -> Iterator[Chat]:
    """A started chat on the surface, the local agent joined."""
    with chromium() as browser:
        page = open_surface(browser, stack, surface, width, **options)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        messages = start_chat(page)
        yield Chat(page=page, surface=surface, messages=messages, errors=errors)
