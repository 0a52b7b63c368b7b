"""A chat customers trust (issue 33): when the connection drops mid-chat the customer sees
"Reconnecting…" (announced politely), keeps typing, and what they type waits, marked, and is
sent once the connection is back, in order, exactly once (the local stack's transcript
says); a message that still fails is marked not sent, with a Retry that sends it. Page and
widget, at 320, 390 and 1280 px, axe-core clean while reconnecting."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.web.browser import chromium, end_chat, needs_chromium, scrolls_sideways, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import STORAGE, chat, open_surface

pytestmark = needs_chromium
QUEUED = "Sending when you're back online"


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
    with chat(stack, surface, width) as talk:
        page = talk.page
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
        stack.control(f"{contact}/items", body={"Content": "Said while you were away"})

        stack.control(f"{contact}/refuse-sockets", body={"refuse": False})
        expect(talk.messages).to_contain_text("You said: are you there?", timeout=30_000)
        expect(talk.messages).to_contain_text("Said while you were away")  # caught up
        expect(reconnecting).to_have_count(0)
        assert sent_by_customer(stack, talk) == ["are you there?"]
        # what the catch-up brought sits where its time puts it
        times = talk.messages.locator("li[data-time]").evaluate_all(
            "(items) => items.map((item) => item.dataset.time)"
        )
        assert len(times) > 3
        assert times == sorted(times)


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_websocket_chatjs_gave_up_on_is_joined_again(stack, surface):
    """CreateParticipantConnection refused (500, not a network error): chatjs breaks the
    websocket for good and a session connects only once, so the chat is joined again with a
    new session, and what waited is sent once."""
    with chat(stack, surface, "desktop") as talk:
        contact = f"contacts/{talk.contact(stack)['contactId']}"
        stack.control(f"{contact}/refuse-sockets", body={"refuse": True, "connections": True})
        reconnecting = talk.page.get_by_role("status").filter(has_text="Reconnecting…")
        expect(reconnecting).to_be_visible()
        talk.say("still here")
        talk.page.wait_for_timeout(3000)  # chatjs has given up by now
        expect(reconnecting).to_be_visible()
        stack.control(f"{contact}/refuse-sockets", body={"refuse": False})
        expect(talk.messages).to_contain_text("You said: still here", timeout=30_000)
        expect(reconnecting).to_have_count(0)
        assert sent_by_customer(stack, talk) == ["still here"]
        assert talk.errors == []


def test_ending_the_chat_while_rejoining_ends_it_once(stack):
    with chat(stack, "widget", "desktop") as talk:
        talk.page.evaluate(
            "window.__ended = 0; connectChat('on', 'chat-ended', () => window.__ended++)"
        )
        contact = f"contacts/{talk.contact(stack)['contactId']}"
        stack.control(f"{contact}/refuse-sockets", body={"refuse": True, "connections": True})
        expect(talk.page.get_by_role("status").filter(has_text="Reconnecting…")).to_be_visible()
        talk.page.wait_for_timeout(1500)  # chatjs has given up; joining again is under way
        end_chat(talk.page)
        expect(talk.page.locator("#endedNote")).to_be_visible()
        talk.page.wait_for_timeout(5000)  # the next tries of joining again, had they gone on
        assert talk.page.evaluate("window.__ended") == 1
        expect(talk.page.get_by_role("status").filter(has_text="Reconnecting…")).to_have_count(0)


def test_a_chat_that_ended_while_away_is_shown_ended(stack):
    with chat(stack, "page", "desktop") as talk:
        contact = f"contacts/{talk.contact(stack)['contactId']}"
        stack.control(f"{contact}/refuse-sockets", body={"refuse": True})
        expect(talk.page.get_by_role("status").filter(has_text="Reconnecting…")).to_be_visible()
        stack.control(f"{contact}/end")
        stack.control(f"{contact}/refuse-sockets", body={"refuse": False})
        expect(talk.page.locator("#endedNote")).to_be_visible(timeout=30_000)
        expect(talk.page.get_by_role("status").filter(has_text="Reconnecting…")).to_have_count(0)
        expect(talk.page.get_by_role("button", name="Start a new chat")).to_be_visible()


def test_in_spanish(stack):
    with chromium() as browser:
        page = open_surface(browser, stack, "page", "phone", query="?lang=es")
        messages = start_chat(page, language="es")
        page.context.set_offline(True)
        expect(page.get_by_role("status").filter(has_text="Reconectando…")).to_be_visible()
        box = page.get_by_role("textbox", name="Mensaje")
        box.fill("hola")
        box.press("Enter")
        expect(messages.locator("li.queued")).to_have_text(
            "holaSe enviará cuando vuelvas a tener conexión"
        )
        contact = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE['page']}')"))
        stack.control(f"contacts/{contact['contactId']}/refuse-messages", body={"refuse": True})
        page.context.set_offline(False)
        expect(page.get_by_role("button", name="Reintentar")).to_be_visible(timeout=20_000)
        expect(messages.locator("li.failed")).to_have_text("holaMensaje no enviado Reintentar")


def test_a_message_whose_answer_was_lost_is_not_sent_twice(stack):
    """SendMessage reaches the service but its answer never reaches the browser: the message is
    tried again with the same ClientToken, and the chat has it once."""
    with chat(stack, "page", "desktop") as talk:
        lost: list[str] = []

        def answer_lost_once(route):
            if lost:
                return route.continue_()
            lost.append(route.fetch().text())  # the service took it
            return route.abort("connectionreset")

        talk.page.route("**/participant/message", answer_lost_once)
        talk.say("only once")
        expect(talk.messages).to_contain_text("You said: only once", timeout=15_000)
        assert lost, "the first answer was lost"
        talk.page.wait_for_timeout(1500)  # any second copy would be echoed by now
        assert sent_by_customer(stack, talk) == ["only once"]
        expect(talk.messages.locator("li.customer")).to_have_count(1)
        expect(talk.messages.get_by_text("You said: only once")).to_have_count(1)
