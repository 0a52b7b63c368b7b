"""A host page's markup cannot tell the widget where it came from: with
`<img name="currentScript">` (which shadows document.currentScript) pointing at another
server, the CDN bundle and the self-hosted widget.js still load their configuration and
modules from beside their own tag, and that server hears nothing but the image request."""

import pytest

from infra.widget_bundle import snippet
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, chromium, needs_chromium, start_chat
from tests.web.recording_server import recording_server

pytestmark = needs_chromium
HOST = "http://localhost:5173"
# What the widget checks with, and its once-per-page flag: named elements cannot stand in
# for a window's own properties, and a named element is no `true`.
SHADOWS_THE_REST = "".join(
    f'<img name="{name}" alt="">'
    for name in ("Document", "HTMLScriptElement", "Object", "connectChatStarterWidget")
)


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.1")
    yield running
    running.stop()


def cdn_tag(stack) -> str:
    return snippet(stack.widget_url)


def self_hosted_tag(stack) -> str:
    base = stack.start_chat_url.removesuffix("chat")
    return (
        f'<script src="{base}widget.js" data-start-chat-url="{stack.start_chat_url}"'
        f' data-region="{stack.region}" data-participant-endpoint="{stack.aws_endpoint}"></script>'
    )


@pytest.mark.parametrize("tag", [cdn_tag, self_hosted_tag], ids=["cdn-bundle", "self-hosted"])
def test_a_clobbered_current_script_does_not_move_the_widget(stack, tag):
    from playwright.sync_api import expect

    with recording_server() as (elsewhere, received), chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        html = (
            f'<!doctype html><html lang="en"><head><title>Shop</title></head><body>'
            f'<main><h1>Shop</h1><img name="currentScript" src="{elsewhere}/x.png" alt="">'
            f"{SHADOWS_THE_REST}"
            f"</main>{tag(stack)}</body></html>"
        )
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(f"{HOST}/")
        launcher = page.get_by_role("button", name="Chat with us")
        expect(launcher).to_be_visible(timeout=15_000)
        launcher.click()
        start_chat(page)
        assert errors == []
    assert [line for line in received if line != "GET /x.png"] == []
