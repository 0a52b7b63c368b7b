"""Interactive messages from the other side that are not what they claim: never a crash,
shown as their (inert) text with no choices, and the chat carries on (no stack needed)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chat_client.items import INTERACTIVE, ChatItem
from chat_client.safe_text import safe_text
from chat_client.talk import Conversation


def interactive(content: str | None) -> ChatItem:
    return ChatItem.from_service(
        {
            "Id": "i-1",
            "Type": "MESSAGE",
            "ContentType": INTERACTIVE,
            "Content": content,
            "AbsoluteTime": "2026-12-01T10:00:00.000Z",
            "DisplayName": "A",
            "ParticipantRole": "AGENT",
        }
    )


def template(template_type: object, content: object) -> str:
    return json.dumps({"templateType": template_type, "data": {"content": content}})


MALFORMED = {
    "no content": None,
    "null": "null",
    "not JSON": "{not json\x1b[2J",
    "a list": "[1, 2]",
    "a string": '"hello"',
    "no templateType": json.dumps({"data": {"content": {"elements": []}}}),
    "templateType not a string": template(7, {"elements": []}),
    "no data": json.dumps({"templateType": "ListPicker"}),
    "data not an object": json.dumps({"templateType": "ListPicker", "data": [1]}),
    "content not an object": template("ListPicker", "x"),
    "no elements": template("ListPicker", {"title": "t"}),
    "elements not a list": template("ListPicker", {"elements": {"title": "a"}}),
    "an element not an object": template("QuickReply", {"elements": ["yes", "no"]}),
    "an element without a title": template("QuickReply", {"elements": [{"subtitle": "s"}]}),
    "a title not a string": template("QuickReply", {"title": 5, "elements": []}),
    "a subtitle not a string": template(
        "ListPicker", {"elements": [{"title": "a", "subtitle": {}}]}
    ),
    "no timeslots": template("TimePicker", {"title": "t"}),
    "a slot not an object": template("TimePicker", {"timeslots": ["2026-12-01T09:00+00:00"]}),
    "a slot without a date": template("TimePicker", {"timeslots": [{"duration": 30}]}),
    "an invalid date": template("TimePicker", {"timeslots": [{"date": "2026-13-45T99:00"}]}),
    "a date not a string": template("TimePicker", {"timeslots": [{"date": 20261201}]}),
    "an offset not a number": template(
        "TimePicker", {"timeZoneOffset": "60", "timeslots": [{"date": "2026-12-01T09:00+00:00"}]}
    ),
    "an offset past the calendar": template(
        "TimePicker", {"timeZoneOffset": 10**12, "timeslots": [{"date": "2026-12-01T09:00+00:00"}]}
    ),
    "a date moved past the calendar": template(
        "TimePicker", {"timeZoneOffset": 60, "timeslots": [{"date": "9999-12-31T23:30+00:00"}]}
    ),
    "nesting deeper than JSON goes": "[" * 100_000,
}


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_interactive_message_is_inert_plain_text(content):
    message = interactive(content)
    assert message.text() == safe_text(content or "")
    assert message.choices() == []
    assert message.describe() == f"[10:00:00] A (agent): {safe_text(content or '')}"


class Chat:
    """What Conversation needs of a ChatSession to show items."""

    async def mark_read(self, _item: ChatItem) -> None:
        pass


async def test_talk_shows_a_malformed_interactive_message_and_carries_on(capsys):
    conversation = Conversation(Chat())
    await conversation.show(interactive(MALFORMED["an invalid date"]))
    await conversation.show(interactive(template("QuickReply", {"elements": [{"title": "ok"}]})))
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == f"[10:00:00] A (agent): {MALFORMED['an invalid date']}"
    assert shown[1:] == ["[10:00:00] A (agent): QuickReply", "  1. ok"]
    assert conversation.choices == ["ok"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def mostly(value: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """The value a template expects, or now and then any JSON at all."""
    return st.one_of(value, value, value, JSON)


DATES = st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat())
ELEMENT = st.fixed_dictionaries(
    {"title": mostly(st.text())}, optional={"subtitle": mostly(st.text())}
)
SLOT = st.fixed_dictionaries({"date": mostly(DATES)}, optional={"duration": mostly(st.integers())})
ELEMENTS = st.fixed_dictionaries(
    {"elements": mostly(st.lists(mostly(ELEMENT), max_size=4))},
    optional={"title": mostly(st.text())},
)
SLOTS = st.fixed_dictionaries(
    {"timeslots": mostly(st.lists(mostly(SLOT), max_size=4))},
    optional={"title": mostly(st.text()), "timeZoneOffset": mostly(st.integers())},
)
NEAR_TEMPLATES = st.one_of(
    st.builds(template, st.sampled_from(["ListPicker", "QuickReply", "Panel"]), mostly(ELEMENTS)),
    st.builds(template, st.just("TimePicker"), mostly(SLOTS)),
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(JSON.map(json.dumps), NEAR_TEMPLATES, st.text()))
def test_no_content_makes_the_interactive_parser_raise_or_print_controls(content):
    message = interactive(content)
    shown, choices = message.describe(), message.choices()
    assert safe_text(shown) == shown, "nothing left for a terminal to act on"
    if choices:
        assert len(shown.splitlines()) == 1 + len(choices), "a title and each choice: one line"
