"""The chat page as the CDN serves it (the local CDN stand-in, with the headers the
distribution adds, from infra/widget_hosting_headers.py), in Chromium: it holds a whole chat
under its own Content-Security-Policy with no violation, and no other site can frame it."""

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import (
    DESKTOP,
    RECORD_VIOLATIONS,
    chromium,
    hosted_page_url,
    needs_chromium,
    say,
    start_chat,
)

pytestmark = needs_chromium
HOST = "http://localhost:5173"


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


def test_the_page_is_served_with_its_policy_and_no_framing(stack):
    with chromium() as browser:
        page = browser.new_page()
        response = page.goto(hosted_page_url(stack))
        headers = response.headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert headers["x-frame-options"] == "DENY"


def test_a_whole_chat_runs_under_the_pages_own_policy_without_violations(stack):
    with chromium() as browser:
        context = browser.new_context(viewport=DESKTOP)
        context.add_init_script(RECORD_VIOLATIONS)  # through DevTools: not subject to the CSP
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(hosted_page_url(stack))
        messages = start_chat(page)
        say(page, messages, "hello under a strict policy")
        assert page.evaluate("window.__csp") == []
        assert errors == []


def test_another_site_cannot_frame_the_chat_page(stack):
    framing = f'<!doctype html><title>Evil</title><iframe src="{hosted_page_url(stack)}"></iframe>'
    with chromium() as browser:
        page = browser.new_page()
        page.route(f"{HOST}/", lambda route: route.fulfill(body=framing, content_type="text/html"))
        page.goto(f"{HOST}/")
        page.wait_for_timeout(1000)
        [framed] = [frame for frame in page.frames if frame != page.main_frame]
        assert framed.url != hosted_page_url(stack)
        expect(framed.locator("#prechat")).to_have_count(0)
