"""A chat survives a reload whatever its transcript holds and whatever the network does: items
the view cannot draw as their kind (malformed interactive messages, a time slot that is not
a date, an attachment that lists no file) are shown as text and the rest follows; a
connection that fails keeps the chat for the next reload; only Connect saying the chat is
over forgets it. In the page and in the CDN widget."""

import json
import time

import pytest
from playwright.sync_api import expect

from local.agent import GREETING
from local.participant_service import INTERACTIVE
from tests.web.browser import end_chat, needs_chromium
from tests.web.rich_chat_browser import STORAGE, SURFACES, chat

pytestmark = needs_chromium
ON_EVERY_SURFACE = pytest.mark.parametrize("surface", SURFACES)
NOT_SHOWN = "(a message this chat can't show)"
# (Content, what the view shows for it)
ODD_INTERACTIVE = [
    ('{"templateType":"ListPicker","version":"1.0","data":{"content":null}}', '"content":null'),
    ("null", "null"),
    ("{not json", "{not json"),
    (
        '{"templateType":"QuickReply","data":{"content":{"title":"Pick","elements":"yes, no"}}}',
        '"elements":"yes, no"',
    ),
    (
        '{"templateType":"TimePicker","data":{"content":{"title":"When?",'
        '"timeslots":[{"date":"not a date","duration":30}]}}}',
        '"date":"not a date"',
    ),
]


def odd_items(like: dict) -> list[dict]:
    """Agent items as a misbehaving bot or flow could send them, shaped like `like`."""
    agent = {
        key: like[key]
        for key in ("AbsoluteTime", "DisplayName", "ParticipantId", "ParticipantRole")
    }
    items = [
        {
            **agent,
            "Id": f"odd-{n}",
            "Type": "MESSAGE",
            "ContentType": INTERACTIVE,
            "Content": content,
        }
        for n, (content, _) in enumerate(ODD_INTERACTIVE)
    ]
    items.append({**agent, "Id": "odd-file", "Type": "ATTACHMENT", "Attachments": []})
    return items


def with_odd_items_after_the_greeting(route) -> None:
    response = route.fetch()
    page = response.json()
    transcript = page["Transcript"]
    greeting = next(i for i, item in enumerate(transcript) if item.get("Content") == GREETING)
    transcript[greeting + 1 : greeting + 1] = odd_items(transcript[greeting])
    route.fulfill(response=response, json=page)


def saved_chat(session) -> str | None:
    return session.page.evaluate(f"localStorage.getItem('{STORAGE[session.surface]}')")


@ON_EVERY_SURFACE
def test_items_the_view_cannot_draw_are_text_and_the_chat_goes_on(stack, surface):
    with chat(stack, surface, "desktop") as session:
        session.say("before the reload")
        expect(session.messages).to_contain_text("You said: before the reload", timeout=10_000)
        session.page.route("**/participant/transcript", with_odd_items_after_the_greeting)
        session.page.reload()
        messages = session.page.locator("ol.messages")
        expect(messages).to_contain_text("You said: before the reload", timeout=15_000)
        for n, (_, shown) in enumerate(ODD_INTERACTIVE):
            expect(messages.locator(f'li[data-id="odd-{n}"]')).to_contain_text(shown)
        expect(messages.locator('li[data-id="odd-file"]')).to_contain_text(NOT_SHOWN)
        assert saved_chat(session) is not None
        session.say("after the reload")
        expect(messages).to_contain_text("You said: after the reload", timeout=10_000)
        assert session.errors == []


@ON_EVERY_SURFACE
def test_a_failed_connection_keeps_the_chat_and_an_ended_one_is_forgotten(stack, surface):
    with chat(stack, surface, "desktop") as session:
        page = session.page
        session.say("before the reload")
        expect(session.messages).to_contain_text("You said: before the reload", timeout=10_000)
        address, details = page.url, saved_chat(session)
        page.route("**/participant/connection", lambda route: route.abort(), times=1)
        page.reload()
        if surface == "widget":
            page.get_by_role("button", name="Chat with us").click()
        expect(page.get_by_role("alert")).to_contain_text("Check your connection", timeout=15_000)
        assert saved_chat(session) == details

        page.reload()  # the network is back
        messages = page.locator("ol.messages")
        expect(messages).to_contain_text("You said: before the reload", timeout=15_000)

        page.goto("about:blank")
        stack.control(f"contacts/{json.loads(details)['contactId']}/end")
        page.goto(address)
        if surface == "widget":
            page.get_by_role("button", name="Chat with us").click()
        expect(page.get_by_role("button", name="Start chat")).to_be_visible(timeout=15_000)
        # the page shows its form at once and forgets the chat when Connect has answered
        deadline = time.monotonic() + 10
        while saved_chat(session) is not None and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert saved_chat(session) is None


@ON_EVERY_SURFACE
def test_a_new_chat_continues_the_ended_one_with_its_continuation_token(stack, surface):
    """The ended chat's ContinuationToken goes with its contact ID: without it the API refuses
    the continuation (issue 28), and the customer would silently get an unrelated chat."""
    with chat(stack, surface, "desktop") as session:
        page = session.page
        first = json.loads(saved_chat(session) or "{}")
        session.say("my order is A-1001")
        expect(session.messages).to_contain_text("You said: my order is A-1001", timeout=10_000)
        end_chat(page)
        expect(page.get_by_role("button", name="Start a new chat")).to_be_visible(timeout=10_000)
        with page.expect_response(lambda r: r.url.endswith("/chat")) as answer:
            page.get_by_role("button", name="Start a new chat").click()
            page.get_by_role("button", name="Start chat").click()
        persistent = answer.value.request.post_data_json["PersistentChat"]
        assert persistent["SourceContactId"] == first["contactId"]
        assert len(persistent["ContinuationToken"]) == 64
        assert answer.value.json()["ContinuedFromContactId"] == first["contactId"]
        messages = page.locator("ol.messages")
        expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
        expect(messages).to_contain_text("my order is A-1001")  # Connect rehydrated it
        assert session.errors == []


@ON_EVERY_SURFACE
def test_the_customers_own_join_is_not_news_to_them_before_or_after_a_reload(stack, surface):
    with chat(stack, surface, "desktop") as session:
        session.say("hello")
        expect(session.messages).to_contain_text("You said: hello", timeout=10_000)
        session.page.reload()
        messages = session.page.locator("ol.messages")
        expect(messages).to_contain_text("You said: hello", timeout=15_000)
        expect(messages).to_contain_text("Local Agent joined")
        expect(messages.locator("li", has_text="Ada joined")).to_have_count(0)
        assert session.errors == []


@ON_EVERY_SURFACE
def test_a_chat_being_resumed_says_so_and_offers_no_new_start_meanwhile(stack, surface):
    with chat(stack, surface, "desktop") as session:
        page = session.page
        held = []
        page.route("**/participant/connection", lambda route: held.append(route))  # answered later
        page.reload()
        if surface == "widget":  # it opens on the chat it resumes; the test may be first
            launcher = page.get_by_role("button", name="Chat with us")
            if launcher.is_visible():
                launcher.click()
        expect(page.get_by_role("status").filter(has_text="Connecting you…")).to_be_visible()
        expect(page.get_by_role("button", name="Start chat")).to_be_disabled()
        for route in held:
            route.continue_()
        page.unroute("**/participant/connection")
        expect(page.locator("ol.messages")).to_contain_text("Local Agent joined", timeout=15_000)
        expect(page.get_by_role("status").filter(has_text="Connecting you…")).to_have_count(0)
        assert session.errors == []
