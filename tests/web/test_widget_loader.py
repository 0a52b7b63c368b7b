"""The stable widget.js is a small loader (web/src/loader.ts): on a host page of another origin
under the strict CSP of test_widget_cdn.py, it draws the launcher (same name, look and
theming) without fetching the full bundle; the launcher's click loads
assets/widget.<hash>.js (with its integrity) and a whole chat works, the full widget taking
the launcher over with no frame showing two launchers or none; a reload mid-chat fetches the
bundle at once and resumes; calls queued before the tag, and made before the bundle came,
reach the full widget."""

import re

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import snippet
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, RECORD_VIOLATIONS, chromium, needs_chromium, say, start_chat
from tests.web.test_widget_api import LISTEN, STUB
from tests.web.test_widget_cdn import strict_csp

pytestmark = needs_chromium
HOST = "http://localhost:5173"
FULL_BUNDLE = re.compile(r"/assets/widget\.[0-9a-f]{16}\.js$")
# Every frame from the first launcher on: how many widget hosts the page has (one, always).
COUNT_FRAMES = """
window.__hosts = [];
const count = () => {
  const found = document.querySelectorAll("[data-connect-chat-starter]").length;
  if (found || window.__hosts.length) window.__hosts.push(found);
  requestAnimationFrame(count);
};
requestAnimationFrame(count);
"""


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


def host_page(browser, stack, before_tag: str = "", *, csp: bool = True):
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if FULL_BUNDLE.search(r.url) else None)
    page.add_init_script(RECORD_VIOLATIONS + COUNT_FRAMES)
    html = (
        '<!doctype html><html lang="en"><head><title>Shop</title></head><body>'
        "<main><h1>Shop</h1></main>"
        f"{before_tag}{snippet(stack.widget_url)}</body></html>"
    )
    headers = {"Content-Security-Policy": strict_csp(stack)} if csp else {}
    page.route(
        f"{HOST}/",
        lambda route: route.fulfill(body=html, content_type="text/html", headers=headers),
    )
    page.goto(f"{HOST}/")
    return page, fetched, errors


def launchers(page):
    """The launcher button, whoever drew it (its name may change while the panel is open)."""
    return page.locator("[data-connect-chat-starter] button.launcher")


def look(launcher) -> dict:
    return launcher.evaluate(
        "e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();"
        " return {bg: s.backgroundColor, font: s.fontFamily, radius: s.borderRadius,"
        " edges: [r.right, r.bottom, r.height].map(Math.round)}; }"
    )


def test_the_launcher_comes_without_the_bundle_and_a_click_brings_a_whole_chat(browser, stack):
    page, fetched, errors = host_page(browser, stack)
    launcher = page.get_by_role("button", name="Chat with us")
    expect(launcher).to_be_visible(timeout=15_000)
    before = look(launcher)
    page.wait_for_timeout(1500)  # time enough for a bundle that was on its way
    assert fetched == [], "the launcher alone needs no full bundle"
    assert page.locator("script[integrity]").count() == 0

    launcher.click()
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible(timeout=15_000)
    assert len(fetched) == 1, fetched
    tag = page.locator("script[integrity]")
    assert tag.get_attribute("crossorigin") == "anonymous"
    assert (tag.get_attribute("integrity") or "").startswith("sha384-")
    assert look(launchers(page)) == before, "the same launcher, where it was"
    assert set(page.evaluate("window.__hosts")) == {1}, "no frame with two launchers or none"
    say(page, start_chat(page), "Where is my order?")
    assert page.evaluate("window.__csp") == []
    assert errors == [], errors


def test_a_reload_mid_chat_fetches_the_bundle_at_once_and_resumes(browser, stack):
    page, fetched, errors = host_page(browser, stack)
    page.get_by_role("button", name="Chat with us").click()
    say(page, start_chat(page), "Before the reload")
    fetched.clear()

    page.reload()
    messages = page.get_by_role("list", name="Messages")
    expect(messages).to_contain_text("You said: Before the reload", timeout=15_000)
    expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
    assert len(fetched) == 1, "fetched with no click"
    expect(launchers(page)).to_have_count(1)
    say(page, messages, "After the reload")
    assert errors == [], errors


def test_calls_queued_and_made_before_the_bundle_reach_the_full_widget(browser, stack):
    options = '{"label": "Help", "position": "left"}'
    queued = f"<script>{STUB}{LISTEN}connectChat('init', {options});</script>"
    page, fetched, errors = host_page(browser, stack, queued, csp=False)  # an inline stub
    page.wait_for_function("window.__events.some(([name]) => name === 'ready')", timeout=15_000)
    launcher = page.get_by_role("button", name="Help")
    expect(launcher).to_be_visible()
    assert launcher.evaluate("e => e.getBoundingClientRect().x") < 100, "on the left"
    assert fetched == []

    page.evaluate("connectChat('startChat', {name: 'Ada'})")
    messages = page.get_by_role("list", name="Messages")
    expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
    assert len(fetched) == 1
    page.wait_for_function("window.__events.some(([name]) => name === 'chat-started')")
    names = [name for name, _ in page.evaluate("window.__events")]
    assert names.count("ready") == 1, names
    expect(launchers(page)).to_have_count(1)
    say(page, messages, "Hello")
    assert errors == [], errors
