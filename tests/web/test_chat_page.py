"""The chat page (web/, as the stack builds it) in headless Chromium (the system's; browsers
cannot be downloaded here) against the local stack: start, agent joins and replies, send,
reload and see the transcript, end."""

import json
import os
import shutil

import pytest

from tests.local_stack import start_stack
from tests.web.browser import (
    DESKTOP,
    PHONE,
    chromium,
    end_chat,
    needs_chromium,
    scrolls_sideways,
)
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.recording_server import recording_server
from tests.web.test_page_configuration import hostile_link

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
    with page.expect_response(lambda r: r.url.endswith("/chat")) as started:
        page.get_by_role("button", name="Start chat").click()
    first = started.value.json()
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
    expect(page.get_by_label("Message", exact=True)).to_be_hidden()  # "Chat ended" instead
    expect(page.get_by_role("button", name="Send")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('connect-chat-starter.chat')") is None
    assert axe_violations(page) == []

    with page.expect_response(lambda r: r.url.endswith("/chat")) as answer:
        page.get_by_role("button", name="Start a new chat").click()
        expect(page.locator("#prechat")).to_be_visible()
        expect(page.locator("#messages li")).to_have_count(0)
        page.get_by_role("button", name="Start chat").click()
    assert answer.value.request.post_data_json["PersistentChat"] == {
        "SourceContactId": first["ContactId"],
        "RehydrationType": "ENTIRE_PAST_SESSION",
        "ContinuationToken": first["ContinuationToken"],
    }
    # the old chat goes on, and its customer sees it again (Connect rehydrated it)
    assert answer.value.json()["ContinuedFromContactId"] == first["ContactId"]
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    expect(messages).to_contain_text("Where is my order A-1001?")
    expect(messages).to_contain_text("You said: Where is my order A-1001?")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    assert console_errors == []  # nothing missing: favicon, modules, chatjs


@pytest.mark.parametrize("width", [320, 390, 768, 1440])
def test_no_sideways_scrolling_from_phone_to_desktop(stack, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(stack.start_chat_url.removesuffix("chat"))
    assert not scrolls_sideways(page)
    page.evaluate(
        "document.getElementById('prechat').hidden = true;"
        "document.getElementById('conversation').hidden = false;"
        "document.getElementById('newChat').hidden = false"
    )
    assert not scrolls_sideways(page)


def refuse_first_start_as_connect_would(page, stack) -> None:
    """The API's answer when Connect will not continue a chat (a token that checks out, for
    a contact Connect no longer has); later starts go through."""
    problem = {
        "type": "urn:connect-chat-starter:problem:chat-not-resumable",
        "title": "Chat cannot be resumed",
        "status": 409,
    }
    page.route(stack.start_chat_url, lambda route: route.fulfill(status=409, json=problem), times=1)


@pytest.mark.parametrize("refusal", ["continuation-refused", "chat-not-resumable"])
def test_a_chat_that_will_not_be_continued_is_dropped_and_a_new_one_started(stack, page, refusal):
    """The tab remembers an ended chat and its continuation token to continue it; when the
    API refuses (a token that is not that chat's: 403; Connect will not: 409), the page
    forgets it and starts a fresh chat by itself."""
    from playwright.sync_api import expect

    page.goto(stack.start_chat_url.removesuffix("chat"))
    stale = {"contactId": "c0ffee00-0000-4000-8000-000000000000", "continuationToken": "0" * 64}
    page.evaluate(
        "(v) => sessionStorage.setItem('connect-chat-starter.last-contact', v)", json.dumps(stale)
    )
    if refusal == "chat-not-resumable":
        refuse_first_start_as_connect_would(page, stack)
    answers = []
    page.on("response", lambda r: answers.append(r) if r.url.endswith("/chat") else None)
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Start chat").click()
    expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
    assert [a.status for a in answers] == [403 if refusal == "continuation-refused" else 409, 200]
    assert answers[0].json()["type"].endswith(f":{refusal}")
    assert answers[0].request.post_data_json["PersistentChat"] == {
        "SourceContactId": stale["contactId"],
        "RehydrationType": "ENTIRE_PAST_SESSION",
        "ContinuationToken": stale["continuationToken"],
    }
    assert "PersistentChat" not in answers[1].request.post_data_json
    assert page.evaluate("sessionStorage.getItem('connect-chat-starter.last-contact')") is None


def test_an_ended_chat_remembered_without_its_token_is_not_continued(stack, page):
    """An older page kept only the contact ID: without the token the API would refuse, so
    the page starts afresh without asking."""
    from playwright.sync_api import expect

    page.goto(stack.start_chat_url.removesuffix("chat"))
    page.evaluate(
        "sessionStorage.setItem('connect-chat-starter.last-contact',"
        " 'c0ffee00-0000-4000-8000-000000000000')"
    )
    with page.expect_response(lambda r: r.url.endswith("/chat")) as answer:
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
    expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
    assert answer.value.status == 200
    assert "PersistentChat" not in answer.value.request.post_data_json


def test_api_problems_are_shown_to_the_user(page):
    throttled = start_stack("--throttle-rate", "1.0", "--no-agent")
    try:
        from playwright.sync_api import expect

        page.goto(throttled.start_chat_url.removesuffix("chat"))
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("A lot of chats are starting right now", timeout=15_000)
        expect(alert).to_contain_text("try again in a few seconds")  # Retry-After: 2
    finally:
        throttled.stop()


def test_a_signed_in_site_passes_a_token_and_a_401_says_sign_in(page):
    from playwright.sync_api import expect

    from tests.e2e.test_widget_and_auth import token

    staging = start_stack("--env", "staging", "--no-agent")
    try:
        url = staging.start_chat_url.removesuffix("chat")
        page.goto(f"{url}?token={token()}")  # a link is no way to sign in
        expect(page.get_by_role("link", name="Sign in to chat")).to_be_visible()
        expect(page.get_by_label("Your name")).to_be_hidden()  # test_sign_in_gate.py
        context = page.context.browser.new_context()
        stale = context.new_page()
        stale.add_init_script("window.connectChatStarter = {getToken: async () => 'a.b.c'};")
        stale.goto(url)
        stale.get_by_label("Your name").fill("Ada")
        stale.get_by_role("button", name="Start chat").click()
        expect(stale.get_by_role("alert")).to_contain_text("Sign in to chat", timeout=15_000)
        context.close()
        page.add_init_script(
            f"window.connectChatStarter = {{getToken: async () => {token()!r}}};"
        )  # the hook a signed-in site defines
        with recording_server() as (attacker, received):
            for address in (url, url + hostile_link(attacker)):
                page.goto(address)
                page.get_by_label("Your name").fill("Ada")
                page.get_by_role("button", name="Start chat").click()
                expect(page.locator("#conversation")).to_be_visible(timeout=15_000)
                end_chat(page)
                expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
        assert received == [], "the hook's token goes to config.json's API only"
    finally:
        staging.stop()
