"""What the other side sends reaches the terminal inert: control and bidi characters shown as
visible escapes, letters of every script unchanged (no stack needed, except the last test)."""

import os
import re
import subprocess
import sys

from botocore.exceptions import ClientError

from chat_client.errors import StartChatError
from chat_client.items import INTERACTIVE, ChatItem
from chat_client.participant_api import as_chat_error
from chat_client.safe_text import safe_text
from tests.conftest import REPO_ROOT

OSC_TITLE, CLEAR_SCREEN, RLO = "\x1b]0;pwned\x07", "\x1b[2J", "\u202e"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
HEBREW, ARABIC = "שלום, מה שלומך?", "مرحبا، كيف حالك؟"
# What a terminal or a bidi algorithm would act on, whatever is left after safe_text.
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
ACTIVE_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def test_terminal_controls_become_visible_escapes():
    shown = safe_text(f"a{OSC_TITLE}b{CLEAR_SCREEN}\x9b31m\x7f\r\x00")
    assert shown == r"a\u001b]0;pwned\u0007b\u001b[2J\u009b31m\u007f\u000d\u0000"


def test_a_message_body_keeps_its_newlines_and_tabs_and_a_name_does_not():
    assert safe_text("line 1\n\tline 2") == "line 1\n\tline 2"
    assert safe_text("Ada\nLovelace\t", one_line=True) == r"Ada\u000aLovelace\u0009"


def test_bidi_controls_are_escaped_and_hebrew_and_arabic_pass_unchanged():
    assert safe_text(f"photo{RLO}gpj.exe") == r"photo\u202egpj.exe"
    assert not ACTIVE.search(safe_text(BIDI))
    assert safe_text(BIDI) == "".join(f"\\u{ord(c):04x}" for c in BIDI)
    assert safe_text(f"{HEBREW} {ARABIC} 123", one_line=True) == f"{HEBREW} {ARABIC} 123"


def test_a_lone_surrogate_is_escaped_so_printing_it_cannot_fail():
    assert safe_text("\ud800x").encode() == rb"\ud800x"


def item(**fields) -> ChatItem:
    base = {"Id": "i-1", "AbsoluteTime": "2026-12-01T10:00:00.000Z", "ParticipantRole": "AGENT"}
    return ChatItem.from_service({**base, **fields})


def test_every_field_the_other_side_fills_is_printed_inert():
    name = f"Mallory{OSC_TITLE}\n[10:00:00] Bank (agent)"
    message = item(Type="MESSAGE", DisplayName=name, Content=f"hi{CLEAR_SCREEN}\nthere")
    assert message.describe() == (
        r"[10:00:00] Mallory\u001b]0;pwned\u0007\u000a[10:00:00] Bank (agent) (agent): "
        "hi\\u001b[2J\nthere"
    )
    listed = {"AttachmentId": "a", "AttachmentName": f"inv{RLO}fdp.exe", "Status": "APPROVED"}
    attachment = item(Type="ATTACHMENT", DisplayName="A", Attachments=[listed])
    event = item(Type="EVENT", DisplayName="A", ContentType=f"x/{OSC_TITLE}")
    interactive = item(
        Type="MESSAGE",
        DisplayName="A",
        ContentType=INTERACTIVE,
        Content='{"templateType": "QuickReply", "data": {"content": {"title": "t\\u001b[2J",'
        ' "elements": [{"title": "yes\\n  2. no", "subtitle": "\\u202e"}]}}}',
    )
    time = item(Type="EVENT", DisplayName="A", AbsoluteTime=f"2026-12-01T{OSC_TITLE}")
    assert attachment.describe().endswith(r"inv\u202efdp.exe (ready)")
    assert event.describe().endswith(r"x/\u001b]0;pwned\u0007")
    assert interactive.text() == "t\\u001b[2J\n" + r"  1. yes\u000a  2. no — \u202e"
    assert interactive.choices() == ["yes\n  2. no"], "a reply sends the choice as it came"
    for shown in (attachment, event, interactive, time):
        assert not ACTIVE_IN_A_LINE.search(shown.describe().replace("\n", "")), shown.describe()


def test_problem_details_from_the_api_print_inert_on_one_line():
    problem = StartChatError(403, f"Forbidden{CLEAR_SCREEN}", f"no\n{RLO}way", "1", "x")
    assert str(problem) == (
        r"start chat failed: 403 Forbidden\u001b[2J: no\u000a\u202eway (retry after 1 s)"
    )
    refused = ClientError(
        {"Error": {"Code": "ValidationException", "Message": f"bad{OSC_TITLE}\nname"}}, "op"
    )
    assert str(as_chat_error("send_message", refused)) == (
        r"send_message failed: ValidationException: bad\u001b]0;pwned\u0007\u000aname"
    )


def test_send_prints_the_agents_echo_of_escape_sequences_inert(stack):
    hostile = f"{OSC_TITLE}{CLEAR_SCREEN}{RLO}txt.exe {HEBREW}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chat_client",
            "send",
            "--url",
            stack.start_chat_url,
            "--name",
            "Ada",
            "--wait",
            "1",
            "--message",
            hostile,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **stack.client_env},
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert RLO not in result.stdout
    assert (
        r"Local Agent (agent): You said: \u001b]0;pwned\u0007\u001b[2J\u202etxt.exe " + HEBREW
    ) in result.stdout
