"""Names and text from the other side cannot reorder what the chat shows: a file named
`invoice<RLO>fdp.exe.txt` (which would read `invoicetxt.exe.pdf`) and an agent whose display
name carries an RLO are shown with the control as a visible ⟨U+202E⟩, in file buttons,
meta lines, joined events and the typing line; in message text (plain, markdown) and
interactive titles and choices the overrides, embeddings and isolates are marked while the
marks right-to-left writers use stay; Arabic and Hebrew come through as they are. In the
page and in the CDN widget."""

import json

import pytest
from playwright.sync_api import expect

from tests.web.browser import chromium, needs_chromium, start_chat
from tests.web.rich_chat_browser import STORAGE, SURFACES, open_surface
from tests.web.web_modules import module_page

pytestmark = needs_chromium
ON_EVERY_SURFACE = pytest.mark.parametrize("surface", SURFACES)
RLO = "\u202e"
SPOOFED_FILE = f"invoice{RLO}fdp.exe.txt"
SPOOFING_AGENT = f"Eve{RLO}tnegA"
RTL_NAME = "مريم כהן"  # Arabic and Hebrew: nothing to neutralise


def shown(text: str) -> str:
    return text.replace(RLO, "⟨U+202E⟩")


@ON_EVERY_SURFACE
def test_a_file_name_with_a_bidi_control_shows_its_real_order(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "desktop")
        messages = start_chat(page)
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Attach a file").click()
        chooser.value.set_files(
            {"name": SPOOFED_FILE, "mimeType": "text/plain", "buffer": b"total: 10\n"}
        )
        expect(messages).to_contain_text("Thanks, I received invoice", timeout=10_000)
        button = messages.locator("li.customer .file-card button")
        expect(button).to_have_text(shown(SPOOFED_FILE))
        expect(button).to_have_attribute("dir", "ltr")
        expect(button).to_have_accessible_name(f"Download {shown(SPOOFED_FILE)}")
        with page.expect_download() as download:
            button.click()
        assert RLO not in download.value.suggested_filename


def agent_frames(page, stack, surface: str) -> list[dict]:
    """What an agent named SPOOFING_AGENT and one named RTL_NAME send: websocket frames made
    from this chat's real items."""
    details = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE[surface]}')"))
    transcript = stack.control(f"contacts/{details['contactId']}", method="GET")["transcript"]
    joined = next(
        i
        for i in transcript
        if i["ContentType"].endswith("participant.joined") and i["ParticipantRole"] == "AGENT"
    )
    greeting = next(
        i for i in transcript if i["Type"] == "MESSAGE" and i["ParticipantRole"] == "AGENT"
    )
    items = [
        {**joined, "Id": "spoof-joined", "DisplayName": SPOOFING_AGENT},
        {**greeting, "Id": "spoof-message", "DisplayName": SPOOFING_AGENT, "Content": "Pay here"},
        {**joined, "Id": "rtl-joined", "DisplayName": RTL_NAME},
        {
            **joined,
            "Id": "spoof-typing",
            "DisplayName": SPOOFING_AGENT,
            "ContentType": "application/vnd.amazonaws.connect.event.typing",
        },
    ]
    return [
        {"topic": "aws/chat", "contentType": "application/json", "content": json.dumps(item)}
        for item in items
    ]


@ON_EVERY_SURFACE
def test_display_names_with_bidi_controls_are_neutralised_and_rtl_names_kept(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "desktop")
        sockets = []

        def through(socket):
            socket.connect_to_server()  # both ways as they are; the test adds frames
            sockets.append(socket)

        page.route_web_socket("**/websocket/**", through)
        messages = start_chat(page, name=RTL_NAME)
        box = page.get_by_role("textbox", name="Message")
        box.fill("hello")
        box.press("Enter")
        expect(messages.locator("li.customer .meta")).to_contain_text(
            f"{RTL_NAME} · ", timeout=10_000
        )
        # the agent's echo: it is quiet from now on
        expect(messages).to_contain_text("You said: hello", timeout=10_000)
        for frame in agent_frames(page, stack, surface):
            sockets[-1].send(json.dumps(frame))
        # the typing line first: it clears itself after a few seconds
        expect(page.locator("p.typing")).to_have_text(
            f"{shown(SPOOFING_AGENT)} is typing…", timeout=10_000
        )
        expect(messages.locator('li[data-id="spoof-joined"]')).to_contain_text(
            f"{shown(SPOOFING_AGENT)} joined"
        )
        expect(messages.locator('li[data-id="spoof-message"] .meta')).to_contain_text(
            f"{shown(SPOOFING_AGENT)} · "
        )
        expect(messages.locator('li[data-id="rtl-joined"]')).to_contain_text(f"{RTL_NAME} joined")
        assert RLO not in messages.text_content()


