"""Chat items as the Participant Service sends them (transcript Items and websocket content)."""

from dataclasses import dataclass
from typing import Any

EVENT = "application/vnd.amazonaws.connect.event."
KINDS = {
    EVENT + "participant.joined": "joined",
    EVENT + "participant.left": "left",
    EVENT + "typing": "typing",
    EVENT + "chat.ended": "ended",
}


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

    @classmethod
    def from_service(cls, item: dict[str, Any]) -> "ChatItem":
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
        )

    @property
    def kind(self) -> str:
        """message, joined, left, typing, ended, or event (anything else)."""
        if self.type == "MESSAGE":
            return "message"
        return KINDS.get(self.content_type, "event")

    def describe(self) -> str:
        """One line for a terminal: time, sender, and what happened."""
        clock = self.absolute_time[11:19] if len(self.absolute_time) >= 19 else self.absolute_time
        who = f"{self.display_name or '?'} ({(self.participant_role or '?').lower()})"
        text = {
            "message": f": {self.content}",
            "joined": " joined",
            "left": " left",
            "typing": " is typing…",
            "ended": " — chat ended",
        }.get(self.kind, f" {self.content_type}")
        return f"[{clock}] {who}{text}"
