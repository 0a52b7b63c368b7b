"""One chat per person across tabs (issue 33): tabs of one browser profile share the chat
(shared-chat.ts). One tab holds the connection, the others mirror it live; what is typed in
any tab reaches the contact once; when the holding tab closes another takes over on the same
contact; ending in one tab ends it in all and forgets it; an expired chat is not resumed.
Contacts and connections are counted on the local stack's record of AWS calls."""

import json
import time

import pytest
from playwright.sync_api import expect

from local.agent_demos import ATTACHMENT_NAME, ATTACHMENT_TEXT
from tests.web.browser import chromium, end_chat, needs_chromium, start_chat
from tests.web.rich_chat_browser import HOST, STORAGE, host_page

pytestmark = needs_chromium


def connections_made(stack) -> int:
    return stack.calls_made("POST", "/participant/connection")


def open_tab(context, stack, surface: str, errors: list[str]):
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(stack.start_chat_url.removesuffix("chat") if surface == "page" else f"{HOST}/")
    return page


def saved(page, surface: str) -> dict | None:
    found = page.evaluate(f"localStorage.getItem('{STORAGE[surface]}')")
    return json.loads(found) if found else None


def said_by_customer(stack, contact_id: str, text: str) -> int:
    transcript = stack.control(f"contacts/{contact_id}", method="GET")["transcript"]
    return sum(
        1 for i in transcript if i.get("ParticipantRole") == "CUSTOMER" and i.get("Content") == text
    )


