"""examples/web in headless Chromium (the system's; browsers cannot be downloaded here) against
the local stack: start, agent joins and replies, send, reload and see the transcript, end."""

import os
import shutil

import pytest

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    chromium,
    end_chat,
    needs_chromium,
    scrolls_sideways,
)
from tests.e2e.browser import serious_accessibility_violations as axe_violations
from tests.local_stack import start_stack

pytestmark = needs_chromium
# Set to a path to also save the mid-chat screenshot there (the README's image comes from it).
SCREENSHOT_COPY = os.environ.get("CHAT_PAGE_SCREENSHOT")


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.3")
    yield running
    running.stop()


@pytest.fixture
def page():
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 720, "height": 820})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def console_errors(page):
    """What the browser's console reports as errors (a failed load, e.g. a missing favicon)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_a_whole_chat_in_the_browser(stack, page, console_errors, tmp_path):
    from playwright.sync_api import expect

    page.goto(stack.start_chat_url.removesuffix("chat"))
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], viewport
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Topic").select_option("billing")
    page.get_by_role("button", name="Start chat").click()
    messages = page.locator("#messages")
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    expect(messages).to_contain_text("Hi, I'm the local test agent")
    composer = page.get_by_label("Message", exact=True)
    composer.fill("Where is my order A-1001?")
    composer.press("Enter")
    expect(messages).to_contain_text("You said: Where is my order A-1001?", timeout=10_000)
    expect(page.locator("#messages li.customer")).to_have_count(1)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], viewport
    page.set_viewport_size({"width": 720, "height": 820})
    page.screenshot(path=str(tmp_path / "chat-page.png"))
    if SCREENSHOT_COPY:
        shutil.copy(tmp_path / "chat-page.png", SCREENSHOT_COPY)

    page.reload()
    expect(page.locator("#conversation")).to_be_visible(timeout=15_000)
    expect(messages).to_contain_text("Where is my order A-1001?", timeout=10_000)
    expect(messages).to_contain_text("You said: Where is my order A-1001?")
    expect(page.locator("#prechat")).to_be_hidden()

    end_chat(page)
    expect(messages).to_contain_text("Chat ended", timeout=10_000)
    expect(page.get_by_label("Message", exact=True)).to_be_disabled()
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    assert page.evaluate("sessionStorage.getItem('connect-chat-starter.chat')") is None
    first = page.evaluate("sessionStorage.getItem('connect-chat-starter.last-contact')")
    assert first
    assert axe_violations(page) == []

    with page.expect_response(lambda r: r.url.endswith("/chat")) as answer:
        page.get_by_role("button", name="Start a new chat").click()
        expect(page.locator("#prechat")).to_be_visible()
        expect(page.locator("#messages li")).to_have_count(0)
        page.get_by_role("button", name="Start chat").click()
    assert answer.value.json()["ContinuedFromContactId"] == first  # the old chat goes on
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    assert console_errors == []  # nothing missing: favicon, modules, chatjs


@pytest.mark.parametrize("width", [320, 390, 768, 1440])
def test_no_sideways_scrolling_from_phone_to_desktop(stack, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(stack.start_chat_url.removesuffix("chat"))
    assert not scrolls_sideways(page)
    page.evaluate("document.getElementById('prechat').hidden = true;"
                  "document.getElementById('conversation').hidden = false;"
                  "document.getElementById('newChat').hidden = false")  # fmt: skip
    assert not scrolls_sideways(page)


def test_a_chat_connect_will_not_continue_is_dropped_and_a_new_one_started(stack, page):
    """The tab remembers an ended chat to continue it; when Connect refuses (here: a contact
    it never had), the API answers 409 and the page starts a fresh chat by itself."""
    from playwright.sync_api import expect

    page.goto(stack.start_chat_url.removesuffix("chat"))
    stale = "c0ffee00-0000-4000-8000-000000000000"
    page.evaluate(f"sessionStorage.setItem('connect-chat-starter.last-contact', '{stale}')")
    answers = []
    page.on("response", lambda r: answers.append(r) if r.url.endswith("/chat") else None)
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Start chat").click()
    expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
    assert [a.status for a in answers] == [409, 200]
    assert answers[0].request.post_data_json["PersistentChat"]["SourceContactId"] == stale
    assert "PersistentChat" not in answers[1].request.post_data_json
    assert page.evaluate("sessionStorage.getItem('connect-chat-starter.last-contact')") is None


def test_api_problems_are_shown_to_the_user(page):
    throttled = start_stack("--throttle-rate", "1.0", "--no-agent")
    try:
        from playwright.sync_api import expect

        page.goto(throttled.start_chat_url.removesuffix("chat"))
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Too many chats being started", timeout=15_000)
        expect(alert).to_contain_text("try again in 2 seconds")
    finally:
        throttled.stop()


def test_a_signed_in_site_passes_a_token_and_a_401_says_sign_in(page):
    from playwright.sync_api import expect

    from tests.e2e.test_widget_and_auth import token

    staging = start_stack("--env", "staging", "--no-agent")
    try:
        url = staging.start_chat_url.removesuffix("chat")
        page.goto(url)
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.get_by_role("alert")).to_contain_text("Sign in to chat", timeout=15_000)
        page.add_init_script(
            f"window.connectChatStarter = {{getToken: async () => {token()!r}}};"
        )  # the hook a signed-in site defines
        for address in (url, f"{url}?token={token()}"):
            page.goto(address)
            page.get_by_label("Your name").fill("Ada")
            page.get_by_role("button", name="Start chat").click()
            expect(page.locator("#conversation")).to_be_visible(timeout=15_000)
            end_chat(page)
            expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
    finally:
        staging.stop()
