"""Interactive messages (Amazon Connect's templates) as a terminal shows them: the title and
numbered choices. The content comes from the other side of the chat, so anything that is not
a template this reads (not JSON, not an object, a field missing or of the wrong type, a time
slot that is not a date) is not an interactive message here: None, shown as plain text."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"


@dataclass(frozen=True)
class Option:
    reply: str  # what answering sends, as chat widgets send it
    label: str  # what the customer reads, as the browser words it
    note: str = ""


@dataclass(frozen=True)
class Interactive:
    title: str
    options: tuple[Option, ...]


def read_interactive(content: str | None) -> Interactive | None:
    try:
        message = json.loads(content or "")
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than json can go
        return None
    data = message.get("data") if isinstance(message, dict) else None
    body = data.get("content") if isinstance(data, dict) else None
    template = message.get("templateType") if isinstance(message, dict) else None
    if not isinstance(body, dict) or not isinstance(template, str):
        return None
    title = body.get("title", template)
    options = _time_slots(body) if template == "TimePicker" else _elements(body)
    if not isinstance(title, str) or options is None:
        return None
    return Interactive(title, options)


def _elements(body: dict[str, Any]) -> tuple[Option, ...] | None:
    elements = body.get("elements")
    if not isinstance(elements, list) or not all(isinstance(e, dict) for e in elements):
        return None
    pairs = [(e.get("title"), e.get("subtitle", "")) for e in elements]
    if not all(isinstance(choice, str) and isinstance(note, str) for choice, note in pairs):
        return None
    return tuple(Option(choice, choice, note) for choice, note in pairs)


def _time_slots(body: dict[str, Any]) -> tuple[Option, ...] | None:
    slots, offset = body.get("timeslots"), body.get("timeZoneOffset")
    if not isinstance(slots, list) or not (offset is None or _is_int(offset)):
        return None
    options = []
    for slot in slots:
        date = slot.get("date") if isinstance(slot, dict) else None
        duration = slot.get("duration", "?") if isinstance(slot, dict) else None
        if not isinstance(date, str) or not (_is_int(duration) or duration == "?"):
            return None
        try:
            reply = timeslot_date(date, offset)
            label = slot_label(reply)
        except (ValueError, OverflowError, OSError):  # not a date, or moved out of range
            return None
        options.append(Option(reply, label, f"{duration} min" if duration != "?" else ""))
    return tuple(options)


def slot_label(reply: str) -> str:
    """A slot as the browser words it: weekday, day, month and time, in this machine's time
    zone ("Mon 7 Dec 09:00")."""
    when = datetime.fromisoformat(reply)
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when:%a} {when.day} {when:%b %H:%M}"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def timeslot_date(date: str, offset_minutes: int | None) -> str:
    """A time slot as chat-interface sends it: with timeZoneOffset, the date moved by it in
    JavaScript's toISOString() form with its last two characters swapped for +00:00
    ("…T18:00:00.00+00:00"); without, the slot's own date. ValueError if it is not one."""
    parsed = datetime.fromisoformat(date)
    if not offset_minutes:
        return date
    moved = parsed.astimezone(UTC) + timedelta(minutes=offset_minutes)
    return moved.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moved.microsecond // 1000:03d}"[:2] + "+00:00"
