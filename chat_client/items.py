"""Chat items as the Participant Service sends them (transcript Items and websocket content)."""

from dataclasses import dataclass
from typing import Any

from chat_client.interactive import INTERACTIVE, Interactive, read_interactive
from chat_client.interactive import timeslot_date as timeslot_date
from chat_client.safe_text import safe_text

EVENT = "application/vnd.amazonaws.connect.event."
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
            attachment_id=_text(listed.get("AttachmentId")),
            name=_text(listed.get("AttachmentName")),
            content_type=_text(listed.get("ContentType")),
            status=_text(listed.get("Status")) or "IN_PROGRESS",
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
        """Whatever the other side sent, as an item: a member of the wrong type reads as
        absent, so one malformed item never ends the chat for the client."""
        is_receipt = item.get("Type") == "MESSAGEMETADATA"
        metadata = _object(item.get("MessageMetadata"))
        receipts = metadata.get("Receipts")
        first_receipt = _object(receipts[0]) if isinstance(receipts, list) and receipts else {}
        listed = item.get("Attachments")
        listed = [a for a in listed if isinstance(a, dict)] if isinstance(listed, list) else []
        return cls(
            id=_text(item.get("Id")),
            type=_text(item.get("Type")),
            content_type=_text(item.get("ContentType")),
            absolute_time=_text(item.get("AbsoluteTime")),
            content=_optional_text(item.get("Content")),
            participant_id=_optional_text(item.get("ParticipantId")),
            display_name=_optional_text(item.get("DisplayName")),
            participant_role=_optional_text(item.get("ParticipantRole")),
            contact_id=_optional_text(item.get("ContactId")),
            attachments=tuple(AttachmentRef.from_service(a) for a in listed),
            receipt_for=_optional_text(metadata.get("MessageId")) if is_receipt else None,
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
        """One line for a terminal (more if a message has them): time, sender, and what
        happened, everything from the other side made safe to print."""
        clock = self.absolute_time[11:19] if len(self.absolute_time) >= 19 else self.absolute_time
        if self.kind == "ended":
            return safe_text(f"[{clock}] The chat has ended.", one_line=True)
        who = self.display_name or "?"
        if self.participant_role != "SYSTEM":  # the contact flow speaks as itself
            who += f" ({(self.participant_role or '?').lower()})"
        head = safe_text(f"[{clock}] {who}", one_line=True)
        if self.kind == "message":
            return f"{head}: {self.text()}"
        what = {
            "attachment": ": "
            + ", ".join(f"{a.name} ({_STATUS.get(a.status, a.status)})" for a in self.attachments),
            "joined": " joined",
            "left": " left",
            "typing": " is typing…",
            "receipt": f" {self.receipt} your message",
        }.get(self.kind, f" {self.content_type}")
        return head + safe_text(what, one_line=True)

    def text(self) -> str:
        """The message made safe to print: an interactive message as its title and numbered
        choices (answered by typing the choice, as chat widgets answer), or as plain text if
        it cannot be read as one."""
        interactive = self._interactive()
        if interactive is None:
            return safe_text(self.content or "")
        return interactive_text(interactive)

    def choices(self) -> list[str]:
        """What an interactive message offers, in order, as sent (what a reply sends)."""
        interactive = self._interactive()
        return [] if interactive is None else [option.reply for option in interactive.options]

    def _interactive(self) -> Interactive | None:
        return read_interactive(self.content) if self.content_type == INTERACTIVE else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _receipt_kind(receipt: dict[str, Any]) -> str:
    return "read" if "ReadTimestamp" in receipt else "delivered"


_STATUS = {"IN_PROGRESS": "being scanned", "APPROVED": "ready", "REJECTED": "rejected by the scan"}


def interactive_text(interactive: Interactive) -> str:
    """The title, then one numbered choice a line; choices that are their own numbers (a
    1 to 5 rating) on one line, as the browser shows them as a row of buttons."""
    lines = [safe_text(interactive.title, one_line=True)]
    options = interactive.options
    numbered = [(str(n), option) for n, option in enumerate(options, 1)]
    if numbered and all(number == option.label for number, option in numbered):
        lines.append("  " + " · ".join(number for number, _ in numbered) + " (type a number)")
        return "\n".join(lines)
    for number, option in numbered:
        line = f"  {number}. {option.label}" + (f" — {option.note}" if option.note else "")
        lines.append(safe_text(line, one_line=True))
    return "\n".join(lines)