def type_in(page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


@pytest.fixture
def context(stack):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        html = host_page(stack)
        context.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        yield context


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_tabs_share_one_chat_and_one_contact(stack, context, surface):
    errors: list[str] = []
    contacts, connections = stack.contacts_started(), connections_made(stack)
    a = open_tab(context, stack, surface, errors)
    if surface == "widget":
        a.get_by_role("button", name="Chat with us").click()
    in_a = start_chat(a)
    type_in(a, "from A")
    expect(in_a).to_contain_text("You said: from A", timeout=10_000)
    contact_id = saved(a, surface)["contactId"]

    b = open_tab(context, stack, surface, errors)  # the widget opens on the chat it resumes
    in_b = b.locator("ol.messages")
    expect(in_b).to_contain_text("You said: from A", timeout=15_000)
    expect(b.get_by_role("textbox", name="Message")).to_be_visible()
    assert connections_made(stack) - connections == 1, "B mirrors A's connection"

    stack.control(f"contacts/{contact_id}/items", body={"Content": "Hello both tabs"})
    for tab in (in_a, in_b):
        expect(tab).to_contain_text("Hello both tabs", timeout=10_000)

    type_in(b, "from B")
    for tab in (in_a, in_b):
        expect(tab).to_contain_text("You said: from B", timeout=10_000)
    expect(in_b.locator("li.customer", has_text="from B")).to_have_count(1)
    assert said_by_customer(stack, contact_id, "from B") == 1
    assert stack.contacts_started() - contacts == 1

    a.close()  # the holder goes: B connects on the same contact
    stack.control(f"contacts/{contact_id}/items", body={"Content": "Still there?"})
    expect(in_b).to_contain_text("Still there?", timeout=15_000)
    type_in(b, "after A left")
    expect(in_b).to_contain_text("You said: after A left", timeout=10_000)
    assert said_by_customer(stack, contact_id, "after A left") == 1
    assert connections_made(stack) - connections == 2

    c = open_tab(context, stack, surface, errors)
    in_c = c.locator("ol.messages")
    expect(in_c).to_contain_text("You said: after A left", timeout=15_000)
    end_chat(c)
    for tab in (b, c):
        expect(tab.get_by_role("button", name="Start a new chat")).to_be_visible(timeout=10_000)
        expect(tab.get_by_role("textbox", name="Message")).to_be_hidden()
        assert saved(tab, surface) is None
    assert stack.control(f"contacts/{contact_id}", method="GET")["ended"]
    assert stack.contacts_started() - contacts == 1
    assert errors == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_an_expired_chat_is_not_resumed(stack, context, surface):
    errors: list[str] = []
    a = open_tab(context, stack, surface, errors)
    if surface == "widget":
        a.get_by_role("button", name="Chat with us").click()
    start_chat(a)
    chat = saved(a, surface)
    assert chat["expires"] > time.time() * 1000
    a.evaluate(
        "([key, chat]) => localStorage.setItem(key, chat)",
        [STORAGE[surface], json.dumps({**chat, "expires": int(time.time() * 1000) - 1000})],
    )
    a.close()

    b = open_tab(context, stack, surface, errors)
    if surface == "widget":
        b.get_by_role("button", name="Chat with us").click()
    expect(b.get_by_role("button", name="Start chat")).to_be_visible(timeout=15_000)
    assert saved(b, surface) is None
    contacts = stack.contacts_started()
    start_chat(b)
    assert saved(b, surface)["contactId"] != chat["contactId"]
    assert stack.contacts_started() - contacts == 1
    assert errors == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_tab_already_open_shows_a_chat_started_in_another_and_its_end(stack, context, surface):
    errors: list[str] = []
    contacts = stack.contacts_started()
    a = open_tab(context, stack, surface, errors)
    b = open_tab(context, stack, surface, errors)  # the form, or the widget's launcher
    if surface == "widget":
        expect(b.get_by_role("button", name="Chat with us")).to_be_visible()
        a.get_by_role("button", name="Chat with us").click()
    else:  # the view is made (and found no chat) once the name field has the focus
        expect(b.get_by_label("Your name")).to_be_focused()
    in_a = start_chat(a)
    in_b = b.locator("ol.messages")
    expect(in_b).to_contain_text("Local Agent joined", timeout=15_000)
    type_in(b, "from the tab that was open")
    for tab in (in_a, in_b):
        expect(tab).to_contain_text("You said: from the tab that was open", timeout=10_000)
    contact_id = saved(a, surface)["contactId"]
    assert said_by_customer(stack, contact_id, "from the tab that was open") == 1
    assert stack.contacts_started() - contacts == 1

    stack.control(f"contacts/{contact_id}/end")  # the agent ends it: every tab hears
    for tab in (a, b):
        expect(tab.get_by_role("button", name="Start a new chat")).to_be_visible(timeout=10_000)
    assert saved(a, surface) is None
    assert errors == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_a_tab_taking_over_tries_again_and_hears_a_chat_ended_meanwhile(stack, context, surface):
    errors: list[str] = []
    a = open_tab(context, stack, surface, errors)
    if surface == "widget":
        a.get_by_role("button", name="Chat with us").click()
    start_chat(a)
    contact_id = saved(a, surface)["contactId"]
    b = open_tab(context, stack, surface, errors)
    expect(b.locator("ol.messages")).to_contain_text("Local Agent joined", timeout=15_000)
    refused: list[str] = []

    def offline(route):
        refused.append(route.request.url)
        route.abort()

    b.route("**/participant/connection", offline)
    a.close()
    deadline = time.monotonic() + 10
    while not refused and time.monotonic() < deadline:
        b.wait_for_timeout(100)
    assert refused, "B tried to take over"
    stack.control(f"contacts/{contact_id}/end")
    b.unroute("**/participant/connection")
    expect(b.get_by_role("button", name="Start a new chat")).to_be_visible(timeout=10_000)
    assert saved(b, surface) is None
    assert errors == []


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_files_go_both_ways_from_a_mirroring_tab(stack, context, surface, tmp_path):
    """The file goes to the holder and on to the contact; the download comes back from it."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my order number is 1234\n")
    errors: list[str] = []
    a = open_tab(context, stack, surface, errors)
    if surface == "widget":
        a.get_by_role("button", name="Chat with us").click()
    in_a = start_chat(a)
    b = open_tab(context, stack, surface, errors)
    in_b = b.locator("ol.messages")
    expect(in_b).to_contain_text("Local Agent joined", timeout=15_000)
    with b.expect_file_chooser() as chooser:
        b.get_by_role("button", name="Attach a file").click()
    chooser.value.set_files(str(notes))
    for tab in (in_a, in_b):
        expect(tab).to_contain_text("Thanks, I received notes.txt.", timeout=10_000)
    type_in(b, "demo attachment")
    download_button = b.get_by_role("button", name=f"Download {ATTACHMENT_NAME}")
    expect(download_button).to_be_visible(timeout=10_000)
    with b.expect_download() as download:
        download_button.click()
    with open(download.value.path(), "rb") as saved_file:
        assert saved_file.read() == ATTACHMENT_TEXT
    assert errors == []


def test_a_widget_the_site_took_down_stays_down_when_another_tab_starts_a_chat(stack, context):
    errors: list[str] = []
    a, b, c = (open_tab(context, stack, "widget", errors) for _ in range(3))
    for tab in (a, b, c):
        expect(tab.get_by_role("button", name="Chat with us")).to_be_visible()
    b.evaluate("connectChat('destroy')")
    expect(b.locator("[data-connect-chat-starter]")).to_have_count(0)
    a.get_by_role("button", name="Chat with us").click()
    start_chat(a)
    expect(c.locator("ol.messages")).to_contain_text("Local Agent joined", timeout=15_000)
    b.wait_for_timeout(500)
    expect(b.locator("[data-connect-chat-starter]")).to_have_count(0)
    assert errors == []


NO_STORAGE_EVENTS = """
const listen = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (type !== "storage") return listen.call(this, type, ...rest);
};
"""


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_start_in_a_tab_that_missed_another_tabs_start_joins_that_chat(stack, context, surface):
    """As if the other tab's start came too late to be heard: Start chat still starts none."""
    errors: list[str] = []
    a = open_tab(context, stack, surface, errors)
    b = context.new_page()
    b.on("pageerror", lambda error: errors.append(str(error)))
    b.add_init_script(NO_STORAGE_EVENTS)
    b.goto(a.url)
    for tab in (a, b):
        if surface == "widget":
            tab.get_by_role("button", name="Chat with us").click()
        expect(tab.get_by_role("button", name="Start chat")).to_be_visible()  # before A starts
    start_chat(a)
    contacts = stack.contacts_started()
    b.wait_for_timeout(500)
    expect(b.get_by_role("button", name="Start chat")).to_be_visible()  # heard nothing
    in_b = start_chat(b)
    expect(in_b).to_contain_text("Local Agent joined")
    assert stack.contacts_started() == contacts
    assert saved(b, surface)["contactId"] == saved(a, surface)["contactId"]

    end_chat(a)  # in the holding tab this time
    for tab in (a, b):
        expect(tab.get_by_role("button", name="Start a new chat")).to_be_visible(timeout=10_000)
    assert saved(b, surface) is None
    assert errors == []


