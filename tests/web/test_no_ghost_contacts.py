"""No ghost contacts (issue 33): a page that cannot reach the Participant Service starts no
chat and says so; a double click (or the page's startChat twice) starts one; a connection
that fails after the start is made again on the same contact, never a second
StartChatContact. Counted on the local stack's record of AWS calls (PUT /contact/chat)."""

import pytest
from playwright.sync_api import expect

from tests.web.browser import chromium, needs_chromium
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import open_surface

pytestmark = needs_chromium


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_blocked_participant_service_starts_no_chat_and_says_so(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "phone")
        page.route(f"{stack.aws_endpoint}/**", lambda route: route.abort())  # as a CSP would
        before = stack.contacts_started()
        page.get_by_label("Your name").fill("Ada")
        start = page.get_by_role("button", name="Start chat")
        for _ in range(2):  # the customer tries again
            start.click()
            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("can't be reached from this page", timeout=15_000)
            expect(alert).to_contain_text("no chat was started")
            expect(start).to_be_enabled()
        assert stack.contacts_started() - before == 0
        assert axe_violations(page) == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_double_click_starts_one_chat(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "desktop")
        before = stack.contacts_started()
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").dblclick()
        expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
        assert stack.contacts_started() - before == 1


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_form_sent_twice_at_once_starts_one_chat(stack, surface):
    """The button is disabled by the first click; a second submit that does not go through
    it (a script, the page's startChat twice) is the same start."""
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "desktop")
        before = stack.contacts_started()
        page.get_by_label("Your name").fill("Ada")
        page.evaluate(
            """() => {
              const host = document.querySelector("[data-connect-chat-starter]");
              const form = (host ? host.shadowRoot : document).getElementById("prechat");
              form.requestSubmit();
              form.requestSubmit();
            }"""
        )
        expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
        assert stack.contacts_started() - before == 1


def test_a_failed_connection_is_made_again_on_the_same_contact(stack):
    with chromium() as browser:
        page = open_surface(browser, stack, "page", "phone")
        refused: list[str] = []

        def refuse_first(route):
            if not refused:
                refused.append(route.request.url)
                route.abort()
            else:
                route.fallback()

        page.route(f"{stack.aws_endpoint}/participant/connection", refuse_first)
        before = stack.contacts_started()
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
        assert refused, "the first connection was refused"
        assert stack.contacts_started() - before == 1
