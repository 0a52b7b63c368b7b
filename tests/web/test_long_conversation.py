"""A long conversation on a phone: the message list scrolls, and a scrolling region must be
reachable by keyboard (axe-core's scrollable-region-focusable), in the page and the widget."""

from tests.web.browser import PHONE, chromium, needs_chromium, say, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import host_page

pytestmark = needs_chromium
HOST = "http://localhost:5173"
TURNS = 12


def converse(page) -> None:
    messages = start_chat(page)
    for turn in range(TURNS):
        say(page, messages, f"Question number {turn}, with enough words to wrap on a phone screen")
    assert messages.evaluate("list => list.scrollHeight > list.clientHeight"), "it scrolls"
    assert messages.get_attribute("tabindex") == "0", "in the tab order, whatever the browser"
    messages.focus()  # reachable by keyboard, with a visible focus ring ...
    assert messages.evaluate("list => list === (list.getRootNode().activeElement)")
    assert messages.evaluate("list => getComputedStyle(list).outlineStyle") == "solid"
    bottom = messages.evaluate("list => list.scrollHeight - list.clientHeight")
    page.keyboard.press("Home")  # ... and scrolled by it (smoothly, so wait for it)
    page.wait_for_function(
        "([list, bottom]) => list.scrollTop < bottom - 10", arg=[messages.element_handle(), bottom]
    )


def test_the_page_keeps_a_long_conversation_reachable_by_keyboard(stack):
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(stack.start_chat_url.removesuffix("chat"))
        converse(page)
        assert axe_violations(page) == []


def test_the_widget_keeps_a_long_conversation_reachable_by_keyboard(stack):
    html = host_page(stack)
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(f"{HOST}/")
        page.get_by_role("button", name="Chat with us").click()
        converse(page)
        assert axe_violations(page) == []