# The start request held back in the browser, so a second tab presses Start chat while the
# first tab's start is still under way: neither has a chat to find yet.
SLOW_START = """
const send = window.fetch;
window.fetch = (url, options) =>
  options?.method === "POST" && String(url).endsWith("/chat")
    ? new Promise((wait) => setTimeout(wait, 1500)).then(() => send(url, options))
    : send(url, options);
"""


@pytest.mark.parametrize("surface", ["page", "widget"])
def test_two_tabs_starting_at_once_start_one_chat(stack, context, surface):
    errors: list[str] = []
    contacts = stack.contacts_started()
    context.add_init_script(SLOW_START)
    a, b = (open_tab(context, stack, surface, errors) for _ in range(2))
    for tab in (a, b):
        if surface == "widget":
            tab.get_by_role("button", name="Chat with us").click()
        tab.get_by_label("Your name").fill("Ada")
    for tab in (a, b):
        tab.get_by_role("button", name="Start chat").click()
    for tab in (a, b):
        expect(tab.locator("ol.messages")).to_contain_text("Local Agent joined", timeout=15_000)
    assert saved(a, surface)["contactId"] == saved(b, surface)["contactId"]
    assert stack.contacts_started() - contacts == 1
    type_in(b, "from the second tab")
    expect(a.locator("ol.messages")).to_contain_text("You said: from the second tab")
    assert errors == []
