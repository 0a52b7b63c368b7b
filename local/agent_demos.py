"""What the local agent sends for `demo …`: one of each rich message a real agent or contact
flow can send, so anyone can see the chat view handle it. The markdown carries a script tag,
an image with onerror and a javascript: link, none of which may ever run."""

import json
from datetime import UTC, datetime, timedelta

COMMANDS = ("markdown", "list", "quick", "time", "attachment", "survey")
HELP = "Try " + ", ".join(f"`demo {name}`" for name in COMMANDS) + "."

MARKDOWN = """Here is **bold text**, some _emphasis_ and a list:

- one item
- another item

Read [our help page](https://example.com/help) or [this link](javascript:window.__unsafe=3).

<script>window.__unsafe = 1</script><img src="x" onerror="window.__unsafe = 2">"""

ATTACHMENT_NAME = "opening-hours.txt"
ATTACHMENT_TEXT = b"Monday to Friday, 9:00 to 17:00.\n"


def interactive(template_type: str, content: dict[str, object]) -> str:
    return json.dumps(
        {"templateType": template_type, "version": "1.0", "data": {"content": content}}
    )


def list_picker() -> str:
    return interactive(
        "ListPicker",
        {
            "title": "What can we help you with?",
            "subtitle": "Choose one",
            "elements": [
                {"title": "Track an order", "subtitle": "Where is my parcel?"},
                {"title": "Return an item"},
                {"title": "Something else"},
            ],
        },
    )


def quick_reply() -> str:
    return interactive(
        "QuickReply",
        {"title": "Was this helpful?", "elements": [{"title": "Yes"}, {"title": "No"}]},
    )


def time_picker(now: datetime | None = None) -> str:
    tomorrow = (now or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0) + timedelta(
        days=1
    )
    slots = [tomorrow.replace(hour=hour) for hour in (9, 11, 15)]
    return interactive(
        "TimePicker",
        {
            "title": "When should we call you back?",
            "timeZoneOffset": 0,
            "timeslots": [
                {"date": slot.strftime("%Y-%m-%dT%H:%M+00:00"), "duration": 30} for slot in slots
            ],
        },
    )


def survey() -> str:
    return interactive(
        "QuickReply",
        {
            "title": "How did we do? 1 is poor, 5 is great.",
            "elements": [{"title": str(score)} for score in range(1, 6)],
        },
    )
