"""Rich chat in a real browser against the local stack, in the page and in the CDN widget, at
phone and desktop widths, each state checked with axe-core: markdown that cannot run
anything, interactive choices, attachments both ways, receipts, a confirmed end, and what
the contact flow says after the agent has left."""

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from local.agent_demos import ATTACHMENT_NAME, ATTACHMENT_TEXT
from tests.web.browser import needs_chromium
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import SURFACES, WIDTHS, chat

pytestmark = needs_chromium
EVERYWHERE = pytest.mark.parametrize(
    ("surface", "width"), [(s, w) for s in SURFACES for w in WIDTHS]
)
# Set to a folder to also save there the screenshots docs/ shows.
SCREENSHOTS = os.environ.get("RICH_CHAT_SCREENSHOTS")
DOCUMENTED = {"rich-markdown-page.png", "rich-list-widget.png", "rich-attachments-widget.png"}


def agent_entry(session, text: str):
    return session.messages.locator("li.agent", has_text=text).last


def screenshot(session, tmp_path, name: str) -> None:
    session.page.screenshot(path=str(tmp_path / name))
    if SCREENSHOTS and name in DOCUMENTED:
        shutil.copy(tmp_path / name, os.path.join(SCREENSHOTS, name))


@EVERYWHERE
def test_markdown_is_formatted_and_nothing_in_it_runs(stack, surface, width, tmp_path):
    with chat(stack, surface, width) as session:
        session.say("demo markdown")
        reply = agent_entry(session, "bold text")
        expect(reply.locator("strong")).to_have_text("bold text", timeout=10_000)
        expect(reply.locator("em")).to_have_text("emphasis")
        expect(reply.locator("ul > li")).to_have_count(2)
        link = reply.get_by_role("link", name="our help page")
        expect(link).to_have_attribute("href", "https://example.com/help")
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")
        expect(reply.get_by_role("link")).to_have_count(1)  # the javascript: one is words only
        expect(reply).to_contain_text("this link")
        expect(reply).to_contain_text("<script>")  # raw HTML is shown as text
        assert reply.locator("script, img, [onerror]").count() == 0
        assert session.page.evaluate("window.__unsafe") is None
        session.say("see https://example.com/orders?id=7.")
        own = session.messages.locator("li.customer").last
        expect(own.get_by_role("link")).to_have_attribute("href", "https://example.com/orders?id=7")
        if width == "phone":
            screenshot(session, tmp_path, f"rich-markdown-{surface}.png")
        assert axe_violations(session.page) == []
        assert session.errors == []


@EVERYWHERE
def test_interactive_choices_answer_as_chat_interface_does(stack, surface, width, tmp_path):
    with chat(stack, surface, width) as session:
        session.say("demo list")
        picker = session.page.get_by_role("group", name="What can we help you with?")
        expect(picker.get_by_role("button")).to_have_count(3, timeout=10_000)
        assert axe_violations(session.page) == []
        if width == "phone":
            screenshot(session, tmp_path, f"rich-list-{surface}.png")
        picker.get_by_role("button", name="Return an item").click()
        expect(session.messages).to_contain_text("You said: Return an item", timeout=10_000)
        expect(
            picker.get_by_role("button", name="Track an order Where is my parcel?")
        ).to_be_disabled()
        session.say("demo quick")
        quick = session.page.get_by_role("group", name="Was this helpful?")
        expect(quick.get_by_role("button", name="Yes")).to_be_enabled(timeout=10_000)
        session.say("demo time")
        times = session.page.get_by_role("group", name="When should we call you back?")
        expect(times.get_by_role("button")).to_have_count(3, timeout=10_000)
        expect(quick.get_by_role("button", name="Yes")).to_be_disabled()  # only the newest answers
        times.get_by_role("button").first.click()
        slot = re.compile(r"You said: \d{4}-\d\d-\d\dT09:00\+00:00")  # the slot's own date
        expect(session.messages).to_contain_text(slot, timeout=10_000)
        assert axe_violations(session.page) == []
        assert session.errors == []


