"""Sign-in known before the form (issue 33): where the environment starts chats only for
signed-in customers (config.json's `signIn`), a visitor with no token (no getToken hook, or
one that gives nothing) sees "Sign in to chat", a link to config.json's `signInUrl`, instead
of the pre-chat form, and no chat is attempted; a link that is not https or a path of the
site is not drawn. With a token the form is there and the chat starts."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.test_widget_and_auth import token
from tests.local_stack import start_stack
from tests.web.browser import chromium, end_chat, needs_chromium, scrolls_sideways
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import open_surface

pytestmark = needs_chromium
SIGN_IN_URL = "https://staging.example.com/sign-in?return=%2Fsupport"  # cdk.json's staging
NO_TOKEN = {
    "a hook with no token": "window.connectChatStarter = {getToken: async () => null};",
    "a failing hook": "window.connectChatStarter = {getToken: async () => { throw 1; }};",
}


@pytest.fixture(scope="module")
def staging():
    running = start_stack("--env", "staging", "--no-agent")
    yield running
    running.stop()


def starts(page) -> list[str]:
    """Every request to the start-chat API the page makes from now on."""
    made: list[str] = []
    page.on("request", lambda request: made.append(request.url) if "/chat" in request.url else None)
    return made


def shows_sign_in(page, surface: str) -> None:
    made = starts(page)
    link = page.get_by_role("link", name="Sign in to chat")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", SIGN_IN_URL)
    expect(page.get_by_text("Our chat is for signed-in customers.")).to_be_visible()
    expect(page.get_by_label("Your name")).to_be_hidden()
    expect(page.get_by_role("button", name="Start chat")).to_be_hidden()
    if surface == "widget":  # the host page's own startChat is refused the same way
        page.evaluate("connectChat('startChat', {name: 'Ada'})")
        expect(link).to_be_visible()
    page.wait_for_timeout(300)
    assert made == [], "no chat is attempted"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("surface", ["page", "widget"])
def test_no_hook_shows_sign_in_instead_of_the_form(staging, surface, width):
    with chromium() as browser:
        page = open_surface(browser, staging, surface, width)
        shows_sign_in(page, surface)
        if surface == "widget":  # opened by its launcher: the link is where the keyboard is
            expect(page.get_by_role("link", name="Sign in to chat")).to_be_focused()
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)


@pytest.mark.parametrize("surface", ["page", "widget"])
@pytest.mark.parametrize("hook", NO_TOKEN.values(), ids=NO_TOKEN.keys())
def test_a_hook_with_no_token_shows_sign_in_too(staging, surface, hook):
    with chromium() as browser:
        shows_sign_in(open_surface(browser, staging, surface, "phone", init_script=hook), surface)


@pytest.mark.parametrize(
    "given", ["javascript:alert(1)", "//evil.example.com/", "data:text/html,hi", None]
)
def test_a_sign_in_link_that_is_not_https_or_the_sites_is_not_drawn(staging, given):
    """config.json is the stack's; this one is altered in flight to show what the page does
    with a link no environment may have (infra/config.py refuses it) or with none."""
    with chromium() as browser:
        page = browser.new_page()

        def altered(route):
            config = route.fetch().json()
            config["signInUrl"] = given
            route.fulfill(json=config)

        page.route("**/config.json", altered)
        page.goto(staging.start_chat_url.removesuffix("chat"))
        expect(
            page.get_by_text("Our chat is for signed-in customers. Sign in to chat")
        ).to_be_visible()
        expect(page.get_by_role("link")).to_have_count(0)
        expect(page.get_by_label("Your name")).to_be_hidden()


def test_with_a_token_the_form_is_there_and_the_chat_starts(staging):
    with chromium() as browser:
        page = browser.new_page()
        page.add_init_script(f"window.connectChatStarter = {{getToken: async () => {token()!r}}};")
        page.goto(staging.start_chat_url.removesuffix("chat"))
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        expect(page.locator("#conversation")).to_be_visible(timeout=15_000)
        expect(page.get_by_role("link", name="Sign in to chat")).to_have_count(0)
        chat = json.loads(page.evaluate("localStorage.getItem('connect-chat-starter.chat')"))
        assert staging.control(f"contacts/{chat['contactId']}", "GET")["attributes"]["customerId"]
        end_chat(page)
