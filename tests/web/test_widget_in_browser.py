"""The request amazon-connect-chat-interface makes (ChatInitiator: a string body, `new
Headers()`, so `text/plain;charset=UTF-8` and no preflight), made by Chromium from a page on
an allowed origin and from a foreign one, against the local stack's /widget."""

import json
import time

import pytest

from infra.config import load, read_environments
from tests.local_stack import start_stack
from tests.web.browser import chromium, needs_chromium

pytestmark = needs_chromium
DEV = load(read_environments(), "dev")

# What ChatInterface.initiateChat sends when the page sets no IDs (../shared/notes).
INITIATE_CHAT = """async (url) => {
  const body = {InstanceId: "", ContactFlowId: "", ParticipantDetails: {DisplayName: "Ada"},
                Username: "ada", Attributes: JSON.parse("{}"),
                SupportedMessagingContentTypes: "text/plain,text/markdown".split(",")};
  try {
    const response = await fetch(
      url, {method: "post", headers: new Headers(), body: JSON.stringify(body)});
    return {status: response.status, json: await response.json()};
  } catch (error) { return {error: String(error)}; }
}"""
HOST_PAGE = "<!doctype html><html lang=en><title>host</title><p>host page</p></html>"


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


def widget_call(browser, stack, origin: str) -> tuple[dict, list]:
    page = browser.new_page()
    # The host page is served by Playwright itself: no server on the allowed origin needed.
    page.route(f"{origin}/", lambda route: route.fulfill(body=HOST_PAGE, content_type="text/html"))
    requests: list = []
    page.on("request", lambda r: requests.append(r) if "/widget" in r.url else None)
    page.goto(f"{origin}/")
    result = page.evaluate(INITIATE_CHAT, stack.start_chat_url.replace("/chat", "/widget"))
    return result, requests


def test_the_widgets_request_from_an_allowed_origin_starts_a_chat(browser, stack):
    result, requests = widget_call(browser, stack, "http://localhost:5173")
    assert result["status"] == 200, result
    data = result["json"]["data"]
    assert set(data["startChatResult"]) == {
        "ContactId",
        "ParticipantId",
        "ParticipantToken",
        "ContinuationToken",
    }
    assert data["featurePermissions"] == {
        "ATTACHMENTS": DEV.widget.attachments,  # dev allows attachments
        "MESSAGING_MARKDOWN": True,
    }
    assert [r.method for r in requests] == ["POST"], "no preflight for a text/plain POST"
    headers = requests[0].all_headers()
    assert headers["content-type"] == "text/plain;charset=UTF-8"
    assert headers["origin"] == "http://localhost:5173"


def test_another_site_cannot_start_chats_from_its_visitors_browsers(browser, stack):
    before_calls, before_lines = len(stack.control("requests", "GET")), len(stack.output)
    result, requests = widget_call(browser, stack, "https://evil.example")
    assert "error" in result, "the browser hides any answer from the foreign page"
    assert [r.method for r in requests] == ["POST"], "it was sent: no preflight stopped it"
    time.sleep(0.3)  # the handler's log line crosses a pipe
    outcomes = [
        json.loads(line).get("outcome")
        for line in list(stack.output)[before_lines:]
        if line.startswith('{"timestamp"')
    ]
    assert outcomes == ["rejected:origin-not-allowed"]
    calls = stack.control("requests", "GET")[before_calls:]
    assert [c for c in calls if c["path"] == "/contact/chat"] == [], "Connect was never called"