CONTROLS = [
    chr(c)
    for c in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
]
RTL_TEXTS = ["مَرْحَبًا بِكُم، الطلب رقم ١٢٣٤", "שָׁלוֹם, הזמנה מספר 1234", "فاتورة.pdf", "חשבונית.txt"]


def shown_by(stack, function: str) -> list[str]:
    """strings.ts's `function` applied in the browser to RTL_TEXTS, then to each control."""
    with chromium() as browser:
        return module_page(browser, stack).evaluate(
            "async ([name, texts]) => { const strings = await import('/modules/strings.js');"
            " return texts.map((text) => strings[name](text)); }",
            [function, [*RTL_TEXTS, *CONTROLS]],
        )


def test_visible_marks_each_control_and_leaves_rtl_text_alone(stack):
    results = shown_by(stack, "visible")
    assert results[: len(RTL_TEXTS)] == RTL_TEXTS
    assert results[len(RTL_TEXTS) :] == [f"⟨U+{ord(c):04X}⟩" for c in CONTROLS]


# What reorders a run is marked in message text; line breaks, tabs and the marks RTL writers
# use in ordinary text (U+061C, U+200E, U+200F) are left alone.
KEPT_IN_TEXT = ["\t", "\n", "\r", "\u061c", "\u200e", "\u200f"]


def test_visible_in_text_marks_what_reorders_and_keeps_the_marks_rtl_writers_use(stack):
    results = shown_by(stack, "visibleInText")
    assert results[: len(RTL_TEXTS)] == RTL_TEXTS
    assert results[len(RTL_TEXTS) :] == [
        c if c in KEPT_IN_TEXT else f"⟨U+{ord(c):04X}⟩" for c in CONTROLS
    ]


SPOOFED_TEXT = f"Your refund form: invoice{RLO}fdp.exe"
RTL_WITH_MARK = "الطلب \u200fرقم 1234"
SPOOFED_CHOICES = {
    "templateType": "ListPicker",
    "version": "1.0",
    "data": {
        "content": {
            "title": f"Open invoice{RLO}fdp.exe",
            "elements": [{"title": f"Pay{RLO}won"}, {"title": "Later"}],
        }
    },
}


@ON_EVERY_SURFACE
def test_message_text_with_bidi_controls_is_neutralised_and_rtl_marks_kept(stack, surface):
    with chromium() as browser:
        page = open_surface(browser, stack, surface, "desktop")
        messages = start_chat(page)
        details = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE[surface]}')"))
        items = f"contacts/{details['contactId']}/items"
        stack.control(items, body={"Content": SPOOFED_TEXT, "Id": "plain"})
        stack.control(
            items,
            body={"Content": f"**{SPOOFED_TEXT}**", "ContentType": "text/markdown", "Id": "md"},
        )
        stack.control(items, body={"Content": RTL_WITH_MARK, "Id": "rtl"})
        stack.control(
            items,
            body={
                "Content": json.dumps(SPOOFED_CHOICES),
                "ContentType": "application/vnd.amazonaws.connect.message.interactive",
                "Id": "choices",
            },
        )
        for item in ("plain", "md"):
            expect(messages.locator(f'li[data-id="{item}"]')).to_contain_text(
                shown(SPOOFED_TEXT), timeout=10_000
            )
        expect(messages.locator('li[data-id="md"] strong')).to_have_count(1)
        expect(messages.locator('li[data-id="rtl"]')).to_contain_text(RTL_WITH_MARK)
        choices = messages.locator('li[data-id="choices"]')
        expect(choices.locator(".interactive-title")).to_have_text(
            shown("Open invoice\u202efdp.exe")
        )
        expect(choices.get_by_role("button", name=shown(f"Pay{RLO}won"))).to_be_visible()
        assert RLO not in messages.text_content()
        choices.get_by_role("button", name=shown(f"Pay{RLO}won")).click()
        expect(messages).to_contain_text(shown(f"You said: Pay{RLO}won"), timeout=10_000)
