"""The chat's layout (issue 33), page and widget in real Chromium: the composer in one row
(a message box that grows to five lines, then scrolls, with Attach and Send as named icon
buttons beside it), End chat in the header, Enter a new line on a touch phone (the
placeholder says nothing of Enter there), and "Chat ended" right under the last message at
320 px; each axe-core clean."""

import pytest
from playwright.sync_api import expect

from tests.web.browser import chromium, end_chat, needs_chromium, say, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import SURFACES, open_surface

pytestmark = needs_chromium
TOUCH_PHONE = {"has_touch": True, "is_mobile": True}


def box(locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, locator
    return dict(found)


def header_of(page, surface: str):
    return page.locator("header.chat-header" if surface == "page" else "header[part=header]")


def after_style(locator, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e, '::after').{prop}"))


@pytest.mark.parametrize(("surface", "width"), [("page", 1280), ("widget", 1280), ("widget", 320)])
def test_the_composer_is_one_row_that_grows_and_end_chat_is_in_the_header(stack, surface, width):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, width)
        expect(page.get_by_role("button", name="End chat")).to_be_hidden()  # no chat yet
        messages = start_chat(page)
        text = page.get_by_role("textbox", name="Message")
        attach = page.get_by_role("button", name="Attach a file")
        send = page.get_by_role("button", name="Send")
        expect(text).to_have_attribute("placeholder", "Type a message, Enter to send")
        one_line = box(text)
        for button in (attach, send):  # beside the box, level with its last line
            beside = box(button)
            assert beside["x"] >= one_line["x"] + one_line["width"]
            assert abs(beside["y"] + beside["height"] - one_line["y"] - one_line["height"]) <= 2
            assert min(beside["height"], beside["width"]) >= 36, "a finger-sized target"
            assert button.locator("svg").count() == 1
            assert button.inner_text() == "", "an icon, named by its label"
        send.hover()  # its name, shown
        assert after_style(send, "content") == '"Send"'
        page.mouse.move(0, 0)
        assert after_style(send, "content") == "none"

        end = page.get_by_role("button", name="End chat")
        expect(header_of(page, surface).get_by_role("button", name="End chat")).to_be_visible()
        if surface == "widget":  # beside Close, in one row
            close = box(page.get_by_role("button", name="Close chat window"))
            assert (
                abs(box(end)["y"] + box(end)["height"] / 2 - close["y"] - close["height"] / 2) < 4
            )
            assert box(end)["x"] < close["x"]

        text.fill("1\n2\n3")
        three = box(text)["height"]
        assert three > one_line["height"] * 2, "grows with its text"
        text.fill("\n".join(str(n) for n in range(12)))
        five = box(text)["height"]
        assert three < five < one_line["height"] * 5, "at most five lines, then it scrolls"
        assert text.evaluate("e => e.scrollHeight > e.clientHeight")
        grown = box(text)
        assert abs(box(send)["y"] + box(send)["height"] - grown["y"] - grown["height"]) <= 2
        text.fill("")
        say(page, messages, "a short one")
        assert box(text)["height"] == one_line["height"], "one line again once sent"
        assert axe_violations(page) == []

        end_chat(page)
        expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
        expect(end).to_be_hidden()


@pytest.mark.parametrize("surface", SURFACES)
def test_on_a_touch_phone_enter_is_a_new_line_and_send_sends(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "phone", **TOUCH_PHONE)
        assert page.evaluate("innerWidth") == 390, "laid out as a phone, not zoomed out"
        messages = start_chat(page)
        text = page.get_by_role("textbox", name="Message")
        expect(text).to_have_attribute("placeholder", "Type a message")
        text.fill("first line")
        text.press("Enter")
        text.press_sequentially("second line")
        expect(text).to_have_value("first line\nsecond line")
        page.wait_for_timeout(300)
        expect(messages.locator("li.customer")).to_have_count(0)
        page.get_by_role("button", name="Send").tap()
        expect(messages).to_contain_text("You said: first line\nsecond line", timeout=10_000)
        expect(text).to_have_value("")
        assert axe_violations(page) == []


def test_the_placeholder_speaks_the_chats_language_on_a_keyboard_and_a_touch_screen(stack):
    with chromium() as browser:
        for context, words in (
            ({}, "Escribe un mensaje; Intro para enviar"),
            (TOUCH_PHONE, "Escribe un mensaje"),
        ):
            page = open_surface(browser, stack, "page", "phone", query="?lang=es", **context)
            expect(page.locator("#message")).to_have_attribute("placeholder", words)
            expect(page.get_by_role("button", name="Terminar chat")).to_be_hidden()


@pytest.mark.parametrize("surface", SURFACES)
def test_chat_ended_follows_the_last_message_at_320_px(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "phone")
        page.set_viewport_size({"width": 320, "height": 740})
        messages = start_chat(page)
        say(page, messages, "thanks, that's all")
        end_chat(page)
        ended = page.locator("#endedNote")
        expect(ended).to_be_visible(timeout=10_000)
        last = box(messages.locator("li").last)
        gap = box(ended)["y"] - (last["y"] + last["height"])
        assert 0 <= gap <= 32, f"{gap}px between the last message and 'Chat ended'"
        new_chat = box(page.get_by_role("button", name="Start a new chat"))
        assert new_chat["y"] + new_chat["height"] <= 740
        assert axe_violations(page) == []
