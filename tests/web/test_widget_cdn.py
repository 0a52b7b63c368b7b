"""The widget as it ships: only the pasted snippet (WidgetSnippet, from the CDN stand-in that
serves the bundle exactly as the stack publishes it) on a host page at http://localhost:5173
whose Content-Security-Policy allows scripts and styles from the CDN alone and connections
to the API, the CDN and the Participant Service alone: a whole chat, zero CSP violations,
axe-core at phone and desktop widths."""

import urllib.parse
import urllib.request

import pytest

from infra.widget_bundle import build_widget, snippet
from local.agent_demos import ATTACHMENT_NAME
from tests.local_stack import start_stack
from tests.web.browser import (
    DESKTOP,
    PHONE,
    RECORD_VIOLATIONS,
    chromium,
    needs_chromium,
    say,
    scrolls_sideways,
    start_chat,
)
from tests.web.browser import serious_accessibility_violations as axe_violations

pytestmark = needs_chromium
HOST = "http://localhost:5173"


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def strict_csp(stack) -> str:
    cdn, api, aws = (
        origin(stack.widget_url),
        origin(stack.start_chat_url),
        origin(stack.aws_endpoint),
    )
    websocket = aws.replace("http://", "ws://")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {cdn}",
            f"style-src {cdn}",
            f"connect-src {cdn} {api} {aws} {websocket}",
            f"img-src {cdn}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


def open_host_page(browser, stack, body: str, errors: list[str]):
    page = browser.new_page(viewport=DESKTOP)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(RECORD_VIOLATIONS)  # runs through DevTools: not subject to the CSP
    html = (
        f'<!doctype html><html lang="en"><head><title>Shop</title></head><body>{body}</body></html>'
    )
    headers = {"Content-Security-Policy": strict_csp(stack)}
    page.route(
        f"{HOST}/",
        lambda route: route.fulfill(body=html, content_type="text/html", headers=headers),
    )
    page.goto(f"{HOST}/")
    return page


def rich_chat_features(page, messages) -> None:
    """What parses HTML, builds buttons and makes blob downloads: under the CSP too."""
    from playwright.sync_api import expect

    box = page.get_by_role("textbox", name="Message")
    for command in ("demo markdown", "demo list", "demo attachment"):
        box.fill(command)
        box.press("Enter")
    expect(messages.locator("strong")).to_have_text("bold text", timeout=10_000)
    page.get_by_role("button", name="Return an item").click(timeout=10_000)
    expect(messages).to_contain_text("You said: Return an item", timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Download {ATTACHMENT_NAME}").click(timeout=10_000)
    assert download.value.suggested_filename == ATTACHMENT_NAME
    assert page.evaluate("window.__unsafe") is None


def test_the_policy_is_enforced_and_its_violations_are_seen(stack):
    """What makes the test below able to fail: an inline script is refused and recorded."""
    with chromium() as browser:
        page = open_host_page(browser, stack, "<script>window.ran = true</script>", [])
        assert page.evaluate("window.ran === undefined")
        assert page.evaluate("window.__csp") == ["script-src-elem inline"]


@pytest.mark.parametrize("pinned", [False, True], ids=["stable-tag", "pinned-tag-with-sri"])
def test_the_snippet_alone_gives_a_whole_chat_under_a_strict_csp(stack, pinned, tmp_path):
    from playwright.sync_api import expect

    tag = snippet(stack.widget_url)
    if pinned:  # the file and integrity a synth computes, against what the CDN serves
        build = build_widget(tmp_path / "build")
        pinned_url = stack.widget_url.replace("widget.js", build.hashed_path)
        served = urllib.request.urlopen(pinned_url, timeout=10).read()
        assert served == (build.folder / build.hashed_path).read_bytes()
        tag = snippet(pinned_url, integrity=build.integrity)
    errors: list[str] = []
    with chromium() as browser:
        page = open_host_page(browser, stack, f"<main><h1>A shop</h1></main>{tag}", errors)
        launcher = page.get_by_role("button", name="Chat with us")
        expect(launcher).to_be_visible(timeout=15_000)
        launcher.click()
        messages = start_chat(page)
        say(page, messages, "Where is my order?")
        rich_chat_features(page, messages)
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            assert axe_violations(page) == [], viewport
            assert not scrolls_sideways(page)
        violations = page.evaluate("window.__csp")
    assert violations == []
    assert errors == [], errors
