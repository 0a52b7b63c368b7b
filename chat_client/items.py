"""Chat items as the Participant Service sends them (transcript Items and websocket content)."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

EVENT = "application/vnd.amazonaws.connect.event."
INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"
KINDS = {
    EVENT + "participant.joined": "joined",
    EVENT + "participant.left": "left",
    EVENT + "typing": "typing",
    EVENT + "chat.ended": "ended",
}


@dataclass(frozen=True, kw_only=True)
class AttachmentRef:
    attachment_id: str
    name: str
    content_type: str
    status: str  # IN_PROGRESS (being scanned), APPROVED or REJECTED

    @classmethod
    def from_service(cls, listed: dict[str, Any]) -> "AttachmentRef":
        return cls(
            attachment_id=listed["AttachmentId"],
            name=listed.get("AttachmentName", ""),
            content_type=listed.get("ContentType", ""),
            status=listed.get("Status", "IN_PROGRESS"),
        )


@dataclass(frozen=True, kw_only=True)
class ChatItem:
    id: str
    type: str
    content_type: str
    absolute_time: str
    content: str | None = None
    participant_id: str | None = None
    display_name: str | None = None
    participant_role: str | None = None
    contact_id: str | None = None
    attachments: tuple[AttachmentRef, ...] = ()
    receipt_for: str | None = None  # a receipt's message id
    receipt: str | None = None  # "delivered" or "read"

    @classmethod
    def from_service(cls, item: dict[str, Any]) -> "ChatItem":
        is_receipt = item.get("Type") == "MESSAGEMETADATA"
        metadata = item.get("MessageMetadata") or {}
        first_receipt = (metadata.get("Receipts") or [{}])[0]
        return cls(
            id=item["Id"],
            type=item.get("Type", ""),
            content_type=item.get("ContentType", ""),
            absolute_time=item.get("AbsoluteTime", ""),
            content=item.get("Content"),
            participant_id=item.get("ParticipantId"),
            display_name=item.get("DisplayName"),
            participant_role=item.get("ParticipantRole"),
            contact_id=item.get("ContactId"),
            attachments=tuple(AttachmentRef.from_service(a) for a in item.get("Attachments") or []),
            receipt_for=metadata.get("MessageId") if is_receipt else None,
            receipt=_receipt_kind(first_receipt) if is_receipt else None,
        )

    @property
    def kind(self) -> str:
        """message, attachment, receipt, joined, left, typing, ended, or event (the rest)."""
        if self.type == "MESSAGE":
            return "message"
        if self.type == "ATTACHMENT":
            return "attachment"
        if self.type == "MESSAGEMETADATA":
            return "receipt"
        return KINDS.get(self.content_type, "event")

    @property
    def version(self) -> str:
        """Tells apart the items of one Id: an attachment is sent again with its scan verdict."""
        return self.id + "".join(f":{a.status}" for a in self.attachments)

    def describe(self) -> str:
        """One line for a terminal: time, sender, and what happened."""
        clock = self.absolute_time[11:19] if len(self.absolute_time) >= 19 else self.absolute_time
        who = f"{self.display_name or '?'} ({(self.participant_role or '?').lower()})"
        text = {
            "message": f": {self.text()}",
            "attachment": ": "
            + ", ".join(f"{a.name} ({_STATUS[a.status]})" for a in self.attachments),
            "joined": " joined",
            "left": " left",
            "typing": " is typing…",
            "ended": " — chat ended",
            "receipt": f" {self.receipt} your message",
        }.get(self.kind, f" {self.content_type}")
        return f"[{clock}] {who}{text}"

    def text(self) -> str:
        """The message as a terminal shows it: an interactive message as its title and
        numbered choices (answered by typing the choice, as chat widgets answer)."""
        if self.content_type != INTERACTIVE:
            return self.content or ""
        return interactive_text(self.content or "")

    def choices(self) -> list[str]:
        """What an interactive message offers, in order (what a reply sends)."""
        if self.content_type != INTERACTIVE:
            return []
        return [choice for choice, _ in _interactive(self.content or "")[1]]


def _receipt_kind(receipt: dict[str, Any]) -> str:
    return "read" if "ReadTimestamp" in receipt else "delivered"


_STATUS = {"IN_PROGRESS": "being scanned", "APPROVED": "ready", "REJECTED": "rejected by the scan"}


def _interactive(content: str) -> tuple[str, list[tuple[str, str]]]:
    """An interactive message's title and its (choice, note) pairs."""
    try:
        message = json.loads(content)
        body = message["data"]["content"]
        template = message["templateType"]
    except (ValueError, KeyError, TypeError):
        return content, []
    if template == "TimePicker":
        offset = body.get("timeZoneOffset")
        slots = body.get("timeslots", [])
        options = [
            (timeslot_date(slot["date"], offset), f"{slot.get('duration', '?')} minutes")
            for slot in slots
        ]
    else:
        elements = body.get("elements", [])
        options = [(element["title"], element.get("subtitle", "")) for element in elements]
    return str(body.get("title", template)), options


def timeslot_date(date: str, offset_minutes: int | None) -> str:
    """A time slot as chat-interface sends it: with timeZoneOffset, the date moved by it in
    JavaScript's toISOString() form with its last two characters swapped for +00:00
    ("…T18:00:00.00+00:00"); without, the slot's own date."""
    if not offset_minutes:
        return date
    moved = datetime.fromisoformat(date).astimezone(UTC) + timedelta(minutes=offset_minutes)
    return moved.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moved.microsecond // 1000:03d}"[:2] + "+00:00"


def interactive_text(content: str) -> str:
    title, options = _interactive(content)
    lines = [title]
    for number, (choice, note) in enumerate(options, 1):
        lines.append(f"  {number}. {choice}" + (f" — {note}" if note else ""))
    return "\n".join(lines)
