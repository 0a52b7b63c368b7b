"""The hosted chat page (the CDN stand-in's, as the stack publishes it) takes its backend from
its config.json only: a link's startChatUrl, participantEndpoint, region or token can never
send the chat, or a sign-in token, anywhere else."""

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import chromium, hosted_page_url, needs_chromium, start_chat
from tests.web.recording_server import recording_server

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.1")
    yield running
    running.stop()


def hostile_link(attacker: str) -> str:
    """A link to the page that names another backend (test_chat_page's signed-in test too)."""
    return (
        f"?startChatUrl={attacker}/chat&participantEndpoint={attacker}"
        "&region=eu-west-1&token=from-the-link"
    )


def test_a_link_cannot_point_the_hosted_page_at_another_api(stack):
    with recording_server() as (attacker, received), chromium() as browser:
        page = browser.new_page()
        starts = []
        page.on("request", lambda r: starts.append(r) if r.url.endswith("/chat") else None)
        page.goto(hosted_page_url(stack) + hostile_link(attacker))
        messages = start_chat(page)
        expect(messages).to_contain_text("Hi, I'm the local test agent")
        assert [r.url for r in starts] == [stack.start_chat_url]
        page.wait_for_timeout(300)
    assert received == []


def test_a_page_without_config_json_says_so_and_calls_nothing(stack):
    with recording_server() as (attacker, received), chromium() as browser:
        page = browser.new_page()
        page.route("**/config.json", lambda route: route.fulfill(status=404, body="not here"))
        page.goto(hosted_page_url(stack) + hostile_link(attacker))
        expect(page.get_by_role("alert")).to_contain_text("not configured", timeout=10_000)
        expect(page.locator("#prechat")).to_be_hidden()
        page.wait_for_timeout(300)
    assert received == []


def test_a_token_in_the_link_is_no_credential(stack):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(hosted_page_url(stack) + "?token=from-the-link")
        with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/chat")) as start:
            start_chat(page)
        assert "authorization" not in start.value.headers