@EVERYWHERE
def test_attachments_go_both_ways_with_checks_first(stack, surface, width, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my order number is 1234\n")
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as file:
        file.truncate(20 * 2**20 + 1)
    with chat(stack, surface, width) as session:
        page = session.page
        uploads_before = sum("attachment" in r["path"] for r in stack.control("requests", "GET"))
        for refused, why in ((program, "this type of file"), (huge, "at most 20 MB")):
            with page.expect_file_chooser() as chooser:
                page.get_by_role("button", name="Attach a file").click()
            chooser.value.set_files(str(refused))
            expect(page.locator("p.status")).to_contain_text(why)  # not the presence line
        uploads = sum("attachment" in r["path"] for r in stack.control("requests", "GET"))
        assert uploads == uploads_before, "refused before any call"
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Attach a file").click()
        chooser.value.set_files(str(notes))
        expect(session.messages).to_contain_text("Thanks, I received notes.txt.", timeout=10_000)
        expect(page.get_by_role("button", name="Download notes.txt")).to_be_visible()
        session.say("demo attachment")
        download_button = page.get_by_role("button", name=f"Download {ATTACHMENT_NAME}")
        expect(download_button).to_be_visible(timeout=10_000)
        with page.expect_download() as download:
            download_button.click()
        assert download.value.suggested_filename == ATTACHMENT_NAME
        with open(download.value.path(), "rb") as saved:
            assert saved.read() == ATTACHMENT_TEXT
        if width == "phone":
            screenshot(session, tmp_path, f"rich-attachments-{surface}.png")
        assert axe_violations(page) == []
        assert session.errors == []


@EVERYWHERE
def test_receipts_go_out_when_read_and_come_back_under_the_latest_message(stack, surface, width):
    with chat(stack, surface, width) as session:
        session.say("first")
        session.say("second")
        own = session.messages.locator("li.customer").last
        expect(own.locator(".receipt")).to_have_text("Read", timeout=10_000)
        expect(session.messages.locator(".receipt")).to_have_count(1)  # the latest message only
        reply = agent_entry(session, "You said: second")
        expect(reply).to_be_visible(timeout=10_000)
        reply_id = reply.get_attribute("data-id")

        def read_by_customer() -> bool:
            transcript = session.contact(stack)["transcript"]
            item = next(i for i in transcript if i["Id"] == reply_id)
            receipts = item.get("MessageMetadata", {}).get("Receipts", [])
            return any("ReadTimestamp" in receipt for receipt in receipts)

        # chatjs sends receipts at most every 5 s
        session.page.wait_for_timeout(100)
        for _ in range(150):
            if read_by_customer():
                break
            session.page.wait_for_timeout(100)
        assert read_by_customer(), "the view sends Read for what is on screen"
        assert axe_violations(session.page) == []


@EVERYWHERE
def test_end_chat_asks_first_and_the_survey_after_the_agent_still_shows(stack, surface, width):
    with chat(stack, surface, width) as session:
        page = session.page
        page.get_by_role("button", name="End chat").click()
        question = page.get_by_role("group", name="End this chat?")
        expect(question).to_be_visible()
        assert axe_violations(page) == []
        question.get_by_role("button", name="Keep chatting").click()
        expect(question).to_be_hidden()
        expect(page.get_by_role("button", name="Send")).to_be_enabled()
        session.say("demo survey")
        expect(session.messages).to_contain_text("Local Agent left", timeout=10_000)
        survey = page.get_by_role("group", name="How did we do? 1 is poor, 5 is great.")
        survey.get_by_role("button", name="5").click(timeout=10_000)
        expect(session.messages).to_contain_text("Thank you for your rating.", timeout=10_000)
        expect(page.get_by_role("button", name="Send")).to_be_enabled()
        page.get_by_role("button", name="End chat").click()
        page.get_by_role("button", name="Yes, end the chat").click()
        expect(session.messages).to_contain_text("Chat ended", timeout=10_000)
        assert axe_violations(page) == []


@pytest.mark.parametrize("surface", SURFACES)
def test_a_hidden_tab_hears_of_new_messages(stack, surface):
    with chat(stack, surface, "desktop", permissions=["notifications"]) as session:
        page = session.page
        title = page.title()
        page.evaluate("window.__setHidden(true)")
        session.say("anyone there?")
        # not wait_for_function: the hosted page's CSP refuses the eval it uses
        expect(page).to_have_title(re.compile(r"^\(1\) New message from Local Agent"))
        notes = page.evaluate("window.__notifications")
        assert notes == [
            {"title": "New message from Local Agent", "body": "You said: anyone there?"}
        ]
        page.evaluate("window.__setHidden(false)")
        assert page.title() == title


def test_notifications_are_offered_only_while_undecided(stack):
    with chat(stack, "page", "phone") as session:
        expect(session.page.get_by_role("button", name="Notify me of new messages")).to_be_visible()
    with chat(stack, "page", "phone", permissions=["notifications"]) as session:
        expect(session.page.get_by_role("button", name="Notify me of new messages")).to_be_hidden()
