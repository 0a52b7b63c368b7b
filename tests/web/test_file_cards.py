"""Files in the conversation as cards (issue 33), page and widget in real Chromium: the
file's type, its name, its size in the customer's language, and its state (sending,
checking for viruses, ready to download, or blocked, said in words in an error style that
passes axe-core's contrast check), the customer's files and the agent's."""

import json

import pytest
from playwright.sync_api import expect

from local.agent_demos import ATTACHMENT_NAME
from tests.web.browser import chromium, needs_chromium, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import STORAGE, open_surface

pytestmark = needs_chromium
DANGER = "rgb(138, 28, 28)"  # chat.css's --chat-danger


def agent_sends_file(stack, page, surface: str, name: str, status: str) -> None:
    chat = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE[surface]}')"))
    listed = {"AttachmentId": f"id-{name}", "AttachmentName": name, "Status": status}
    body = {"Type": "ATTACHMENT", "ContentType": "application/pdf", "Attachments": [listed]}
    stack.control(f"contacts/{chat['contactId']}/items", body=body)


def attach(page, name: str, data: bytes) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach a file").click()
    chooser.value.set_files({"name": name, "mimeType": "text/plain", "buffer": data})


def style(locator, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


@pytest.mark.parametrize(("surface", "width"), [("page", 1280), ("widget", 1280), ("widget", 320)])
def test_each_file_is_a_card_with_its_type_size_and_state(stack, surface, width):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, width)
        messages = start_chat(page)
        held = []  # the upload, until the card has been seen sending
        page.route("**/_attachments/upload/**", lambda route: held.append(route))
        attach(page, "notes.txt", b"my order number is 1234\n")
        own = messages.locator("li.customer .file-card").last
        expect(own).to_have_attribute("data-state", "uploading")
        expect(own.locator(".file-state")).to_have_text("24 bytes · Sending…")
        expect(own.locator(".file-type")).to_have_text("TXT")
        assert axe_violations(page) == [], "sending"
        held[0].continue_()
        expect(own).to_have_attribute("data-state", "ready", timeout=10_000)
        expect(messages.locator("li.customer .file-card")).to_have_count(1)  # not twice
        expect(own.get_by_role("button", name="Download notes.txt")).to_have_text("notes.txt")
        expect(own.locator(".file-state")).to_have_text("24 bytes")

        agent_sends_file(stack, page, surface, "report.pdf", "IN_PROGRESS")
        checking = messages.locator("li.agent .file-card").last
        expect(checking).to_have_attribute("data-state", "scanning")
        expect(checking.locator(".file-type")).to_have_text("PDF")
        expect(checking).to_contain_text("report.pdf")
        expect(checking.locator(".file-state")).to_have_text("Checking for viruses…")
        assert checking.get_by_role("button").count() == 0

        agent_sends_file(stack, page, surface, "virus.pdf", "REJECTED")
        blocked = messages.locator("li.agent .file-card").last
        expect(blocked).to_have_attribute("data-state", "blocked")
        reason = blocked.locator(".file-state")
        expect(reason).to_have_text("Blocked: it did not pass the virus check")
        assert style(reason, "color") == DANGER
        assert style(blocked, "border-top-color") == DANGER
        assert blocked.get_by_role("button").count() == 0, "nothing to download"

        page.get_by_role("textbox", name="Message").fill("demo attachment")
        page.get_by_role("textbox", name="Message").press("Enter")
        theirs = page.get_by_role("button", name=f"Download {ATTACHMENT_NAME}")
        expect(theirs).to_be_visible(timeout=10_000)
        card = messages.locator("li.agent .file-card", has=theirs)
        expect(card.locator(".file-type")).to_have_text("TXT")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page) == []


def test_sizes_and_states_in_spanish(stack):
    with chromium() as browser:
        page = open_surface(browser, stack, "page", "desktop", query="?lang=es")
        messages = start_chat(page, language="es")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Adjuntar un archivo").click()
        chooser.value.set_files(
            {"name": "pedido.txt", "mimeType": "text/plain", "buffer": b"x" * 5222}
        )
        own = messages.locator("li.customer .file-card").last
        expect(own.get_by_role("button", name="Descargar pedido.txt")).to_be_visible(timeout=10_000)
        expect(own.locator(".file-state")).to_have_text("5,1 kB")
        agent_sends_file(stack, page, "page", "virus.pdf", "REJECTED")
        reason = messages.locator("li.agent .file-card .file-state").last
        expect(reason).to_have_text("Bloqueado: no ha pasado el análisis de virus")
        assert axe_violations(page) == []
