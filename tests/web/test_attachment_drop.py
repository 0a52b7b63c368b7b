"""Files dropped on the conversation: sent where the environment allows attachments, and a
clear line (no call) where it does not (prod: widget.attachments is false)."""

from playwright.sync_api import expect

from local.attachment_service import EICAR_TEST_FILE
from tests.local_stack import start_stack
from tests.web.browser import needs_chromium
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import chat

pytestmark = needs_chromium
DROP = """([name, text]) => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: "" }));
  return transfer;
}"""


def drop(session, name: str, text: str) -> None:
    transfer = session.page.evaluate_handle(DROP, [name, text])
    conversation = session.messages.locator("xpath=..")
    conversation.dispatch_event("drop", {"dataTransfer": transfer})


def test_a_dropped_file_is_sent_with_connects_type_for_its_name_and_survives_a_reload():
    stack = start_stack("--agent-delay", "0.05")
    try:
        with chat(stack, "widget", "phone") as session:
            drop(session, "totals.csv", "a,b\n1,2\n")  # the browser gave no type: ours is used
            expect(session.messages).to_contain_text(
                "Thanks, I received totals.csv.", timeout=10_000
            )
            transcript = session.contact(stack)["transcript"]
            sent = [item for item in transcript if item["Type"] == "ATTACHMENT"]
            assert sent[0]["Attachments"][0]["ContentType"] == "text/csv"
            session.say("demo list")
            expect(session.page.get_by_role("button", name="Return an item")).to_be_visible(
                timeout=10_000
            )
            session.page.reload()  # the panel reopens; the transcript brings back files and choices
            download = session.page.get_by_role("button", name="Download totals.csv")
            expect(download).to_be_visible(timeout=15_000)
            expect(session.page.get_by_role("button", name="Return an item")).to_be_enabled()
    finally:
        stack.stop()


def test_a_file_the_scan_rejects_says_so_and_offers_no_download():
    stack = start_stack("--agent-delay", "0.05")
    try:
        with chat(stack, "page", "desktop") as session:
            drop(session, "eicar.txt", EICAR_TEST_FILE.decode())
            own = session.messages.locator("li.customer .file-card").last
            expect(own).to_have_attribute("data-state", "blocked", timeout=10_000)
            expect(own).to_contain_text("eicar.txt")
            expect(own).to_contain_text("Blocked: it did not pass the virus check")
            expect(session.messages).to_contain_text("did not pass the virus scan")
            assert own.get_by_role("button").count() == 0
            assert axe_violations(session.page) == []
    finally:
        stack.stop()


def test_without_attachments_there_is_no_button_and_a_drop_says_why():
    stack = start_stack("--env", "prod", "--agent-delay", "0.05")
    try:
        with chat(stack, "page", "phone") as session:
            page = session.page
            expect(page.get_by_role("button", name="Attach a file")).to_be_hidden()
            drop(session, "notes.txt", "x")
            expect(page.locator("p.status")).to_have_text("Files can't be sent in this chat.")
            calls = [r["path"] for r in stack.control("requests", "GET")]
            assert not [path for path in calls if "attachment" in path]
            assert axe_violations(page) == []
    finally:
        stack.stop()
