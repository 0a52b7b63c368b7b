"""A chat customers trust (issue 33): when the connection drops mid-chat the customer sees
"Reconnecting…" (announced politely), keeps typing, and what they type waits, marked, and is
sent once the connection is back, in order, exactly once (the local stack's transcript
says); a message that still fails is marked not sent, with a Retry that sends it. Page and
widget, at 320, 390 and 1280 px, axe-core clean while reconnecting."""

import re

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import needs_chromium, scrolls_sideways
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import chat

pytestmark = needs_chromium
QUEUED = "Sending when you're back online"


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.05")
    yield running
    running.stop()


def sent_by_customer(stack, talk) -> list[str]:
    transcript = talk.contact(stack)["transcript"]
    return [
        item["Content"]
        for item in transcript
        if item["Type"] == "MESSAGE" and item["ParticipantRole"] == "CUSTOMER"
    ]


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("surface", ["page", "widget"])
def test_offline_messages_wait_and_are_sent_once_in_order(stack, surface, width):
    with chat(stack, surface, "phone" if width < 480 else "desktop") as talk:
        page = talk.page
        page.set_viewport_size({"width": width, "height": 740})
        page.context.set_offline(True)
        reconnecting = page.get_by_role("status").filter(has_text="Reconnecting…")
        expect(reconnecting).to_be_visible()
        for text in ("first while away", "second while away"):
            talk.say(text)  # the composer stays usable
        queued = page.locator("ol.messages > li.queued")
        expect(queued).to_have_count(2)
        expect(queued.first).to_contain_text("first while away")
        expect(queued.last).to_contain_text(f"second while away{QUEUED}")
        assert axe_violations(page) == [], "reconnecting, two messages queued"
        assert not scrolls_sideways(page)
        assert sent_by_customer(stack, talk) == []

        page.context.set_offline(False)
        expect(talk.messages).to_contain_text("You said: second while away", timeout=15_000)
        expect(reconnecting).to_have_count(0)
        expect(queued).to_have_count(0)
        assert sent_by_customer(stack, talk) == ["first while away", "second while away"]
        mine = talk.messages.locator("li.customer")
        expect(mine).to_have_text([re.compile("first while away"), re.compile("second while away")])
        assert talk.errors == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_message_that_fails_can_be_sent_again(stack, surface):
    with chat(stack, surface, "phone") as talk:
        page = talk.page
        contact = talk.contact(stack)["contactId"]
        stack.control(f"contacts/{contact}/refuse-messages", body={"refuse": True})
        talk.say("try me")
        retry = page.get_by_role("button", name="Retry")
        expect(retry).to_be_visible(timeout=20_000)
        failed = page.locator("ol.messages > li.failed")
        expect(failed).to_contain_text("try meMessage not sent")
        assert axe_violations(page) == [], "a message not sent"
        assert sent_by_customer(stack, talk) == []

        stack.control(f"contacts/{contact}/refuse-messages", body={"refuse": False})
        retry.click()
        expect(talk.messages).to_contain_text("You said: try me", timeout=10_000)
        expect(failed).to_have_count(0)
        assert sent_by_customer(stack, talk) == ["try me"]


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_refused_websocket_is_reconnecting_too(stack, surface):
    """The network is fine but the Participant Service's websocket is cut and refused: the
    same state, the same queue, until chatjs has its websocket back."""
    with chat(stack, surface, "desktop") as talk:
        page = talk.page
        contact = f"contacts/{talk.contact(stack)['contactId']}"
        stack.control(f"{contact}/refuse-sockets", body={"refuse": True})
        reconnecting = page.get_by_role("status").filter(has_text="Reconnecting…")
        expect(reconnecting).to_be_visible()
        talk.say("are you there?")
        expect(page.locator("ol.messages > li.queued")).to_contain_text(QUEUED)
        assert sent_by_customer(stack, talk) == []

        stack.control(f"{contact}/refuse-sockets", body={"refuse": False})
        expect(talk.messages).to_contain_text("You said: are you there?", timeout=30_000)
        expect(reconnecting).to_have_count(0)
        assert sent_by_customer(stack, talk) == ["are you there?"]
