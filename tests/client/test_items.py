"""ChatItem from the service's items: attachments, receipts and interactive messages as a
terminal shows them (no stack needed)."""

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chat_client.items import INTERACTIVE, ChatItem
from local.agent_demos import time_picker


def item(**fields) -> ChatItem:
    base = {
        "Id": "i-1",
        "AbsoluteTime": "2026-12-01T10:00:00.000Z",
        "DisplayName": "Agent",
        "ParticipantRole": "AGENT",
    }
    return ChatItem.from_service({**base, **fields})


def test_an_attachment_names_its_file_and_scan_state_and_versions_by_status():
    listed = {"AttachmentId": "a-1", "AttachmentName": "notes.txt", "ContentType": "text/plain"}
    scanning = item(Type="ATTACHMENT", Attachments=[{**listed, "Status": "IN_PROGRESS"}])
    approved = item(Type="ATTACHMENT", Attachments=[{**listed, "Status": "APPROVED"}])
    assert scanning.kind == "attachment"
    assert scanning.describe().endswith("Agent (agent): notes.txt (being scanned)")
    assert approved.describe().endswith("notes.txt (ready)")
    assert scanning.version != approved.version  # the same Id, told apart by its verdict
    assert item(Type="MESSAGE", Content="x").version == "i-1"


def test_a_receipt_says_which_message_and_how_far():
    read = item(
        Type="MESSAGEMETADATA",
        MessageMetadata={
            "MessageId": "m-9",
            "Receipts": [{"ReadTimestamp": "t", "RecipientParticipantId": "p"}],
        },
    )
    assert (read.kind, read.receipt, read.receipt_for) == ("receipt", "read", "m-9")
    message = item(
        Type="MESSAGE", Content="hi", MessageMetadata={"MessageId": "i-1", "Receipts": []}
    )
    assert (message.receipt, message.receipt_for) == (None, None)


@pytest.fixture
def utc(monkeypatch):
    """This process in UTC while the test runs (slots are worded in the local time zone)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_picker_offers_its_slots_dates_and_bad_content_stays_text(utc):
    picker = item(Type="MESSAGE", ContentType=INTERACTIVE, Content=time_picker())
    slots = json.loads(time_picker())["data"]["content"]["timeslots"]
    assert picker.choices() == [slot["date"] for slot in slots]
    assert slots[0]["date"] == "2026-12-07T09:00+00:00"
    assert picker.text().splitlines()[1] == "  1. Mon 7 Dec 09:00 — 30 min", (
        "as the browser words it"
    )
    broken = item(Type="MESSAGE", ContentType=INTERACTIVE, Content="{not json")
    assert (broken.text(), broken.choices()) == ("{not json", [])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
item_members = st.fixed_dictionaries(
    {},
    optional={
        key: json_values
        for key in (
            "Id",
            "Type",
            "ContentType",
            "AbsoluteTime",
            "Content",
            "DisplayName",
            "ParticipantRole",
            "Attachments",
            "MessageMetadata",
        )
    },
)


@given(item=item_members)
def test_any_item_the_service_sends_is_read_and_described_never_raised(item):
    read = ChatItem.from_service(item)
    assert isinstance(read.describe(), str)
    assert isinstance(read.version, str)


@pytest.mark.parametrize(
    "item",
    [
        {"Id": "a", "Type": "ATTACHMENT", "Attachments": []},
        {"Id": "a", "Type": "ATTACHMENT", "Attachments": [{}]},
        {"Id": "a", "Type": "ATTACHMENT", "Attachments": "x"},
        {"Type": "MESSAGE", "Content": "no id"},
        {"Id": "r", "Type": "MESSAGEMETADATA", "MessageMetadata": {"Receipts": {"0": 1}}},
    ],
    ids=["no-files", "file-without-id", "files-not-a-list", "no-id", "receipts-not-a-list"],
)
def test_a_malformed_item_from_the_service_still_describes(item):
    assert ChatItem.from_service(item).describe()


def test_a_rating_reads_as_one_row_of_numbers_not_one_two_three():
    survey = json.dumps(
        {
            "templateType": "QuickReply",
            "data": {
                "content": {
                    "title": "How did we do?",
                    "elements": [{"title": str(n)} for n in range(1, 6)],
                }
            },
        }
    )
    rating = item(Type="MESSAGE", ContentType=INTERACTIVE, Content=survey)
    assert rating.text().splitlines() == ["How did we do?", "  1 · 2 · 3 · 4 · 5 (type a number)"]
    assert rating.choices() == ["1", "2", "3", "4", "5"]


def test_the_end_of_a_chat_and_the_flows_messages_read_in_plain_words():
    ended = item(
        Type="EVENT",
        ContentType="application/vnd.amazonaws.connect.event.chat.ended",
        DisplayName="Local Agent",
        ParticipantRole="SYSTEM",
    )
    survey = item(
        Type="MESSAGE",
        ContentType="text/plain",
        Content="Thank you for your rating.",
        DisplayName="Survey",
        ParticipantRole="SYSTEM",
    )
    assert ended.describe().endswith("] The chat has ended.")
    assert survey.describe().endswith("] Survey: Thank you for your rating.")
