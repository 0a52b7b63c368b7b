"""The chat page and the widget with a bot check (the `botcheck` environment): they render the
provider's widget from the config's site key and send its token in X-Bot-Token. The
provider's script cannot be fetched here; Playwright serves a stand-in with Turnstile's
explicit-render API that always passes, minting a fresh token for the page's hostname
(local/siteverify.py answers that hostname, and refuses a token seen before)."""

import pytest

from local.siteverify import DUMMY_TOKEN
from tests.local_stack import start_stack
from tests.web.browser import chromium, needs_chromium

pytestmark = needs_chromium
TURNSTILE = "https://challenges.cloudflare.com/turnstile/v0/api.js*"
PASSING = f"""window.turnstile = {{
  render(el, options) {{
    setTimeout(() => {{
      const nonce = Math.random().toString(36).slice(2);  // a token is good once
      options.callback(["{DUMMY_TOKEN}", location.hostname, nonce].join("|"));
      const box = document.createElement("p");  // then show it solved
      box.textContent = "Verified (test key)";
      el.append(box);
    }}, 50);
    return "w1";
  }},
  reset() {{}},
}};"""
NEVER_SOLVED = "window.turnstile = { render() { return 'w1'; }, reset() {} };"


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--env", "botcheck", "--agent-delay", "0.1")
    yield running
    running.stop()


def page_with(browser, script: str):
    page = browser.new_page()
    page.route(TURNSTILE, lambda route: route.fulfill(body=script, content_type="text/javascript"))
    return page


def test_the_page_sends_the_providers_token_and_the_chat_starts(stack):
    from playwright.sync_api import expect

    with chromium() as browser:
        page = page_with(browser, PASSING)
        sent = []
        page.on("request", lambda r: sent.append(r.headers) if r.url.endswith("/chat") else None)
        page.goto(stack.start_chat_url.removesuffix("chat"))
        expect(page.get_by_text("Verified (test key)")).to_be_visible(timeout=10_000)
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.locator("#messages")).to_contain_text("Local Agent joined", timeout=15_000)
        assert sent[0]["x-bot-token"].startswith(f"{DUMMY_TOKEN}|127.0.0.1|"), "the page's hostname"


def test_without_a_solved_check_no_chat_is_requested(stack):
    from playwright.sync_api import expect

    with chromium() as browser:
        page = page_with(browser, NEVER_SOLVED)
        sent = []
        page.on("request", lambda r: sent.append(r) if r.url.endswith("/chat") else None)
        page.goto(stack.start_chat_url.removesuffix("chat"))
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.get_by_role("alert")).to_contain_text("complete the check", timeout=10_000)
        assert sent == []
