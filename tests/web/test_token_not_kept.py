"""A sign-in token in a link (?token=) is never used, and not left in the address bar or the
tab's history either (issue 33); the rest of the address (?lang=) stays."""

import pytest
from playwright.sync_api import expect

from tests.local_stack import start_stack
from tests.web.browser import chromium, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


def test_a_token_in_the_address_is_taken_out_of_it(stack):
    with chromium() as browser:
        page = browser.new_page()
        page.goto("about:blank")
        page.goto(stack.start_chat_url.removesuffix("chat") + "?token=secret.jwt.value&lang=es")
        expect(page.get_by_role("button", name="Iniciar chat")).to_be_visible()
        assert "token" not in page.url
        assert page.url.endswith("?lang=es")
        page.go_back()
        page.go_forward()
        assert "secret" not in page.url
